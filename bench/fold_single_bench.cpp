// Single-thread folding throughput on the human negative set (7422 sequences, median
// 92 nt). Run from the repository root; items_per_second = sequences per second.
// RNAfold 2.7.1 folds the same file in 37.9 s on the development machine (196 seq/s).
#include <benchmark/benchmark.h>

#include <exception>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "fold/mfe.hpp"

namespace {

void BM_FoldHumanNegatives(benchmark::State& state) {
  std::vector<std::string> sequences;
  try {
    sequences = mirgene::bench::read_sequences(mirgene::bench::kHumanNegatives);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  mirgene::fold::Folder folder;
  long long energy_sum = 0;
  for (auto _ : state) {
    for (const std::string& seq : sequences) energy_sum += folder.fold(seq).energy;
  }
  benchmark::DoNotOptimize(energy_sum);
  state.SetItemsProcessed(state.iterations() * static_cast<long long>(sequences.size()));
}
BENCHMARK(BM_FoldHumanNegatives)->Unit(benchmark::kSecond)->Iterations(1);

void BM_FoldRandomLength(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::string seq(n, 'A');
  unsigned x = 12345;
  for (char& c : seq) {
    x = x * 1103515245u + 12345u;
    c = "ACGU"[(x >> 16) & 3];
  }
  mirgene::fold::Folder folder;
  for (auto _ : state) benchmark::DoNotOptimize(folder.fold(seq).energy);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FoldRandomLength)->Arg(100)->Arg(400)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
