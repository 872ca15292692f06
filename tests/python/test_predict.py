"""Model.predict / predict_fasta against `mirgene predict -f tsv` of the same build on the
example file and the human test set; errors against the CLI's messages; threads."""

import threading

import numpy as np
import pytest

import mirgene
from conftest import EXAMPLE, HUMAN_TEST, ROOT, Record, cli_errors, fasta_text, read_fasta, run_cli, run_python, wakeups_while

# The CLI prints probabilities with 6 decimals and MFEs with 2: equal within half a unit of
# the last digit, plus one unit for a value next to a rounding boundary.
PROB_TOL = 1e-6


def cli_rows(*args, stdin=None):
    out, err, _ = run_cli("predict", "-f", "tsv", *args, stdin=stdin, check=False)
    lines = out.splitlines()
    assert lines[0].split("\t") == ["id", "length", "prob_premirna", "label", "mfe", "structure", "status"]
    return [line.split("\t") for line in lines[1:]], err


def assert_matches_cli(pred, rows):
    assert len(pred) == len(rows)
    labels = pred.labels()
    for k, (ident, length, prob, label, mfe, structure, status) in enumerate(rows):
        assert pred.id[k] == ident
        assert pred.status[k] == status, ident
        assert (str(pred.length[k]) if pred.length[k] >= 0 else "-") == length
        if prob == "-":
            assert np.isnan(pred.probability[k]) and labels[k] is None
        else:
            assert abs(float(pred.probability[k]) - float(prob)) <= PROB_TOL, ident
            assert labels[k] == label
        if mfe == "-":
            assert np.isnan(pred.mfe[k]) and pred.structure[k] is None
        else:
            assert f"{pred.mfe[k]:.2f}" == mfe and pred.structure[k] == structure, ident


def test_example_file_equals_cli(model):
    rows, err = cli_rows(EXAMPLE)
    pred = model.predict_fasta(EXAMPLE, errors="nan")
    assert_matches_cli(pred, rows)
    # The one record the CLI cannot score (450 nt) carries the CLI's stderr message.
    assert [e for e in pred.error if e] == cli_errors(err)


def test_sequences_equal_the_file(model):
    records = read_fasta(EXAMPLE)
    from_file = model.predict_fasta(EXAMPLE, errors="nan")
    from_records = model.predict([Record(i, s) for i, s in records], structures=True, errors="nan")
    assert from_records.id == from_file.id
    np.testing.assert_array_equal(from_records.probability, from_file.probability)
    np.testing.assert_array_equal(from_records.mfe, from_file.mfe)
    assert from_records.structure == from_file.structure
    plain = model.predict([s for _, s in records], errors="nan")
    assert plain.dtype == np.float32 and plain.shape == (9,)
    np.testing.assert_array_equal(plain, from_file.probability)


@pytest.mark.parametrize("path", HUMAN_TEST, ids=lambda p: p.name)
def test_human_test_set_equals_cli(model, path):
    rows, _ = cli_rows(path)
    assert len(rows) > 50
    assert_matches_cli(model.predict_fasta(path, errors="nan"), rows)
    seqs = [s for _, s in read_fasta(path)]
    p = model.predict(seqs, threads=2)
    np.testing.assert_allclose(p, [float(r[2]) for r in rows], rtol=0, atol=PROB_TOL)


def test_results_do_not_depend_on_threads(model):
    seqs = [s for _, s in read_fasta(HUMAN_TEST[0])][:120]
    one = model.predict(seqs, threads=1)
    for threads in (2, 3, 0):
        np.testing.assert_array_equal(model.predict(seqs, threads=threads), one)


def test_python_threads_share_a_model(model):
    seqs = [s for _, s in read_fasta(EXAMPLE)][:8]
    expected = model.predict(seqs, threads=1)
    results = [None] * 4

    def work(k):
        results[k] = model.predict(seqs, threads=1)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_array_equal(r, expected)


def test_bad_sequences_raise_the_cli_message_and_keep_the_others(model):
    records = [("a", "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAUACAAUCUACUGUCUUUCCUA"), ("b", "ACGU?ACGU"), ("c", "G" * 401), ("d", "")]
    rows, err = cli_rows("-", stdin=fasta_text(records))
    expected = [e.replace("<stdin>", "<input>") for e in cli_errors(err)]
    assert len(expected) == 3
    with pytest.raises(ValueError) as e:
        model.predict([Record(i, s) for i, s in records])
    assert str(e.value) == expected[0]
    kept = e.value.predictions
    assert_matches_cli(kept, rows)
    assert [m for m in kept.error if m] == expected
    assert not np.isnan(kept.probability[0])
    nan = model.predict([Record(i, s) for i, s in records], structures=True, errors="nan")
    assert_matches_cli(nan, rows)


def test_default_ids_name_the_position(model):
    with pytest.raises(mirgene.Error, match=r"^<input>: record 'seq2' \(#2\): too long: 401 nt > 400$"):
        model.predict(["ACGU" * 12, "A" * 401])


def test_bad_arguments(model):
    _, err, status = run_cli("predict", "--threads", "-1", EXAMPLE, check=False)
    assert status != 0
    with pytest.raises(mirgene.Error) as e:
        model.predict(["ACGU"], threads=-1)
    assert str(e.value) in err
    with pytest.raises(ValueError, match="errors must be"):
        model.predict(["ACGU"], errors="ignore")
    with pytest.raises(TypeError):
        model.predict([1, 2])


def test_unreadable_files_raise_the_cli_message(model, tmp_path):
    missing = tmp_path / "missing.fa"
    _, err, _ = run_cli("predict", missing, check=False)
    with pytest.raises(mirgene.Error) as e:
        model.predict_fasta(missing)
    assert str(e.value) == cli_errors(err)[0]
    binary = tmp_path / "model.fa"
    binary.write_bytes(bytes(range(256)) * 4)
    _, err, _ = run_cli("predict", binary, check=False)
    with pytest.raises(mirgene.Error) as e:
        model.predict_fasta(binary)
    assert str(e.value) == cli_errors(err)[0]


def test_bad_model_files_raise_the_cli_message(tmp_path):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a model")
    for path in (bad, tmp_path / "none.safetensors"):
        _, err, _ = run_cli("predict", "-m", path, EXAMPLE, check=False)
        with pytest.raises(mirgene.Error) as e:
            mirgene.Model.load(path)
        assert str(e.value) == cli_errors(err)[0]


def test_default_model_is_the_shipped_one(model, monkeypatch):
    assert (ROOT / "models" / "mirgene-whole.safetensors").read_bytes() == open(model.path, "rb").read()
    human = ROOT / "models" / "mirgene-human.safetensors"
    monkeypatch.setenv("MIRGENE_MODEL", str(human))
    assert mirgene.Model.load().path == str(human)
    monkeypatch.setenv("MIRGENE_MODEL", str(human) + ".missing")
    with pytest.raises(mirgene.Error, match=r"^no model file found \(\$MIRGENE_MODEL\); looked at:\n  .*\.missing\n"):
        mirgene.Model.load()


def test_ensembles_equal_cli(tmp_path):
    # The shipped models are seed ensembles (the scan's genome model 2 members, the others
    # 3); a 2-member one is built here from two tiny networks trained for one epoch on the
    # training fixtures.
    assert mirgene.Model.load(ROOT / "models" / "mirgene-whole.safetensors").members == 3
    assert mirgene.Model.load(ROOT / "models" / "mirgene-genome.safetensors").members == 2
    train = ROOT / "tests" / "fixtures" / "train"
    members = []
    for seed in (1, 2):
        member = tmp_path / f"seed{seed}.safetensors"
        run_cli("train", "--pos", train / "tiny_pos.fa", "--neg", train / "tiny_neg.fa",
                "--epochs", "1", "--seed", str(seed), "--no-fold-cache", "-o", member)
        members.append(member)
    ensemble = tmp_path / "ensemble.safetensors"
    run_cli("ensemble", *members, "-o", ensemble)
    model = mirgene.Model.load(ensemble)
    assert model.members == 2
    rows, _ = cli_rows("-m", ensemble, EXAMPLE)
    assert_matches_cli(model.predict_fasta(EXAMPLE, errors="nan"), rows)


def test_interrupt_stops_a_long_run():
    # SIGINT during predict raises KeyboardInterrupt instead of running to the end (the
    # 200,000 sequences of 224 nt would take minutes: the timeout fails a run that ignores it).
    code = (
        "import os, signal, threading, mirgene\n"
        "m = mirgene.Model.load()\n"
        "threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()\n"
        "try:\n"
        "    m.predict(['GGGGAAAACCCCUUUUGGGGAAAACCCC' * 8] * 200000, threads=1)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted')\n"
    )
    p = run_python(code)
    assert p.stdout.strip() == "interrupted", p.stderr


def test_predict_releases_the_gil(model):
    # While one thread scores, another runs Python: it wakes from its short sleeps many times
    # before the scoring ends. Were the GIL held, it could not run until predict returned.
    seqs = [s for path in HUMAN_TEST for _, s in read_fasta(path)] * 2
    wakeups = wakeups_while(lambda: model.predict(seqs, threads=1))
    assert wakeups >= 5
