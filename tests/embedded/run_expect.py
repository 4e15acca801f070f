#!/usr/bin/env python3
"""Runs a program under the emulator and checks its exact exit status and output.

    run_expect.py --status 103 --output "HardFault" -- qemu-system-arm ... -kernel prog.elf

Meson's should_fail accepts any failure (a crash of the emulator, a typo); this insists on
the status the startup code's fault handler gives and on its message. A hang is a failure
after --timeout seconds.
"""
import argparse
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--status", type=int, required=True)
    parser.add_argument("--output", action="append", default=[], help="text that must appear in stdout+stderr")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"timeout after {args.timeout} s: {' '.join(command)}")
        return 1
    output = done.stdout + done.stderr
    sys.stdout.write(output)
    ok = True
    if done.returncode != args.status:
        print(f"exit status {done.returncode}, expected {args.status}")
        ok = False
    for text in args.output:
        if text not in output:
            print(f"missing output: {text!r}")
            ok = False
    print("as expected" if ok else "NOT as expected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
