#!/usr/bin/env python3
"""How much the precursor's boundaries cost: the model's probability for held-out
pre-miRNAs cut exactly as miRBase gives them, with genomic flanks added, and as the scanner
cuts them out of a genome.

What it measures. For each precursor of PLANTS (minus any whose sequence, U/T and case
aside, equals one in the --exclude files), `mirgene predict` scores
- `exact`: the precursor as given;
- `flank K` (K = 5, 10, 20, 30): the precursor with K nt of genomic DNA on EACH side, taken
  from the held-out DNA (--dna, default the nomirna test DNA) at one random position per
  precursor (seeded, windows with N skipped, a random strand), the same position for every
  K (the 5-nt flanks are the inner part of the 10-nt ones);
- `scanner`: the precursor planted into the same DNA as scripts/planted_benchmark.py plants
  it (one per 8 kb slot, alternate strands; scripts/planted_genome.py), scanned with
  `mirgene scan -t 0 --no-merge`: the best-scoring unmerged piece on its strand covering
  at least half of it (probability 0 when there is none).
Per variant: mean probability, share >= 0.5 and >= 0.8, mean drop from exact (exact minus
variant), and the share of precursors called at 0.8 exactly but below 0.8 in the variant
(of all precursors, and of those called exactly). Prints a markdown table, writes JSON.

Usage (repository root, Debian's python3):
  /usr/bin/python3 scripts/boundary_robustness.py MIRGENE --model M --plants PLANTS.fa[.gz]
      [--exclude A.fa:B.fa] [--dna FILE ...] [--out-json J.json] [--threads 2] [--seed 1]
      [--spacing 8000] [--limit N] [-- extra scan options]

The committed "before" table of the default model (docs/results/planted/boundary-before.json):
  /usr/bin/python3 scripts/boundary_robustness.py build/mirgene \
      --model models/mirgene-whole.safetensors \
      --plants data/mirboost/sequences/new_pos.fa.gz \
      --exclude data/mirboost/sequences/whole_pos.fa.gz:data/mirboost/cv/human/human_pos_all.fa.gz \
      --out-json docs/results/planted/boundary-before.json --threads 2
(3.8 min on 2 threads of a shared machine: predict 4 s, the -t 0 scan of the planted test
DNA the rest.)
"""
import argparse
import json
import os
import random
import shlex
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import planted_genome as pg  # noqa: E402
from planted_benchmark import shown_path  # noqa: E402

FLANKS = (5, 10, 20, 30)


def parse_args(argv):
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mirgene")
    ap.add_argument("--model", required=True)
    ap.add_argument("--plants", required=True)
    ap.add_argument("--exclude", default="", help="FASTA files separated by ':'")
    ap.add_argument("--dna", nargs="+", default=pg.DEFAULT_DNA)
    ap.add_argument("--out-json")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--spacing", type=int, default=8000)
    ap.add_argument("--limit", type=int, default=0,
                    help="only this many precursors, taken evenly through the file (for trials)")
    args = ap.parse_args(argv)
    args.extra = extra
    return args


def flank_windows(records, n, width, seed):
    """n windows of 2*width nt (A/C/G/T only) at random positions of the DNA, each on a
    random strand, as RNA; drawn with their own generator so they do not depend on the
    planting."""
    rng = random.Random(seed)
    total = sum(len(r["seq"]) for r in records)
    out = []
    while len(out) < n:
        at = rng.randrange(total)
        for r in records:
            if at < len(r["seq"]):
                break
            at -= len(r["seq"])
        seq = r["seq"]
        if at < width or at + width > len(seq):
            continue
        w = seq[at - width:at + width]
        if set(w) - set("ACGT"):
            continue
        if rng.random() < 0.5:
            w = pg.revcomp(w)
        out.append({"record": r["name"], "position": at, "window": pg.normalise(w)})
    return out


def predict(args, named_seqs, tmp):
    fasta = os.path.join(tmp, "predict.fa")
    pg.write_fasta(fasta, named_seqs, width=10 ** 6)
    text = pg.run_mirgene([args.mirgene, "predict", fasta, "-m", args.model,
                           "-j", str(args.threads)])
    probs = {}
    for row in pg.read_tsv(text):
        p = row["prob_premirna"]
        probs[row["id"]] = None if p in ("-", "") else float(p)
    return probs


def scanner_best(args, records, plants, tmp):
    """Best unmerged piece on each planted precursor's strand covering >= half of it."""
    planted, placed, slots, left_out = pg.plant(records, plants, args.spacing, args.seed)
    fasta = os.path.join(tmp, "planted.fa")
    pg.write_fasta(fasta, planted)
    out = os.path.join(tmp, "pieces.tsv")
    cmd = [args.mirgene, "scan", fasta, "-m", args.model, "-t", "0", "--no-merge", "-f", "tsv",
           "-j", str(args.threads), "-o", out] + args.extra
    t0 = time.time()
    pg.run_mirgene(cmd)
    seconds = time.time() - t0
    by_record = pg.plants_by_record(placed)
    best = {p["index"]: 0.0 for p in placed}
    pieces = 0
    with open(out) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            pieces += 1
            c = {"chrom": row["chrom"], "start": int(row["start"]), "end": int(row["end"]),
                 "strand": row["strand"]}
            for p in pg.nearby(by_record, c):
                if p["strand"] == c["strand"] and pg.covers_half(c, p):
                    best[p["index"]] = max(best[p["index"]], float(row["probability"]))
    scan_cmd = ["mirgene"] + ["PLANTED.fa" if a == fasta else "PIECES.tsv" if a == out
                              else shown_path(a) if os.path.isabs(a) else a for a in cmd[1:]]
    return best, {"scan_command": shlex.join(scan_cmd), "scan_seconds": round(seconds, 1),
                  "slots": slots, "planted": len(placed), "left_out": left_out,
                  "pieces_scored": pieces}


def stats(name, exact, variant):
    """Metrics of one variant over the precursors it has a probability for."""
    keys = [i for i in variant if i in exact]
    n = len(keys)
    v = [variant[i] for i in keys]
    e = [exact[i] for i in keys]
    called = [i for i in keys if exact[i] >= 0.8]
    lost = [i for i in called if variant[i] < 0.8]
    gained = [i for i in keys if exact[i] < 0.8 <= variant[i]]
    return {"variant": name, "n": n, "mean_probability": sum(v) / n,
            "share_ge_0.5": sum(x >= 0.5 for x in v) / n, "share_ge_0.8": sum(x >= 0.8 for x in v) / n,
            "mean_drop_from_exact": sum(a - b for a, b in zip(e, v)) / n,
            "called_exactly_at_0.8": len(called), "lost_at_0.8": len(lost),
            "lost_at_0.8_share_of_all": len(lost) / n,
            "lost_at_0.8_share_of_called": len(lost) / len(called) if called else None,
            "gained_at_0.8": len(gained)}


def print_table(table):
    print("| variant | n | mean P | share >= 0.5 | share >= 0.8 | mean drop from exact "
          "| called at 0.8 exactly, < 0.8 here (share of all; of called) | gained at 0.8 |")
    print("|---|---|---|---|---|---|---|---|")
    for r in table:
        lost = (f"{r['lost_at_0.8']}/{r['called_exactly_at_0.8']} "
                f"({r['lost_at_0.8_share_of_all']:.3f}; {r['lost_at_0.8_share_of_called'] or 0:.3f})")
        print(f"| {r['variant']} | {r['n']} | {r['mean_probability']:.3f} | {r['share_ge_0.5']:.3f} "
              f"| {r['share_ge_0.8']:.3f} | {r['mean_drop_from_exact']:+.3f} | {lost} "
              f"| {r['gained_at_0.8']} |")


def main():
    args = parse_args(sys.argv[1:])
    t0 = time.time()
    excludes = [p for p in args.exclude.split(":") if p]
    plants, dropped = pg.load_plants(args.plants, excludes)
    if args.limit and args.limit < len(plants):
        plants = [plants[k * len(plants) // args.limit] for k in range(args.limit)]
    records = pg.load_dna(args.dna)
    K = max(FLANKS)
    windows = flank_windows(records, len(plants), K, args.seed)
    seqs = []
    for i, (pid, rna) in enumerate(plants):
        seqs.append((f"p{i}", rna))
        for k in FLANKS:
            w = windows[i]["window"]
            seqs.append((f"p{i}_f{k}", w[K - k:K] + rna + w[K:K + k]))
    version = pg.mirgene_version(args.mirgene)
    with tempfile.TemporaryDirectory(prefix="boundary_robustness.") as tmp:
        t_pred = time.time()
        probs = predict(args, seqs, tmp)
        predict_seconds = time.time() - t_pred
        scan_best, scan_info = scanner_best(args, records, plants, tmp)
    unscored = sorted(k for k, v in probs.items() if v is None)
    exact = {i: probs[f"p{i}"] for i in range(len(plants)) if probs[f"p{i}"] is not None}
    variants = {"exact": exact}
    for k in FLANKS:
        variants[f"flank {k}"] = {i: probs[f"p{i}_f{k}"] or 0.0 for i in range(len(plants))}
    variants["scanner"] = scan_best
    table = [stats(name, exact, v) for name, v in variants.items()]
    shown_cmd = [shown_path(args.mirgene) if os.path.sep in args.mirgene else args.mirgene]
    shown_cmd += [shown_path(a) if os.path.isabs(a) or os.path.exists(a) else a for a in sys.argv[2:]]
    version_after = pg.mirgene_version(args.mirgene)
    if version_after != version:
        print(f"boundary_robustness: warning: {args.mirgene} changed during the run "
              f"({version} -> {version_after})", file=sys.stderr)
        version = {"before": version, "after": version_after}
    result = {
        "what": "boundary robustness of held-out pre-miRNAs (scripts/boundary_robustness.py)",
        "command": "/usr/bin/python3 scripts/boundary_robustness.py " + shlex.join(shown_cmd),
        "mirgene_version": version,
        "model": {"path": shown_path(args.model), "sha256": pg.sha256(args.model)},
        "plants_file": shown_path(args.plants), "exclude": [shown_path(p) for p in excludes],
        "precursors": len(plants), "precursors_excluded": dropped, "seed": args.seed,
        "spacing": args.spacing, "threads": args.threads,
        "dna": [shown_path(p) for p in args.dna], "predict_seconds": round(predict_seconds, 1),
        "unscored_by_predict": unscored, **scan_info, "table": table,
        "per_precursor": [{"id": pid, "length": len(rna), "flank_record": windows[i]["record"],
                           "flank_position": windows[i]["position"],
                           **{name: v.get(i) for name, v in variants.items()}}
                          for i, (pid, rna) in enumerate(plants)],
    }
    if args.out_json:
        with open(args.out_json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    print(f"{len(plants)} precursors ({dropped} excluded); predict {predict_seconds:.0f} s, scan "
          f"{scan_info['scan_seconds']:.0f} s, total {time.time() - t0:.0f} s"
          + (f"; not scored by predict: {', '.join(unscored)}" if unscored else ""))
    print()
    print_table(table)


if __name__ == "__main__":
    main()
