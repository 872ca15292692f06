#!/usr/bin/env bash
# Installs dependencies (build and test), builds everything and runs the whole test suite.
# The tests read only the repository (data/, tests/fixtures/): nothing beside the clone.
# MIRGENE_SANITIZE=1 runs it in an AddressSanitizer/UBSan build in build-asan/ instead (all
# tests but the long reference-folding one).
set -euo pipefail
cd "$(dirname "$0")/.."
export MIRGENE_DEPS=test
if [ "${MIRGENE_SANITIZE:-0}" = 1 ]; then
  export MIRGENE_BUILD_DIR=build-asan CMAKE_BUILD_TYPE=RelWithDebInfo
  # The Python module is left out: an ASan-built extension cannot load into an interpreter
  # that was not started with the ASan runtime.
  bash scripts/build.sh -DMIRGENE_SANITIZE=ON -DMIRGENE_BUILD_TESTS=ON -DMIRGENE_BUILD_BENCH=OFF \
    -DMIRGENE_BUILD_PYTHON=OFF
else
  bash scripts/build.sh -DMIRGENE_BUILD_TESTS=ON -DMIRGENE_BUILD_BENCH=ON
fi
exclude=()
# The reference-folding tests (MFE, and the partition function on all its records) take over
# ten minutes sanitized on two cores; the Release run covers them.
[ "${MIRGENE_SANITIZE:-0}" = 1 ] && exclude=(-E '^(MfeReference|PartitionReference)[.]')
ctest --test-dir "${MIRGENE_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "${exclude[@]}"
