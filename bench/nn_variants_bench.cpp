// Speed of every shipped architecture config (models/configs) on human CV fold 1 (5966
// training sequences): one training epoch and network-only inference, one thread. Run from the
// repository root. Structures come from the RNAfold reference output (matched by sequence), so
// only the network is measured.
#include <benchmark/benchmark.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/architecture.hpp"
#include "nn/network.hpp"
#include "nn/trainer.hpp"

namespace {

const std::string kShared = "../shared/";
const char* const kConfigs[] = {"cnn2",           "cnn2-lstm2",     "cnn2-lstm2-att", "lstm2",
                                "lstm1-att",      "lstm2-att",      "bilstm1-att",    "bilstm2-att",
                                "input-sequence", "input-structure"};

struct Data {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
};

// Fold 1's training sequences with their RNAfold structures, encoded.
const Data& fold1() {
  static const Data data = [] {
    std::unordered_map<std::string, std::string> structures;
    for (const char* name : {"human_pos.rnafold", "human_neg.rnafold"}) {
      std::ifstream in(kShared + "reference/rnafold/" + name);
      if (!in) throw std::runtime_error("cannot open the RNAfold reference " + std::string(name));
      std::string header, seq, structure;
      while (std::getline(in, header) && std::getline(in, seq) && std::getline(in, structure))
        structures[seq] = structure.substr(0, seq.size());
    }
    Data d;
    const char* files[] = {"human_pos_train_f1.fa", "human_neg_train_f1.fa"};
    for (int label = 0; label < 2; ++label) {
      std::ifstream in(kShared + "data/mirboost/cv/human/train/" + files[label]);
      if (!in) throw std::runtime_error("cannot open " + std::string(files[label]));
      std::vector<std::string> seqs;
      for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line[0] == '>')
          seqs.emplace_back();
        else if (!seqs.empty())
          seqs.back() += line;
      }
      for (const std::string& seq : seqs) {
        const auto it = structures.find(seq);
        if (it == structures.end()) throw std::runtime_error("no RNAfold structure for " + seq);
        d.tokens.push_back(mirgene::encode::encode(seq, it->second));
        d.labels.push_back(label);
      }
    }
    return d;
  }();
  return data;
}

mirgene::nn::Architecture config(int index) {
  return mirgene::nn::architecture_from_file(std::string("models/configs/") + kConfigs[index] +
                                             ".json");
}

void BM_TrainEpoch(benchmark::State& state) {
  const Data& data = fold1();
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
  const Data& data = fold1();
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
