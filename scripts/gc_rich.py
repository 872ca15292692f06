#!/usr/bin/env python3
"""Writes the records of FASTA files whose G+C fraction is at least MIN_GC, leaving out every
record whose sequence equals, contains or lies inside a sequence of an --exclude file (so that
a set scored in cross-validation shares nothing with the data the compared models train or are
tested on). Input order is kept; the first copy of a repeated id wins.

Usage: gc_rich.py --min-gc 0.5 [--exclude FILE ...] -o OUT IN [IN ...]
Files may be gzip-compressed. Prints, per input, how many records were read, kept and
excluded.
"""
import argparse
import os
import sys

from fasta_records import read_fasta


def plain(seq):
    return seq.upper().replace("T", "U")


def gc_fraction(seq):
    return (seq.count("G") + seq.count("C")) / len(seq) if seq else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--min-gc", type=float, required=True)
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    excluded = {plain(s) for path in args.exclude for _, s in read_fasta(path)}
    # Containment is checked against one long text: a '|' between sequences stops matches
    # across two of them.
    excluded_text = "|" + "|".join(sorted(excluded)) + "|"
    kept, seen = [], set()
    for path in args.inputs:
        read = rich = dropped = 0
        for name, seq in read_fasta(path):
            read += 1
            s = plain(seq)
            if gc_fraction(s) < args.min_gc:
                continue
            rich += 1
            if s in excluded_text or any(e in s for e in excluded):
                dropped += 1
                continue
            ident = name.split()[0]
            if ident in seen:
                continue
            seen.add(ident)
            kept.append((name, s))
        print(f"{path}: {read} read, {rich} with G+C >= {args.min_gc}, {dropped} of them "
              f"excluded", file=sys.stderr)
    # Written to a temporary name first: an interrupted run leaves no half-written file.
    partial = args.output + ".partial"
    with open(partial, "w") as out:
        for name, seq in kept:
            out.write(f">{name}\n{seq}\n")
    os.replace(partial, args.output)
    print(f"{args.output}: {len(kept)} records", file=sys.stderr)


if __name__ == "__main__":
    main()
