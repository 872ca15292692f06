#!/usr/bin/env bash
# Golden outputs: predict, explain, evaluate, fold, eval and report write exactly the bytes
# recorded in tests/fixtures/golden/ (stdout, stderr and exit status), on the example file
# and on the human test set. Refactoring must not change what users get; a deliberate change
# of output regenerates the files with --update and shows up in review as a fixture diff.
# The files were made on an x86-64 machine with AVX-512 (-march=native): elsewhere floats may
# differ in their last digits, which compare_outputs.py tolerates; nothing else may differ.
# Usage: golden_test.sh MIRGENE SOURCE_DIR [--update]
set -euo pipefail
M=$1
SRC=$(cd "$2" && pwd)
UPDATE=${3:-}
GOLDEN=$SRC/tests/fixtures/golden
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$SRC"

EX=examples/example.fa
POS=data/mirboost/test/human/human_pos_test.fa.gz
NEG=data/mirboost/test/human/human_neg_test.fa.gz
WHOLE=models/mirgene-whole.safetensors
HUMAN=models/mirgene-human.safetensors

failures=0
inexact=0
# run NAME COMMAND...: records stdout, stderr and the exit status of one command as NAME.*
run() {
  local name=$1
  shift
  local status=0
  "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || status=$?
  echo "$status" > "$WORK/$name.status"
}

run predict-example "$M" predict "$EX" -m "$WHOLE" -j 2
run predict-example-json "$M" predict "$EX" -m "$WHOLE" -f json -t 0.9 -j 2
run predict-human-pos "$M" predict "$POS" -m "$HUMAN" -j 2
run predict-human-neg "$M" predict "$NEG" -m "$WHOLE" -j 2
run explain-example "$M" explain "$EX" -m "$WHOLE" -j 2
run explain-example-json "$M" explain "$EX" -m "$HUMAN" -f json -j 2
run evaluate-human "$M" evaluate --pos "$POS" --neg "$NEG" -m "$HUMAN" --no-fold-cache \
  --scores "$WORK/evaluate-human.scores" --json "$WORK/evaluate-human.json" \
  --bootstrap 50 -j 2
run fold-example "$M" fold "$EX" -j 2
run fold-human-pos "$M" fold "$POS" -j 2
# eval reads fold's output back: every energy must come out as fold printed it.
cp "$WORK/fold-example.out" "$WORK/eval-input.txt"
run eval-example "$M" energy "$WORK/eval-input.txt"
run eval-verbose "$M" eval -v -s GGGGAAACCCCAUCCGCGAAAGCGGAU -d '((((...))))..((((....))))..'
run report-example "$M" report "$EX" -m "$WHOLE" -o "$WORK/report-example.html" \
  --figure "$WORK/report-example.svg" --title golden -j 2
run report-human-pos "$M" report "$POS" -m "$HUMAN" -o "$WORK/report-human-pos.html" \
  --title golden -j 2

# The evaluation JSON records how long it took: everything else must match.
if [ -f "$WORK/evaluate-human.json" ]; then
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def drop(x):
    if isinstance(x, dict):
        return {k: drop(v) for k, v in x.items() if k not in ("seconds", "timing")}
    if isinstance(x, list):
        return [drop(v) for v in x]
    return x
json.dump(drop(d), open(sys.argv[1], "w"), indent=1, sort_keys=True)
' "$WORK/evaluate-human.json"
fi

# Paths of this machine's temporary folder must not count: name it WORK everywhere.
for f in "$WORK"/*.out "$WORK"/*.err; do
  sed -i "s|$WORK|WORK|g" "$f"
done

cd "$WORK"
produced=$(ls | grep -v '^eval-input.txt$' | sort)
if [ "$UPDATE" = --update ]; then
  rm -rf "$GOLDEN"
  mkdir -p "$GOLDEN"
  for f in $produced; do gzip -n -9 -c "$f" > "$GOLDEN/$f.gz"; done
  echo "golden: wrote $(echo "$produced" | wc -l) files to tests/fixtures/golden"
  exit 0
fi
expected=$(cd "$GOLDEN" && ls | sed 's/\.gz$//' | sort)
if [ "$produced" != "$expected" ]; then
  echo "golden: the set of outputs differs from tests/fixtures/golden"
  diff <(echo "$expected") <(echo "$produced") || true
  failures=$((failures + 1))
fi
# Byte for byte; where bytes differ, only floats' last digits may (another CPU's vector
# width orders float sums differently). MIRGENE_GOLDEN_EXACT=1 allows no difference at all:
# use it on one machine to check a refactoring before and after.
for f in $produced; do
  [ -f "$GOLDEN/$f.gz" ] || continue
  zcat "$GOLDEN/$f.gz" | cmp -s - "$f" && continue
  echo "golden: $f differs from tests/fixtures/golden/$f.gz"
  if [ "${MIRGENE_GOLDEN_EXACT:-0}" != 1 ] && python3 "$SRC/tests/golden/compare_outputs.py" "$GOLDEN/$f.gz" "$f"; then
    inexact=$((inexact + 1))
    continue
  fi
  zcat "$GOLDEN/$f.gz" | diff - "$f" | head -20 || true
  failures=$((failures + 1))
done
if [ "$failures" -gt 0 ]; then
  echo "golden: $failures difference(s)"
  exit 1
fi
if [ "$inexact" -gt 0 ]; then
  echo "golden: $(echo "$produced" | wc -l) outputs identical, $inexact of them but for floats' last digits"
else
  echo "golden: $(echo "$produced" | wc -l) outputs identical"
fi
