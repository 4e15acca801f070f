#!/usr/bin/env bash
# Largest number of calls of one cxla math function that fit in ONE constant evaluation under
# the compiler's default limits (clang++: -fconstexpr-steps=1048576; g++: -fconstexpr-ops-limit
# = 2^25, -fconstexpr-loop-limit = 262144 per loop, so the calls run in nested loops).
# Bisection on N to within 2%.
# usage: tools/math/constexpr_calls.sh [g++|clang++] [exp|log|sqrt|...] [double|float] [compiler flags...]
#   e.g. tools/math/constexpr_calls.sh clang++ exp float -DCXLA_FUSED_FLOAT=1
set -euo pipefail
cd "$(dirname "$0")/../.."
cxx=${1:-g++}
fn=${2:-exp}
type=${3:-double}
extra=("${@:4}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fits() {  # fits N -> exit status 0 if N calls compile
  cat > "$tmp/t.cpp" <<CPP
#include <cxla/math.hpp>
constexpr $type run() {
  $type acc = 0;
  long n = $1, done = 0;
  // Arguments in (0.5, 1.5): valid for every function, not a special case.
  for (long i = 0; done < n; ++i)
    for (long j = 0; j < 1000 && done < n; ++j, ++done) acc += cxla::$fn(static_cast<$type>(0.5 + static_cast<double>(done) * 1e-6));
  return acc;
}
static_assert(run() != $type(12345.678));
int main() {}
CPP
  timeout 300 "$cxx" -std=c++20 -ffp-contract=off "${extra[@]}" -Iinclude -fsyntax-only "$tmp/t.cpp" 2> "$tmp/err" >/dev/null
}
lo=1000
fits $lo || { echo "$cxx $fn: even $lo calls do not fit"; exit 1; }
hi=$((lo * 2))
while fits $hi; do lo=$hi; hi=$((hi * 2)); done
while (( (hi - lo) * 50 > lo )); do
  mid=$(( (lo + hi) / 2 ))
  if fits $mid; then lo=$mid; else hi=$mid; fi
done
echo "$cxx $fn($type) ${extra[*]}: $lo calls fit, $hi do not: $(grep -m1 -E 'note:|error:' "$tmp/err" | cut -c1-140)"
