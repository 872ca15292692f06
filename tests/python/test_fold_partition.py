"""mirgene.fold(seq, partition=True) against `mirgene fold -p` of the same build, and the
probability matrix against the CLI's --bpp table."""
import numpy as np
import pytest

import mirgene
from conftest import EXAMPLE, read_fasta, run_cli


def cli_partition(path, tmp_path):
    table = tmp_path / "p.tsv"
    out, _, _ = run_cli("fold", "--bpp", str(table), "--bpp-cutoff", "1e-12", path)
    lines = out.splitlines()
    records = {}
    for k in range(0, len(lines), 6):
        ident = lines[k][1:].split()[0]
        mfe_structure, mfe = lines[k + 2].rsplit(" (", 1)
        symbols, ensemble = lines[k + 3].rsplit(" [", 1)
        centroid, rest = lines[k + 4].rsplit(" {", 1)
        centroid_energy, distance = rest.rstrip("}").split(" d=")
        frequency = lines[k + 5].split("in ensemble ")[1].split(";")[0]
        diversity = lines[k + 5].split("diversity ")[1]
        records[ident] = dict(structure=mfe_structure, mfe=float(mfe.rstrip(")")), symbols=symbols,
                              ensemble=float(ensemble.rstrip("]")), centroid=centroid,
                              centroid_energy=float(centroid_energy), distance=float(distance),
                              frequency=float(frequency), diversity=float(diversity), pairs={})
    for row in table.read_text().splitlines()[1:]:
        ident, i, j, p = row.split("\t")
        records[ident]["pairs"][(int(i), int(j))] = float(p)
    return records


def test_partition_equals_cli_on_the_example(tmp_path):
    expected = cli_partition(EXAMPLE, tmp_path)
    for ident, seq in read_fasta(EXAMPLE)[:4]:
        want = expected[ident]
        got = mirgene.fold(seq, partition=True)
        assert isinstance(got, mirgene.Partition)
        assert got.structure == want["structure"] and round(got.mfe, 2) == want["mfe"]
        assert got.pair_symbols == want["symbols"] and got.centroid == want["centroid"]
        assert round(got.ensemble_energy, 2) == pytest.approx(want["ensemble"], abs=0.0051)
        assert round(got.centroid_energy, 2) == want["centroid_energy"]
        assert got.centroid_distance == pytest.approx(want["distance"], abs=0.0051)
        assert got.frequency == pytest.approx(want["frequency"], rel=1e-5)
        assert got.diversity == pytest.approx(want["diversity"], abs=0.0051)
        p = got.probabilities
        assert p.shape == (len(seq), len(seq)) and p.dtype == np.float64
        assert np.array_equal(p, p.T) and np.all(np.diag(p) == 0)
        assert np.all(got.paired() <= 1 + 1e-12)
        for (i, j), q in want["pairs"].items():
            assert p[i - 1, j - 1] == pytest.approx(q, rel=1e-7, abs=1e-12)
        assert np.count_nonzero(np.triu(p) >= 1e-12) == len(want["pairs"])


def test_partition_errors_are_the_fold_errors():
    with pytest.raises(mirgene.Error, match=r"invalid character '%'"):
        mirgene.fold("AC%GU", partition=True)
    assert mirgene.fold("GGGGAAAACCCC", partition=False) == mirgene.fold("GGGGAAAACCCC")
