// Speed of every shipped architecture config (models/configs) on human CV fold 1 (5966
// training sequences): one training epoch and network-only inference, one thread. Run from the
// repository root. Structures come from the RNAfold reference output (matched by sequence), so
// only the network is measured.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "human_fold1.hpp"
#include "nn/architecture.hpp"
#include "nn/network.hpp"
#include "nn/trainer.hpp"

namespace {

const char* const kConfigs[] = {"cnn2",           "cnn2-lstm2",     "cnn2-lstm2-att", "lstm2",
                                "lstm1-att",      "lstm2-att",      "bilstm1-att",    "bilstm2-att",
                                "input-sequence", "input-structure"};

using mirgene::bench::human_fold1;

mirgene::nn::Architecture config(int index) {
  return mirgene::nn::architecture_from_file(std::string("models/configs/") + kConfigs[index] +
                                             ".json");
}

void BM_TrainEpoch(benchmark::State& state) {
  const auto& data = human_fold1();
  mirgene::nn::Network net(config(static_cast<int>(state.range(0))));
  net.init_uniform(1);
  mirgene::nn::Trainer trainer(net, {.seed = 1, .threads = 1});
  for (auto _ : state) {
    const auto stats = trainer.run_epoch(data.tokens, data.labels);
    benchmark::DoNotOptimize(stats.loss);
  }
  state.SetLabel(kConfigs[state.range(0)]);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.tokens.size()));
}

void BM_Predict(benchmark::State& state) {
  const auto& data = human_fold1();
  mirgene::nn::Network net(config(static_cast<int>(state.range(0))));
  net.init_uniform(1);
  for (auto _ : state) {
    const auto scores = mirgene::nn::predict(net, data.tokens, 1);
    benchmark::DoNotOptimize(scores.data());
  }
  state.SetLabel(kConfigs[state.range(0)]);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.tokens.size()));
}

BENCHMARK(BM_TrainEpoch)->DenseRange(0, 9)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_Predict)->DenseRange(0, 9)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
