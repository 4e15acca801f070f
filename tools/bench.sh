#!/usr/bin/env bash
# tools/bench.sh - configure a release build of the benchmarks, run every benchmark program
# to JSON and turn the results into the tables and the plot of docs/benchmarks.md.
#
#   tools/bench.sh                     g++, project flags and -ffp-contract=fast, 10 repetitions
#   tools/bench.sh --docs              the same, and update docs/bench_results.md + docs/bench_gflops.png
#   tools/bench.sh --compiler clang++ --contract off --repetitions 5 --filter 'matvec'
#
# Needs libbenchmark-dev and libeigen3-dev; python3-matplotlib for the plot (optional).
# Build directories: build-bench-<compiler> (project flags, -ffp-contract=off) and
# build-bench-<compiler>-fast (-ffp-contract=fast); results in <builddir>/bench-results/.
set -euo pipefail

compiler=g++
contract=both
repetitions=10
min_time=0.1
filter=.
docs=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --compiler) compiler=$2; shift 2 ;;
    --contract) contract=$2; shift 2 ;;
    --repetitions) repetitions=$2; shift 2 ;;
    --min-time) min_time=$2; shift 2 ;;
    --filter) filter=$2; shift 2 ;;
    --docs) docs=true; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$contract" in off|fast|both) ;; *) echo "bench.sh: --contract off|fast|both" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
name=${compiler%%-*}
name=${name//+/}   # g++ -> g, clang++ -> clang
[[ $name == g ]] && name=gcc

# Python with matplotlib if there is one (Debian's python3-matplotlib lives in /usr/bin/python3).
python=${PYTHON:-}
if [[ -z $python ]]; then
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import matplotlib' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
  python=${python:-python3}
fi

# Release build (-O2, NDEBUG for Eigen's assertions); bench/meson.build adds -march=x86-64-v3.
configure() {  # builddir extra-cpp-args
  local dir=$1 args=$2
  if [[ ! -f $dir/build.ninja ]]; then
    CXX=$compiler meson setup "$dir" -Dbuildtype=release -Doptimization=2 -Db_ndebug=true \
      -Dbenchmarks=enabled -Dtests=false -Dexamples=false ${args:+"-Dcpp_args=$args"} >/dev/null
  fi
  # Build the benchmark programs only (a build directory may also hold the test suites).
  ninja -C "$dir" build.ninja >/dev/null  # reconfigure first if a meson.build changed
  local targets
  targets=$(meson introspect "$dir" --benchmarks | "$python" -c \
    'import json, os, sys; d = sys.argv[1]; print("\n".join(os.path.relpath(b["cmd"][0], d) for b in json.load(sys.stdin)))' "$dir")
  # shellcheck disable=SC2086
  ninja -C "$dir" $targets >/dev/null
}

run_all() {  # builddir -> JSON files in builddir/bench-results
  local dir=$1
  mkdir -p "$dir/bench-results"
  rm -f "$dir"/bench-results/*.json
  # Every program registered with Meson's benchmark(): the same list `meson test --benchmark` runs.
  local programs
  programs=$(meson introspect "$dir" --benchmarks | "$python" -c \
    'import json, sys; print("\n".join(b["cmd"][0] for b in json.load(sys.stdin)))')
  for exe in $programs; do
    local prog
    prog=$(basename "$exe")
    echo "bench.sh: running $prog ($dir)" >&2
    "$exe" --benchmark_filter="$filter" --benchmark_repetitions="$repetitions" \
      --benchmark_min_time="$min_time" --benchmark_enable_random_interleaving=true \
      --benchmark_report_aggregates_only=true \
      --benchmark_out="$dir/bench-results/$prog.json" --benchmark_out_format=json \
      >"$dir/bench-results/$prog.log" 2>&1 || { cat "$dir/bench-results/$prog.log" >&2; exit 1; }
  done
}

main_dir=build-bench-$name
fast_dir=build-bench-$name-fast
fast_args=()
if [[ $contract != fast ]]; then
  configure "$main_dir" ""
  run_all "$main_dir"
fi
if [[ $contract != off ]]; then
  configure "$fast_dir" "-ffp-contract=fast"
  run_all "$fast_dir"
fi

# versus_eigen first: where another program measures the same case, its row is the main one.
ordered() {
  local f
  for f in "$1"/bench-results/versus_eigen.json "$1"/bench-results/*.json; do
    [[ -f $f ]] && echo "$f"
  done | awk '!seen[$0]++'
}
if [[ $contract == fast ]]; then
  mapfile -t results < <(ordered "$fast_dir")
  out=$fast_dir/bench-results
  fast_args=()
else
  mapfile -t results < <(ordered "$main_dir")
  out=$main_dir/bench-results
fi
if [[ $contract == both ]]; then
  mapfile -t fast_results < <(ordered "$fast_dir")
  fast_args=(--fast "${fast_results[@]}")
fi
"$python" bench/compare.py "${results[@]}" "${fast_args[@]}" --markdown "$out/table.md" --plot "$out/bench_gflops.png"
if $docs; then
  cp "$out/table.md" docs/bench_results.md
  [[ -f $out/bench_gflops.png ]] && cp "$out/bench_gflops.png" docs/bench_gflops.png
  echo "bench.sh: updated docs/bench_results.md and docs/bench_gflops.png" >&2
fi
