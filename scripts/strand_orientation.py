#!/usr/bin/env python3
"""Which strand of a pre-miRNA locus looks more like the pre-miRNA: for each pre-miRNA of a
FASTA file and its reverse complement (the other strand), whether the model scores the
pre-miRNA higher, and whether its MFE is lower (more stable). docs/robustness.md, "Antisense:
the other strand", quotes the fractions.

Usage (from the repository root):
  python3 scripts/strand_orientation.py MIRGENE MODEL PRE_MIRNAS.fa[.gz]
Prints the number of loci and both fractions (ties count as not oriented).
"""
import os
import subprocess
import sys
import tempfile

from fasta_records import read_fasta

COMPLEMENT = str.maketrans("ACGU", "UGCA")


def predict(mirgene, model, fasta):
    """id -> (probability, MFE) from `mirgene predict` (records it could not score are left out)."""
    out = subprocess.run([mirgene, "predict", "-m", model, fasta], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    header = out[0].split("\t")
    col = {name: header.index(name) for name in ("id", "prob_premirna", "mfe", "status")}
    rows = {}
    for line in out[1:]:
        f = line.split("\t")
        if f[col["status"]] == "ok":
            rows[f[col["id"]]] = (float(f[col["prob_premirna"]]), float(f[col["mfe"]]))
    return rows


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    mirgene, model, pre_mirnas = sys.argv[1:]
    records = [(h.split()[0], s.upper().replace("T", "U")) for h, s in read_fasta(pre_mirnas)]
    with tempfile.TemporaryDirectory() as tmp:
        sense, other = os.path.join(tmp, "sense.fa"), os.path.join(tmp, "other.fa")
        with open(sense, "w") as a, open(other, "w") as b:
            for k, (name, seq) in enumerate(records):
                a.write(f">{k}\n{seq}\n")
                b.write(f">{k}\n{seq.translate(COMPLEMENT)[::-1]}\n")
        s, o = predict(mirgene, model, sense), predict(mirgene, model, other)
    both = [k for k in s if k in o]
    if not both:
        sys.exit("no locus scored on both strands")
    by_model = sum(s[k][0] > o[k][0] for k in both) / len(both)
    by_mfe = sum(s[k][1] < o[k][1] for k in both) / len(both)
    print(f"loci\t{len(both)}\nmodel scores the pre-miRNA higher\t{by_model:.3f}\n"
          f"pre-miRNA more stable (lower MFE)\t{by_mfe:.3f}")


if __name__ == "__main__":
    main()
