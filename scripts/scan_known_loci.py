#!/usr/bin/env python3
"""The scan's two checks on real loci, for one model: what docs/scan.md tabulates.

1. C. elegans mir-35 cluster and mir-229 (data/genomes/cel_mir35_cluster.fa and .bed):
   for each known precursor, the best probability of any scored piece on its strand that
   shares at least half of it (`mirgene scan -t 0 --no-merge`). The scan's default
   threshold must stay at or below the lowest of these (tests/cli/scan_cli_test.cpp).
2. Yeast chromosome I (data/genomes/sacCer_chr1.fa.gz; yeast has no miRNAs): the calls
   (merged loci) at each threshold that start at 180000 or later, the part no training
   decoy came from, and their rate per Mb of that part (both of its strands scanned).

Usage (from the repository root, with Debian's python3):
  /usr/bin/python3 scripts/scan_known_loci.py MIRGENE MODEL [THREADS]
Prints two TSV tables on standard output.
"""
import subprocess
import sys

CEL_FASTA = "data/genomes/cel_mir35_cluster.fa"
CEL_BED = "data/genomes/cel_mir35_cluster.bed"
YEAST = "data/genomes/sacCer_chr1.fa.gz"
YEAST_LENGTH = 230208
HELDOUT_FROM = 180000
THRESHOLDS = [0.5, 0.8, 0.85, 0.9, 0.95, 0.98]


def scan_rows(mirgene, model, threads, genome, *options):
    """Runs `mirgene scan -f tsv` and returns its rows as (chrom, start, end, strand, prob)."""
    out = subprocess.run(
        [mirgene, "scan", genome, "-m", model, "-f", "tsv", "-j", str(threads), *options],
        check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[1:]:
        chrom, start, end, strand, prob = line.split("\t")[:5]
        rows.append((chrom, int(start), int(end), strand, float(prob)))
    return rows


def known_precursors():
    loci = []
    with open(CEL_BED) as f:
        for line in f:
            chrom, start, end, name, _, strand = line.split()[:6]
            loci.append((name, chrom, int(start), int(end), strand))
    return loci


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    mirgene, model = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) == 4 else 2

    pieces = scan_rows(mirgene, model, threads, CEL_FASTA, "-t", "0", "--no-merge")
    print("precursor\tbest_probability")
    for name, chrom, start, end, strand in known_precursors():
        half = (end - start + 1) // 2
        best = max((p for c, s, e, st, p in pieces
                    if c == chrom and st == strand and min(e, end) - max(s, start) >= half),
                   default=None)
        print(f"{name}\t{'not found' if best is None else f'{best:.3f}'}")

    print("\nthreshold\tyeast_calls_from_180000\tper_Mb")
    heldout_mb = (YEAST_LENGTH - HELDOUT_FROM) / 1e6
    for t in THRESHOLDS:
        calls = [r for r in scan_rows(mirgene, model, threads, YEAST, "-t", str(t))
                 if r[1] >= HELDOUT_FROM]
        print(f"{t}\t{len(calls)}\t{len(calls) / heldout_mb:.0f}")


if __name__ == "__main__":
    main()
