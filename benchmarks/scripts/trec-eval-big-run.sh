#!/usr/bin/env bash
# Whole-process speed and peak memory of `plumbline trec-eval` on a 7,000-topic x 1,000-document
# run (~265 MB) with 49,000 judgments, the workload trec_eval 10.0 needs 7.1-9.3 s and 530 MiB for
# on the project's 2-core machines (../shared/PERF_NOTES.md).
#
#   benchmarks/scripts/trec-eval-big-run.sh [RUNS]     (default 5 runs)
#
# Set TREC_EVAL=/path/to/trec_eval to time trec_eval 10.0 side by side in the same loop.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
. "$ROOT/bin/jdk.sh"
RUNS="${1:-5}"
DATA="$ROOT/benchmarks/target/bigrun"
MEASURES=(-m ndcg_cut.10 -m recall.1000 -m recip_rank -m map)

"$ROOT/plumbline" --version >/dev/null   # builds the CLI if needed
if [ ! -f "$DATA/run.txt" ]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
  "$JAVA_HOME/bin/java" -cp "$ROOT/benchmarks/target/benchmarks.jar" dev.plumbline.benchmarks.BigRunGenerator "$DATA"
fi
"$ROOT/plumbline" trec-eval "${MEASURES[@]}" "$DATA/qrels.txt" "$DATA/run.txt" >/dev/null   # warms the CDS archive

measure() {  # label, command...
  local label=$1; shift
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "$label run $i: %e s wall, %U s user, %S s sys, %M KB peak RSS" "$@" >/dev/null
  done
}
measure plumbline "$ROOT/plumbline" trec-eval "${MEASURES[@]}" "$DATA/qrels.txt" "$DATA/run.txt"
if [ -n "${TREC_EVAL:-}" ]; then
  measure trec_eval "$TREC_EVAL" "${MEASURES[@]}" "$DATA/qrels.txt" "$DATA/run.txt"
fi
