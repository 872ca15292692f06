#!/usr/bin/env bash
# The main job on a fresh machine: installs dependencies, builds, and folds the bundled
# example sequences. Arguments are passed on to `mirgene fold`.
set -euo pipefail
cd "$(dirname "$0")/.."
MIRGENE_TARGETS=mirgene bash scripts/build.sh >&2
build/mirgene fold examples/example.fa "$@"
