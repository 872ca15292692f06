// Folding throughput on the miRBoost human negatives (7422 sequences, median 92 nt), the
// figure issue 2 compares with RNAfold 2.7.1 (37.9 s = 196 seq/s on one thread of the
// reference 2-core machine). Runs the same path as `mirgene fold` minus printing: records
// streamed through the ordered pipeline, one Folder per worker.
// Run from the repository root: build/bench/fold_bench (reads data/mirboost).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_data.hpp"
#include "common/ordered_parallel.hpp"
#include "fold/mfe.hpp"
#include "seqio/fasta_reader.hpp"

namespace {

const std::vector<std::string>& sequences() {
  static const std::vector<std::string> seqs = [] {
    std::vector<std::string> out;
    auto reader = mirgene::seqio::FastaReader::open(mirgene::bench::kHumanNegatives);
    mirgene::seqio::ReadResult r;
    while (reader->next(r)) {
      if (!r.error) out.push_back(r.record.seq);
    }
    return out;
  }();
  return seqs;
}

void BM_FoldHumanNegatives(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const auto& seqs = sequences();
  std::vector<std::unique_ptr<mirgene::fold::Folder>> folders;
  for (int t = 0; t < threads; ++t) folders.push_back(std::make_unique<mirgene::fold::Folder>());
  long total_energy = 0;
  for (auto _ : state) {
    std::size_t next = 0;
    mirgene::ordered_parallel<std::size_t, int>(
        threads,
        [&](std::size_t& i) {
          i = next++;
          return i < seqs.size();
        },
        [&](std::size_t& i, int worker) { return folders[worker]->fold(seqs[i]).energy; },
        [&](int&& energy) { total_energy += energy; });
  }
  benchmark::DoNotOptimize(total_energy);
  state.counters["threads"] = threads;
  state.counters["seq/s"] = benchmark::Counter(static_cast<double>(seqs.size()),
                                               benchmark::Counter::kIsIterationInvariantRate);
}

const int kAllCores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

}  // namespace

BENCHMARK(BM_FoldHumanNegatives)
    ->Arg(1)
    ->Arg(kAllCores)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
