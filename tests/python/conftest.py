"""Shared fixtures of the Python module's tests (test_*.py): the mirgene executable of the
same build (MIRGENE_BIN, set by CTest) to compare with, and the repository paths. Run from the
repository root with PYTHONPATH=BUILD/python (tests/CMakeLists.txt does both)."""

import gzip
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "example.fa"
HUMAN_TEST = sorted((ROOT / "data" / "mirboost" / "test" / "human").glob("*.fa.gz"))


def run_cli(*args, stdin=None, check=True):
    """Runs the mirgene executable; returns (stdout, stderr, exit status)."""
    binary = os.environ.get("MIRGENE_BIN")
    if not binary:
        pytest.fail("MIRGENE_BIN is not set (run the tests through ctest)")
    env = dict(os.environ)
    env.pop("MIRGENE_MODEL", None)
    p = subprocess.run(
        [binary, *map(str, args)], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT
    )
    if check and p.returncode != 0:
        pytest.fail(f"mirgene {' '.join(map(str, args))} failed: {p.stderr}")
    return p.stdout, p.stderr, p.returncode


def cli_errors(stderr):
    """The messages of the CLI's "error: MESSAGE" lines."""
    return [line[len("error: "):] for line in stderr.splitlines() if line.startswith("error: ")]


def fasta_text(records):
    """FASTA text of (id, sequence) pairs as the module reads its input: one line each."""
    return "".join(f">{i}\n{s}\n" for i, s in records)


def read_fasta(path):
    """(id, sequence) pairs of a FASTA file, plain or gzip (a helper for well-formed files)."""
    path = Path(path)
    text = gzip.decompress(path.read_bytes()).decode() if path.suffix == ".gz" else path.read_text()
    records = []
    for line in text.splitlines():
        if line.startswith(">"):
            records.append([line[1:].split()[0], ""])
        elif line.strip():
            records[-1][1] += line.strip()
    return [tuple(r) for r in records]


class Record:
    """Anything with .seq and .id, as a Biopython SeqRecord."""

    def __init__(self, id, seq):
        self.id = id
        self.seq = seq


@pytest.fixture(scope="session")
def model():
    import mirgene

    old = os.environ.pop("MIRGENE_MODEL", None)
    try:
        return mirgene.Model.load()
    finally:
        if old is not None:
            os.environ["MIRGENE_MODEL"] = old


def wakeups_while(call):
    """How many times a thread sleeping 20 ms at a time wakes while another thread runs
    `call`: many when `call` releases the GIL, about none when it holds it throughout."""
    started = threading.Event()

    def work():
        started.set()
        call()

    t = threading.Thread(target=work)
    t.start()
    started.wait()
    wakeups = 0
    while t.is_alive():
        time.sleep(0.02)
        wakeups += 1
    t.join()
    return wakeups


def run_python(code, timeout=120):
    """Runs `code` in a fresh interpreter (the one running the tests), without a
    MIRGENE_MODEL from the caller's environment; returns the CompletedProcess."""
    env = dict(os.environ)
    env.pop("MIRGENE_MODEL", None)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=timeout)
