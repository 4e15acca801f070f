#!/usr/bin/env python3
"""Checks that a compile-time result is plain read-only data in a linked program.

Passes only if
  1. SYMBOL is a data object (type O) in a read-only data section (.rodata or .rodata.*),
  2. its size is SIZE bytes,
  3. the program has no dynamic initialiser (_GLOBAL__sub_I_*), so no code computes it at
     start-up: the values were written by the compiler.

usage: check_rodata.py [--expect-rejected] OBJDUMP PROGRAM SYMBOL SIZE

With --expect-rejected (for a control program) it passes only if SYMBOL exists with SIZE
bytes and the check rejects it for being outside .rodata or computed at start-up.
"""
import subprocess
import sys


def main() -> int:
    args = sys.argv[1:]
    expect_rejected = bool(args) and args[0] == '--expect-rejected'
    if expect_rejected:
        args = args[1:]
    if len(args) != 4:
        print(__doc__)
        return 2
    objdump, program, symbol, size = args[0], args[1], args[2], int(args[3])
    table = subprocess.run([objdump, '-t', '-C', program], capture_output=True, text=True, check=True).stdout
    ok = True
    placement_ok = True
    # objdump -t: ADDRESS FLAGS... SECTION SIZE NAME
    rows = [ln for ln in table.splitlines() if ln.split() and ln.split()[-1] == symbol]
    if len(rows) != 1:
        print(f'FAIL: {len(rows)} symbols named {symbol} in {program}')
        return 1
    row = rows[0]
    print(row)
    before_tab, after_tab = row.split('\t', 1)
    section, found_size = before_tab.split()[-1], int(after_tab.split()[0], 16)
    if not (section == '.rodata' or section.startswith('.rodata.')):
        print(f'FAIL: {symbol} is in {section}, not in .rodata')
        placement_ok = False
    if ' O ' not in row:
        print(f'FAIL: {symbol} is not a data object')
        ok = False
    if found_size != size:
        print(f'FAIL: {symbol} has {found_size} bytes, expected {size}')
        ok = False
    initialisers = [ln.split()[-1] for ln in table.splitlines() if '_GLOBAL__sub_I_' in ln]
    if initialisers:
        print(f'FAIL: dynamic initialisers present: {initialisers}')
        placement_ok = False
    if expect_rejected:
        if ok and not placement_ok:
            print('ok: the control is rejected, as it must be')
            return 0
        print('FAIL: the control was not rejected for its placement')
        return 1
    ok = ok and placement_ok
    if ok:
        print(f'ok: {symbol} is {size} bytes of .rodata and no code runs at start-up')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
