"""FASTA reading shared by the scripts of this folder (run as `python3 scripts/NAME.py`, so
that this module is found beside them)."""
import gzip


def read_fasta(path):
    """(header without '>', sequence) of every record of a FASTA file, gzip-compressed or
    plain (by a .gz suffix), in file order; sequence lines are joined, blank lines skipped."""
    path = str(path)
    opener = gzip.open if path.endswith(".gz") else open
    records, name, parts = [], None, []
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if line.startswith(">"):
                if name is not None:
                    records.append((name, "".join(parts)))
                name, parts = line[1:], []
            elif line:
                parts.append(line)
    if name is not None:
        records.append((name, "".join(parts)))
    return records
