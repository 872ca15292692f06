// Single-thread folding throughput on the human negative set (7422 sequences, median
// 92 nt). Run from the repository root; items_per_second = sequences per second.
// RNAfold 2.7.1 folds the same file in 37.9 s on the development machine (196 seq/s).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "fold/mfe.hpp"

namespace {

// Deliberately minimal FASTA reading (one record = header + sequence lines); the
// project's reader lives in seqio.
std::vector<std::string> read_sequences(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> sequences;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '>') {
      sequences.emplace_back();
    } else if (!sequences.empty()) {
      sequences.back() += line;
    }
  }
  return sequences;
}

void BM_FoldHumanNegatives(benchmark::State& state) {
  static const std::vector<std::string> sequences =
      read_sequences("../shared/data/mirboost/sequences/human_neg.fa");
  if (sequences.empty()) {
    state.SkipWithError("cannot read ../shared/data/mirboost/sequences/human_neg.fa");
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
