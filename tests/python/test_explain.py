"""Model.explain against `mirgene explain -f json` of the same build, and its errors."""

import json

import numpy as np
import pytest

import mirgene
from conftest import EXAMPLE, Record, cli_errors, fasta_text, read_fasta, run_cli


def test_explain_equals_cli(model):
    out, err, _ = run_cli("explain", "-f", "json", EXAMPLE)
    cli = {row["id"]: row for row in map(json.loads, out.splitlines())}
    records = read_fasta(EXAMPLE)[:8]  # the ninth (450 nt) is not scored
    explanations = model.explain([Record(i, s) for i, s in records])
    assert len(explanations) == 8
    for e in explanations:
        row = cli[e.id]
        # The CLI shows the structure as the network reads it (hairpin-loop bases ':').
        assert e.structure == row["structure"].replace(":", ".")
        assert round(e.mfe, 2) == row["mfe"]
        assert abs(e.probability - row["prob_premirna"]) <= 1e-6
        assert e.attention.dtype == np.float32 and e.attention.shape == (len(e.sequence),)
        # The CLI writes each float in its shortest round-trip form.
        np.testing.assert_allclose(e.attention, row["attention"], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(e.cam, row["cam"], rtol=1e-6, atol=1e-9)
        assert float(e.attention.sum()) == pytest.approx(1.0, abs=1e-5)


def test_one_sequence_gives_one_explanation(model):
    seq = read_fasta(EXAMPLE)[0][1]
    e = model.explain(seq)
    assert isinstance(e, mirgene.Explanation) and e.id == "seq1"
    assert e.probability == pytest.approx(float(model.predict(seq)[0]), abs=1e-6)


def test_errors_are_the_cli_messages(model):
    records = [("ok", "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAUACAAUCUACUGUCUUUCCUA"), ("long", "A" * 450)]
    _, err, _ = run_cli("explain", "-", stdin=fasta_text(records), check=False)
    (expected,) = cli_errors(err)
    with pytest.raises(mirgene.Error) as e:
        model.explain([Record(i, s) for i, s in records])
    assert str(e.value) == expected.replace("<stdin>", "<input>")
