#!/usr/bin/env python3
"""Builds a throw-away downstream Meson project that pulls cxla in as a subproject
(subprojects/cxla -> this source tree) and uses dependency('cxla'). Passes if it configures
(cxla's own tests, examples and benchmarks are skipped as a subproject), builds and runs.

usage: consumer_test.py SOURCE_ROOT CONSUMER_DIR CXX"""
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, cwd, env):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    print('$', ' '.join(cmd))
    print(result.stdout[-3000:], result.stderr[-3000:])
    if result.returncode != 0:
        raise SystemExit(f'consumer test: "{" ".join(cmd)}" failed with {result.returncode}')
    return result.stdout


def main() -> int:
    source_root, consumer_dir, cxx = sys.argv[1:4]
    env = dict(os.environ, CXX=cxx)
    with tempfile.TemporaryDirectory(prefix='cxla-consumer-') as tmp:
        shutil.copy(os.path.join(consumer_dir, 'meson.build.in'), os.path.join(tmp, 'meson.build'))
        shutil.copy(os.path.join(consumer_dir, 'consumer.cpp'), tmp)
        os.mkdir(os.path.join(tmp, 'subprojects'))
        os.symlink(os.path.abspath(source_root), os.path.join(tmp, 'subprojects', 'cxla'))
        out = run(['meson', 'setup', 'build'], tmp, env)
        if 'Build targets in project: 1' not in out:
            raise SystemExit('consumer test: cxla built targets of its own as a subproject')
        run(['meson', 'test', '-C', 'build'], tmp, env)
    print('consumer test: dependency(\'cxla\') works from a subproject')
    return 0


if __name__ == '__main__':
    sys.exit(main())
