// Speed of the network engine on human CV fold 1 (5966 training sequences): one training
// epoch, and network-only inference. Run from the repository root. Structures come from the
// RNAfold reference output (matched by sequence), so only the network is measured.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/network.hpp"
#include "nn/trainer.hpp"

namespace {

const std::string kShared = "../shared/";

// Sequences of a FASTA file (header lines skipped, sequence lines joined).
std::vector<std::string> read_fasta(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::string> seqs;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '>')
      seqs.emplace_back();
    else if (!seqs.empty())
      seqs.back() += line;
  }
  return seqs;
}

// sequence -> dot-bracket from RNAfold output (">name", sequence, "structure (energy)").
void read_rnafold(const std::string& path, std::unordered_map<std::string, std::string>& out) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line, seq;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '>') continue;
    if (seq.empty()) {
      seq = line;
    } else {
      out[seq] = line.substr(0, seq.size());
      seq.clear();
    }
  }
}

struct Data {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
};

const Data& fold1() {
  static const Data data = [] {
    std::unordered_map<std::string, std::string> structures;
    read_rnafold(kShared + "reference/rnafold/human_pos.rnafold", structures);
    read_rnafold(kShared + "reference/rnafold/human_neg.rnafold", structures);
    Data d;
    const char* files[] = {"human_pos_train_f1.fa", "human_neg_train_f1.fa"};
    for (int label = 0; label < 2; ++label) {
      for (const auto& seq : read_fasta(kShared + "data/mirboost/cv/human/train/" + files[label])) {
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

void BM_TrainEpoch(benchmark::State& state) {
  const Data& data = fold1();
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
  const Data& data = fold1();
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
