#!/usr/bin/env python3
"""Planted-genome benchmark of `mirgene scan`: recall of held-out pre-miRNAs against false
positives per Mb of DNA without miRNAs, at every threshold, from one scan.

What it measures. The precursors of PLANTS (minus any whose sequence, U/T and case aside,
equals one in the --exclude files: what the model trained on) are planted into held-out DNA
of organisms without miRNAs (default: data/genomes/nomirna/{spombe,mtb,mvan,ecoli}.test.fa.gz,
5.6 Mb), one per --spacing-nt slot, replacing background bases, alternately on the plus
strand and reverse complemented on the minus strand (scripts/planted_genome.py). The planted
genome is scanned ONCE (`mirgene scan -t 0.3 --no-merge -f tsv`); for each threshold the
pieces at or above it are merged per strand with the rule of `mirgene scan`
(src/scan/merge.cpp, the Python copy in workflow/scripts/gather_calls.py). A plant is found
when a merged call on its strand covers at least half of it; a call overlapping a plant on
the other strand is antisense (counted apart); every other call is a false positive. FP per
Mb = false positives / ((DNA length - planted bases) / 1e6), one strand counted: per Mb of
genome. Reported per threshold, overall and per DNA file, with the best recall at <= 5, 10
and 100 FP/Mb (read off the table, no interpolation) and recall and FP/Mb at 0.8.

The TSV's probabilities have 4 decimals: a piece printed as exactly the threshold may lie
just below it (the JSON counts such pieces, `pieces_at_threshold`). `--check-merge` checks
that filtering and merging the unmerged pieces at 0.8 gives exactly the loci of
`mirgene scan -t 0.8 -f tsv` (on the first 40 kb of each planted record) and exits.

Usage (repository root, Debian's python3):
  /usr/bin/python3 scripts/planted_benchmark.py MIRGENE --model M --plants PLANTS.fa[.gz]
      [--exclude A.fa:B.fa] [--dna FILE ...] --out-tsv T.tsv [--out-svg S.svg]
      [--out-json J.json] [--out-bed B.bed] [--spacing 8000] [--threads 2] [--seed 1]
      [--scan-tsv PIECES.tsv] [--strand-competition] [--check-merge] [-- extra scan options]

`--scan-tsv` keeps the scan's pieces, and reads them back instead of scanning when the file
exists (same plants, DNA and model only): a second count, e.g. with `--strand-competition`
(a call is dropped when a more probable call on the other strand overlaps half of the
shorter), costs seconds.

The committed "before" figure of the default model (docs/results/planted/benchmark-before.*):
  /usr/bin/python3 scripts/planted_benchmark.py build/mirgene \
      --model models/mirgene-whole.safetensors \
      --plants data/mirboost/sequences/new_pos.fa.gz \
      --exclude data/mirboost/sequences/whole_pos.fa.gz:data/mirboost/cv/human/human_pos_all.fa.gz \
      --out-tsv docs/results/planted/benchmark-before.tsv \
      --out-svg docs/results/planted/benchmark-before.svg \
      --out-json docs/results/planted/benchmark-before.json \
      --out-bed docs/results/planted/benchmark-before.plants.bed --threads 2
(688 plants in 701 slots of the 5.6 Mb test DNA; 3.7-4.9 min on 2 threads of a shared
machine, nearly all of it the scan. `--check-merge` with the same arguments: identical
loci, 1105 at 0.8 on 6 x 40 kb, 27 s; 3962 on 6 x 150 kb with --check-nt 150000.)
"""
import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "workflow", "scripts"))
import planted_genome as pg  # noqa: E402
from gather_calls import merge  # noqa: E402  (the rule of src/scan/merge.cpp)

THRESHOLDS = ([round(0.3 + 0.05 * i, 2) for i in range(14)] + [0.96, 0.97, 0.98, 0.99]
              + [round(0.99 + 0.001 * i, 3) for i in range(1, 10)])
FP_BUDGETS = (5, 10, 100)


def shown_path(path):
    """A path as recorded in outputs: relative to the working directory when inside it,
    else only its file name (no absolute paths in committed results)."""
    full = os.path.abspath(path)
    cwd = os.getcwd()
    if full == cwd or full.startswith(cwd + os.sep):
        return os.path.relpath(full, cwd)
    return os.path.basename(full)


def parse_args(argv):
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mirgene")
    ap.add_argument("--model", required=True)
    ap.add_argument("--plants", required=True)
    ap.add_argument("--exclude", default="", help="FASTA files separated by ':'")
    ap.add_argument("--dna", nargs="+", default=pg.DEFAULT_DNA)
    ap.add_argument("--out-tsv")
    ap.add_argument("--out-svg")
    ap.add_argument("--out-json")
    ap.add_argument("--out-bed", help="also keep the BED of plants here")
    ap.add_argument("--spacing", type=int, default=8000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scan-tsv", help="keep the scan's pieces here; when the file exists, "
                    "read them from it instead of scanning (same plants, DNA and model only)")
    ap.add_argument("--strand-competition", action="store_true",
                    help="drop each merged call that a more probable call on the other strand "
                         "overlaps by half of the shorter: measures whether letting a locus's "
                         "strands compete would remove antisense calls without losing plants")
    ap.add_argument("--check-merge", action="store_true",
                    help="check the merge against `mirgene scan -t 0.8` on a small input and exit")
    ap.add_argument("--check-nt", type=int, default=40000,
                    help="--check-merge scans the first this many nt of each planted record")
    args = ap.parse_args(argv)
    if not args.check_merge and not args.out_tsv:
        ap.error("--out-tsv is required")
    args.extra = extra
    return args


def strand_winners(calls):
    """The calls of one record that no call on the other strand beats: a call is dropped when
    a more probable call on the other strand shares at least half of the shorter of the two
    (the question `--strand-competition` asks: how many calls are a locus's other strand)."""
    by_start = sorted(calls, key=lambda c: c["start"])
    keep = []
    for i, c in enumerate(by_start):
        beaten = False
        for j in range(i - 1, -1, -1):   # earlier starts: no piece is 1000 nt long
            d = by_start[j]
            if d["start"] <= c["start"] - 1000:
                break
            beaten |= d["strand"] != c["strand"] and d["p"] > c["p"] and same_locus_any(c, d)
        for d in by_start[i + 1:]:
            if d["start"] >= c["end"]:
                break
            beaten |= d["strand"] != c["strand"] and d["p"] > c["p"] and same_locus_any(c, d)
        if not beaten:
            keep.append(c)
    return keep


def same_locus_any(a, b):
    shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return 2 * shared >= min(a["end"] - a["start"], b["end"] - b["start"])


def merged_calls(pieces, threshold, strand_competition=False):
    """Loci at `threshold`: the pieces at or above it merged per record and strand (and with
    strand_competition, only the strand winners of them)."""
    by_chrom = {}
    for c in pieces:
        if c["probability"] >= threshold:
            by_chrom.setdefault(c["chrom"], []).append(c)
    out = []
    for chrom, calls in by_chrom.items():
        merged = merge(calls)
        out.extend(strand_winners(merged) if strand_competition else merged)
    return out


def as_piece(row):
    row["p"] = row["probability"]
    return row


def check_merge(args, planted, tmp):
    small = [(name, seq[:args.check_nt]) for name, seq in planted]
    fasta = os.path.join(tmp, "check.fa")
    pg.write_fasta(fasta, small)
    pieces, _ = pg.scan_pieces(args.mirgene, fasta, args.model, 0.3, args.threads, args.extra)
    loci, _ = pg.scan_pieces(args.mirgene, fasta, args.model, 0.8, args.threads, args.extra,
                             merge=True)
    mine = merged_calls([as_piece(p) for p in pieces], 0.8)
    key = lambda c: (c["chrom"], c["start"], c["end"], c["strand"], round(c["probability"], 4))
    a, b = sorted(map(key, mine)), sorted(map(key, loci))
    at_threshold = sum(1 for p in pieces if p["probability"] == 0.8)
    print(f"check-merge: {len(small)} records x {args.check_nt} nt, {len(pieces)} pieces at "
          f">= 0.3; mirgene scan -t 0.8: {len(b)} loci; filtered and merged here: {len(a)} "
          f"loci; pieces printed as exactly 0.8000: {at_threshold}")
    if a == b:
        print("check-merge: identical")
        return True
    for x in sorted(set(a) - set(b)):
        print("  only here:", x)
    for x in sorted(set(b) - set(a)):
        print("  only in mirgene scan:", x)
    return False


def count(threshold, pieces, placed, by_record, dna_info, strand_competition=False):
    calls = merged_calls(pieces, threshold, strand_competition)
    found = set()
    fp, anti, partial = [0] * len(dna_info), 0, 0
    for c in calls:
        near = pg.nearby(by_record, c)
        hits = [p for p in near if p["strand"] == c["strand"] and pg.covers_half(c, p)]
        if hits:
            found.update(p["n"] for p in hits)
        elif any(p["strand"] != c["strand"] and pg.overlaps(c, p) for p in near):
            anti += 1
        else:
            fp[c["file"]] += 1
            if any(pg.overlaps(c, p) for p in near):
                partial += 1
    n = len(placed)
    bg_mb = sum(d["background_nt"] for d in dna_info) / 1e6
    row = {"threshold": threshold, "plants": n, "found": len(found),
           "recall": len(found) / n if n else 0.0, "false_positives": sum(fp),
           "fp_per_mb": sum(fp) / bg_mb, "antisense": anti, "calls": len(calls),
           "fp_partial_overlap": partial,
           "pieces_at_threshold": sum(1 for p in pieces if p["probability"] == threshold),
           "per_file": {}}
    for i, d in enumerate(dna_info):
        mine = [p for p in placed if p["file"] == i]
        got = sum(1 for p in mine if p["n"] in found)
        row["per_file"][d["name"]] = {
            "false_positives": fp[i], "fp_per_mb": fp[i] / (d["background_nt"] / 1e6),
            "plants": len(mine), "found": got, "recall": got / len(mine) if mine else None}
    return row, found


def summary(rows):
    out = {}
    for budget in FP_BUDGETS:
        ok = [r for r in rows if r["fp_per_mb"] <= budget]
        if ok:
            best = max(ok, key=lambda r: (r["recall"], -r["fp_per_mb"], -r["threshold"]))
            out[f"best_recall_at_fp_per_mb_le_{budget}"] = {
                "recall": best["recall"], "found": best["found"], "threshold": best["threshold"],
                "fp_per_mb": best["fp_per_mb"]}
        else:
            out[f"best_recall_at_fp_per_mb_le_{budget}"] = None
    at = [r for r in rows if r["threshold"] == 0.8][0]
    out["at_0.8"] = {"recall": at["recall"], "found": at["found"], "fp_per_mb": at["fp_per_mb"],
                     "false_positives": at["false_positives"], "antisense": at["antisense"]}
    return out


def write_tsv(path, rows, dna_info, header_comment):
    names = [d["name"] for d in dna_info]
    cols = ["threshold", "found", "plants", "recall", "false_positives", "fp_per_mb",
            "antisense", "calls", "fp_partial_overlap"]
    cols += [f"fp_per_mb_{n}" for n in names] + [f"fp_{n}" for n in names]
    cols += [f"recall_{n}" for n in names]
    with open(path, "w") as f:
        f.write(f"# {header_comment}\n")
        f.write("\t".join(cols) + "\n")
        for r in rows:
            vals = [f"{r['threshold']:g}", str(r["found"]), str(r["plants"]), f"{r['recall']:.4f}",
                    str(r["false_positives"]), f"{r['fp_per_mb']:.2f}", str(r["antisense"]),
                    str(r["calls"]), str(r["fp_partial_overlap"])]
            vals += [f"{r['per_file'][n]['fp_per_mb']:.2f}" for n in names]
            vals += [str(r["per_file"][n]["false_positives"]) for n in names]
            vals += [f"{r['per_file'][n]['recall']:.4f}" for n in names]
            f.write("\t".join(vals) + "\n")


def write_svg(path, rows, title, xlabel, ylabel):
    """Recall against FP/Mb on a log x axis, thresholds annotated (hand-written SVG in the
    look of scripts/scan_planted.py's matplotlib figure; no plotting library needed).
    Points with no false positive are drawn at the left edge, on a '0' tick."""
    W, H = 560, 400
    left, right, top, bottom = 62, 20, 34, 52
    pw, ph = W - left - right, H - top - bottom
    positive = [r["fp_per_mb"] for r in rows if r["fp_per_mb"] > 0]
    lo = min(1.0, 10 ** math.floor(math.log10(min(positive)))) if positive else 1.0
    hi = 10 ** math.ceil(math.log10(max(positive))) if positive else 10.0
    if hi <= lo:
        hi = lo * 10
    zero_gap = 0.06 * pw   # the '0' tick sits left of the log axis
    def x(v):
        if v <= 0:
            return left
        return left + zero_gap + (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (pw - zero_gap)
    def y(v):
        return top + (1 - v / 1.02) * ph
    e = []
    e.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
             f'viewBox="0 0 {W} {H}" font-family="DejaVu Sans, Arial, sans-serif">')
    e.append(f'<rect width="{W}" height="{H}" fill="white"/>')
    # grid and ticks
    for k in range(int(math.log10(lo)), int(math.log10(hi)) + 1):
        v = 10 ** k
        xv = x(v)
        e.append(f'<line x1="{xv:.1f}" y1="{top}" x2="{xv:.1f}" y2="{top + ph}" stroke="#b0b0b0" stroke-opacity="0.3"/>')
        label = f"{v:g}"
        e.append(f'<text x="{xv:.1f}" y="{top + ph + 16}" font-size="10" text-anchor="middle">{label}</text>')
        for m in range(2, 10):
            if v * m < hi:
                xm = x(v * m)
                e.append(f'<line x1="{xm:.1f}" y1="{top + ph}" x2="{xm:.1f}" y2="{top + ph + 3}" stroke="black"/>')
    e.append(f'<text x="{left:.1f}" y="{top + ph + 16}" font-size="10" text-anchor="middle">0</text>')
    for k in range(0, 11, 2):
        v = k / 10
        yv = y(v)
        e.append(f'<line x1="{left}" y1="{yv:.1f}" x2="{left + pw}" y2="{yv:.1f}" stroke="#b0b0b0" stroke-opacity="0.3"/>')
        e.append(f'<text x="{left - 6}" y="{yv + 3.5:.1f}" font-size="10" text-anchor="end">{v:.1f}</text>')
    for budget in FP_BUDGETS:
        if lo <= budget <= hi:
            xb = x(budget)
            e.append(f'<line x1="{xb:.1f}" y1="{top}" x2="{xb:.1f}" y2="{top + ph}" stroke="#999999" stroke-dasharray="4,3"/>')
            e.append(f'<text x="{xb + 2:.1f}" y="{top + 10}" font-size="8" fill="#666666">{budget}/Mb</text>')
    e.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="black"/>')
    pts = " ".join(f"{x(r['fp_per_mb']):.1f},{y(r['recall']):.1f}" for r in rows)
    e.append(f'<polyline points="{pts}" fill="none" stroke="#1f5f99" stroke-width="1.5"/>')
    labelled = []
    for r in rows:
        px, py = x(r["fp_per_mb"]), y(r["recall"])
        e.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#1f5f99"/>')
        if all(abs(px - qx) > 18 or abs(py - qy) > 9 for qx, qy in labelled):
            labelled.append((px, py))   # crowded points: the first threshold of a crowd is named
            e.append(f'<text x="{px + 5:.1f}" y="{py + 10:.1f}" font-size="8">{r["threshold"]:g}</text>')
    e.append(f'<text x="{left + pw / 2:.1f}" y="{H - 12}" font-size="11" text-anchor="middle">{xlabel}</text>')
    e.append(f'<text x="16" y="{top + ph / 2:.1f}" font-size="11" text-anchor="middle" '
             f'transform="rotate(-90 16 {top + ph / 2:.1f})">{ylabel}</text>')
    e.append(f'<text x="{W / 2:.1f}" y="20" font-size="11" text-anchor="middle">{title}</text>')
    e.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(e) + "\n")


def main():
    args = parse_args(sys.argv[1:])
    t0 = time.time()
    excludes = [p for p in args.exclude.split(":") if p]
    plants, dropped = pg.load_plants(args.plants, excludes)
    records = pg.load_dna(args.dna)
    planted, placed, slots, left_out = pg.plant(records, plants, args.spacing, args.seed)
    for n, p in enumerate(placed):
        p["n"] = n
    if left_out:
        print(f"planted_benchmark: {slots} slots of {args.spacing} nt hold only {len(placed)} of "
              f"{len(plants)} plants; {left_out} left out", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="planted_benchmark.") as tmp:
        if args.check_merge:
            sys.exit(0 if check_merge(args, planted, tmp) else 1)
        fasta = os.path.join(tmp, "planted.fa")
        pg.write_fasta(fasta, planted)
        pg.write_bed(os.path.join(tmp, "plants.bed"), placed)
        if args.out_bed:
            pg.write_bed(args.out_bed, placed)
        version = pg.mirgene_version(args.mirgene)
        t_scan = time.time()
        if args.scan_tsv and os.path.exists(args.scan_tsv):
            # The same plants and model again (say, with --strand-competition): no new scan.
            with open(args.scan_tsv) as f:
                pieces = pg.read_tsv(f.read())
            for row in pieces:
                row["start"], row["end"] = int(row["start"]), int(row["end"])
                row["probability"] = float(row["probability"])
            cmd = ["(reused)", args.scan_tsv]
        else:
            pieces, cmd = pg.scan_pieces(args.mirgene, fasta, args.model, 0.3, args.threads,
                                         args.extra, out=args.scan_tsv)
        scan_seconds = time.time() - t_scan
    version_after = pg.mirgene_version(args.mirgene)
    if version_after != version:
        print(f"planted_benchmark: warning: {args.mirgene} changed during the run "
              f"({version} -> {version_after})", file=sys.stderr)
        version = {"before": version, "after": version_after}
    rec_file = {r["name"]: r["file"] for r in records}
    for p in pieces:
        p["p"] = p["probability"]
        p["file"] = rec_file[p["chrom"]]
    dna_info = []
    for i, path in enumerate(args.dna):
        length = sum(len(r["seq"]) for r in records if r["file"] == i)
        planted_nt = sum(p["end"] - p["start"] for p in placed if p["file"] == i)
        dna_info.append({"path": shown_path(path), "name": pg.short_name(path), "length": length,
                         "records": [r["name"] for r in records if r["file"] == i],
                         "plants": sum(1 for p in placed if p["file"] == i),
                         "planted_nt": planted_nt, "background_nt": length - planted_nt})
    by_record = pg.plants_by_record(placed)
    rows, highest = [], {}
    for t in THRESHOLDS:
        row, found = count(t, pieces, placed, by_record, dna_info, args.strand_competition)
        rows.append(row)
        for n in found:
            highest[n] = t
    best_piece = {}
    for c in pieces:
        for p in pg.nearby(by_record, c):
            if p["strand"] == c["strand"] and pg.covers_half(c, p):
                best_piece[p["n"]] = max(best_piece.get(p["n"], 0.0), c["probability"])
    summ = summary(rows)
    total_nt = sum(d["length"] for d in dna_info)
    background_nt = sum(d["background_nt"] for d in dna_info)
    shown_cmd = [shown_path(args.mirgene) if os.path.sep in args.mirgene else args.mirgene]
    shown_cmd += [shown_path(a) if os.path.isabs(a) or os.path.exists(a) else a for a in sys.argv[2:]]
    scan_cmd = ["mirgene"] + ["PLANTED.fa" if a == fasta else shown_path(a) if os.path.isabs(a)
                              else a for a in cmd[1:]]
    result = {
        "what": "planted-genome benchmark of mirgene scan (scripts/planted_benchmark.py)",
        "command": "/usr/bin/python3 scripts/planted_benchmark.py " + shlex.join(shown_cmd),
        "scan_command": shlex.join(scan_cmd),
        "mirgene_version": version,
        "model": {"path": shown_path(args.model), "sha256": pg.sha256(args.model)},
        "plants_file": shown_path(args.plants), "exclude": [shown_path(p) for p in excludes],
        "plants_available": len(plants), "plants_excluded": dropped, "plants_planted": len(placed),
        "plants_left_out": left_out, "slots": slots, "spacing": args.spacing, "seed": args.seed,
        "strand_competition": args.strand_competition,
        "dna": dna_info, "dna_total_nt": total_nt, "background_nt": background_nt,
        "pieces_scored_at_0.3": len(pieces), "scan_seconds": round(scan_seconds, 1),
        "threads": args.threads, "counting": (
            "found: a merged call on the plant's strand covers >= half of it; antisense: a call "
            "overlapping a plant on the other strand; every other call is a false positive "
            "(fp_partial_overlap: those of them overlapping a plant on its strand by less than "
            "half); fp_per_mb = false positives / ((DNA nt - planted nt) / 1e6)"),
        "summary": summ, "thresholds": rows,
        "plants": [{"id": p["id"], "record": p["record"], "start": p["start"], "end": p["end"],
                    "strand": p["strand"], "length": p["end"] - p["start"],
                    "best_piece_probability": best_piece.get(p["n"]),
                    "highest_threshold_found": highest.get(p["n"])} for p in placed],
    }
    header = (f"{len(placed)} plants of {shown_path(args.plants)} in {total_nt} nt "
              f"({', '.join(d['name'] for d in dna_info)}); model {shown_path(args.model)}; "
              f"spacing {args.spacing}, seed {args.seed}; scan options: {' '.join(args.extra)}")
    write_tsv(args.out_tsv, rows, dna_info, header)
    if args.out_json:
        with open(args.out_json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    if args.out_svg:
        write_svg(args.out_svg, rows,
                  f"mirgene scan, {os.path.basename(args.model)}: {len(placed)} plants, thresholds annotated",
                  f"false positives per Mb ({' + '.join(d['name'] for d in dna_info)}, {total_nt / 1e6:.1f} Mb)",
                  f"recall of {len(placed)} planted pre-miRNAs")
    names = [d["name"] for d in dna_info]
    print(f"{len(placed)} plants ({dropped} excluded, {left_out} left out) in "
          f"{total_nt / 1e6:.2f} Mb; scan {scan_seconds:.0f} s, total {time.time() - t0:.0f} s")
    print("| threshold | recall | FPs | FP/Mb | antisense | " + " | ".join(f"FP/Mb {n}" for n in names) + " |")
    print("|---" * (5 + len(names)) + "|")
    for r in rows:
        print(f"| {r['threshold']:g} | {r['found']}/{r['plants']} ({r['recall']:.3f}) | "
              f"{r['false_positives']} | {r['fp_per_mb']:.1f} | {r['antisense']} | "
              + " | ".join(f"{r['per_file'][n]['fp_per_mb']:.1f}" for n in names) + " |")
    for k, v in summ.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
