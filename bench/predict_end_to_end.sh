#!/usr/bin/env bash
# End-to-end throughput of `mirgene predict` (read, fold, encode, network, write) on the
# human test set (828 records), one thread, for one or more binaries run back to back in
# alternation so that a busy machine slows each of them alike. Prints the median of the runs.
# Usage: bench/predict_end_to_end.sh [-n RUNS] MIRGENE [MIRGENE...]   (from the repository root)
# MODEL=FILE scores with another model (e.g. an ensemble) instead of the default; MODELS="A B"
# alternates several models (each with every binary), to compare models rather than builds.
set -euo pipefail
runs=5
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-n RUNS] MIRGENE [MIRGENE...]" >&2; exit 2; }
input=$(mktemp --suffix=.fa)
trap 'rm -f "$input"' EXIT
zcat data/mirboost/test/human/human_pos_test.fa.gz data/mirboost/test/human/human_neg_test.fa.gz > "$input"
records=$(grep -c '>' "$input")
read -r -a models <<< "${MODELS:-${MODEL:-models/mirgene-whole.safetensors}}"
declare -A times
for ((r = 0; r < runs; r++)); do
  for bin in "$@"; do
    for model in "${models[@]}"; do
      start=$(date +%s.%N)
      "$bin" predict "$input" -m "$model" -j 1 > /dev/null
      end=$(date +%s.%N)
      key="$bin $model"
      times[$key]+="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}') "
    done
  done
done
for bin in "$@"; do
  for model in "${models[@]}"; do
    key="$bin $model"
    median=$(echo ${times[$key]} | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%s (%s): median %.3f s over %d runs, %.0f records/s (runs: %s)\n' "$bin" "$model" \
      "$median" "$runs" "$(awk -v n="$records" -v t="$median" 'BEGIN {print n / t}')" \
      "${times[$key]% }"
  done
done
