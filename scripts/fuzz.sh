#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang (ASan + UBSan) in build-fuzz/ and runs
# each for SECONDS (default 60) on its seed corpus (fuzz/corpus/TARGET, grown in
# build-fuzz/corpus/TARGET across runs) and every input that ever crashed it
# (fuzz/regressions/TARGET, replayed first). A crash stops the script with status 1 and
# leaves its input in build-fuzz/crashes/TARGET/: fix the bug, then copy that input into
# fuzz/regressions/TARGET/ so that it is replayed from then on (the test suite replays it too).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   targets: fasta_reader structure_energy param_reader safetensors architecture regions
# Prints one line per target: "fuzz TARGET: N executions in S s, corpus C inputs".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fasta_reader structure_energy param_reader safetensors architecture regions)
build=${MIRGENE_FUZZ_BUILD_DIR:-build-fuzz}
cxx=${MIRGENE_FUZZ_CXX:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$cxx" ]; then
  echo "fuzz.sh: clang++ not found (Debian: apt-get install clang libclang-rt-dev)" >&2
  exit 1
fi
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S fuzz -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  crashes=$build/crashes/$t
  mkdir -p "$corpus" "$crashes"
  cp -n fuzz/corpus/"$t"/* "$corpus"/
  max_len=4096
  [ "$t" = param_reader ] && max_len=300000  # the seed is Turner 2004's whole file
  log=$build/$t.log
  inputs=("$corpus")
  [ -d "fuzz/regressions/$t" ] && inputs+=("fuzz/regressions/$t")
  status=0
  "$build/fuzz_$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -max_len="$max_len" -artifact_prefix="$crashes/" -print_final_stats=1 \
    "${inputs[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  time=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  echo "fuzz $t: ${runs:-?} executions in ${seconds} s (${time:-?}/s), corpus $(ls "$corpus" | wc -l) inputs"
  if [ "$status" != 0 ]; then
    echo "fuzz.sh: $t crashed (status $status); its input is in $crashes/, the log in $log:" >&2
    grep -E "ERROR|runtime error|==[0-9]+==|Test unit written" "$log" | head -20 >&2
    exit 1
  fi
done
