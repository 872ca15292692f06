// Speed of the network engine on human CV fold 1 (5966 training sequences): one training
// epoch, and network-only inference. Run from the repository root. Structures come from the
// RNAfold reference output (matched by sequence), so only the network is measured.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "human_fold1.hpp"
#include "nn/network.hpp"
#include "nn/trainer.hpp"

namespace {

using mirgene::bench::human_fold1;

void BM_TrainEpoch(benchmark::State& state) {
  const auto& data = human_fold1();
  mirgene::nn::Network net;
  net.init_uniform(1);
  mirgene::nn::Trainer trainer(net, {.seed = 1, .threads = static_cast<int>(state.range(0))});
  for (auto _ : state) {
    const auto stats = trainer.run_epoch(data.tokens, data.labels);
    benchmark::DoNotOptimize(stats.loss);
  }
  state.counters["seqs"] = static_cast<double>(data.tokens.size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.tokens.size()));
}
BENCHMARK(BM_TrainEpoch)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();

void BM_Predict(benchmark::State& state) {
  const auto& data = human_fold1();
  mirgene::nn::Network net;
  net.init_uniform(1);
  for (auto _ : state) {
    const auto scores = mirgene::nn::predict(net, data.tokens, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(scores.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.tokens.size()));
}
BENCHMARK(BM_Predict)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
