"""Planting held-out pre-miRNAs into DNA without miRNAs, shared by planted_benchmark.py and
boundary_robustness.py (run as `python3 scripts/NAME.py`, so that this module is found
beside them). Standard library only.

Plants are the precursors of a FASTA file minus any whose sequence equals one in the
exclusion files (compared upper case with U for T). Each DNA record is cut into slots of
`spacing` nt from its start (a last partial slot is not used); the slots of all files are
taken in file and record order, so each file gets slots in proportion to its length. Plants
are shuffled once with the seed and the k-th plant goes into slot floor(k * slots / plants)
(spread evenly when there are more slots than plants), centred in it, REPLACING the
background bases there (coordinates unchanged), on the plus strand for even k and reverse
complemented on the minus strand for odd k. Plants in neighbouring slots of a record start
exactly `spacing` nt apart. Note: with the default 8000 and the scanner's 4000-nt chunks
(anchored at each record's start) every plant's centre lies on a chunk border, the same
phase for all; the scanner folds each chunk with 120 nt of context on both sides, so a
plant there is seen whole, but the phase is not varied.
"""
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fasta_records import read_fasta  # noqa: E402

DEFAULT_DNA = [f"data/genomes/nomirna/{g}.test.fa.gz" for g in ("spombe", "mtb", "mvan", "ecoli")]
_COMPLEMENT = str.maketrans("ACGTUNacgtun", "TGCAANtgcaan")


def normalise(seq):
    """Upper case RNA spelling, the form in which plants and exclusions are compared."""
    return seq.upper().replace("T", "U")


def dna(seq):
    return seq.upper().replace("U", "T")


def revcomp(seq):
    return seq.translate(_COMPLEMENT)[::-1]


def short_name(path):
    base = os.path.basename(path)
    for suffix in (".gz", ".fa", ".fasta", ".fna"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    return base


def load_plants(plants_path, exclude_paths=()):
    """[(id, RNA sequence)] of the plants file minus the excluded sequences, in file order,
    and the number of records dropped."""
    excluded = {normalise(s) for path in exclude_paths for _, s in read_fasta(path)}
    plants, dropped = [], 0
    for name, seq in read_fasta(plants_path):
        if normalise(seq) in excluded:
            dropped += 1
            continue
        plants.append((name.split()[0] if name.split() else name, normalise(seq)))
    return plants, dropped


def load_dna(paths):
    """[{'file', 'name', 'seq'}] of every record of the DNA files (upper case), in order."""
    records, seen = [], set()
    for i, path in enumerate(paths):
        for name, seq in read_fasta(path):
            rid = name.split()[0]
            if rid in seen:
                sys.exit(f"planted_genome: record name {rid!r} occurs twice in the DNA files")
            seen.add(rid)
            records.append({"file": i, "name": rid, "seq": seq.upper()})
    return records


def plant(records, plants, spacing=8000, seed=1):
    """Plants `plants` ([(id, RNA)]) into copies of `records`. Returns (planted records as
    [(name, DNA sequence)], placed plants as dicts, number of slots, plants left out)."""
    slots = [(r, j * spacing) for r, rec in enumerate(records)
             for j in range(len(rec["seq"]) // spacing)]
    order = list(range(len(plants)))
    random.Random(seed).shuffle(order)
    used = order[: len(slots)]
    left_out = len(plants) - len(used)
    seqs = [list(rec["seq"]) for rec in records]
    placed = []
    for k, idx in enumerate(used):
        pid, rna = plants[idx]
        if len(rna) > spacing:
            sys.exit(f"planted_genome: plant {pid} ({len(rna)} nt) is longer than a slot")
        r, slot_start = slots[k * len(slots) // len(used)]
        start = slot_start + (spacing - len(rna)) // 2
        strand = "+" if k % 2 == 0 else "-"
        piece = dna(rna) if strand == "+" else revcomp(dna(rna))
        seqs[r][start:start + len(rna)] = piece
        placed.append({"id": pid, "index": idx, "record": records[r]["name"],
                       "file": records[r]["file"], "start": start, "end": start + len(rna),
                       "strand": strand, "sequence": rna})
    planted = [(rec["name"], "".join(s)) for rec, s in zip(records, seqs)]
    return planted, placed, len(slots), left_out


def write_fasta(path, records, width=60):
    with open(path, "w") as f:
        for name, seq in records:
            f.write(f">{name}\n")
            for k in range(0, len(seq), width):
                f.write(seq[k:k + width] + "\n")


def write_bed(path, placed):
    """BED6 of the plants: record, start, end, plant id, 0, strand (0-based, half-open)."""
    with open(path, "w") as f:
        for p in sorted(placed, key=lambda p: (p["file"], p["record"], p["start"])):
            f.write(f"{p['record']}\t{p['start']}\t{p['end']}\t{p['id']}\t0\t{p['strand']}\n")


def read_tsv(text):
    """Rows of a TSV with a header line as dicts keyed by the header's names."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def scan_pieces(mirgene, fasta, model, threshold, threads, extra=(), merge=False, out=None):
    """Runs `mirgene scan -f tsv` and returns its rows as dicts with start, end (int),
    probability (float) and the other columns as text."""
    cmd = [mirgene, "scan", fasta, "-m", model, "-t", str(threshold), "-f", "tsv",
           "-j", str(threads)] + ([] if merge else ["--no-merge"]) + list(extra)
    text = run_mirgene(cmd, out)
    rows = read_tsv(text)
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        row["probability"] = float(row["probability"])
    return rows, cmd


def run_mirgene(cmd, out=None, attempts=30):
    """Runs a mirgene command and returns its standard output; waits and retries while the
    executable is missing (it may be being rebuilt)."""
    import time
    for attempt in range(attempts):
        if os.path.exists(cmd[0]):
            break
        print(f"waiting for {cmd[0]} ...", file=sys.stderr)
        time.sleep(20)
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr}")
    if out:
        with open(out, "w") as f:
            f.write(result.stdout)
    return result.stdout


def mirgene_version(mirgene):
    """`mirgene --version` as lines, any path in them reduced to its file name (outputs are
    committed: no absolute paths)."""
    lines = run_mirgene([mirgene, "--version"]).strip().splitlines()
    out = []
    for line in lines:
        key, sep, value = line.partition(": ")
        if sep and os.path.isabs(value.strip()):
            line = f"{key}: {os.path.basename(value.strip())}"
        out.append(line)
    return out


def covers_half(call, plant):
    """True when `call` (start, end) covers at least half of `plant`'s length."""
    shared = min(call["end"], plant["end"]) - max(call["start"], plant["start"])
    return shared > 0 and 2 * shared >= plant["end"] - plant["start"]


def overlaps(call, plant):
    return min(call["end"], plant["end"]) > max(call["start"], plant["start"])


def plants_by_record(placed):
    """{record: (plant starts, plants sorted by start)}, for looking up the plants near a call."""
    by = {}
    for p in placed:
        by.setdefault(p["record"], []).append(p)
    return {r: ([p["start"] for p in v], v)
            for r, v in ((r, sorted(v, key=lambda p: p["start"])) for r, v in by.items())}


def nearby(by_record, call, reach=1000):
    """Plants of the call's record that start within `reach` nt of it (plants are a few
    hundred nt at most, calls too, so this holds every plant the call can overlap)."""
    import bisect
    starts, plants = by_record.get(call["chrom"], ([], []))
    lo = bisect.bisect_left(starts, call["start"] - reach)
    hi = bisect.bisect_right(starts, call["end"] + reach)
    return plants[lo:hi]


def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
