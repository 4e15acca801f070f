#!/usr/bin/env python3
"""Every public header compiles on its own: for each include/cxla/*.hpp, a translation unit
that includes only that header is compiled with the project's warning flags. A control
header that lacks an include it needs must be rejected, so the check can fail.

usage: headers_alone.py INCLUDE_DIR CONTROL_HEADER -- COMPILER [ARGS...]"""
import os
import subprocess
import sys
import tempfile

FLAGS = ['-std=c++20', '-fsyntax-only', '-Wall', '-Wextra', '-Wpedantic', '-Wconversion', '-Wshadow',
         '-Werror', '-x', 'c++']


def compiles(compiler, include_dir, line):
    with tempfile.NamedTemporaryFile('w', suffix='.cpp', delete=False) as f:
        f.write(line + '\n')
        path = f.name
    try:
        r = subprocess.run(compiler + FLAGS + ['-I', include_dir, path], capture_output=True, text=True)
        return r.returncode == 0, r.stderr
    finally:
        os.unlink(path)


def main() -> int:
    sep = sys.argv.index('--')
    include_dir, control = sys.argv[1:sep]
    compiler = sys.argv[sep + 1:]
    headers = sorted(h for h in os.listdir(os.path.join(include_dir, 'cxla')) if h.endswith('.hpp'))
    failed = 0
    for h in headers:
        ok, err = compiles(compiler, include_dir, f'#include <cxla/{h}>')
        print(f'{"ok  " if ok else "FAIL"} <cxla/{h}> alone')
        if not ok:
            print(err)
            failed += 1
    ok, _ = compiles(compiler, include_dir, f'#include "{os.path.abspath(control)}"')
    print(f'{"FAIL" if ok else "ok  "} control header with a missing include is rejected')
    failed += 1 if ok else 0
    print(f'{len(headers)} headers, {failed} failures')
    return 1 if failed or not headers else 0


if __name__ == '__main__':
    sys.exit(main())
