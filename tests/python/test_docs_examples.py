"""The Python examples of docs/python.md run as written (from a directory holding the
repository's examples/ and data/genomes/), and print what the page says they print."""

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

DOC = ROOT / "docs" / "python.md"


def blocks(section):
    """The ```python blocks of a '## ' section of docs/python.md."""
    text = DOC.read_text()
    start = text.index("\n## " + section + "\n")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end if end >= 0 else None], re.S)


def run_example(code, tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "genomes").symlink_to(ROOT / "data" / "genomes")
    env = dict(os.environ)
    env.pop("MIRGENE_MODEL", None)
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_worked_example_runs(tmp_path):
    pytest.importorskip("pandas")  # optional: the module itself needs only NumPy
    code = blocks("A worked example")
    assert len(code) == 2
    if not _has("Bio"):
        code = code[:1]
    out = run_example("\n".join(code), tmp_path)
    assert re.search(r"^\s*hsa-let-7a-1\s+80\s+0\.\d+\s+pre-miRNA\s", out, re.M), out
    assert re.search(r"^\s*random-450nt\s+450\s+NaN\s+None\s+NaN$", out, re.M), out
    if _has("matplotlib"):
        assert (tmp_path / "attention.png").stat().st_size > 1000


def test_scan_example_prints_the_cli_rows(tmp_path):
    (code,) = blocks("Scanning genomes")
    out = run_example(code, tmp_path).splitlines()
    cli, _, _ = run_cli("scan", "-f", "tsv", "--strand", "+", "data/genomes/cel_mir35_cluster.fa")
    rows = [r.split("\t") for r in cli.splitlines()[1:]]
    assert len(out) == len(rows)
    for line, row in zip(out, rows):
        chrom, start, end, strand, prob, mfe = line.split()
        assert [chrom, start, end, strand] == row[:4]
        assert f"{float(prob):.4f}" == row[4] and f"{float(mfe):.2f}" == row[6]
    # The output shown on the page is the first of them.
    shown = re.search(r"^# (chr\S+ .*)$", code, re.M).group(1)
    assert out[0] == shown


def _has(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False
