#!/usr/bin/env bash
# The main job on a fresh machine: installs what building and running mirgene needs (no
# test tools), builds the mirgene executable only, and scores the bundled example sequences
# with the bundled cross-species model (models/). Arguments are passed on to
# `mirgene predict` (e.g. --format json, --threshold 0.9).
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests and benchmarks off: their packages (GoogleTest, Google Benchmark) are not installed
# here. scripts/test.sh turns them back on in the same build directory.
MIRGENE_DEPS=build MIRGENE_TARGETS=mirgene bash scripts/build.sh \
  -DMIRGENE_BUILD_TESTS=OFF -DMIRGENE_BUILD_BENCH=OFF >&2
build/mirgene predict examples/example.fa "$@"
