// Checks mirgene's forward pass against an independent PyTorch implementation
// (tests/python/torch_reference.py, built from torch.nn.Conv1d, torch.nn.LSTM and
// torch.nn.Linear) on real benchmark hairpins with random, deliberately large weights, for the
// default network and every shipped architecture config.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/model_file.hpp"
#include "nn/shipped_configs.hpp"
#include "support/rnafold_reference.hpp"

namespace mirgene::nn {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter with python3-torch; `python3` on PATH may be another one.
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kReference = "tests/python/torch_reference.py";
constexpr double kTolerance = 1e-5;

struct Record {
  std::string seq;
  std::string structure;
};

// RNAfold's structures of a reference set; throws (failing the test) when the file is
// missing or empty, so the picking below never indexes an empty list.
std::vector<Record> read_rnafold(const std::string& name) {
  std::vector<Record> records;
  for (const test::RnafoldRecord& r : test::rnafold_reference(name))
    records.push_back({r.sequence, r.structure});
  return records;
}

// `count` records spread over the whole length range: sorted by length, evenly spaced.
// Needs count >= 2 and at least one record.
std::vector<Record> spread_by_length(std::vector<Record> records, int count) {
  if (records.empty() || count < 2) throw std::invalid_argument("spread_by_length: nothing to pick");
  std::stable_sort(records.begin(), records.end(),
                   [](const Record& a, const Record& b) { return a.seq.size() < b.seq.size(); });
  std::vector<Record> picked;
  for (int i = 0; i < count; ++i) {
    picked.push_back(records[static_cast<std::size_t>(i) * (records.size() - 1) / (count - 1)]);
  }
  return picked;
}

std::vector<std::vector<std::uint8_t>> benchmark_inputs() {
  std::vector<Record> records =
      spread_by_length(read_rnafold("human_pos"), 110);
  const std::vector<Record> negatives =
      spread_by_length(read_rnafold("human_neg"), 110);
  records.insert(records.end(), negatives.begin(), negatives.end());
  // Unknown nucleotides in every fifth sequence, at a few scattered positions.
  for (std::size_t i = 0; i < records.size(); i += 5) {
    std::string& seq = records[i].seq;
    for (std::size_t pos = i % 7; pos < seq.size(); pos += 13) seq[pos] = 'N';
  }
  // The extremes: one base, and the full 400 positions (no padding at all).
  records.push_back({"G", "."});
  std::string long_seq, long_structure;
  for (const Record& r : records) {
    long_seq += r.seq;
    long_structure += r.structure;
  }
  records.push_back(
      {long_seq.substr(0, encode::kMaxLen), long_structure.substr(0, encode::kMaxLen)});

  // Every energy bin, three sequences in a row each: read by both+energy, ignored by the other
  // input modes (both here and in the reference).
  std::vector<std::vector<std::uint8_t>> encoded;
  for (const Record& r : records)
    encoded.push_back(
        encode::with_energy(encode::encode(r.seq, r.structure),
                            static_cast<int>(encoded.size() / 3) % encode::kEnergyBins));
  return encoded;
}

std::vector<std::vector<double>> run_reference(const std::string& model,
                                               const std::string& tokens) {
  const std::string command =
      std::string(kPython) + " " + kReference + " " + model + " " + tokens + " --attention";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  char buffer[65536];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  if (::pclose(pipe) != 0) return {};
  std::vector<std::vector<double>> rows;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<double> row;
    for (double v; fields >> v;) row.push_back(v);
    rows.push_back(row);
  }
  return rows;
}

// Random weights far beyond the training init, so that outputs differ strongly between
// sequences and a wrong gate order, mask or padding offset cannot hide in near-constant
// outputs. With attention the flattened features are small (weights ~1/L), so dense1 and the
// attention scores get extra factors; conv weights are scaled by their fan-in so that stacked
// ReLU layers do not blow up. The sigmoid layers then add a large sequence-independent logit,
// which the output bias cancels (centred on the median sequence) to keep p away from 0 and 1.
Network network_with_spread_out_outputs(const Architecture& arch,
                                        std::span<const std::vector<std::uint8_t>> seqs) {
  Network net(arch);
  net.init_uniform(20240517, 0.5f);
  for (const ParamView& p : net.parameters()) {
    float boost = 1.0f;
    if (p.name == "dense1.weight") boost = arch.attention ? 20.0f : 0.5f;
    if (p.name == "attention.weight") boost = 6.0f;
    if (p.name == "dense2.weight" || p.name == "output.weight") boost = 4.0f;
    if (p.name.starts_with("conv") && p.shape.size() == 3)
      boost = 3.0f / std::sqrt(static_cast<float>(p.shape[1] * p.shape[2]));
    for (std::size_t i = 0; i < p.size; ++i) p.data[i] *= boost;
  }
  std::vector<float> logits;
  for (float p : predict(net, seqs)) logits.push_back(std::log(p / (1.0f - p)));
  std::nth_element(logits.begin(), logits.begin() + logits.size() / 2, logits.end());
  // P(class 0) = sigmoid(z0 - z1): shifting bias 0 shifts every logit by the same amount.
  net.tensor("output.bias")[0] -= logits[logits.size() / 2];
  return net;
}

class TorchParityBase : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string probe = std::string(kPython) + " -c 'import torch, numpy' 2>/dev/null";
    ASSERT_EQ(std::system(probe.c_str()), 0)
        << kPython << " cannot import torch and numpy; the parity test needs Debian's "
        << "python3-torch and python3-numpy (apt-get install python3-torch python3-numpy)";
    dir_ = fs::temp_directory_path() / ("mirgene_torch_parity_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

// Default network (no --arch) plus every shipped config: conv, bidirectional LSTM, no
// attention, the other input modes; and the energy input.
class TorchParity : public TorchParityBase, public ::testing::WithParamInterface<std::string> {};

TEST_P(TorchParity, ProbabilitiesAndAttentionMatchPyTorch) {
  std::vector<std::vector<std::uint8_t>> seqs = benchmark_inputs();
  ASSERT_GE(seqs.size(), 200u);
  // The energy input's network is bilstm2-att's but for its first layer: a third of the
  // sequences (every energy bin still) keeps its case short.
  if (GetParam() == "bilstm2-att-energy") {
    std::vector<std::vector<std::uint8_t>> third;
    for (std::size_t i = 0; i < seqs.size(); i += 3) third.push_back(seqs[i]);
    seqs = std::move(third);
  }
  const Architecture arch =
      GetParam() == "default" ? Architecture{} : test_support::shipped_config(GetParam());
  const Network net = network_with_spread_out_outputs(arch, seqs);
  const std::string model = (dir_ / "model.safetensors").string();
  Network to_save = net;
  save_model(model, to_save, {{"purpose", "torch parity test"}});

  const std::string tokens = (dir_ / "tokens.txt").string();
  {
    std::ofstream out(tokens);
    for (const auto& seq : seqs) {
      for (std::size_t i = 0; i < seq.size(); ++i) out << (i ? " " : "") << int(seq[i]);
      out << "\n";
    }
  }

  const std::vector<std::vector<double>> reference = run_reference(model, tokens);
  ASSERT_EQ(reference.size(), seqs.size())
      << "the PyTorch reference failed; run by hand: " << kPython << " " << kReference
      << " <model> <tokens>";
  const std::vector<float> probs = predict(net, seqs);
  ASSERT_EQ(probs.size(), seqs.size());

  double worst_prob = 0.0, worst_attention = 0.0;
  const std::size_t attention_values = arch.attention ? 1 : 0;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    ASSERT_EQ(reference[i].size(), 1 + attention_values * seqs[i].size()) << "sequence " << i;
    EXPECT_NEAR(probs[i], reference[i][0], kTolerance) << "sequence " << i;
    worst_prob = std::max(worst_prob, std::abs(probs[i] - reference[i][0]));

    const Explanation explanation = explain(net, seqs[i]);
    EXPECT_NEAR(explanation.prob, reference[i][0], kTolerance) << "sequence " << i;
    ASSERT_EQ(explanation.attention.size(), attention_values * seqs[i].size());
    for (std::size_t t = 0; t < explanation.attention.size(); ++t) {
      EXPECT_NEAR(explanation.attention[t], reference[i][1 + t], kTolerance)
          << "sequence " << i << " position " << t;
      worst_attention =
          std::max(worst_attention, std::abs(explanation.attention[t] - reference[i][1 + t]));
    }
  }
  // The comparison only means something if the outputs are spread out.
  const auto [lowest, highest] = std::minmax_element(probs.begin(), probs.end());
  EXPECT_GT(*highest - *lowest, 0.5f);
  RecordProperty("worst_prob_difference", std::to_string(worst_prob));
  RecordProperty("worst_attention_difference", std::to_string(worst_attention));
  std::printf(
      "%s: compared %zu sequences: max |p_cpp - p_torch| = %.3g, max attention diff = %.3g, "
      "p range [%.3f, %.3f]\n",
      GetParam().c_str(), seqs.size(), worst_prob, worst_attention, *lowest, *highest);
}

std::vector<std::string> parity_cases() {
  std::vector<std::string> cases = {"default"};
  for (const std::string& name : test_support::shipped_config_names()) cases.push_back(name);
  cases.push_back("bilstm2-att-energy");
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Configs, TorchParity, ::testing::ValuesIn(parity_cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace mirgene::nn
