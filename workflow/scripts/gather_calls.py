#!/usr/bin/env python3
"""Gathers the pieces' calls of one genome into one BED6 and one GFF3 file.

Reads `mirgene scan --format calls --no-merge` outputs in the order of pieces.tsv, merges
overlapping calls on one strand of a chromosome into one candidate (the most probable
call of the chain, the first in (start, end) order on ties) and writes them in input
order of the chromosomes, then by start, formatted exactly as `mirgene scan` formats them
(src/scan/merge.cpp and src/scan/output_format.cpp). Outputs are written to a temporary
name and renamed, so an interrupted run leaves none.
Usage: gather_calls.py PIECES.tsv CALLS_DIR OUT.bed OUT.gff3
"""
import csv
import math
import os
import struct
import sys


def as_float32(text):
    return struct.unpack("f", struct.pack("f", float(text)))[0]


def same_locus(a, b):
    shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return shared > 0 and 2 * shared >= shorter


def merge(calls):
    calls = sorted(calls, key=lambda c: (c["strand"], c["start"], c["end"]))
    out, k = [], 0
    while k < len(calls):
        best, last, nxt = k, k, k + 1
        while (nxt < len(calls) and calls[nxt]["strand"] == calls[k]["strand"]
               and same_locus(calls[last], calls[nxt])):
            if calls[nxt]["p"] > calls[best]["p"]:
                best = nxt
            last = nxt
            nxt += 1
        out.append(calls[best])
        k = nxt
    return sorted(out, key=lambda c: (c["start"], c["end"], c["strand"]))


def name(chrom, c):
    return f"{chrom}:{c['start']}-{c['end']}({c['strand']})"


def gff_escape(text):
    return "".join(f"%{ord(ch):02X}" if ch in ";=&,%" or ord(ch) < 0x20 else ch for ch in text)


def main():
    pieces_tsv, calls_dir, bed_path, gff_path = sys.argv[1:5]
    with open(pieces_tsv) as f:
        pieces = list(csv.DictReader(f, delimiter="\t"))
    chroms, by_chrom = [], {}
    for p in pieces:
        if p["chrom"] not in by_chrom:
            chroms.append(p["chrom"])
            by_chrom[p["chrom"]] = []
        with open(os.path.join(calls_dir, p["piece"] + ".calls")) as f:
            for line in f:
                chrom, start, end, strand, prob, energy, seq, structure = line.rstrip("\n").split("\t")
                by_chrom[chrom].append({"start": int(start), "end": int(end), "strand": strand,
                                        "p": as_float32(prob), "energy": int(energy),
                                        "structure": structure})
    with open(bed_path + ".partial", "w") as bed, open(gff_path + ".partial", "w") as gff:
        gff.write("##gff-version 3\n")
        for chrom in chroms:
            for c in merge(by_chrom[chrom]):
                score = math.floor(1000.0 * c["p"] + 0.5)
                bed.write(f"{chrom}\t{c['start']}\t{c['end']}\t{name(chrom, c)}\t{score}\t"
                          f"{c['strand']}\n")
                p4 = f"{c['p']:.4f}"
                gff.write(f"{chrom}\tmirgene\tpre_miRNA\t{c['start'] + 1}\t{c['end']}\t{p4}\t"
                          f"{c['strand']}\t.\tID={gff_escape(name(chrom, c))};probability={p4};"
                          f"mfe={c['energy'] / 100.0:.2f};structure={c['structure']}\n")
    os.replace(bed_path + ".partial", bed_path)
    os.replace(gff_path + ".partial", gff_path)


if __name__ == "__main__":
    main()
