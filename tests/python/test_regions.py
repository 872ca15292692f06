"""Model.predict_regions against `mirgene predict --genome --regions` of the same build on the
C. elegans cluster (a copy in a temporary folder, so that its index lands there): the same
rows and coordinates, minus-strand loci, bad loci reported as the CLI reports them, and a
plain-gzip genome refused."""

import gzip
import shutil

import numpy as np
import pytest

import mirgene
from conftest import ROOT, run_cli
from test_docs_examples import blocks, run_example

GENOME = ROOT / "data" / "genomes" / "cel_mir35_cluster.fa"
LOCI = ROOT / "data" / "genomes" / "cel_mir35_cluster.bed"


@pytest.fixture()
def genome(tmp_path):
    copy = tmp_path / "cel.fa"
    shutil.copyfile(GENOME, copy)
    return copy


def test_rows_and_coordinates_match_the_cli(genome, tmp_path):
    bed = tmp_path / "both.bed"
    lines = LOCI.read_text().splitlines()
    bed.write_text("".join(line.replace("\t+", "\t-") + "\n" for line in lines[:3]) +
                   "chrV\t1\t90\tunknown\t0\t+\n" + "".join(l + "\n" for l in lines[3:]))
    model = mirgene.Model.load()
    pred = model.predict_regions(genome=genome, regions=bed, flank=5, errors="nan")
    out, err, _ = run_cli("predict", "--genome", genome, "--regions", bed, "--flank", "5", check=False)
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert len(pred) == len(rows) == 9
    for k, row in enumerate(rows):
        assert pred.id[k] == row[0]
        assert (pred.chrom[k], str(pred.start[k]), str(pred.end[k]), pred.strand[k]) == tuple(row[1:5])
        assert pred.status[k] == row[10]
        if row[6] != "-":
            assert abs(float(pred.probability[k]) - float(row[6])) <= 1e-6
    assert pred.strand[0] == "-" and pred.strand[5] == "+"
    assert np.isnan(pred.probability[3])
    assert pred.error[3] in err
    assert f"{bed}:4:1: record 'unknown' (#4): chromosome 'chrV' is not in" in pred.error[3]
    assert list(pred.as_dict())[:5] == ["id", "chrom", "start", "end", "strand"]
    with pytest.raises(mirgene.Error, match="chromosome 'chrV'"):
        model.predict_regions(genome, bed)


def test_a_plain_gzip_genome_is_refused(tmp_path):
    packed = tmp_path / "cel.fa.gz"
    packed.write_bytes(gzip.compress(GENOME.read_bytes()))
    with pytest.raises(mirgene.Error, match="recompress it with bgzip"):
        mirgene.Model.load().predict_regions(packed, LOCI)


def test_gff3_feature_types_and_the_note_when_none_match(genome, tmp_path):
    gff = tmp_path / "loci.gff3"
    gff.write_text("##gff-version 3\nchrII:11534525-11540624\t.\tmiRNA\t3001\t3096\t.\t+\t.\tName=m\n")
    model = mirgene.Model.load()
    with pytest.warns(UserWarning, match="no feature of the types"):
        assert len(model.predict_regions(genome, gff)) == 0
    pred = model.predict_regions(genome, gff, feature_types=["miRNA"])
    assert pred.id == ["m"] and pred.start[0] == 3000 and pred.end[0] == 3096


def test_the_docs_example_prints_the_cli_rows(tmp_path):
    (code,) = blocks("Loci by genome coordinates")
    out = run_example(code, tmp_path).splitlines()
    cli, _, _ = run_cli("predict", "--genome", tmp_path / "cel.fa", "--regions", LOCI, "--flank", "10")
    rows = [r.split("\t") for r in cli.splitlines()[1:]]
    assert len(out) == len(rows) == 8
    for line, row in zip(out, rows):
        ident, chrom, start, end, strand, prob = line.split()
        assert [ident, chrom, start, end, strand] == row[:5]
        assert f"{float(prob):.6f}" == row[6]
    shown = [l[2:] for l in code.splitlines() if l.startswith("# cel-")][0]
    assert out[0].split()[:5] == shown.split()[:5]
    assert f"{float(out[0].split()[5]):.6f}" == shown.split()[5]
