// Single-thread partition function + pair probabilities (the work of `mirgene fold -p`, the
// dot-plot pair list included), run from the repository root:
//   * RNAfold -p's reference sample (data/reference/rnafold_p/dev_sample.fa, 357 records of
//     5-2,500 nt): RNAfold 2.7.1 -p needed 66 s for it on one core of the development
//     machine, as recorded with the reference (data/reference/README.md);
//   * 500 random sequences of 50-400 nt (uniform lengths, uniform bases, fixed seed);
//   * single random sequences of 1,000, 2,000 and 3,000 nt.
// RNAfold is not installed on the benchmark machine, so only the first figure has an
// RNAfold counterpart.
#include <benchmark/benchmark.h>

#include <exception>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "fold/ensemble.hpp"
#include "fold/partition.hpp"

namespace {

std::string random_sequence(int n, unsigned& state) {
  std::string seq(static_cast<std::size_t>(n), 'A');
  for (char& c : seq) {
    state = state * 1103515245u + 12345u;
    c = "ACGU"[(state >> 16) & 3];
  }
  return seq;
}

// Folds every sequence once per iteration; the sum of the energies and of the pair counts
// keeps the work from being optimised away.
void fold_all(benchmark::State& state, const std::vector<std::string>& sequences) {
  mirgene::fold::PartitionFolder folder;
  double sum = 0.0;
  std::size_t pairs = 0;
  for (auto _ : state) {
    for (const std::string& seq : sequences) {
      sum += folder.fold(seq).ensemble_energy;
      pairs += mirgene::fold::pairs_at_least(folder.probabilities(), 1e-5).size();
    }
  }
  benchmark::DoNotOptimize(sum);
  benchmark::DoNotOptimize(pairs);
  state.SetItemsProcessed(state.iterations() * static_cast<long long>(sequences.size()));
}

void BM_PartitionRnafoldReferenceSample(benchmark::State& state) {
  std::vector<std::string> sequences;
  try {
    sequences = mirgene::bench::read_sequences(
        mirgene::bench::data_path("reference/rnafold_p/dev_sample.fa"));
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  fold_all(state, sequences);
}
BENCHMARK(BM_PartitionRnafoldReferenceSample)->Unit(benchmark::kSecond)->Iterations(1);

void BM_Partition500Random50To400(benchmark::State& state) {
  unsigned seed = 500;
  std::vector<std::string> sequences;
  for (int x = 0; x < 500; ++x) {
    seed = seed * 1103515245u + 12345u;
    sequences.push_back(random_sequence(50 + static_cast<int>((seed >> 16) % 351), seed));
  }
  fold_all(state, sequences);
}
BENCHMARK(BM_Partition500Random50To400)->Unit(benchmark::kSecond)->Iterations(1);

void BM_PartitionRandomLength(benchmark::State& state) {
  unsigned seed = 12345;
  fold_all(state, {random_sequence(static_cast<int>(state.range(0)), seed)});
}
BENCHMARK(BM_PartitionRandomLength)
    ->Arg(1000)
    ->Arg(2000)
    ->Arg(3000)
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
