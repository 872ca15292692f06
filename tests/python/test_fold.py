"""mirgene.fold and mirgene.energy against `mirgene fold` / `mirgene energy` of the same build,
and their errors against the CLI's messages."""

import threading

import pytest

import mirgene
from conftest import EXAMPLE, Record, cli_errors, fasta_text, read_fasta, run_cli


def cli_folds(path_or_text, stdin=False):
    out, _, _ = run_cli("fold", "-" if stdin else path_or_text, stdin=path_or_text if stdin else None)
    lines = out.splitlines()
    folds = {}
    for k in range(0, len(lines), 3):
        structure, energy = lines[k + 2].rsplit(" (", 1)
        folds[lines[k][1:].split()[0]] = (structure.strip(), float(energy.rstrip(")")))
    return folds


def test_fold_equals_cli_on_the_example():
    expected = cli_folds(EXAMPLE)
    records = read_fasta(EXAMPLE)
    assert len(records) == 9 and len(expected) == 9
    for ident, seq in records:
        structure, mfe = mirgene.fold(seq)
        assert (structure, round(mfe, 2)) == expected[ident], ident


def test_fold_reads_records_and_dna():
    seq = "tgtcgggtagcttatcagactgatgttgactgttgaatctcatggcaaca"
    assert mirgene.fold(Record("x", seq)) == mirgene.fold(seq.upper().replace("T", "U"))


def test_energy_of_the_mfe_structure_is_the_mfe():
    for _, seq in read_fasta(EXAMPLE):
        structure, mfe = mirgene.fold(seq)
        assert mirgene.energy(seq, structure) == pytest.approx(mfe, abs=1e-9)


def test_energy_equals_cli():
    # The MFE structure of a precursor, and a structure that is not the MFE.
    seq = read_fasta(EXAMPLE)[0][1]
    structure, _ = mirgene.fold(seq)
    for s, d in ((seq, structure), ("GGGAAAUCCC", "(((....)))"), ("GGGGAAAACCCC", "((((....))))")):
        assert mirgene.energy(s, d) == cli_energy(s, d)


def cli_energy(seq, structure):
    out, _, _ = run_cli("energy", "-s", seq, "-d", structure)
    return float(out.splitlines()[-1].rsplit(" (", 1)[1].rstrip(")"))


@pytest.mark.parametrize(
    "seq",
    ["ACGU1GGU", "ACG-UUA", "", "ACGU ACGU\tGG", "ACGUJ"],
)
def test_fold_errors_are_the_cli_messages(seq):
    _, err, status = run_cli("fold", "-", stdin=fasta_text([("seq1", seq)]), check=False)
    expected = cli_errors(err)
    if not expected:  # the CLI accepts it: so does the module
        assert status == 0
        mirgene.fold(seq)
        return
    with pytest.raises(ValueError) as e:
        mirgene.fold(seq)
    assert isinstance(e.value, mirgene.Error)
    assert str(e.value) == expected[0].replace("<stdin>", "<input>")


def test_fold_error_names_the_record():
    with pytest.raises(mirgene.Error, match=r"^<input>:2:3: record 'r7' \(#1\): invalid character '%'"):
        mirgene.fold(Record("r7", "AC%GU"))


@pytest.mark.parametrize(
    "seq,structure",
    [("GGGGAAAACCCC", "((((....)))"), ("GGGGAAAACCCC", "((((....))))("), ("GGGGAAAACCCC", "((((...x))))"),
     ("GGGGAAAAACCA", "((((.....))))"[:12]), ("GGGAAACCC", "(((.)..)))"[:9])],
)
def test_energy_errors_are_the_cli_messages(seq, structure):
    _, err, status = run_cli("energy", "-s", seq, "-d", structure, check=False)
    assert status != 0
    (expected,) = cli_errors(err)
    with pytest.raises(mirgene.Error) as e:
        mirgene.energy(seq, structure)
    assert str(e.value) == expected


def test_fold_from_many_threads_agrees():
    records = read_fasta(EXAMPLE)
    expected = [mirgene.fold(s) for _, s in records]
    results = {}

    def work(k):
        results[k] = [mirgene.fold(s) for _, s in records]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        mirgene.fold(42)
