#!/usr/bin/env bash
# Configures and builds mirgene (library, CLI, tests, benchmarks) into build/.
# Extra arguments are passed to CMake's configure step, e.g. -DMIRGENE_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${MIRGENE_BUILD_DIR:-build}"
bash scripts/install-deps.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
