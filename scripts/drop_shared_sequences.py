#!/usr/bin/env python3
"""Copies a CV fold directory, dropping from its TRAINING files every sequence that is both a
pre-miRNA and a negative in the set (miRBoost's human set has 33 such sequences: a network
trained on both copies is told the same hairpin is and is not a pre-miRNA). Validation
files are copied unchanged, so a CV run on the copy is compared with one on the original
over exactly the same validation items.

Usage: drop_shared_sequences.py FOLDS_DIR SET OUT_DIR
Reads FOLDS_DIR/SET_{pos,neg}_all.fa.gz and FOLDS_DIR/{train,val}/*.fa.gz; writes the same
layout under OUT_DIR and prints how many records each training file lost.
"""
import gzip
import pathlib
import shutil
import sys

from fasta_records import read_fasta


def key(seq):
    return seq.upper().replace("T", "U")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    folds, name, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    pos = {key(s) for _, s in read_fasta(folds / f"{name}_pos_all.fa.gz")}
    neg = {key(s) for _, s in read_fasta(folds / f"{name}_neg_all.fa.gz")}
    shared = pos & neg
    print(f"{len(shared)} sequences are both pre-miRNAs and negatives in {folds}")
    for part in ("train", "val"):
        (out / part).mkdir(parents=True, exist_ok=True)
        for path in sorted((folds / part).glob("*.fa.gz")):
            target = out / part / path.name
            if part == "val":
                shutil.copyfile(path, target)
                continue
            records = read_fasta(path)
            kept = [(h, s) for h, s in records if key(s) not in shared]
            # mtime=0: the same input gives the same bytes.
            with gzip.GzipFile(target, "wb", mtime=0) as f:
                f.write("".join(f">{h}\n{s}\n" for h, s in kept).encode())
            print(f"{path.name}: {len(records)} -> {len(kept)} records")
    for f in (f"{name}_pos_all.fa.gz", f"{name}_neg_all.fa.gz"):
        shutil.copyfile(folds / f, out / f)


if __name__ == "__main__":
    main()
