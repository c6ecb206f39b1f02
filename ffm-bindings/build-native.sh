#!/usr/bin/env bash
# Called by Maven (exec-maven-plugin, compile phase): builds the C kernels into $1 when this
# machine can, else says why and leaves no library (the native backends then report themselves
# unavailable with the reason, and their tests skip). Rebuilds only when a source is newer.
set -euo pipefail
out="$1"
src="$(cd "$(dirname "$0")/src/main/native" && pwd)"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ffm-bindings: native kernels are built on Linux x86-64 only (this is $(uname -s)-$(uname -m)); skipped"
  rm -f "$out"; exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "ffm-bindings: WARNING gcc not found: the native and openblas engines will be unavailable (apt-get install gcc)"
  rm -f "$out"; exit 0
fi
if [ -f "$out" ] && [ -z "$(find "$src" "$0" -newer "$out" -type f -print -quit)" ]; then
  echo "ffm-bindings: $out is up to date"; exit 0
fi
mkdir -p "$(dirname "$out")"
bash "$src/build.sh" "$out.tmp"
mv -f "$out.tmp" "$out"
echo "ffm-bindings: built $out ($(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion))"
