#!/usr/bin/env python3
"""Checks the core headers (everything under include/cxla except io.hpp and pipeline.hpp)
for what the embedded promise forbids: heap allocation, exceptions, RTTI, iostream, <cmath>.
Comments and string literals are ignored. Prints each violation; exit 1 if any."""
import os
import re
import sys

HOST_ONLY = {'io.hpp', 'pipeline.hpp'}
FORBIDDEN = [
    (r'#\s*include\s*<(cmath|math\.h|iostream|ostream|istream|sstream|fstream|iomanip|vector|string|memory|'
     r'map|unordered_map|list|deque|functional|stdexcept|exception|typeinfo)>', 'forbidden header'),
    (r'\bnew\s+[A-Za-z_(]', 'heap allocation (new)'),
    (r'\b(malloc|calloc|realloc|free)\s*\(', 'heap allocation (malloc/free)'),
    (r'\bthrow\b', 'exception (throw)'),
    (r'\btry\s*\{', 'exception (try)'),
    (r'\btypeid\b', 'RTTI (typeid)'),
    (r'\bdynamic_cast\b', 'RTTI (dynamic_cast)'),
    (r'\bstd::(sqrt|exp|log|pow|sin|cos|tanh|erf|fabs|floor|ceil)\s*\(', '<cmath> function'),
]


def strip_comments_and_strings(text: str) -> str:
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def main() -> int:
    root = sys.argv[1]
    bad = 0
    checked = 0
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith('.hpp') or name in HOST_ONLY:
                continue
            path = os.path.join(dirpath, name)
            code = strip_comments_and_strings(open(path, encoding='utf-8').read())
            checked += 1
            for lineno, line in enumerate(code.split('\n'), 1):
                for pattern, what in FORBIDDEN:
                    if re.search(pattern, line):
                        print(f'{path}:{lineno}: {what}: {line.strip()}')
                        bad += 1
    print(f'lint: {checked} core headers checked, {bad} violations')
    return 1 if bad or checked == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
