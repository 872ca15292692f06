"""mirgene.encode and token_vectors: the encoding of docs/model-format.md, computed here from
its rules independently, and its errors."""

import numpy as np
import pytest

import mirgene
from conftest import EXAMPLE, read_fasta

NUC = {"A": 0, "C": 1, "G": 2, "U": 3, "T": 3}
STRUCT = {"(": 0, ")": 1, ".": 2, ":": 3}


def reference_tokens(seq, marked_structure):
    return [
        (4 * NUC[b.upper()] if b.upper() in NUC else 16) + STRUCT[s]
        for b, s in zip(seq, marked_structure)
    ]


def test_tokens_follow_the_documented_rule():
    seq, structure = "GGGGAAAACCCC", "((((....))))"
    tokens = mirgene.encode(seq, structure)
    assert tokens.dtype == np.uint8
    # The hairpin loop's dots read as ':'.
    assert tokens.tolist() == reference_tokens(seq, "((((::::))))")
    # Unpaired bases outside a hairpin loop stay '.'; N gets 16 + structure; T reads as U.
    seq2, structure2 = "NGGGAAATCCCA", ".(((...))).."
    assert mirgene.encode(seq2, structure2).tolist() == reference_tokens(seq2, ".(((:::))).."[:12])


def test_without_structure_the_mfe_structure_is_used():
    for _, seq in read_fasta(EXAMPLE)[:8]:
        structure, _ = mirgene.fold(seq)
        np.testing.assert_array_equal(mirgene.encode(seq), mirgene.encode(seq, structure))


def test_one_hot_vectors():
    seq, structure = "GNCA", "(..)"
    x = mirgene.encode(seq, structure, one_hot=True)
    assert x.shape == (4, mirgene.INPUT_DIM) and x.dtype == np.float32
    tokens = mirgene.encode(seq, structure)
    for row, token in zip(x, tokens):
        if token < 16:
            assert row[token] == 1.0 and row.sum() == 1.0
        else:  # unknown nucleotide: 0.25 on the four nucleotides with its structure
            s = token - 16
            assert [row[4 * n + s] for n in range(4)] == [0.25] * 4 and row.sum() == 1.0
    np.testing.assert_array_equal(mirgene.token_vectors(tokens), x)


def test_constants():
    assert (mirgene.MAX_LEN, mirgene.INPUT_DIM, mirgene.VOCAB) == (400, 16, 20)


def test_errors():
    with pytest.raises(mirgene.Error, match="^sequence of 401 nt is longer than the 400 nt the model reads$"):
        mirgene.encode("A" * 401, "." * 401)
    with pytest.raises(mirgene.Error, match="^sequence of 4 nt has a structure of 3 characters$"):
        mirgene.encode("ACGU", "...")
    with pytest.raises(mirgene.Error, match=r"^structure has invalid character 'x' at position 2"):
        mirgene.encode("ACGU", ".x..")
    with pytest.raises(mirgene.Error, match=r"^<input>:2:3: record 'seq1' \(#1\): invalid character '1'"):
        mirgene.encode("AC1U", "....")
    with pytest.raises(mirgene.Error, match="token 20"):
        mirgene.token_vectors([20])
