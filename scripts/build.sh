#!/usr/bin/env bash
# Installs dependencies, configures and builds mirgene into build/ (or $MIRGENE_BUILD_DIR).
# $MIRGENE_DEPS says which dependencies (install-deps.sh: build, the default, or test);
# $MIRGENE_TARGETS limits the build (e.g. "mirgene"); extra arguments go to CMake's
# configure step, e.g. -DMIRGENE_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${MIRGENE_BUILD_DIR:-build}"
bash scripts/install-deps.sh "${MIRGENE_DEPS:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@" >/dev/null
targets=()
for t in ${MIRGENE_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
