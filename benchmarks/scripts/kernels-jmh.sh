#!/usr/bin/env bash
# JMH figures for the simd kernels and the whole encoder: GEMM GFLOPS at the encoder's shapes (with
# % of peak) and MiniLM-shaped encoder throughput (sentences/s, GFLOPS) at batch 32 x 128 tokens and
# batch 1, on 1 and 2 threads. Short runs (3 warm-up + 5 measured iterations, one fork): on a
# shared 2-core machine repeat them and report the best and the spread.
#
#   benchmarks/scripts/kernels-jmh.sh [REPEATS] [extra JMH args...]   (default 1 repeat)
#
# e.g. benchmarks/scripts/kernels-jmh.sh 3 -p peakGflopsPerCore=250
# Results: benchmarks/target/jmh/{gemm,encoder}-N.{txt,json}
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
. "$ROOT/bin/jdk.sh"
REPEATS="${1:-1}"
shift || true
OUT="$ROOT/benchmarks/target/jmh"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow
      -jar "$ROOT/benchmarks/target/benchmarks.jar")
for i in $(seq "$REPEATS"); do
  for bench in Gemm Encoder; do
    name=$(echo "$bench" | tr '[:upper:]' '[:lower:]')
    echo "== $bench run $i ($(uptime | sed 's/.*load/load/'))"
    "${JAVA[@]}" "${bench}Benchmark" -rf json -rff "$OUT/$name-$i.json" "$@" | tee "$OUT/$name-$i.txt" \
      | grep -E "^${bench}Benchmark.*:(gflops|pctPeak|sentences)"
  done
done
