#!/usr/bin/env bash
# Configures a Cortex-M cross build directory.
#   tools/embedded/setup_cross.sh BUILD_DIR CROSS_FILE [meson setup options...]
# e.g. tools/embedded/setup_cross.sh build-arm-m4 cross/arm-cortex-m4f.ini
#
# Boost.Hana (pipeline.hpp) is reached through BUILD_DIR/cross-boost/include/boost, a link
# to the system Boost headers, given to Meson as the cross property boost_root: adding
# /usr/include itself to a cross build would let the host's glibc headers replace newlib's.
# Runs `meson setup --reconfigure` when BUILD_DIR is already configured.
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 BUILD_DIR CROSS_FILE [meson setup options...]" >&2
  exit 2
fi
build_dir=$1
cross_file=$2
shift 2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

for tool in arm-none-eabi-g++ qemu-system-arm meson; do
  command -v "$tool" >/dev/null || { echo "setup_cross: $tool not found" >&2; exit 1; }
done
[[ -f $cross_file ]] || { echo "setup_cross: no cross file $cross_file" >&2; exit 1; }
cross_file=$(cd "$(dirname "$cross_file")" && pwd)/$(basename "$cross_file")

mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)
boost_root=$build_dir/cross-boost
boost_file=$boost_root/boost_root.ini
extra_cross=()
if [[ -f /usr/include/boost/version.hpp ]]; then
  mkdir -p "$boost_root/include"
  ln -sfn /usr/include/boost "$boost_root/include/boost"
  printf "[properties]\nboost_root = '%s'\n" "$boost_root" >"$boost_file"
  extra_cross=(--cross-file "$boost_file")
fi

setup=(meson setup)
[[ -f $build_dir/meson-private/coredata.dat ]] && setup+=(--reconfigure)
exec "${setup[@]}" "$build_dir" "$source_dir" --cross-file "$cross_file" "${extra_cross[@]}" "$@"
