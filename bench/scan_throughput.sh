#!/usr/bin/env bash
# Throughput of `mirgene scan` at default settings on yeast chromosome I (230 kb, both
# strands), and the folding time it takes against folding every window on its own.
#   1. `mirgene scan -j THREADS --stats` on the whole chromosome: wall time, kb/s per
#      thread, peak resident memory (/usr/bin/time -v) and the thread seconds of band
#      folding, exact refolds and the network.
#   2. The baseline: `mirgene fold -j 1` of every WINDOW-nt window at STEP on both strands of
#      the first REGION nt, scaled to the chromosome: what a scanner folding each window
#      from scratch spends on folding alone. Times are CPU seconds (user + system), so that a
#      busy machine does not skew the ratio; the wall-clock figure is printed too.
#   Both parts run RUNS times, alternately, and the medians are reported (each run is
#   printed too): on a shared machine single runs of either part vary by a third.
# Usage (from the repository root): bench/scan_throughput.sh MIRGENE [THREADS]
# Environment: WINDOW (120), STEP (10), REGION (20000), RUNS (5).
set -euo pipefail
bin=${1:?usage: $0 MIRGENE [THREADS]}
threads=${2:-1}
window=${WINDOW:-120}
step=${STEP:-10}
region=${REGION:-20000}
runs=${RUNS:-5}
genome=data/genomes/sacCer_chr1.fa.gz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nt=$(zcat "$genome" | grep -v '>' | tr -d '\n' | wc -c)
# Baseline input: every window of the first $region nt, both strands.
sequence=$(zcat "$genome" | grep -v '>' | tr -d '\n')
printf '%s' "${sequence:0:$region}" > "$tmp/region.txt"
/usr/bin/python3 - "$tmp/region.txt" "$window" "$step" > "$tmp/windows.fa" <<'PY'
import sys
seq = open(sys.argv[1]).read().upper().replace("T", "U")
w, s = int(sys.argv[2]), int(sys.argv[3])
rc = seq.translate(str.maketrans("ACGU", "UGCA"))[::-1]
for name, strand in (("plus", seq), ("minus", rc)):
    for k in range(0, len(strand) - w + 1, s):
        print(f">{name}_{k}\n{strand[k:k + w]}")
PY

# The scan and the baseline alternate, RUNS times: a slow spell of a shared machine then
# hits both about equally, and the medians of the runs are reported.
: > "$tmp/runs.tsv"
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v "$bin" scan "$genome" -j "$threads" --stats -o "$tmp/calls.bed" 2> "$tmp/scan.err"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/scan.err")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/scan.err")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tmp/scan.err")
  band=$(sed -n 's/.*band folding \([0-9.]*\) s.*/\1/p' "$tmp/scan.err")
  grep '^scan:' "$tmp/scan.err"
  /usr/bin/time -f '%U %S' -o "$tmp/fold.time" "$bin" fold "$tmp/windows.fa" -j 1 > /dev/null
  fold_cpu=$(awk '{print $1 + $2}' "$tmp/fold.time")
  per_window=$(awk -v f="$fold_cpu" -v r="$region" -v nt="$nt" 'BEGIN {print f * nt / r}')
  ratio=$(awk -v band="$band" -v t="$per_window" 'BEGIN {print t / band}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$wall" "$cpu" "$rss" "$band" "$per_window" "$ratio" >> "$tmp/runs.tsv"
  awk -v band="$band" -v t="$per_window" -v run="$run" -v ratio="$ratio" 'BEGIN {
    printf "run %d: band %.2f CPU s, per-window %.1f CPU s: %.1fx less\n", run, band, t, ratio }'
done

# Medians over the runs (column by column).
median() { cut -f"$1" "$tmp/runs.tsv" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
wall=$(median 1) cpu=$(median 2) rss=$(median 3) band=$(median 4) per_window=$(median 5) ratio=$(median 6)
awk -v nt="$nt" -v w="$wall" -v t="$threads" -v rss="$rss" -v cpu="$cpu" -v runs="$runs" -v calls="$(wc -l < "$tmp/calls.bed")" 'BEGIN {
  printf "scan (median of %d): %d nt in %.2f s wall on %d thread(s): %.1f kb/s per thread (both strands); %.2f CPU s: %.1f kb/s per CPU second; peak RSS %.0f MB; %d calls\n",
    runs, nt, w, t, nt / 1000 / w / t, cpu, nt / 1000 / cpu, rss / 1024, calls }'
# The ratio is the median of each run's own ratio: a scan and the baseline run right after
# it see the same state of the machine more often than runs far apart do.
awk -v nt="$nt" -v band="$band" -v t="$per_window" -v w="$window" -v s="$step" -v runs="$runs" -v ratio="$ratio" 'BEGIN {
  printf "baseline (median of %d): folding every %d-nt window at step %d alone: %.1f kb/s per CPU second (both strands); %.1f CPU s for the chromosome\n", runs, w, s, nt / 1000 / t, t
  printf "folding time: band %.2f CPU s vs per-window %.1f CPU s (medians); median of the runs'"'"' ratios: %.2fx less\n", band, t, ratio }'
