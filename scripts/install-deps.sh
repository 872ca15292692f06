#!/usr/bin/env bash
# Installs the Debian packages mirgene needs for a purpose, and nothing more:
#   install-deps.sh build   building and running mirgene (the main job, run-example.sh)
#   install-deps.sh test    that, plus the test suite's and benchmarks' tools (test.sh)
# Does nothing when they are all present already.
set -euo pipefail

purpose=${1:-build}
# The compiler, CMake and the libraries the mirgene executable is built from.
build_packages=(
  cmake g++ make
  libeigen3-dev libcli11-dev nlohmann-json3-dev zlib1g-dev libhts-dev pkg-config
)
# GoogleTest and Google Benchmark; PyTorch, scikit-learn and NumPy (run by Debian's
# /usr/bin/python3) for the independent reference implementations the tests compare with;
# Chromium for the report's browser test; gzip for the compressed-input tests; pybind11,
# the Python headers, pytest, setuptools and pip for the Python module and its tests;
# Snakemake for the genome-scan workflow's test (workflow/); clang and its runtime
# (libFuzzer, sanitizers) for the fuzz harnesses (scripts/fuzz.sh); samtools and tabix
# (bgzip) for the genome-loci tests, which compare mirgene's fetched loci with samtools faidx.
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-torch python3-sklearn
  chromium gzip
  pybind11-dev python3-dev python3-pytest python3-setuptools python3-pip
  snakemake
  clang libclang-rt-dev
  samtools tabix
)
case "$purpose" in
  build) packages=("${build_packages[@]}") ;;
  test) packages=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
