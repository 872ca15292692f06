#!/usr/bin/env bash
# The main job on a fresh machine: installs dependencies, builds mirgene, and scores the
# bundled example sequences with the bundled cross-species model (models/). Arguments are
# passed on to `mirgene predict` (e.g. --format json, --threshold 0.9).
set -euo pipefail
cd "$(dirname "$0")/.."
MIRGENE_TARGETS=mirgene bash scripts/build.sh >&2
build/mirgene predict examples/example.fa "$@"
