#!/usr/bin/env bash
# Builds the Debian package from BUILD_DIR with `cpack -G DEB` into a temporary directory
# and checks its contents and control fields with dpkg-deb: the same layout as
# `cmake --install`, under /usr.
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"${CPACK:-cpack}" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp" >/dev/null
debs=("$tmp"/mirgene_*.deb)
[ -f "${debs[0]}" ] || fail "no mirgene_*.deb written"
deb=${debs[0]}
echo "package: $(basename "$deb")"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/mirgene ./usr/share/mirgene/models/mirgene-whole.safetensors \
         ./usr/share/mirgene/models/mirgene-human.safetensors \
         ./usr/share/mirgene/models/configs/lstm2-att.json; do
  grep -q " $f\$" <<<"$contents" || fail "not in the package: $f"
done
grep -q "^-rwxr-xr-x .* ./usr/bin/mirgene$" <<<"$contents" || fail "usr/bin/mirgene is not executable"

fields=$(dpkg-deb -f "$deb")
echo "$fields"
grep -q "^Package: mirgene$" <<<"$fields" || fail "Package field"
grep -q "^Maintainer: ." <<<"$fields" || fail "no Maintainer"
grep -q "^Description: finds precursor microRNAs" <<<"$fields" || fail "no Description"
for dep in libgomp1 libhts3 zlib1g libstdc++6; do
  grep -q "^Depends: .*$dep" <<<"$fields" || fail "Depends lacks $dep"
done
echo "package test passed"
