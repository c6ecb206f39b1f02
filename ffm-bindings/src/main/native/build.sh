#!/bin/sh
# Builds libplumbline.so: build.sh OUTPUT_PATH (absolute, or relative to the caller's directory).
# Baseline flags are plain x86-64; the AVX2 / AVX-512 / VNNI kernels opt in per function with
# target attributes and are chosen at run time (src/dispatch.c). -ffp-contract=off: no implicit
# FMA anywhere (the int8 dequantizing epilogue must be multiply-then-add); kernels use explicit
# FMA intrinsics where they want FMA. Only the PLUMBLINE_API functions are exported.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 OUTPUT_PATH" >&2
    exit 2
fi
out_dir=$(mkdir -p "$(dirname "$1")" && cd "$(dirname "$1")" && pwd)
out="$out_dir/$(basename "$1")"
cd "$(dirname "$0")"
exec ${CC:-gcc} -O3 -std=c11 -fPIC -shared -fvisibility=hidden -ffp-contract=off -fno-math-errno \
    -Wall -Wextra -Werror -Iinclude -o "$out" src/*.c -lm
