#!/usr/bin/env python3
"""Time of mirgene.scan from Python against `mirgene scan` on the same FASTA file, with the
same thread count, run back to back in alternation (a busy machine slows both alike); checks
that both give the same candidates.

Usage (from the repository root, after building):
  PYTHONPATH=build/python /usr/bin/python3 bench/python_scan.py [--runs 3] [--threads 1]
      [--mirgene build/mirgene] [FASTA]
The default input is data/genomes/sacCer_chr1.fa.gz (yeast chromosome I, 230 kb). The CLI
runs as a new process each time (start-up and model load included, as a user runs it);
Python's runs are calls of mirgene.scan with a model loaded once.
"""

import argparse
import os
import statistics
import subprocess
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--mirgene", default="build/mirgene")
    ap.add_argument("input", nargs="?", default="data/genomes/sacCer_chr1.fa.gz")
    args = ap.parse_args()

    import mirgene

    env = dict(os.environ)
    env.pop("MIRGENE_MODEL", None)
    os.environ.pop("MIRGENE_MODEL", None)
    model = mirgene.Model.load()
    times = {"cli": [], "python": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        out = subprocess.run([args.mirgene, "scan", "-f", "tsv", "-m", model.path, "-j", str(args.threads),
                              args.input], check=True, capture_output=True, text=True, env=env).stdout
        times["cli"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = list(mirgene.scan(args.input, model=model, threads=args.threads))
        times["python"].append(time.perf_counter() - t0)
        rows = [line.split("\t") for line in out.splitlines()[1:]]
        mine = [[c.chrom, str(c.start), str(c.end), c.strand, f"{c.probability:.4f}",
                 "NA" if c.fp_per_mb is None else f"{c.fp_per_mb:.2f}", f"{c.mfe:.2f}",
                 c.sequence, c.structure] for c in found]
        if mine != rows:
            raise SystemExit("mirgene.scan and mirgene scan differ")

    print(f"{args.input}: {len(found)} candidates, {args.threads} thread(s), model {model.path} "
          f"({model.members} member(s)), median of {args.runs} runs")
    for name, label in (("cli", "mirgene scan (process)"), ("python", "mirgene.scan (loaded model)")):
        print(f"  {label:28s} {statistics.median(times[name]):7.2f} s   "
              f"runs: {' '.join(f'{t:.2f}' for t in times[name])}")


if __name__ == "__main__":
    main()
