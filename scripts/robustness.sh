#!/usr/bin/env bash
# The robustness protocol (docs/robustness.md), from the data in the repository:
#   decoys   the decoy sets of data/decoys/ (mirgene decoys; byte-identical on every run)
#   cv       5-fold CV on the cross-species folds: baseline (decoys scored, not trained on)
#            against each training choice, compared fold by fold (mirgene cv-compare)
#   final    final models (3 seeds) for the human, cross-species and new test sets with the
#            chosen recipe; each test set and its held-out decoys scored once
#   before   the models shipped before decoys, scored the same way
#   ship     the shipped models: the ensemble step's new-set and human ensembles
#   ensemble the final step's three seeds of each target as one ensemble, scored once
#   cv-arch  the top-group networks (BiLSTM(1)+ATT, BiLSTM(2)+ATT, LSTM(2)) and 3-seed ensembles
#            with decoys, compared with cv's; BiLSTM(2)+ATT also for 100 epochs on the
#            cross-species and the human folds, against the default network's 100-epoch runs
#   cv-levers learning-rate decay 0.95 and 0.98, weight averaging (0.998) and 100 epochs against
#            cv's decoys run; the human folds with and without the sequences that are both pre-miRNAs
#            and negatives
#   cv-gc    G+C-rich decoys (more shuffles of the G+C-rich training pre-miRNAs; G+C-rich
#            yeast stem-loops) and G+C-balanced class weights against the same run without
#            them, all scored on one set of G+C-rich negatives none trains on
#            (docs/robustness.md, GC content); not part of `all`
#   cv-antisense the pre-miRNAs' other strand as decoys (mirgene decoys --antisense), against
#            the same run without them, scored on the G+C-rich set and on the held-out
#            antisense decoys (docs/robustness.md, Antisense); not part of `all`
#   cv-gc-split half of cv-gc's G+C-rich human negatives trained on, the other half scored,
#            against the same run without them: what natural G+C-rich negatives would
#            buy (docs/robustness.md, GC content); not part of `all`
# Usage: bash scripts/robustness.sh [STEP...] (steps: decoys|cv|cv-arch|cv-levers|cv-human|cv-gc|cv-antisense|cv-gc-split|before|final|ensemble|ship|all)
# (default all).
# Needs build/mirgene ($MIRGENE overrides); results go to docs/results/robustness/. Times on
# 2 cores: decoys 3 min, cv about 45 min, cv-arch about 4 hours (shared machine), cv-human
# 10 min, final about 30 min (nine trainings, two at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
M=${MIRGENE:-build/mirgene}
B=data/mirboost
YEAST=data/genomes/sacCer_chr1.fa.gz
DEC=data/decoys
OUT=docs/results/robustness
WORK=${MIRGENE_WORK_DIR:-out/robustness}
SEEDS=${SEEDS:-1 2 3}
EPOCHS=${EPOCHS:-60}
# The final models' recipe: 100 epochs (chosen by the cv-levers comparison), so the human
# folds' CV runs that long too, and the epoch counts come from the 100-epoch runs.
FINAL_EPOCHS=${FINAL_EPOCHS:-100}
# The recipe the CV comparison chose (docs/robustness.md): decoys as extra negatives, the
# BiLSTM(2)+ATT network (cv-arch), whose 100-epoch CV runs on the cross-species and the human
# folds set the epoch counts. RECIPE="" CV_CHOICE=decoys-epochs100 HUMAN_CV=human-decoys
# builds the paper's network's models shipped before (docs/results/robustness/lstm-final/).
RECIPE=(${RECIPE---arch models/configs/bilstm2-att.json})
CV_CHOICE=${CV_CHOICE:-decoys-bilstm2-att-epochs100}
HUMAN_CV=${HUMAN_CV:-human-decoys-bilstm2-att}
# Trainings run at once in the final step (each on one thread).
JOBS=${JOBS:-$(nproc)}
mkdir -p "$DEC" "$OUT" "$WORK"

# Yeast chromosome I is split: pieces from 0-180000 may be trained on, the rest is held out.
TRAIN_REGION=0-180000
HELDOUT_REGION=180000-230208

# Pre-miRNAs that no antisense decoy may share 40 nt with (mirror miRNAs): every positive of
# miRBoost, test sets included, so that no real pre-miRNA becomes a negative.
KNOWN=(--known "$B/sequences/whole_pos.fa.gz" --known "$B/sequences/human_pos.fa.gz"
  --known "$B/sequences/new_pos.fa.gz")

decoys_for() {  # NAME LIKE.fa NEG.fa [SEED]: decoys trained on, from one training portion
  local name=$1 like=$2 neg=$3
  "$M" decoys --like "$like" --genome "$YEAST" --region "$TRAIN_REGION" --trim "$neg" \
    --shuffle "$like" --seed 1 -o "$WORK/$name.fa"
  gzip -n -9 -c "$WORK/$name.fa" > "$DEC/$name.fa.gz"
}

heldout_for() {  # NAME POS.fa NEG.fa: decoys never trained on, for measuring specificity
  local name=$1 pos=$2 neg=$3
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --trim "$neg" --shuffle "$pos" \
    --seed 2 -o "$WORK/$name.fa"
  gzip -n -9 -c "$WORK/$name.fa" > "$DEC/$name.fa.gz"
  # The test pre-miRNAs' other strand, apart (scored beside the test set, never trained on).
  "$M" decoys --like "$pos" --antisense "$pos" "${KNOWN[@]}" -o "$WORK/${name}_antisense.fa"
  gzip -n -9 -c "$WORK/${name}_antisense.fa" > "$DEC/${name}_antisense.fa.gz"
}

step_decoys() {
  decoys_for cross_train "$B/cv/whole/whole_pos_all.fa.gz" "$B/cv/whole/whole_neg_all.fa.gz"
  decoys_for human_train "$B/cv/human/human_pos_all.fa.gz" "$B/cv/human/human_neg_all.fa.gz"
  decoys_for whole_train "$B/sequences/whole_pos.fa.gz" "$B/sequences/whole_neg.fa.gz"
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --genome "$YEAST" \
    --region "$HELDOUT_REGION" --seed 2 -o "$WORK/heldout_genomic.fa"
  gzip -n -9 -c "$WORK/heldout_genomic.fa" > "$DEC/heldout_genomic.fa.gz"
  heldout_for heldout_cross "$B/test/whole/whole_pos_test.fa.gz" "$B/test/whole/whole_neg_test.fa.gz"
  heldout_for heldout_human "$B/test/human/human_pos_test.fa.gz" "$B/test/human/human_neg_test.fa.gz"
  heldout_for heldout_new "$B/sequences/new_pos.fa.gz" "$B/sequences/new_neg.fa.gz"
  (cd "$DEC" && sha256sum ./*.fa.gz > SHA256SUMS)
}

cv_run() {  # NAME [options...]: one CV run on the cross-species folds with decoys
  local name=$1
  shift
  "$M" cv --folds-dir "$B/cv/whole" --extra-neg "$DEC/cross_train.fa.gz" --epochs "$EPOCHS" \
    --seed 1 --json "$OUT/cv-$name.json" "$@" > "$OUT/cv-$name.txt"
}

step_cv() {
  cv_run baseline --extra-neg-validation-only
  cv_run decoys
  # The decoy mix without trimmed negatives (trained and scored on its own parts).
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --genome "$YEAST" \
    --region "$TRAIN_REGION" --shuffle "$B/cv/whole/whole_pos_all.fa.gz" --seed 1 \
    -o "$WORK/cross_train_genomic_shuffled.fa"
  "$M" cv --folds-dir "$B/cv/whole" --extra-neg "$WORK/cross_train_genomic_shuffled.fa" \
    --epochs "$EPOCHS" --seed 1 --json "$OUT/cv-decoys-genomic-shuffled.json" \
    > "$OUT/cv-decoys-genomic-shuffled.txt"
  "$M" cv-compare "$OUT/cv-decoys.json" "$OUT/cv-baseline.json" \
    --json "$OUT/compare-decoys-vs-baseline.json" > "$OUT/compare-decoys-vs-baseline.txt"
  "$M" cv-compare "$OUT/cv-decoys-genomic-shuffled.json" "$OUT/cv-decoys.json" \
    --json "$OUT/compare-decoys-genomic-shuffled-vs-decoys.json" \
    > "$OUT/compare-decoys-genomic-shuffled-vs-decoys.txt"
}

step_cv_arch() {  # the paper's top-group networks, trained with decoys, against the default network
  local arch
  for arch in bilstm1-att bilstm2-att lstm2; do
    cv_run "decoys-$arch" --arch "models/configs/$arch.json"
    "$M" cv-compare "$OUT/cv-decoys-$arch.json" "$OUT/cv-decoys.json" \
      --json "$OUT/compare-$arch-vs-decoys.json" > "$OUT/compare-$arch-vs-decoys.txt"
  done
  # Seed ensembles: three networks per fold, scored by their mean.
  cv_run decoys-members3 --members 3
  "$M" cv-compare "$OUT/cv-decoys-members3.json" "$OUT/cv-decoys.json" \
    --json "$OUT/compare-members3-vs-decoys.json" > "$OUT/compare-members3-vs-decoys.txt"
  # BiLSTM(2)+ATT at the final recipe's length, on the cross-species and the human folds,
  # against the default network's 100-epoch runs (cv-levers, cv-human): the epoch counts a
  # BiLSTM(2)+ATT model is trained for (the final step's default RECIPE).
  EPOCHS=$FINAL_EPOCHS cv_run decoys-bilstm2-att-epochs100 --arch models/configs/bilstm2-att.json
  if [ -f "$OUT/cv-decoys-epochs100.json" ]; then
    "$M" cv-compare "$OUT/cv-decoys-bilstm2-att-epochs100.json" "$OUT/cv-decoys-epochs100.json" \
      --json "$OUT/compare-bilstm2-att-vs-decoys-epochs100.json" \
      > "$OUT/compare-bilstm2-att-vs-decoys-epochs100.txt"
  fi
  "$M" cv --folds-dir "$B/cv/human" --extra-neg "$DEC/human_train.fa.gz" --epochs "$FINAL_EPOCHS" \
    --seed 1 --arch models/configs/bilstm2-att.json --json "$OUT/cv-human-decoys-bilstm2-att.json" \
    > "$OUT/cv-human-decoys-bilstm2-att.txt"
  if [ -f "$OUT/cv-human-decoys.json" ]; then
    "$M" cv-compare "$OUT/cv-human-decoys-bilstm2-att.json" "$OUT/cv-human-decoys.json" \
      --json "$OUT/compare-human-bilstm2-att-vs-decoys.json" \
      > "$OUT/compare-human-bilstm2-att-vs-decoys.txt"
  fi
}

step_ensemble() {  # the final step's seed 1-3 networks of each target as one ensemble, scored once
  local target pos neg decoys tpos tneg heldout
  for target in human cross new; do
    target_files "$target"
    local model="$WORK/models/$target-ensemble3.safetensors"
    "$M" ensemble "$WORK/models/$target-seed1.safetensors" "$WORK/models/$target-seed2.safetensors" \
      "$WORK/models/$target-seed3.safetensors" --f16 -o "$model"
    "$M" evaluate -m "$model" --pos "$tpos" --neg "$tneg" --bootstrap 1000 -j 2 \
      --json "$OUT/test-$target-ensemble3.json" > "$OUT/test-$target-ensemble3.txt"
    "$M" evaluate -m "$model" --pos "$tpos" --neg "$WORK/heldout-$target.fa" -j 2 \
      --json "$OUT/decoys-$target-ensemble3.json" > "$OUT/decoys-$target-ensemble3.txt"
  done
}

step_cv_levers() {  # learning-rate decay and weight averaging (cross-species folds); human folds without the shared sequences
  local decay
  for decay in 95 98; do
    cv_run "decoys-lr-decay$decay" --lr-decay "0.$decay"
    "$M" cv-compare "$OUT/cv-decoys-lr-decay$decay.json" "$OUT/cv-decoys.json" \
      --json "$OUT/compare-lr-decay$decay-vs-decoys.json" \
      > "$OUT/compare-lr-decay$decay-vs-decoys.txt"
  done
  # Weight averaging: the moving average of the weights (decay 0.998 per step, about 5
  # epochs of these folds) validated instead of the last weights.
  cv_run decoys-wa998 --weight-average 0.998
  "$M" cv-compare "$OUT/cv-decoys-wa998.json" "$OUT/cv-decoys.json" \
    --json "$OUT/compare-wa998-vs-decoys.json" > "$OUT/compare-wa998-vs-decoys.txt"
  # Longer training: 100 epochs of the same recipe, each run compared at its best epoch.
  EPOCHS=100 cv_run decoys-epochs100
  "$M" cv-compare "$OUT/cv-decoys-epochs100.json" "$OUT/cv-decoys.json" \
    --json "$OUT/compare-epochs100-vs-decoys.json" > "$OUT/compare-epochs100-vs-decoys.txt"
  # The 28 sequences of the human training portion that are both pre-miRNAs and negatives,
  # dropped from every fold's training files (validation files unchanged), against the same
  # folds as they are. Both runs under the origin deal of the decoys.
  python3 scripts/drop_shared_sequences.py "$B/cv/human" human "$WORK/human-dedup"
  "$M" cv --folds-dir "$B/cv/human" --extra-neg "$DEC/human_train.fa.gz" --epochs "$EPOCHS" \
    --seed 1 --json "$OUT/cv-human-decoys-origin.json" > "$OUT/cv-human-decoys-origin.txt"
  "$M" cv --folds-dir "$WORK/human-dedup" --set human --extra-neg "$DEC/human_train.fa.gz" \
    --epochs "$EPOCHS" --seed 1 --json "$OUT/cv-human-dedup.json" > "$OUT/cv-human-dedup.txt"
  "$M" cv-compare "$OUT/cv-human-dedup.json" "$OUT/cv-human-decoys-origin.json" \
    --json "$OUT/compare-human-dedup-vs-decoys.json" > "$OUT/compare-human-dedup-vs-decoys.txt"
}

step_cv_human() {  # the human folds, for the human models' epoch count
  "$M" cv --folds-dir "$B/cv/human" --extra-neg "$DEC/human_train.fa.gz" --epochs "$FINAL_EPOCHS" \
    --seed 1 --json "$OUT/cv-human-decoys.json" > "$OUT/cv-human-decoys.txt"
  # Against the 60-epoch run of the same folds and deal (cv-levers), when it is there.
  if [ -f "$OUT/cv-human-decoys-origin.json" ]; then
    "$M" cv-compare "$OUT/cv-human-decoys.json" "$OUT/cv-human-decoys-origin.json" \
      --json "$OUT/compare-human-epochs100-vs-60.json" > "$OUT/compare-human-epochs100-vs-60.txt"
  fi
}

# Negatives that every cv-gc run scores and none trains on (cv --score-neg): the human set's
# CV negatives with G+C >= 0.5 that share no sequence with the cross-species data or any test
# set, and G+C-rich stem-loops of the held-out yeast region (windows 20 nt apart).
gc_scored_set() {
  local out=$WORK/gc_scored.fa
  python3 scripts/gc_rich.py --min-gc 0.5 --exclude "$B/sequences/whole_pos.fa.gz" \
    --exclude "$B/sequences/whole_neg.fa.gz" --exclude "$B/test/human/human_pos_test.fa.gz" \
    --exclude "$B/test/human/human_neg_test.fa.gz" --exclude "$B/sequences/new_pos.fa.gz" \
    --exclude "$B/sequences/new_neg.fa.gz" -o "$WORK/gc_scored_human.fa" \
    "$B/cv/human/human_neg_all.fa.gz"
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --genome "$YEAST" \
    --region "$HELDOUT_REGION" --step 20 --seed 4 -o "$WORK/heldout_genomic_step20.fa"
  python3 scripts/gc_rich.py --min-gc 0.5 -o "$WORK/gc_scored_genomic.fa" \
    "$WORK/heldout_genomic_step20.fa"
  cat "$WORK/gc_scored_human.fa" "$WORK/gc_scored_genomic.fa" > "$out"
}

with_cross_train() {  # OUT EXTRA.fa: cross_train's decoys then EXTRA's, a repeated id left out
  (gzip -dc "$DEC/cross_train.fa.gz"; cat "$2") | awk '/^>/ { keep = !seen[$0]++ } keep' > "$1"
}

scored_cv() {  # NAME EXTRA-NEG SCORE-NEG [options...]: one BiLSTM(2)+ATT CV run, scored on a set
  local name=$1 extra=$2 scored=$3
  shift 3
  "$M" cv --folds-dir "$B/cv/whole" --extra-neg "$extra" --epochs "$EPOCHS" --seed 1 \
    --arch models/configs/bilstm2-att.json --score-neg "$scored" "$@" \
    --json "$OUT/cv-$name.json" > "$OUT/cv-$name.txt"
}

gc_cv() {  # NAME EXTRA-NEG [options...]: one cv-gc run, scored on the G+C-rich set
  local name=$1 extra=$2
  shift 2
  scored_cv "gc-$name" "$extra" "$WORK/gc_scored.fa" "$@"
}

step_cv_gc() {  # G+C levers, each run scored on gc_scored_set (about an hour on 2 cores)
  gc_scored_set
  # The baseline: cv-arch's BiLSTM(2)+ATT run (the same training), scored on the set.
  gc_cv baseline "$DEC/cross_train.fa.gz"
  # Lever 1: two more dinucleotide shuffles of each cross-species training pre-miRNA with
  # G+C >= 0.5.
  python3 scripts/gc_rich.py --min-gc 0.5 -o "$WORK/cross_gcrich_pos.fa" \
    "$B/cv/whole/whole_pos_all.fa.gz"
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --shuffle "$WORK/cross_gcrich_pos.fa" \
    --shuffle "$WORK/cross_gcrich_pos.fa" --seed 3 -o "$WORK/cross_gc_extra.fa"
  with_cross_train "$WORK/cross_train_gc.fa" "$WORK/cross_gc_extra.fa"
  gc_cv shuffles "$WORK/cross_train_gc.fa"
  # Lever 2: G+C-rich stem-loops of the training yeast region, windows 20 nt apart.
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" --genome "$YEAST" \
    --region "$TRAIN_REGION" --step 20 --seed 3 -o "$WORK/train_genomic_step20.fa"
  python3 scripts/gc_rich.py --min-gc 0.5 -o "$WORK/train_genomic_gc.fa" \
    "$WORK/train_genomic_step20.fa"
  with_cross_train "$WORK/cross_train_genomic_gc.fa" "$WORK/train_genomic_gc.fa"
  gc_cv genomic "$WORK/cross_train_genomic_gc.fa"
  # Lever 3: the classes weighted equally within every 5 % G+C bin (cross_train as it is).
  gc_cv balanced "$DEC/cross_train.fa.gz" --gc-balanced
  # Levers 1 and 3 together: the G+C-rich shuffles give the weights more negatives to spread
  # over in the G+C-rich bins.
  gc_cv shuffles-balanced "$WORK/cross_train_gc.fa" --gc-balanced
  local lever
  for lever in shuffles genomic balanced shuffles-balanced; do
    "$M" cv-compare "$OUT/cv-gc-$lever.json" "$OUT/cv-gc-baseline.json" \
      --json "$OUT/compare-gc-$lever-vs-baseline.json" > "$OUT/compare-gc-$lever-vs-baseline.txt"
  done
}

step_cv_antisense() {  # the other strand as decoys (about 40 minutes on 2 cores)
  [ -f "$WORK/gc_scored.fa" ] || gc_scored_set
  "$M" decoys --like "$B/cv/whole/whole_pos_all.fa.gz" \
    --antisense "$B/cv/whole/whole_pos_all.fa.gz" "${KNOWN[@]}" -o "$WORK/cross_antisense.fa"
  with_cross_train "$WORK/cross_train_antisense.fa" "$WORK/cross_antisense.fa"
  # Against cv-gc's baseline (the same run without them) on the G+C-rich set ...
  gc_cv antisense "$WORK/cross_train_antisense.fa"
  # ... and both runs scored on the antisense decoys: each fold scores those of its own
  # validation pre-miRNAs, which it never trains on.
  scored_cv as-baseline "$DEC/cross_train.fa.gz" "$WORK/cross_antisense.fa"
  scored_cv as-antisense "$WORK/cross_train_antisense.fa" "$WORK/cross_antisense.fa"
  "$M" cv-compare "$OUT/cv-gc-antisense.json" "$OUT/cv-gc-baseline.json" \
    --json "$OUT/compare-gc-antisense-vs-baseline.json" > "$OUT/compare-gc-antisense-vs-baseline.txt"
  "$M" cv-compare "$OUT/cv-as-antisense.json" "$OUT/cv-as-baseline.json" \
    --json "$OUT/compare-as-antisense-vs-baseline.json" > "$OUT/compare-as-antisense-vs-baseline.txt"
}

step_cv_gc_split() {  # natural G+C-rich negatives trained on (about 25 minutes on 2 cores)
  [ -f "$WORK/gc_scored_human.fa" ] || gc_scored_set
  # Alternate records: the first, third, ... are trained on (A), the others scored (B).
  awk '/^>/ { n++ } n % 2 == 1' "$WORK/gc_scored_human.fa" > "$WORK/gc_human_A.fa"
  awk '/^>/ { n++ } n % 2 == 0' "$WORK/gc_scored_human.fa" > "$WORK/gc_human_B.fa"
  with_cross_train "$WORK/cross_train_gcA.fa" "$WORK/gc_human_A.fa"
  scored_cv gcB-baseline "$DEC/cross_train.fa.gz" "$WORK/gc_human_B.fa"
  scored_cv gcB-trainA "$WORK/cross_train_gcA.fa" "$WORK/gc_human_B.fa"
  "$M" cv-compare "$OUT/cv-gcB-trainA.json" "$OUT/cv-gcB-baseline.json" \
    --json "$OUT/compare-gcB-trainA-vs-baseline.json" > "$OUT/compare-gcB-trainA-vs-baseline.txt"
}

best_epoch() {  # CV-JSON: the epoch with the best mean validation AUPR
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["best_epoch"]["aupr"])' "$1"
}

# The final step's targets: TARGET -> training files, test files and held-out decoys.
target_files() {  # TARGET: sets pos neg decoys tpos tneg heldout
  case $1 in
    cross) pos=$B/cv/whole/whole_pos_all.fa.gz neg=$B/cv/whole/whole_neg_all.fa.gz
      decoys=$DEC/cross_train.fa.gz tpos=$B/test/whole/whole_pos_test.fa.gz
      tneg=$B/test/whole/whole_neg_test.fa.gz heldout=$DEC/heldout_cross.fa.gz ;;
    human) pos=$B/cv/human/human_pos_all.fa.gz neg=$B/cv/human/human_neg_all.fa.gz
      decoys=$DEC/human_train.fa.gz tpos=$B/test/human/human_pos_test.fa.gz
      tneg=$B/test/human/human_neg_test.fa.gz heldout=$DEC/heldout_human.fa.gz ;;
    new) pos=$B/sequences/whole_pos.fa.gz neg=$B/sequences/whole_neg.fa.gz
      decoys=$DEC/whole_train.fa.gz tpos=$B/sequences/new_pos.fa.gz
      tneg=$B/sequences/new_neg.fa.gz heldout=$DEC/heldout_new.fa.gz ;;
  esac
}

final_member() {  # TARGET SEED EPOCHS: one network trained on one thread, scored on its tests
  local target=$1 seed=$2 epochs=$3 pos neg decoys tpos tneg heldout
  target_files "$target"
  local model="$WORK/models/$target-seed$seed.safetensors"
  "$M" train --pos "$pos" --neg "$neg" --extra-neg "$decoys" --epochs "$epochs" \
    --seed "$seed" --threads 1 "${RECIPE[@]}" -o "$model" 2> "$WORK/$target-seed$seed.log"
  "$M" evaluate -m "$model" --pos "$tpos" --neg "$tneg" --bootstrap 1000 -j 1 \
    --json "$OUT/test-$target-seed$seed.json" > "$OUT/test-$target-seed$seed.txt"
  "$M" evaluate -m "$model" --pos "$tpos" --neg "$WORK/heldout-$target.fa" -j 1 \
    --json "$OUT/decoys-$target-seed$seed.json" > "$OUT/decoys-$target-seed$seed.txt"
}

step_final() {
  local cross_epochs human_epochs target seed epochs pos neg decoys tpos tneg heldout
  cross_epochs=$(best_epoch "$OUT/cv-$CV_CHOICE.json")
  human_epochs=$(best_epoch "$OUT/cv-$HUMAN_CV.json")
  mkdir -p "$WORK/models"
  for target in new cross human; do
    target_files "$target"
    zcat -f "$DEC/heldout_genomic.fa.gz" "$heldout" > "$WORK/heldout-$target.fa"
  done
  # Nine single-threaded trainings, as many at once as there are cores (JOBS), the longest
  # (most data, most epochs) first so that the cores stay busy to the end.
  for target in new cross human; do
    epochs=$cross_epochs
    [ "$target" = human ] && epochs=$human_epochs
    for seed in $SEEDS; do
      while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
      final_member "$target" "$seed" "$epochs" &
    done
  done
  while [ -n "$(jobs -rp)" ]; do wait -n; done
}

# The models shipped before decoys (paper protocol, commit c001a99), scored the same way.
step_before() {
  local target model pos neg decoys tpos tneg heldout
  for target in human new; do
    target_files "$target"
    model=mirgene-whole
    [ "$target" = human ] && model=mirgene-human
    git show "c001a99:models/$model.safetensors" > "$WORK/before-$model.safetensors"
    "$M" evaluate -m "$WORK/before-$model.safetensors" --pos "$tpos" --neg "$tneg" \
      --bootstrap 1000 -j 1 --json "$OUT/before-test-$target.json" > "$OUT/before-test-$target.txt"
    zcat -f "$DEC/heldout_genomic.fa.gz" "$heldout" > "$WORK/heldout-$target.fa"
    "$M" evaluate -m "$WORK/before-$model.safetensors" --pos "$tpos" \
      --neg "$WORK/heldout-$target.fa" -j 1 --json "$OUT/before-decoys-$target.json" \
      > "$OUT/before-decoys-$target.txt"
  done
}

step_ship() {  # the ensemble step's new-set and human ensembles become the shipped models
  cp "$WORK/models/new-ensemble3.safetensors" models/mirgene-whole.safetensors
  cp "$WORK/models/human-ensemble3.safetensors" models/mirgene-human.safetensors
  (cd models && sha256sum ./*.safetensors > SHA256SUMS)
}

for step in "${@:-all}"; do
  case "$step" in
    decoys) step_decoys ;;
    cv) step_cv; step_cv_human ;;
    cv-arch) step_cv_arch ;;
    cv-levers) step_cv_levers ;;
    ensemble) step_ensemble ;;
    cv-human) step_cv_human ;;
    cv-gc) step_cv_gc ;;
    cv-antisense) step_cv_antisense ;;
    cv-gc-split) step_cv_gc_split ;;
    before) step_before ;;
    final) step_final ;;
    ship) step_ship ;;
    all) step_decoys; step_cv; step_cv_levers; step_cv_human; step_cv_arch; step_before; step_final
      step_ensemble; step_ship ;;
    *) echo "usage: $0 [decoys|cv|cv-arch|cv-levers|cv-human|cv-gc|cv-antisense|cv-gc-split|before|final|ensemble|ship|all]" >&2; exit 2 ;;
  esac
done
