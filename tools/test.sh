#!/usr/bin/env bash
# Second command: the whole test suite, on every configured build (g++, clang++,
# sanitizers, Cortex-M under qemu). Configures missing build directories first.
# Ends with one line "N passed, N failed" counted from each build's meson-logs/testlog.json
# and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

tools/configure.sh || exit 1
status=0
logs=()
for dir in $(tools/configure.sh --list); do
  echo "== meson test -C $dir"
  rm -f "$dir/meson-logs/testlog.json"
  extra=()
  # Sanitizer build: the run-time programs only (compile-only suites add nothing there).
  [[ $dir == build-sanitize ]] && extra=(--suite runtime --suite examples)
  if ! meson test -C "$dir" --print-errorlogs --num-processes 2 "${extra[@]}" > "$dir.test.log" 2>&1; then
    status=1
  fi
  # Failing tests by name, then the counts of this build.
  grep -E "^ *[0-9]+/[0-9]+ " "$dir.test.log" | grep -vE " (OK|SKIP) " || true
  grep -E "^(Ok|Fail|Skipped|Timeout):" "$dir.test.log" | tr -s ' \n' ' '; echo
  if [[ -f "$dir/meson-logs/testlog.json" ]]; then
    logs+=("$dir/meson-logs/testlog.json")
  else
    echo "$dir: no test log (the build failed?); see $dir.test.log"
    tail -40 "$dir.test.log"
    status=1
    logs+=("missing:$dir")
  fi
done

python3 tools/count_tests.py "${logs[@]}" || status=1
exit $status
