#!/usr/bin/env bash
# End-to-end throughput of `mirgene predict` (read, fold, encode, network, write) on the
# human test set (828 records), one thread, for one or more binaries run back to back in
# alternation so that a busy machine slows each of them alike. Prints the median of the runs.
# Usage: bench/predict_end_to_end.sh [-n RUNS] MIRGENE [MIRGENE...]   (from the repository root)
# MODEL=FILE scores with another model (e.g. an ensemble) instead of the default.
set -euo pipefail
runs=5
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-n RUNS] MIRGENE [MIRGENE...]" >&2; exit 2; }
input=$(mktemp --suffix=.fa)
trap 'rm -f "$input"' EXIT
zcat data/mirboost/test/human/human_pos_test.fa.gz data/mirboost/test/human/human_neg_test.fa.gz > "$input"
records=$(grep -c '>' "$input")
declare -A times
for ((r = 0; r < runs; r++)); do
  for bin in "$@"; do
    start=$(date +%s.%N)
    "$bin" predict "$input" -m "${MODEL:-models/mirgene-whole.safetensors}" -j 1 > /dev/null
    end=$(date +%s.%N)
    times[$bin]+="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}') "
  done
done
for bin in "$@"; do
  median=$(echo ${times[$bin]} | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s: median %.3f s over %d runs, %.0f records/s (runs: %s)\n' "$bin" "$median" "$runs" \
    "$(awk -v n="$records" -v t="$median" 'BEGIN {print n / t}')" "${times[$bin]% }"
done
