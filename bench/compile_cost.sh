#!/usr/bin/env bash
# bench/compile_cost.sh - what cxla costs at compile time: CPU time and peak memory of g++
# and clang++ compiling (a) a file that only includes <cxla/cxla.hpp> (and, for comparison,
# one that only includes <Eigen/Dense>), (b) each tests/static/ file, (c) a static_assert on
# multi-query attention at n = d = 32 (and the same attention written with Eigen, evaluated
# at run time). Prints a Markdown table (best of --runs compilations, default 3).
#
#   bench/compile_cost.sh [--runs N] [--compilers "g++ clang++"]
set -euo pipefail

runs=3
compilers="g++ clang++"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --compilers) compilers=$2; shift 2 ;;
    *) echo "compile_cost.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/include_cxla.cpp" <<'EOF'
#include <cxla/cxla.hpp>
int main() { return 0; }
EOF
cat >"$work/include_eigen.cpp" <<'EOF'
#include <Eigen/Dense>
int main() { return 0; }
EOF
cat >"$work/attention32_static.cpp" <<'EOF'
// Multi-query attention at n = d = 32, evaluated by the compiler.
#include <cxla/cxla.hpp>
template <class T, cxla::size_t R, cxla::size_t C>
constexpr cxla::matrix<T, R, C> sample(unsigned seed) {
  cxla::matrix<T, R, C> X{};
  for (cxla::size_t i = 0; i < R; ++i)
    for (cxla::size_t j = 0; j < C; ++j) {
      seed = seed * 1664525u + 1013904223u;
      X.data[i][j] = static_cast<T>(static_cast<int>(seed >> 16) % 2001 - 1000) / T(1000);
    }
  return X;
}
constexpr auto Q = sample<double, 32, 32>(1), K = sample<double, 32, 32>(2), V = sample<double, 32, 32>(3);
constexpr auto O = cxla::attention(Q, K, V);
static_assert(cxla::row(O, 7) == cxla::attention(cxla::row(Q, 7), K, V));
int main() { return 0; }
EOF
cat >"$work/attention32_eigen.cpp" <<'EOF'
// The same attention with Eigen's fixed-size types, compiled for run time.
#include <Eigen/Dense>
#include <cmath>
using M = Eigen::Matrix<double, 32, 32>;
M attention(const M& Q, const M& K, const M& V) {
  const M scores = (Q * K.transpose()) / std::sqrt(32.0);
  Eigen::Array<double, 32, 32> weights = (scores.colwise() - scores.rowwise().maxCoeff()).array().exp();
  weights.colwise() /= weights.rowwise().sum();
  return weights.matrix() * V;
}
int main() {
  const M Q = M::Random(), K = M::Random(), V = M::Random();
  return attention(Q, K, V)(0, 0) > 2 ? 1 : 0;
}
EOF

flags=(-std=c++20 -O2 -c -o /dev/null -I"$root/include" -I"$root/tests/support" -I"$root/tests/properties"
       -isystem /usr/include/eigen3)

measure() {  # compiler file -> "seconds MiB" (best of $runs)
  local best_t="" best_m=""
  for ((r = 0; r < runs; ++r)); do
    # CPU time (user + system): on a shared machine the wall time also counts other work.
    /usr/bin/time -o "$work/time" -f "%U %S %M" "$1" "${flags[@]}" "$2" 2>/dev/null || { echo "failed failed"; return; }
    local user sys m t
    read -r user sys m <"$work/time"
    t=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    if [[ -z $best_t ]] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
    if [[ -z $best_m ]] || ((m < best_m)); then best_m=$m; fi
  done
  echo "$best_t $(awk "BEGIN{printf \"%.0f\", $best_m / 1024}")"
}

cases=("include only <cxla/cxla.hpp>:$work/include_cxla.cpp"
       "include only <Eigen/Dense>:$work/include_eigen.cpp")
for f in "$root"/tests/static/*.cpp; do
  cases+=("tests/static/$(basename "$f"):$f")
done
cases+=("static_assert on attention(Q, K, V), n = d = 32:$work/attention32_static.cpp"
        "Eigen attention n = d = 32 (run time, compile only):$work/attention32_eigen.cpp")

header="| what is compiled (-std=c++20 -O2 -c) |"
rule="|---|"
for c in $compilers; do
  header+=" $c CPU time | $c peak memory |"
  rule+="---:|---:|"
done
echo "$header"
echo "$rule"
for entry in "${cases[@]}"; do
  label=${entry%%:*}
  file=${entry#*:}
  line="| $label |"
  for c in $compilers; do
    read -r t m < <(measure "$c" "$file")
    if [[ $t == failed ]]; then
      line+=" fails | - |"
    else
      line+=" ${t} s | ${m} MiB |"
    fi
  done
  echo "$line"
done
