#!/usr/bin/env bash
# Models trained on what the scanner sees (docs/robustness.md, "Genome-scale training"): the
# recipe as a sequence of mirgene commands, no logic of its own.
#   mine     every piece `mirgene scan` cuts from the training DNA of four genomes without
#            miRNAs (data/genomes/nomirna/*.train.fa.gz, 19.7 Mb) as negatives, with the
#            training pre-miRNAs planted into it (one per 4 kb, alternate strands) and cut
#            out by the scanner as positives (mirgene mine); for the trial, the same with
#            cross-species CV fold 1's training pre-miRNAs, and its validation pre-miRNAs
#            planted into the validation DNA (*.val.fa.gz)
#   trial    fold 1: train on its pre-miRNAs, the planted pieces, its negatives, the decoys
#            and the mined pieces, validated after every epoch on the validation DNA's pieces
#            (its planted pieces against every other piece), then the planted benchmark on
#            the validation DNA: the input (ARCH; the trials ran bilstm2-att for 8 epochs and
#            bilstm2-att-energy for 6), the epoch count, and the weighting of the sources
#            (SHARE=0.5, SHARE=0.85 and SHARE=0.5 ANTISENSE=1 ran with EPOCHS=6; see train below)
#   final    the cross-species model: all of miRBoost's cross-species pre-miRNAs, their
#            planted pieces, its negatives, the decoys and the mined pieces, seeds $SEEDS
#            (2 and 3: seed 1 was a plain-input run), 10 epochs, the energy input
#   ship     the members as one ensemble, calibrated in false positives per Mb on the
#            held-out test DNA (*.test.fa.gz; mirgene calibrate)
#   bench    the planted benchmark and the boundary table of the shipped default model on
#            the test DNA with the new set's pre-miRNAs it never saw
# Usage: bash scripts/genome_models.sh [STEP...] (default: mine trial final ship bench)
# Needs build/mirgene ($MIRGENE overrides). Times on 2 shared cores: mine 14 min for the
# training DNA (2 threads, loaded machine), 2 min for the validation DNA; an epoch of the
# trial or a final member (353,000 sequences) 2.5-4 min on one thread, with another training
# beside it; ship (ensemble and calibration) 3 min; bench 4 min.
set -euo pipefail
cd "$(dirname "$0")/.."
M=${MIRGENE:-build/mirgene}
B=data/mirboost
DNA=data/genomes/nomirna
GENOMES="spombe mtb mvan ecoli"
WORK=${MIRGENE_WORK_DIR:-out/genome-models}
OUT=docs/results/planted
SEEDS=${SEEDS:-2 3}
EPOCHS=${EPOCHS:-10}
ARCH=${ARCH:-models/configs/bilstm2-att-energy.json}
mkdir -p "$WORK" "$OUT"
files() { for g in $GENOMES; do printf '%s ' "$DNA/$g.$1.fa.gz"; done; }

step_mine() {
  $M mine $(files train) --plant $B/cv/whole/train/whole_pos_train_f1.fa.gz \
    --positives "$WORK/f1_train_pos_pieces.fa" -o "$WORK/f1_train_neg_pieces.fa"
  $M mine $(files val) --plant $B/cv/whole/val/whole_pos_val_f1.fa.gz \
    --positives "$WORK/f1_val_pos_pieces.fa" -o "$WORK/f1_val_neg_pieces.fa"
  $M mine $(files train) --plant $B/sequences/whole_pos.fa.gz \
    --positives "$WORK/all_train_pos_pieces.fa" -o "$WORK/all_train_neg_pieces.fa"
}

# train NAME POS_GZ POS_PIECES NEG_GZ NEG_PIECES SEED [more train options]
# With SHARE set (e.g. SHARE=0.5), the mined pieces alone are --extra-neg and get that share
# of the negatives' loss weight, the curated negatives and decoys the rest; ANTISENSE=1 adds
# the reverse complements of the positives and their pieces to the curated negatives.
train() {
  local name=$1 pos=$2 pos_pieces=$3 neg=$4 neg_pieces=$5 seed=$6
  shift 6
  { gzip -dc "$pos"; cat "$pos_pieces"; } > "$WORK/$name.pos.fa"
  if [ -z "${SHARE:-}" ]; then
    { gzip -dc data/decoys/whole_train.fa.gz; cat "$neg_pieces"; } > "$WORK/$name.extra.fa"
    set -- --neg "$neg" --extra-neg "$WORK/$name.extra.fa" "$@"
  else
    { gzip -dc "$neg" data/decoys/whole_train.fa.gz; } > "$WORK/$name.neg.fa"
    if [ "${ANTISENSE:-0}" = 1 ]; then
      $M decoys --like "$WORK/$name.pos.fa" --antisense "$pos" --antisense "$pos_pieces" \
        -o "$WORK/$name.antisense.fa"
      cat "$WORK/$name.antisense.fa" >> "$WORK/$name.neg.fa"
    fi
    set -- --neg "$WORK/$name.neg.fa" --extra-neg "$neg_pieces" --extra-neg-share "$SHARE" "$@"
  fi
  $M train --pos "$WORK/$name.pos.fa" "$@" \
    --arch $ARCH --epochs "$EPOCHS" --seed "$seed" --history "$WORK/$name.history.json" \
    -o "$WORK/$name.safetensors"
}

step_trial() {
  local name=trial-f1-$(basename "$ARCH" .json)${SHARE:+-share$SHARE}$([ "${ANTISENSE:-0}" = 1 ] && echo -antisense)
  train "$name" $B/cv/whole/train/whole_pos_train_f1.fa.gz "$WORK/f1_train_pos_pieces.fa" \
    $B/cv/whole/train/whole_neg_train_f1.fa.gz "$WORK/f1_train_neg_pieces.fa" 1 \
    --val-pos "$WORK/f1_val_pos_pieces.fa" --val-neg "$WORK/f1_val_neg_pieces.fa"
  /usr/bin/python3 scripts/planted_benchmark.py "$M" --model "$WORK/$name.safetensors" \
    --plants $B/cv/whole/val/whole_pos_val_f1.fa.gz --dna $(files val) \
    --out-tsv "$WORK/$name.val.tsv" --out-json "$WORK/$name.val.json" --threads 2
}

step_final() {
  for seed in $SEEDS; do
    train "whole-genome-s$seed" $B/sequences/whole_pos.fa.gz "$WORK/all_train_pos_pieces.fa" \
      $B/sequences/whole_neg.fa.gz "$WORK/all_train_neg_pieces.fa" "$seed" -j 1 &
  done
  wait
}

step_ship() {
  local members=()
  for seed in $SEEDS; do members+=("$WORK/whole-genome-s$seed.safetensors"); done
  $M ensemble "${members[@]}" --f16 -o "$WORK/whole-genome.safetensors"
  $M calibrate -m "$WORK/whole-genome.safetensors" --dna $(files test) \
    -o models/mirgene-genome.safetensors
}

step_bench() {
  local held=(--model models/mirgene-genome.safetensors --plants $B/sequences/new_pos.fa.gz
              --exclude $B/sequences/whole_pos.fa.gz:$B/cv/human/human_pos_all.fa.gz --threads 2)
  /usr/bin/python3 scripts/planted_benchmark.py "$M" "${held[@]}" \
    --out-tsv $OUT/benchmark-after.tsv --out-svg $OUT/benchmark-after.svg \
    --out-json $OUT/benchmark-after.json --out-bed $OUT/benchmark-after.plants.bed
  /usr/bin/python3 scripts/boundary_robustness.py "$M" "${held[@]}" \
    --out-json $OUT/boundary-after.json
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(mine trial final ship bench)
for s in "${steps[@]}"; do
  case $s in
    mine|trial|final|ship|bench) "step_$s" ;;
    *) echo "unknown step '$s' (mine, trial, final, ship, bench)" >&2; exit 2 ;;
  esac
done
