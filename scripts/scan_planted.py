#!/usr/bin/env python3
"""Planted test of `mirgene scan`: recall of known pre-miRNAs against false positives per Mb.

The 86 human TEST positives of miRBoost (data/mirboost/test/human/human_pos_test.fa.gz),
which models/mirgene-human.safetensors never saw in training, are planted into real
yeast DNA (data/genomes/sacCer_chr1.fa.gz, positions 180000 to the end: yeast has no
miRNAs and these positions were not used to build training decoys), evenly spaced,
alternately on the plus strand and (reverse complemented) on the minus strand. The
planted genome is scanned at each threshold; a plant is found when a call on its strand
overlaps it; a call overlapping a plant on the other strand is "antisense" (the reverse
complement of a hairpin is a hairpin too); every other call is a false positive. For
reference, recall_alone is the share of the plants that `mirgene predict` calls when given
each exact hairpin alone: the most a scan can find with this model.

Other plants and models, through the environment: PLANTS (a FASTA of pre-miRNAs), MODEL,
EXCLUDE (FASTA files, separated by ':', of the sequences the models compared trained on:
plants equal to one of them are dropped) and COUNT (that many plants, taken evenly through the file; default all, at most
what fits one per 580 nt). For the default model, which trained on all of miRBoost's
cross-species pre-miRNAs, the plants are the new set's pre-miRNAs:
  PLANTS=data/mirboost/sequences/new_pos.fa.gz MODEL=models/mirgene-whole.safetensors \
  EXCLUDE=data/mirboost/sequences/whole_pos.fa.gz:data/mirboost/cv/human/human_pos_all.fa.gz \
  COUNT=86 /usr/bin/python3 scripts/scan_planted.py ...
(the same plants with MODEL=models/mirgene-human.safetensors compare the two models).

Writes a TSV table (threshold, recall, false positives, FP/Mb) and an SVG curve.
Usage (from the repository root, with Debian's python3):
  /usr/bin/python3 scripts/scan_planted.py MIRGENE OUT.tsv OUT.svg [THREADS [SCAN OPTIONS...]]
(OUT.svg "-" draws nothing; further arguments are passed to `mirgene scan`.)
"""
import os
import subprocess
import sys
import tempfile

from fasta_records import read_fasta as read_fasta_headers

THRESHOLDS = [0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99]
MODEL = os.environ.get("MODEL", "models/mirgene-human.safetensors")
PLANTS = os.environ.get("PLANTS", "data/mirboost/test/human/human_pos_test.fa.gz")
EXCLUDE = os.environ.get("EXCLUDE")
COUNT = int(os.environ.get("COUNT", "0"))
BACKGROUND_FROM = 180000


def read_fasta(path):
    """(first word of the header, sequence) of every record."""
    return [(name.split()[0], seq) for name, seq in read_fasta_headers(path)]


def revcomp(seq):
    table = str.maketrans("ACGUTacgut", "UGCAAugcaa")
    return seq.translate(table)[::-1]


def rna(seq):
    return seq.upper().replace("T", "U")


def plant_sequences():
    plants = [rna(s) for _, s in read_fasta(PLANTS)]
    if EXCLUDE:
        trained = {rna(s) for path in EXCLUDE.split(":") for _, s in read_fasta(path)}
        plants = [p for p in plants if p not in trained]
    if COUNT and COUNT < len(plants):
        plants = [plants[k * len(plants) // COUNT] for k in range(COUNT)]
    return plants


def planted_genome(plants):
    background = read_fasta("data/genomes/sacCer_chr1.fa.gz")[0][1][BACKGROUND_FROM:]
    background = rna(background)
    if len(plants) > len(background) // 580:
        sys.exit(f"scan_planted: {len(plants)} plants do not fit one per 580 nt; set COUNT")
    step = len(background) // (len(plants) + 1)
    seq, truth, at = [], [], 0
    for k, p in enumerate(plants):
        cut = (k + 1) * step
        seq.append(background[at:cut])
        at = cut
        start = sum(len(s) for s in seq)
        strand = "+" if k % 2 == 0 else "-"
        seq.append(p if strand == "+" else revcomp(p))
        truth.append((start, start + len(p), strand))
    seq.append(background[at:])
    return "".join(seq), truth, len(background)


def scan(mirgene, fasta, threshold, threads, extra):
    out = subprocess.run([mirgene, "scan", fasta, "-m", MODEL, "-t", str(threshold),
                          "-j", str(threads)] + extra, check=True, capture_output=True,
                         text=True).stdout
    calls = []
    for line in out.splitlines():
        f = line.split("\t")
        calls.append((int(f[1]), int(f[2]), f[5]))
    return calls


def main():
    mirgene, table, svg = sys.argv[1:4]
    threads = sys.argv[4] if len(sys.argv) > 4 else "2"
    extra = sys.argv[5:]
    plants = plant_sequences()
    genome, truth, background_nt = planted_genome(plants)
    rows = []
    with tempfile.NamedTemporaryFile("w", suffix=".fa") as f:
        for k, p in enumerate(plants):
            f.write(f">plant{k}\n{p}\n")
        f.flush()
        predicted = subprocess.run([mirgene, "predict", f.name, "-m", MODEL], check=True,
                                   capture_output=True, text=True).stdout.splitlines()[1:]
        alone_probabilities = [float(line.split("\t")[2]) for line in predicted]
    with tempfile.NamedTemporaryFile("w", suffix=".fa") as f:
        f.write(">planted\n")
        for k in range(0, len(genome), 60):
            f.write(genome[k:k + 60] + "\n")
        f.flush()
        for t in THRESHOLDS:
            calls = scan(mirgene, f.name, t, threads, extra)
            found = sum(any(c[2] == s and c[0] < e and b < c[1] for c in calls)
                        for b, e, s in truth)
            sense = [any(c[2] == s and c[0] < e and b < c[1] for b, e, s in truth) for c in calls]
            anti = [not se and any(c[0] < e and b < c[1] for b, e, _ in truth)
                    for c, se in zip(calls, sense)]
            fp = sum(not se and not an for se, an in zip(sense, anti))
            alone = sum(p >= t for p in alone_probabilities) / len(truth)
            rows.append((t, found / len(truth), fp, fp / (background_nt / 1e6), sum(anti), alone))
            print(f"threshold {t}: recall {found}/{len(truth)}, {fp} false positives, "
                  f"{sum(anti)} antisense", file=sys.stderr)
    with open(table, "w") as out:
        out.write(f"# {len(truth)} planted positives of {PLANTS} in {background_nt} nt of yeast "
                  f"chrI {BACKGROUND_FROM}-end; model {MODEL}; scan options: {' '.join(extra)}\n")
        out.write("threshold\trecall\tfalse_positives\tfp_per_mb\tantisense\trecall_alone\n")
        for t, r, fp, per_mb, anti, alone in rows:
            out.write(f"{t}\t{r:.4f}\t{fp}\t{per_mb:.1f}\t{anti}\t{alone:.4f}\n")

    if svg == "-":
        return
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "mirgene-scan"
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4.2))
    ax.plot([r[3] for r in rows], [r[1] for r in rows], marker="o", color="#1f5f99")
    for t, r, _, per_mb, _, _ in rows:
        ax.annotate(str(t), (per_mb, r), textcoords="offset points", xytext=(5, -10), fontsize=8)
    ax.set_xlabel("false positives per Mb (yeast chrI 180000-end, both strands)")
    ax.set_ylabel(f"recall of {len(truth)} planted pre-miRNAs")
    ax.set_title(f"mirgene scan, {os.path.basename(MODEL)}: planted test, thresholds annotated",
                 fontsize=10)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(svg, metadata={"Date": None})


if __name__ == "__main__":
    main()
