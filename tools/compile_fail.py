#!/usr/bin/env python3
"""Compile-fail test driver.

A snippet holds a mistake between `#ifdef CXLA_COMPILE_FAIL` and `#else`, and its corrected
twin after `#else`. The test passes only if
  1. the twin compiles (so a typo or a missing include cannot pass as the expected failure),
  2. the snippet with -DCXLA_COMPILE_FAIL fails to compile,
  3. the first line containing "error" matches every `// expect-error: REGEX`,
  4. every `// expect-within-15: REGEX` matches somewhere in the first 15 lines,
  5. the whole diagnostic has at most `// max-lines: N` lines (default 12).

usage: compile_fail.py SNIPPET INCLUDE_DIR -- COMPILER [ARGS...]
"""
import re
import subprocess
import sys


def main() -> int:
    if '--' not in sys.argv:
        print(__doc__)
        return 2
    sep = sys.argv.index('--')
    snippet, include_dir = sys.argv[1:sep]
    compiler = sys.argv[sep + 1:]
    text = open(snippet, encoding='utf-8').read()
    expect_error = re.findall(r'^// expect-error: (.+)$', text, re.M)
    expect_15 = re.findall(r'^// expect-within-15: (.+)$', text, re.M)
    max_lines = int((re.findall(r'^// max-lines: (\d+)$', text, re.M) or ['12'])[0])
    if not expect_error or not expect_15:
        print(f'{snippet}: needs "// expect-error:" and "// expect-within-15:" lines '
              '(what the first error says, and the shapes or names the diagnostic must show)')
        return 1

    base = compiler + ['-std=c++20', '-fsyntax-only', '-I', include_dir,
                       '-Wall', '-Wextra', '-Wpedantic', '-Wconversion', '-Wshadow', '-Werror',
                       '-fdiagnostics-color=never', snippet]

    twin = subprocess.run(base, capture_output=True, text=True)
    if twin.returncode != 0:
        print('FAIL: the corrected twin does not compile, so the snippet proves nothing:')
        print(twin.stderr)
        return 1

    bad = subprocess.run(base + ['-DCXLA_COMPILE_FAIL'], capture_output=True, text=True)
    diag = bad.stderr.rstrip('\n')
    lines = diag.split('\n') if diag else []
    print(f'--- diagnostic ({len(lines)} lines) ---')
    print(diag)
    print('---')
    if bad.returncode == 0:
        print('FAIL: the mistake compiled')
        return 1
    first_error = next((ln for ln in lines if 'error' in ln), '')
    ok = True
    for pattern in expect_error:
        if not re.search(pattern, first_error):
            print(f'FAIL: first error line does not match /{pattern}/:\n  {first_error}')
            ok = False
    head = '\n'.join(lines[:15])
    for pattern in expect_15:
        if not re.search(pattern, head):
            print(f'FAIL: /{pattern}/ not found in the first 15 lines')
            ok = False
    if len(lines) > max_lines:
        print(f'FAIL: {len(lines)} diagnostic lines, at most {max_lines} allowed')
        ok = False
    if ok:
        print(f'ok: fails as expected in {len(lines)} lines; twin compiles')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
