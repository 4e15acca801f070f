#!/usr/bin/env python3
"""Counts results in Meson testlog.json files and prints one line: 'N passed, N failed'.

A 'missing:DIR' argument stands for a build whose tests could not run; it counts as one
failure. Exit status 1 if anything failed."""
import json
import sys

PASS = {'OK', 'EXPECTEDFAIL'}
FAIL = {'FAIL', 'UNEXPECTEDPASS', 'TIMEOUT', 'ERROR'}

passed = failed = skipped = 0
for path in sys.argv[1:]:
    if path.startswith('missing:'):
        failed += 1
        continue
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get('result', 'ERROR')
            if result in PASS:
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
summary = f'{passed} passed, {failed} failed'
if skipped:
    summary += f', {skipped} skipped'
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
