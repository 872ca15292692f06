#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite (needs ../shared beside the repo).
# MIRGENE_SANITIZE=1 runs it in an AddressSanitizer/UBSan build in build-asan/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${MIRGENE_SANITIZE:-0}" = 1 ]; then
  export MIRGENE_BUILD_DIR=build-asan CMAKE_BUILD_TYPE=RelWithDebInfo
  bash scripts/build.sh -DMIRGENE_SANITIZE=ON -DMIRGENE_BUILD_BENCH=OFF
else
  bash scripts/build.sh
fi
ctest --test-dir "${MIRGENE_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"
