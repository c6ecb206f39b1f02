#!/usr/bin/env bash
# Called by Maven (exec-maven-plugin, compile phase): builds the CUDA kernels (src/main/cuda) into
# $1/libplumbline_cuda.so with nvcc when this machine has it (sm_90 code plus compute_90 PTX, so
# newer GPUs JIT it), and always, with g++, the CPU emulator of the same kernels
# $1/libplumbline_cuda_emu.so that the tests run where there is no GPU. Without nvcc the build
# still passes and says so. Rebuilds only when a source is newer.
set -euo pipefail
out="$1"
src="$(cd "$(dirname "$0")/src/main/cuda" && pwd)"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ffm-bindings: CUDA kernels are built on Linux x86-64 only; skipped"; exit 0
fi
mkdir -p "$out"
fresh() { [ -f "$1" ] && [ -z "$(find "$src" "$0" -newer "$1" -type f -print -quit)" ]; }
emu="$out/libplumbline_cuda_emu.so"
if command -v g++ >/dev/null 2>&1; then
  if ! fresh "$emu"; then
    g++ -O2 -std=c++17 -DPLC_EMULATE -x c++ -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror \
      -Wno-unknown-pragmas -Wno-unused-parameter -I"$src/include" -I"$src/src" -o "$emu.tmp" "$src/src/plumbline_cuda.cu"
    mv -f "$emu.tmp" "$emu"
    echo "ffm-bindings: built $emu (CPU emulator of the CUDA kernels)"
  fi
else
  echo "ffm-bindings: WARNING g++ not found: the CUDA kernels' emulator tests will be skipped"; rm -f "$emu"
fi
lib="$out/libplumbline_cuda.so"
if ! command -v nvcc >/dev/null 2>&1; then
  echo "ffm-bindings: nvcc not found: no CUDA library in this build (install the CUDA toolkit to build it)"
  rm -f "$lib"; exit 0
fi
if fresh "$lib"; then
  echo "ffm-bindings: $lib is up to date"; exit 0
fi
nvcc -O3 -std=c++17 -gencode arch=compute_90,code=sm_90 -gencode arch=compute_90,code=compute_90 \
  -cudart static -shared -Xcompiler -fPIC,-fvisibility=hidden -I"$src/include" -o "$lib.tmp" "$src/src/plumbline_cuda.cu"
mv -f "$lib.tmp" "$lib"
echo "ffm-bindings: built $lib ($(nvcc --version | tail -1))"
