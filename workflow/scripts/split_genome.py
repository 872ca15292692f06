#!/usr/bin/env python3
"""Cuts a FASTA genome (plain or gzip) into pieces for the scan workflow.

Each record's positions are owned by pieces of PIECE nt ([k*PIECE, (k+1)*PIECE)); a piece's
file holds its owned part plus CONTEXT nt on each side (within the record), so that
`mirgene scan --offset OFFSET --region START-END` of it gives the calls a scan of the whole
record gives there. Writes DIR/NNNNNN.fa per piece and DIR/pieces.tsv (piece, chrom, offset,
region_start, region_end), records in input order. One record is held at a time.
"""
import argparse
import gzip
import os


def records(path):
    with open(path, "rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    opener = gzip.open if compressed else open
    name, parts = None, []
    with opener(path, "rt") as f:
        for line in f:
            if line.startswith(">"):
                if name is not None:
                    yield name, "".join(parts)
                name, parts = line[1:].split()[0] if line[1:].split() else "", []
            else:
                parts.append(line.strip())
    if name is not None:
        yield name, "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("genome")
    ap.add_argument("out_dir")
    ap.add_argument("--piece", type=int, required=True)
    ap.add_argument("--context", type=int, required=True)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rows, n = [], 0
    for chrom, seq in records(a.genome):
        length = len(seq)
        for start in range(0, max(length, 1), a.piece):
            end = min(length, start + a.piece)
            offset = max(0, start - a.context)
            piece = f"{n:06d}"
            with open(os.path.join(a.out_dir, piece + ".fa"), "w") as f:
                f.write(f">{chrom}\n")
                text = seq[offset:min(length, end + a.context)]
                for k in range(0, len(text), 80):
                    f.write(text[k:k + 80] + "\n")
            rows.append((piece, chrom, offset, start, end))
            n += 1
    with open(os.path.join(a.out_dir, "pieces.tsv"), "w") as f:
        f.write("piece\tchrom\toffset\tregion_start\tregion_end\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")


if __name__ == "__main__":
    main()
