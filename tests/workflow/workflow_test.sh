#!/usr/bin/env bash
# The Snakemake workflow (workflow/Snakefile) on two small genomes, with pieces much shorter
# than their chromosomes so that every chromosome but the shortest is split: its gathered
# BED and GFF3 must equal, byte for byte, one `mirgene scan` of each whole genome with the
# same settings. Genome 1: the C. elegans mir-35 cluster (2 records). Genome 2: 36 kb of
# yeast chromosome I with an N run, as two records, gzip-compressed.
# Usage: workflow_test.sh MIRGENE REPO_ROOT
set -euo pipefail
mirgene=$(realpath "$1")
repo=$(realpath "$2")
command -v snakemake > /dev/null || { echo "snakemake is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

cp "$repo/data/genomes/cel_mir35_cluster.fa" cel.fa
yeast=$(zcat "$repo/data/genomes/sacCer_chr1.fa.gz" | grep -v '>' | tr -d '\n')
gap=$(printf 'N%.0s' $(seq 1 500))
{
  echo ">yeastA some description"
  echo "${yeast:0:20000}$gap${yeast:30000:9000}" | fold -w 70
  echo ">yeastB"
  echo "${yeast:100000:7000}" | fold -w 60
} | gzip -n > yeast.fa.gz

options="-m $repo/models/mirgene-human.safetensors --threshold 0.5"
cat > config.yaml <<YAML
genomes:
  cel: cel.fa
  yeast: yeast.fa.gz
mirgene: "$mirgene"
piece: 4000
chunk: 1000
span: 150
scan_threads: 1
scan_options: "$options"
YAML
snakemake -s "$repo/workflow/Snakefile" --cores 2 --configfile config.yaml --quiet > snakemake.log 2>&1 ||
  { cat snakemake.log >&2; exit 1; }

status=0
for g in cel:cel.fa yeast:yeast.fa.gz; do
  name=${g%%:*} fasta=${g#*:}
  pieces=$(($(wc -l < "pieces/$name/pieces.tsv") - 1))
  for fmt in bed gff3; do
    "$mirgene" scan "$fasta" $options --chunk 1000 --span 150 -j 2 -f "$fmt" > "whole.$name.$fmt"
    if cmp -s "whole.$name.$fmt" "results/$name.$fmt"; then
      echo "ok: $name.$fmt from $pieces pieces equals the whole scan ($(grep -vc '^#' "whole.$name.$fmt") calls)"
    else
      echo "FAIL: $name.$fmt from $pieces pieces differs from the whole scan" >&2
      diff "whole.$name.$fmt" "results/$name.$fmt" | head -20 >&2
      status=1
    fi
  done
  [ "$(grep -vc '^#' "whole.$name.bed")" -gt 0 ] || { echo "FAIL: no calls on $name" >&2; status=1; }
done
[ "$(($(wc -l < pieces/yeast/pieces.tsv) - 1))" -gt 3 ] || { echo "FAIL: yeast was not split" >&2; status=1; }
exit $status
