"""mirgene.scan against `mirgene scan -f tsv` of the same build: the C. elegans region (both
strands, several options), records from Python, unreadable records and inputs; streaming,
early close, Ctrl-C, threads."""

import gzip
import json
import threading
import time
import warnings

import pytest

import mirgene
from conftest import ROOT, Record, cli_errors, fasta_text, read_fasta, run_cli, run_python, wakeups_while

CEL = ROOT / "data" / "genomes" / "cel_mir35_cluster.fa"
HEADER = ["chrom", "start", "end", "strand", "probability", "fp_per_mb", "mfe", "sequence",
          "structure"]



@pytest.fixture(scope="module")
def model():
    """The model `mirgene scan` uses without -m (mirgene-genome), which the tests compare
    the Python scans with."""
    return mirgene.Model.load(mirgene.default_model_path("mirgene-genome.safetensors"))

def cli_scan(*args, stdin=None):
    out, err, status = run_cli("scan", "-f", "tsv", "-j", "1", *args, stdin=stdin, check=False)
    lines = out.splitlines()
    assert lines and lines[0].split("\t") == HEADER, err
    return [line.split("\t") for line in lines[1:]], err, status


def as_rows(candidates):
    """Candidates printed as the CLI's TSV prints them (probability 4 decimals, fp_per_mb and
    mfe 2)."""
    return [[c.chrom, str(c.start), str(c.end), c.strand, f"{c.probability:.4f}",
             "NA" if c.fp_per_mb is None else f"{c.fp_per_mb:.2f}", f"{c.mfe:.2f}",
             c.sequence, c.structure] for c in candidates]


def test_cel_region_equals_cli(model):
    rows, _, _ = cli_scan(CEL)
    found = list(mirgene.scan(CEL, model=model, threads=1))
    assert all(isinstance(c, mirgene.Candidate) for c in found)
    assert as_rows(found) == rows
    # Both strands and both records are there, in input order then by start.
    assert {c.strand for c in found} == {"+", "-"}
    assert [c.chrom for c in found] == sorted((c.chrom for c in found), key=[r[0] for r in rows].index)
    assert len(rows) >= 8
    for c in found:
        assert isinstance(c.start, int) and isinstance(c.probability, float)
        assert c.probability >= 0.8 and c.end - c.start == len(c.sequence) == len(c.structure)
        assert mirgene.fold(c.sequence) == (c.structure, pytest.approx(c.mfe, abs=1e-9))


@pytest.mark.parametrize(
    "options, kwargs",
    [
        (["--strand", "+"], dict(strand="+")),
        (["--strand", "-", "-t", "0.5"], dict(strand="-", threshold=0.5)),
        (["--no-merge", "-t", "0.7"], dict(merge=False, threshold=0.7)),
        (["--span", "100", "--chunk", "1000", "--flank", "5", "--min-length", "80", "--min-pairs", "10"],
         dict(span=100, chunk=1000, flank=5, min_length=80, min_pairs=10)),
        (["-m", ROOT / "models" / "mirgene-human.safetensors", "-t", "0.6"],
         dict(model=ROOT / "models" / "mirgene-human.safetensors", threshold=0.6)),
    ],
    ids=["plus", "minus", "no-merge", "settings", "model"],
)
def test_options_equal_cli(model, options, kwargs):
    rows, _, _ = cli_scan(*options, CEL)
    kwargs.setdefault("model", model)
    assert as_rows(mirgene.scan(CEL, threads=1, **kwargs)) == rows


def test_records_equal_the_file(model, tmp_path):
    expected = as_rows(mirgene.scan(CEL, model=model))
    records = read_fasta(CEL)
    assert as_rows(mirgene.scan(records, model=model)) == expected  # (id, seq) pairs
    assert as_rows(mirgene.scan(iter([Record(i, s) for i, s in records]), model=model)) == expected
    # One record given alone; plain str records are named seqK.
    first = [r for r in expected if r[0] == records[0][0]]
    assert as_rows(mirgene.scan(Record(*records[0]), model=model)) == first
    plain = as_rows(mirgene.scan([s for _, s in records], model=model))
    assert plain == [["seq1" if r[0] == records[0][0] else "seq2"] + r[1:] for r in expected]
    # gzip and path-like input.
    gz = tmp_path / "cel.fa.gz"
    gz.write_bytes(gzip.compress(CEL.read_bytes()))
    assert as_rows(mirgene.scan(gz, model=model)) == expected


def test_results_do_not_depend_on_threads(model):
    one = list(mirgene.scan(CEL, model=model, threads=1))
    assert list(mirgene.scan(CEL, model=model, threads=2)) == one
    assert list(mirgene.scan(CEL, model=model, threads=0)) == one


def bad_records():
    records = read_fasta(CEL)
    return [records[0], ("bad", "ACGU?" * 20), ("worse", "ACGUJ"), records[1]]


def test_bad_records_raise_the_cli_message_after_every_candidate(model):
    records = bad_records()
    rows, err, status = cli_scan("-", stdin=fasta_text(records))
    assert status == 0
    expected = [e.replace("<stdin>", "<input>") for e in cli_errors(err)]
    assert len(expected) == 2 and "record 'bad' (#2)" in expected[0] and "(#3)" in expected[1]
    found = []
    with pytest.raises(mirgene.Error) as e:
        for c in mirgene.scan(records, model=model):
            found.append(c)
    assert str(e.value) == expected[0] and e.value.errors == expected
    assert as_rows(found) == rows
    assert {c.chrom for c in found} == {records[0][0], records[3][0]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert as_rows(mirgene.scan(records, model=model, errors="warn")) == rows
    assert [str(w.message) for w in caught if w.category is mirgene.ScanWarning] == expected


def test_bad_records_in_a_file_name_the_file(model, tmp_path):
    path = tmp_path / "bad.fa"
    path.write_text(fasta_text(bad_records()))
    rows, err, _ = cli_scan(path)
    with pytest.raises(mirgene.Error) as e:
        list(mirgene.scan(path, model=model))
    assert [str(e.value)] == e.value.errors[:1] and e.value.errors == cli_errors(err)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert as_rows(mirgene.scan(path, model=model, errors="warn")) == rows


def test_corrupt_gzip_raises_after_the_records_before_it(model, tmp_path):
    records = read_fasta(CEL)
    data = gzip.compress(fasta_text(records[1:] + records[:1]).encode())
    path = tmp_path / "cut.fa.gz"
    path.write_bytes(data[: len(data) - 200])
    rows, err, _ = cli_scan(path)
    assert rows and {r[0] for r in rows} == {records[1][0]}
    found = []
    with pytest.raises(mirgene.Error) as e:
        for c in mirgene.scan(path, model=model):
            found.append(c)
    assert str(e.value) == cli_errors(err)[-1]
    assert as_rows(found) == rows


def test_unreadable_input_and_bad_options_raise_at_the_call(model, tmp_path):
    missing = tmp_path / "missing.fa"
    _, err, _ = run_cli("scan", missing, check=False)
    with pytest.raises(mirgene.Error) as e:
        mirgene.scan(missing, model=model)
    assert str(e.value) == cli_errors(err)[0]
    with pytest.raises(mirgene.Error, match=r"^scan: --span must be from 20 to 400 nt, not 10$"):
        mirgene.scan(CEL, model=model, span=10)
    with pytest.raises(mirgene.Error, match=r"^scan: --chunk must be from --span \(120\)"):
        mirgene.scan(CEL, model=model, chunk=100)
    with pytest.raises(mirgene.Error, match=r"^scan: --threshold must be from 0 to 1$"):
        mirgene.scan(CEL, model=model, threshold=1.5)
    _, err, _ = run_cli("predict", "--threads", "-1", CEL, check=False)
    with pytest.raises(mirgene.Error) as e:
        mirgene.scan(CEL, model=model, threads=-1)
    assert str(e.value) in err
    with pytest.raises(ValueError, match="strand must be"):
        mirgene.scan(CEL, model=model, strand="+-")
    with pytest.raises(ValueError, match="errors must be"):
        mirgene.scan(CEL, model=model, errors="nan")


def test_python_errors_in_the_records_end_the_scan_after_the_records_before(model):
    records = read_fasta(CEL)
    expected = as_rows(mirgene.scan(records[:1], model=model))

    def broken():
        yield records[0]
        yield 42

    found = []
    with pytest.raises(TypeError, match=r"sequence #2: expected a str or an object with \.seq"):
        for c in mirgene.scan(broken(), model=model):
            found.append(c)
    assert as_rows(found) == expected
    with pytest.raises(mirgene.Error, match=r"^record #1: id holds a line end$"):
        list(mirgene.scan([("a\nb", "ACGU" * 30)], model=model))


class Counted:
    """Many copies of the C. elegans region as records, counting those pulled."""

    def __init__(self, copies):
        self.records = [(f"copy{k}", s) for k in range(copies) for _, s in read_fasta(CEL)[:1]]
        self.pulled = 0

    def __iter__(self):
        for r in self.records:
            self.pulled += 1
            yield r


def cpu_seconds_while_sleeping(seconds):
    """CPU time of the whole process (every thread) while this thread sleeps."""
    start = time.process_time()
    time.sleep(seconds)
    return time.process_time() - start


def process_keeps_working(cpu_seconds, within):
    """True once the process (its other threads, while this one sleeps) has used
    `cpu_seconds` of CPU, False if it has not within `within` seconds of wall time. Polled,
    so that a machine busy with other work only makes it slower, not false."""
    start_cpu, deadline = time.process_time(), time.monotonic() + within
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if time.process_time() - start_cpu >= cpu_seconds:
            return True
    return False


def test_candidates_stream_and_closing_stops_the_scan(model):
    # 400 records of 6.1 kb (2.4 MB) would take minutes on one thread: the first candidate
    # comes while most are still unread, the scan goes on meanwhile (on its own thread), and
    # closing the generator stops it: the process then uses no CPU.
    source = Counted(400)
    it = mirgene.scan(source, model=model, threads=1)
    first = next(it)
    assert first.chrom == "copy0"
    assert source.pulled < 400
    assert process_keeps_working(0.2, within=30)
    start = time.monotonic()
    it.close()
    assert time.monotonic() - start < 10
    assert cpu_seconds_while_sleeping(1.0) < 0.05
    with pytest.raises(StopIteration):
        next(it)
    # Dropping an unfinished generator stops its scan too.
    it = mirgene.scan(Counted(400), model=model, threads=1)
    next(it)
    del it
    assert cpu_seconds_while_sleeping(1.0) < 0.05


def test_scans_from_python_threads_at_once(model):
    expected = list(mirgene.scan(CEL, model=model, threads=1))
    results = [None] * 3

    def work(k):
        results[k] = list(mirgene.scan(CEL, model=model, threads=1))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3


def test_interrupt_stops_a_long_scan():
    # SIGINT during a scan raises KeyboardInterrupt (this input would take minutes: the
    # timeout fails a scan that ignores it).
    code = (
        "import os, signal, threading, mirgene\n"
        "seq = open(%r).read().split('>')[1].split('\\n', 1)[1].replace('\\n', '')\n"
        "threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()\n"
        "try:\n"
        "    for c in mirgene.scan([seq] * 400, threads=1):\n"
        "        pass\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted')\n" % str(CEL)
    )
    p = run_python(code)
    assert p.stdout.strip() == "interrupted", p.stderr


def test_scan_releases_the_gil(model):
    # While one thread scans, another runs Python: it wakes from its short sleeps many times
    # before the scan ends. Were the GIL held while the scan runs, it could not.
    wakeups = wakeups_while(lambda: list(mirgene.scan(CEL, model=model, threads=1)))
    assert wakeups >= 5


def test_type_stubs_declare_scan():
    import ast
    import inspect

    stub = ast.parse((ROOT / "python" / "mirgene" / "__init__.pyi").read_text())
    names = {getattr(n, "name", None) for n in stub.body} | {
        t.id for n in stub.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    assert set(mirgene.__all__) <= names, set(mirgene.__all__) - names
    (scan,) = [n for n in stub.body if isinstance(n, ast.FunctionDef) and n.name == "scan"]
    assert [a.arg for a in scan.args.args] == list(inspect.signature(mirgene.scan).parameters)
    (candidate,) = [n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "Candidate"]
    assert [n.target.id for n in candidate.body] == list(mirgene.Candidate._fields)


def test_exit_with_an_open_scan_of_python_records():
    # A scan left open at exit, its thread pulling many small records from Python (so often
    # waiting for the GIL), is stopped before the interpreter shuts down: without that, it
    # crashed about one exit in four. Three exits each time.
    code = (
        "import itertools, mirgene\n"
        "seq = open(%r).read().split('>')[1].split('\\n', 1)[1].replace('\\n', '')\n"
        "recs = itertools.chain([('first', seq)], ((f'r{k}', 'ACGUAGGCUA' * 12) for k in range(10**7)))\n"
        "it = mirgene.scan(recs, threads=1)\n"
        "print(next(it).chrom)\n" % str(CEL)
    )
    for _ in range(3):
        p = run_python(code)
        assert (p.returncode, p.stdout) == (0, "first\n"), p.stderr


def test_calibrated_model_gives_fp_per_mb_and_max_fp_per_mb(model, tmp_path):
    # A model calibrated on 4 kb of yeast (mechanics only: rates from so little DNA are rough).
    with gzip.open(ROOT / "data" / "genomes" / "sacCer_chr1.fa.gz", "rt") as f:
        seq = "".join(line.strip() for line in f if not line.startswith(">"))[:4000]
    dna = tmp_path / "yeast4k.fa"
    dna.write_text(">y\n" + seq + "\n")
    calibrated = tmp_path / "calibrated.safetensors"
    run_cli("calibrate", "-m", model.path, "--dna", dna, "-o", calibrated, "-j", "1")
    table = json.loads(mirgene.Model.load(calibrated).metadata["scan_fp_per_mb"])
    max_fp = table["fp_per_mb"][table["thresholds"].index(0.8)]
    rows, err, _ = cli_scan("--strand", "+", "-m", calibrated, "--max-fp-per-mb", f"{max_fp:.3f}", CEL)
    assert "for at most" in err
    found = list(mirgene.scan(CEL, strand="+", model=calibrated, max_fp_per_mb=max_fp, threads=1))
    assert as_rows(found) == rows and rows
    assert all(c.fp_per_mb is not None and c.fp_per_mb <= max_fp for c in found)
    # Without a table (the shipped human model has none): None, and max_fp_per_mb is an
    # error; with threshold too, a ValueError.
    plain = mirgene.Model.load(ROOT / "models" / "mirgene-human.safetensors")
    assert all(c.fp_per_mb is None for c in mirgene.scan(CEL, strand="+", model=plain, threads=1))
    with pytest.raises(mirgene.Error, match="no false-positive calibration"):
        mirgene.scan(CEL, model=plain, max_fp_per_mb=10)
    with pytest.raises(ValueError, match="not both"):
        mirgene.scan(CEL, model=calibrated, threshold=0.9, max_fp_per_mb=10)
