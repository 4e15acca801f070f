#!/usr/bin/env bash
# Configures every build directory this machine can have (idempotent).
#   tools/configure.sh          configure what is missing
#   tools/configure.sh --list   print the build directories that exist
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=(build-gcc build-clang build-sanitize)
cross=()
if command -v arm-none-eabi-g++ >/dev/null && command -v qemu-system-arm >/dev/null &&
   [[ -x tools/embedded/setup_cross.sh ]]; then
  cross=(build-arm-m4:cross/arm-cortex-m4f.ini build-arm-m0:cross/arm-cortex-m0plus.ini)
fi

if [[ "${1:-}" == --list ]]; then
  for d in "${dirs[@]}" "${cross[@]%%:*}"; do [[ -f "$d/build.ninja" ]] && echo "$d"; done
  exit 0
fi

configure() {  # dir, then meson args
  local dir=$1; shift
  [[ -f "$dir/build.ninja" ]] && return 0
  echo "configure: $dir"
  meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
  rm -f "$dir.setup.log"
}

CXX=g++ configure build-gcc
CXX=clang++ configure build-clang
CXX=g++ configure build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=disabled -Daccuracy=disabled
for entry in "${cross[@]}"; do
  dir=${entry%%:*} file=${entry#*:}
  [[ -f "$file" ]] || continue
  [[ -f "$dir/build.ninja" ]] || tools/embedded/setup_cross.sh "$dir" "$file"
done
