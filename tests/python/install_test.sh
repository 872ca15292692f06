#!/usr/bin/env bash
# The Python module as users install it, used from an unrelated directory:
# 1. `cmake --install BUILD_DIR --prefix TMP` puts the package in the prefix's site-packages
#    (lib/python3.X/dist-packages on Debian, as the interpreter's own path under /usr/local);
# 2. `pip install --no-build-isolation --no-index` of the package (setup.py, pyproject.toml)
#    into a target directory, offline, reusing BUILD_DIR's CMake build (MIRGENE_CMAKE_BUILD_DIR).
# Each installed copy must import, find its packaged default model, carry its type stubs and
# score the example.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR PYTHON
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
python=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset MIRGENE_MODEL PYTHONPATH
export PYTHONDONTWRITEBYTECODE=1

check_package() {  # SITE_DIR: import mirgene from there and use it
  local site=$1
  for f in __init__.py __init__.pyi py.typed models/mirgene-whole.safetensors; do
    [ -f "$site/mirgene/$f" ] || fail "not installed: $site/mirgene/$f"
  done
  ls "$site"/mirgene/_core*.so >/dev/null || fail "no extension in $site/mirgene"
  mkdir -p "$tmp/elsewhere"
  (cd "$tmp/elsewhere" && PYTHONPATH="$site" "$python" - "$site" "$source/examples/example.fa") <<'PY'
import os, sys
import mirgene
site, example = sys.argv[1], sys.argv[2]
assert os.path.realpath(mirgene.__file__).startswith(os.path.realpath(site)), mirgene.__file__
m = mirgene.Model.load()
assert os.path.realpath(m.path) == os.path.realpath(os.path.join(site, "mirgene", "models", "mirgene-whole.safetensors")), m.path
p = m.predict_fasta(example, errors="nan")
assert p.id[0] == "hsa-let-7a-1" and p.probability[0] > 0.5, (p.id[0], p.probability[0])
print("ok:", mirgene.__version__, m.path, float(p.probability[0]))
PY
}

# 1. cmake --install
"${CMAKE:-cmake}" --install "$build" --prefix "$tmp/prefix" >/dev/null
sites=("$tmp"/prefix/lib/python3*/*-packages)
[ -d "${sites[0]}" ] || fail "cmake --install: no lib/python3.X/*-packages in the prefix"
platlib=$("$python" -c "import sysconfig; print(sysconfig.get_path('platlib'))")
rel=${sites[0]#"$tmp/prefix/"}
[[ "$platlib" == */"$rel" ]] || fail "installed into $rel, but the interpreter's site-packages is $platlib"
check_package "${sites[0]}"

# 2. pip install (offline, no build isolation) from a copy of the packaging files
mkdir "$tmp/src"
cp -r "$source/setup.py" "$source/setup.cfg" "$source/pyproject.toml" "$source/CMakeLists.txt" "$tmp/src/"
mkdir -p "$tmp/src/python" "$tmp/src/docs"
cp -r "$source/python/mirgene" "$tmp/src/python/"
cp "$source/docs/python.md" "$tmp/src/docs/"
MIRGENE_CMAKE_BUILD_DIR="$build" "$python" -m pip install --quiet --no-build-isolation --no-index \
  --no-deps --no-cache-dir --target "$tmp/pip" "$tmp/src" || fail "pip install"
check_package "$tmp/pip"
echo "python install test passed"
