#!/usr/bin/env python3
"""Throughput of mirgene.Model.predict from Python against `mirgene predict` on the same
file, with the same thread count, run back to back in alternation (a busy machine slows both
alike); and the time from `import mirgene` to the first probability.

Usage (from the repository root, after building):
  PYTHONPATH=build/python /usr/bin/python3 bench/python_predict.py [--runs 5] [--threads 1]
      [--mirgene build/mirgene] [FASTA ...]
The default input is the human test set (data/mirboost/test/human/*.fa.gz, 828 records).
Each run of the CLI is a new process (start-up and model load included, as a user runs it);
Python's are calls on one loaded model: predict() on a list of str read beforehand, and
predict_fasta() on the file.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def read_sequences(path):
    seqs = []
    for line in Path(path).read_text().splitlines():
        if line.startswith(">"):
            seqs.append("")
        elif line.strip():
            seqs[-1] += line.strip()
    return seqs


def first_result_seconds(seq):
    """A fresh interpreter: import mirgene, load the default model, score one sequence."""
    code = (
        "import time; t0 = time.perf_counter()\n"
        "import mirgene\n"
        "p = mirgene.Model.load().predict([%r])\n"
        "print(time.perf_counter() - t0)\n" % seq
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--mirgene", default="build/mirgene")
    ap.add_argument("inputs", nargs="*",
                    default=sorted(str(p) for p in Path("data/mirboost/test/human").glob("*.fa.gz")))
    args = ap.parse_args()

    import mirgene

    env = dict(os.environ)
    env.pop("MIRGENE_MODEL", None)
    os.environ.pop("MIRGENE_MODEL", None)
    model = mirgene.Model.load()
    with tempfile.NamedTemporaryFile("w", suffix=".fa", delete=False) as f:
        for path in args.inputs:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt") as src:
                f.write(src.read())
        fasta = f.name
    try:
        seqs = read_sequences(fasta)
        times = {"cli": [], "predict": [], "predict_fasta": []}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([args.mirgene, "predict", fasta, "-m", model.path, "-j", str(args.threads)],
                           check=True, stdout=subprocess.DEVNULL, env=env)
            times["cli"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            model.predict(seqs, threads=args.threads, errors="nan")
            times["predict"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            model.predict_fasta(fasta, threads=args.threads, errors="nan")
            times["predict_fasta"].append(time.perf_counter() - t0)
        first, cli_one = [], []
        for _ in range(args.runs):
            first.append(first_result_seconds(seqs[0]))
            t0 = time.perf_counter()
            subprocess.run([args.mirgene, "predict", "-", "-j", "1"], input=f">s\n{seqs[0]}\n",
                           text=True, check=True, stdout=subprocess.DEVNULL, env=env)
            cli_one.append(time.perf_counter() - t0)
    finally:
        os.unlink(fasta)

    print(f"{len(seqs)} records, {args.threads} thread(s), model {model.path} "
          f"({model.members} member(s)), median of {args.runs} runs")
    for name, label in (("cli", "mirgene predict (process)"), ("predict", "Model.predict(list of str)"),
                        ("predict_fasta", "Model.predict_fasta(file)")):
        m = statistics.median(times[name])
        print(f"  {label:28s} {m:7.3f} s  {len(seqs) / m:8.0f} records/s   "
              f"runs: {' '.join(f'{t:.3f}' for t in times[name])}")
    print(f"  import mirgene -> first probability (new interpreter): median "
          f"{statistics.median(first):.3f} s   runs: {' '.join(f'{t:.3f}' for t in first)}")
    print(f"  mirgene predict of one record (process):             median "
          f"{statistics.median(cli_one):.3f} s   runs: {' '.join(f'{t:.3f}' for t in cli_one)}")


if __name__ == "__main__":
    main()
