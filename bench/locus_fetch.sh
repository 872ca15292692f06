#!/usr/bin/env bash
# What fetching 10,000 loci from a 100 Mb bgzip genome costs (issue 29): memory and time.
#   1. A genome of 10 chromosomes x 10 Mb of random A/C/G/T (NumPy, seed 29; 60-column
#      lines) is written to a temporary folder and compressed with bgzip; mirgene builds its
#      .fai and .gzi on first use (timed).
#   2. 10,000 loci of 60 to 200 nt at random places and strands (BED6, seed 29).
#   3. build/bench/locus_fetch_bench (the fetch alone: regions read and checked, every locus
#      fetched through predict::LocusSource) under /usr/bin/time -v: time per run and peak
#      resident memory, against the genome's size.
#   4. `mirgene predict --genome --regions` end to end (fetch and scoring) for scale, with
#      its peak memory.
# Usage (from the repository root): bench/locus_fetch.sh MIRGENE BENCH_DIR [THREADS]
set -euo pipefail
bin=${1:?usage: $0 MIRGENE BENCH_DIR [THREADS]}
bench_dir=${2:?usage: $0 MIRGENE BENCH_DIR [THREADS]}
threads=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$tmp" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(29)
chrom_len, chroms = 10_000_000, 10
with open(f"{out}/genome.fa", "w") as fa:
    for c in range(chroms):
        seq = np.frombuffer(b"ACGT", dtype=np.uint8)[rng.integers(0, 4, chrom_len)].tobytes()
        fa.write(f">chr{c + 1}\n")
        for k in range(0, chrom_len, 60):
            fa.write(seq[k:k + 60].decode() + "\n")
with open(f"{out}/loci.bed", "w") as bed:
    for k in range(10_000):
        c = int(rng.integers(0, chroms))
        length = int(rng.integers(60, 201))
        start = int(rng.integers(0, chrom_len - length))
        strand = "+-"[int(rng.integers(0, 2))]
        bed.write(f"chr{c + 1}\t{start}\t{start + length}\tlocus{k}\t0\t{strand}\n")
PY
bgzip -@ "$threads" "$tmp/genome.fa"
genome="$tmp/genome.fa.gz"
echo "genome: $(du -m "$genome" | cut -f1) MB bgzip (100,000,000 nt), 10,000 loci"

/usr/bin/time -f 'index (.fai, .gzi) built by mirgene: %e s wall, %M KiB peak' \
  "$bin" predict --genome "$genome" --regions /dev/null > /dev/null

/usr/bin/time -v env MIRGENE_BENCH_GENOME="$genome" MIRGENE_BENCH_REGIONS="$tmp/loci.bed" \
  "$bench_dir/locus_fetch_bench" 2> "$tmp/fetch.err"
awk -F': ' '/Maximum resident set size/ {printf "fetch alone: peak %.1f MiB resident\n", $2 / 1024}' "$tmp/fetch.err"

/usr/bin/time -f 'predict end to end (-j '"$threads"'): %e s wall, %M KiB peak' \
  "$bin" predict -j "$threads" --genome "$genome" --regions "$tmp/loci.bed" > "$tmp/rows.tsv"
echo "rows: $(($(wc -l < "$tmp/rows.tsv") - 1))"
