#!/usr/bin/env bash
# First command for a newcomer: install what is missing (Debian/Ubuntu), configure the
# builds, compile everything and run the examples.
#
#   tools/setup.sh            all of the above
#   CXLA_NO_INSTALL=1 tools/setup.sh   skip the package step
#
# Build directories: build-gcc (g++), build-clang (clang++), build-sanitize (g++ with
# AddressSanitizer + UBSan), and, when the Arm toolchain is present, build-arm-m4 and
# build-arm-m0 (Cortex-M cross builds whose tests run under qemu-system-arm).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  meson ninja-build pkg-config cmake python3 g++ clang
  doctest-dev libboost-dev libmpfr-dev libgmp-dev
  libbenchmark-dev libeigen3-dev python3-matplotlib
  gcc-arm-none-eabi binutils-arm-none-eabi libstdc++-arm-none-eabi-newlib libnewlib-arm-none-eabi
  qemu-system-arm
)

if [[ "${CXLA_NO_INSTALL:-0}" != 1 ]]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

tools/configure.sh
for dir in $(tools/configure.sh --list); do
  echo "setup: building $dir"
  ninja -C "$dir" >/dev/null
done

echo
echo "== examples (build-gcc) =="
for exe in build-gcc/examples/*; do
  [[ -f "$exe" && -x "$exe" ]] || continue
  echo "--- $(basename "$exe")"
  "$exe"
done
