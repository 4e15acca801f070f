#!/usr/bin/env python3
"""Instructions executed and code bytes of the embedded benchmark's kernels.

    insn_count.py --plugin libcxla_insn_count.so [--nm NM] [--objdump OBJDUMP]
                  [--runs 2] [--markdown FILE] -- QEMU_COMMAND... bench_program.elf

Runs the ELF under QEMU with the counting plugin (tools/embedded/insn_count_plugin.cpp)
armed on cxla_bench_begin / cxla_bench_end. A region's count includes the measuring
overhead; the `empty` region's kernel is a single `bx lr`, so

    instructions(kernel) = count(kernel region) - count(empty region) + 1

and the `ten_nops` region (10 nops + bx lr) must give exactly 11, or the method is wrong and
the script fails. It also fails if two runs disagree or the program reports a wrong result.
Code bytes are the kernel function's own size (nm); the functions it calls, transitively
(objdump's call graph), are listed with their sizes.
"""
import argparse
import re
import subprocess
import sys

# Arm's figures, measured on this machine with the same flags (-O2, Cortex-M4F) and cited
# from the project's issue 5: CMSIS-DSP arm_mat_vec_mult_f32 and CMSIS-NN's experimental
# arm_softmax_f32. Targets: cxla's goals from the same issue.
REFERENCE = {
    "matvec_f32_16x16": ("CMSIS-DSP arm_mat_vec_mult_f32: 817 insns, 336 B", 700, 300),
    "softmax_f32_16": ("CMSIS-NN arm_softmax_f32: 1063 insns, 556 B + 1028 B table", 800, 320),
    "attention_f32_n16_d16": ("(no CMSIS single-call equivalent)", None, None),
}


def symbol_table(nm, elf):
    out = subprocess.run([nm, "-S", "--defined-only", elf], check=True, capture_output=True, text=True).stdout
    table = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            address, size, kind, name = parts
            if kind.lower() in ("t", "w"):
                table[name] = (int(address, 16) & ~1, int(size, 16))
        elif len(parts) == 3:
            address, kind, name = parts
            table.setdefault(name, (int(address, 16) & ~1, 0))
    return table


def call_graph(objdump, elf):
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True, capture_output=True,
                         text=True).stdout
    calls, current = {}, None
    header = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")
    branch = re.compile(r"\s(bl|blx|b|b\.w|b\.n|beq|bne|bgt|blt|bge|ble|bhi|bls|bcs|bcc|bmi|bpl)(\.[wn])?\s+"
                        r"[0-9a-f]+ <([^>+]+)(\+0x[0-9a-f]+)?>")
    for line in out.splitlines():
        m = header.match(line)
        if m:
            current = m.group(1)
            calls.setdefault(current, set())
            continue
        m = branch.search(line)
        if m and current and m.group(3) != current:
            calls[current].add(m.group(3))
    return calls


def code_bytes(kernel, symbols, calls):
    """The kernel's own size, and the functions it calls (transitively) with their sizes."""
    seen, todo = set(), [kernel]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(calls.get(name, ()))
    size = lambda name: symbols.get(name, (0, 0))[1]
    return size(kernel), [(name, size(name)) for name in sorted(seen - {kernel})]


def run_once(command, plugin, begin, end, timeout):
    full = command[:1] + ["-plugin", f"{plugin},begin={begin:#x},end={end:#x}"] + command[1:]
    done = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    # QEMU sends semihosting output to stderr, like the plugin: one stream, in order.
    output = done.stdout + done.stderr
    regions = re.findall(r"^region (\S+)$", output, re.M)
    counts = [int(n) for n in re.findall(r"^cxla-insn-count region \d+: (\d+)$", output, re.M)]
    return done, regions, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--nm", default="arm-none-eabi-nm")
    parser.add_argument("--objdump", default="arm-none-eabi-objdump")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--core", default="", help="label for the table")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- QEMU command ... ELF")
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command
    if len(command) < 2:
        parser.error("give the QEMU command line ending in the ELF after --")
    elf = command[-1]

    symbols = symbol_table(args.nm, elf)
    calls = call_graph(args.objdump, elf)
    try:
        begin, end = symbols["cxla_bench_begin"][0], symbols["cxla_bench_end"][0]
    except KeyError:
        print(f"{elf}: no cxla_bench_begin/cxla_bench_end symbols")
        return 1

    runs = []
    for _ in range(args.runs):
        done, regions, counts = run_once(command, args.plugin, begin, end, args.timeout)
        if done.returncode != 0 or len(regions) != len(counts) or not counts:
            sys.stdout.write(done.stdout + done.stderr)
            print(f"benchmark run failed: status {done.returncode}, {len(regions)} regions, {len(counts)} counts")
            return 1
        runs.append(dict(zip(regions, counts)))
    if any(r != runs[0] for r in runs):
        print("counts differ between runs:", runs)
        return 1
    counts = runs[0]
    overhead = counts["empty"] - 1
    calibration = counts["ten_nops"] - overhead
    status = 0
    if calibration != 11:
        print(f"calibration failed: ten nops + bx lr counted {calibration}, expected 11")
        status = 1

    # Arm's figures and the targets are for the Cortex-M4F build only.
    compare = args.core in ("", "cortex-m4f")
    rows = []
    for region, count in counts.items():
        if region in ("empty", "ten_nops"):
            continue
        kernel = "cxla_kernel_" + region
        size, callees = code_bytes(kernel, symbols, calls)
        insns = count - overhead
        row = [region, str(insns), str(size),
               ", ".join(f"{name} ({callee_size} B)" for name, callee_size in callees) or "-"]
        if compare:
            reference, insn_target, size_target = REFERENCE.get(region, ("", None, None))
            verdict = []
            if insn_target is not None:
                verdict.append(f"insns {'<=' if insns <= insn_target else '>'} {insn_target}")
            if size_target is not None:
                verdict.append(f"bytes {'<=' if size <= size_target else '>'} {size_target}")
            row += [reference, "; ".join(verdict)]
        rows.append(row)

    core = f" ({args.core})" if args.core else ""
    header = [f"kernel{core}", "instructions", "code bytes", "callees"]
    if compare:
        header += ["Arm's library", "target (issue 5)"]
    lines = ["| " + " | ".join(header) + " |", "|---|---:|---:|" + "---|" * (len(header) - 3)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    table = "\n".join(lines)
    print(table)
    print(f"(measuring overhead {overhead} instructions subtracted; calibration {calibration}/11; "
          f"{args.runs} identical runs)")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
