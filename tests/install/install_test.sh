#!/usr/bin/env bash
# Installs mirgene from BUILD_DIR into a temporary prefix and runs the installed binary from
# an unrelated working directory, as a user of `cmake --install` or the .deb would; then
# moves the prefix (the binary finds its models relative to itself, not to the build tree).
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"${CMAKE:-cmake}" --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in bin/mirgene share/mirgene/models/mirgene-whole.safetensors \
         share/mirgene/models/mirgene-human.safetensors share/mirgene/models/configs/lstm2-att.json \
         share/mirgene/examples/example.fa; do
  [ -f "$tmp/prefix/$f" ] || fail "not installed: $f"
done

mkdir "$tmp/elsewhere"
gzip -n -c "$source/examples/example.fa" > "$tmp/elsewhere/example.fa.gz"
cd "$tmp/elsewhere"
unset MIRGENE_MODEL

version=$("$tmp/prefix/bin/mirgene" --version)
echo "$version"
grep -qx "mirgene [0-9.]*" <<<"$(head -1 <<<"$version")" || fail "--version: no version line"
grep -q "^commit: ." <<<"$version" || fail "--version: no commit line"
grep -qx "model: $tmp/prefix/share/mirgene/models/mirgene-whole.safetensors" <<<"$version" ||
  fail "--version: the installed model is not the one used"

# The installed default model scores the example (compressed, read from another directory).
"$tmp/prefix/bin/mirgene" predict example.fa.gz > predictions.tsv
head -3 predictions.tsv
grep -q "^hsa-let-7a-1	80	0\.[5-9][0-9]*	pre-miRNA	" predictions.tsv || fail "predict: hsa-let-7a-1 not scored as a pre-miRNA"
[ "$(wc -l < predictions.tsv)" -eq 10 ] || fail "predict: expected a header and 9 rows"

# Shipped architecture configs are found by name from the installed share/ directory.
if "$tmp/prefix/bin/mirgene" train --arch no-such-net --pos example.fa.gz --neg example.fa.gz \
     --epochs 1 --no-fold-cache -o m.safetensors 2> arch.err; then
  fail "train --arch no-such-net succeeded"
fi
grep -q "share/mirgene/models/configs/no-such-net.json" arch.err || fail "configs not looked for under share/"
grep -q "shipped configs: .*lstm2-att" arch.err || fail "installed configs not listed: $(cat arch.err)"

# A moved prefix still finds its own models; $MIRGENE_MODEL overrides them.
mv "$tmp/prefix" "$tmp/moved"
"$tmp/moved/bin/mirgene" --version | grep -qx "model: $tmp/moved/share/mirgene/models/mirgene-whole.safetensors" ||
  fail "moved prefix: model not found beside the binary"
MIRGENE_MODEL="$tmp/moved/share/mirgene/models/mirgene-human.safetensors" "$tmp/moved/bin/mirgene" --version |
  grep -q "^model: .*mirgene-human.safetensors (from \$MIRGENE_MODEL)$" || fail "MIRGENE_MODEL ignored"
echo "install test passed"
