// Configurable architectures: the JSON form and config files, the shipped configs, model files
// of every variant, inference that does not depend on batch companions, and explain() for
// models without attention.
#include "nn/architecture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "nn/ensemble_file.hpp"
#include "nn/model_file.hpp"
#include "nn/network.hpp"
#include "nn/shipped_configs.hpp"

namespace mirgene::nn {
namespace {

using test_support::shipped_config;
using test_support::shipped_config_names;
using test_support::shipped_config_path;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mirgene_architecture_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

std::vector<std::uint8_t> random_tokens(int len, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> tok(0, kTokenCount - 1);
  std::vector<std::uint8_t> seq(len);
  for (auto& t : seq) t = static_cast<std::uint8_t>(tok(rng));
  return seq;
}

std::string config_error(const std::string& path) {
  try {
    architecture_from_file(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Architecture, DefaultIsThePapersNetwork) {
  const Architecture arch;
  EXPECT_EQ(arch.input, InputMode::kBoth);
  EXPECT_TRUE(arch.conv.empty());
  EXPECT_EQ(arch.recurrent, (std::vector<RecurrentLayer>{{20, false}, {10, false}}));
  EXPECT_TRUE(arch.attention);
  EXPECT_EQ(arch.dense, (std::vector<int>{400, 100}));
  EXPECT_EQ(arch.max_len, 400);
  EXPECT_EQ(arch.dropout, 0.1f);
  EXPECT_EQ(parameter_count(arch), 1'644'913u);  // 2960 + 1240 + 11 + 1600400 + 40100 + 202
}

TEST(Architecture, LegacyJsonOfEarlierModelFilesReadsAsTheDefault) {
  EXPECT_EQ(architecture_from_json(
                R"({"lstm1":20,"lstm2":10,"dense1":400,"dense2":100,"max_len":400,"dropout":0.1})",
                "old"),
            Architecture{});
  const Architecture small = architecture_from_json(
      R"({"lstm1":8,"lstm2":6,"dense1":30,"dense2":12,"max_len":50,"dropout":0.25})", "old");
  EXPECT_EQ(
      small,
      (Architecture{.recurrent = {{8}, {6}}, .dense = {30, 12}, .max_len = 50, .dropout = 0.25f}));
  // The legacy keys do not mix with the new ones.
  EXPECT_THROW(architecture_from_json(R"({"lstm1":20,"attention":false})", "m"), Error);
}

// The shipped models (models/README.md): the human and default models 3-seed ensembles of
// the BiLSTM(2)+ATT network, the scan's genome model a 2-seed ensemble of the same network
// reading the folding energy too; each member exactly the config its metadata records.
TEST(Architecture, ShippedModelsLoadAsTheirRecordedArchitecture) {
  const struct {
    const char* path;
    std::size_t members;
    Architecture arch;
  } shipped[] = {
      {"models/mirgene-human.safetensors", 3, shipped_config("bilstm2-att")},
      {"models/mirgene-whole.safetensors", 3, shipped_config("bilstm2-att")},
      {"models/mirgene-genome.safetensors", 2,
       architecture_from_file("models/configs/bilstm2-att-energy.json")},
  };
  for (const auto& s : shipped) {
    const Ensemble ensemble = load_ensemble(s.path);
    EXPECT_EQ(ensemble.members.size(), s.members) << s.path;
    for (const Network& member : ensemble.members)
      EXPECT_EQ(member.architecture(), s.arch) << s.path;
  }
}

TEST(Architecture, ShippedConfigsAreExactlyTheWrittenForm) {
  for (const std::string& name : shipped_config_names()) {
    std::ifstream in(shipped_config_path(name));
    const nlohmann::json file = nlohmann::json::parse(in);
    const Architecture arch = shipped_config(name);
    EXPECT_EQ(file, nlohmann::json::parse(architecture_to_json(arch))) << name;
    EXPECT_EQ(architecture_from_json(architecture_to_json(arch), name), arch) << name;
  }
  EXPECT_EQ(shipped_config("lstm2-att"), Architecture{});
  EXPECT_EQ(shipped_config("input-sequence").input, InputMode::kSequence);
  EXPECT_EQ(shipped_config("input-structure").input, InputMode::kStructure);
}

TEST(Architecture, ShippedConfigsHaveTheirLayers) {
  const Architecture cnn2 = shipped_config("cnn2");
  EXPECT_EQ(cnn2.conv.size(), 2u);
  EXPECT_TRUE(cnn2.recurrent.empty());
  EXPECT_FALSE(cnn2.attention);
  const Architecture bilstm2 = shipped_config("bilstm2-att");
  EXPECT_EQ(bilstm2.recurrent, (std::vector<RecurrentLayer>{{20, true}, {10, true}}));
  EXPECT_TRUE(bilstm2.attention);
  EXPECT_FALSE(shipped_config("lstm2").attention);
  EXPECT_EQ(shipped_config("lstm1-att").recurrent.size(), 1u);
  EXPECT_EQ(shipped_config("cnn2-lstm2-att").conv.size(), 2u);
  for (const std::string& name : shipped_config_names()) {
    const Architecture arch = shipped_config(name);
    std::printf("%-16s %10zu parameters, feature width %d\n", name.c_str(), parameter_count(arch),
                feature_width(arch));
    RecordProperty(name + "_parameters", std::to_string(parameter_count(arch)));
  }
}

TEST(Architecture, TensorNamesOfNewLayers) {
  const Architecture arch{.input = InputMode::kSequence,
                          .conv = {{6, 3}},
                          .recurrent = {{5, true}, {4}},
                          .dense = {7, 3, 2},
                          .max_len = 12};
  std::vector<std::pair<std::string, std::vector<int>>> got;
  for (const ParamInfo& p : parameter_layout(arch)) got.push_back({p.name, p.shape});
  const std::vector<std::pair<std::string, std::vector<int>>> expected = {
      {"conv1.weight", {6, 4, 3}},
      {"conv1.bias", {6}},
      {"lstm1.weight_ih", {20, 6}},
      {"lstm1.weight_hh", {20, 5}},
      {"lstm1.bias", {20}},
      {"lstm1_reverse.weight_ih", {20, 6}},
      {"lstm1_reverse.weight_hh", {20, 5}},
      {"lstm1_reverse.bias", {20}},
      {"lstm2.weight_ih", {16, 10}},
      {"lstm2.weight_hh", {16, 4}},
      {"lstm2.bias", {16}},
      {"attention.weight", {4}},
      {"attention.bias", {1}},
      {"dense1.weight", {7, 48}},
      {"dense1.bias", {7}},
      {"dense2.weight", {3, 7}},
      {"dense2.bias", {3}},
      {"dense3.weight", {2, 3}},
      {"dense3.bias", {2}},
      {"output.weight", {2, 2}},
      {"output.bias", {2}}};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(flat_reader_index(arch), 13u);
}

TEST_F(TempDir, ConfigFileErrorsNameTheFileAndTheProblem) {
  const auto error_of = [this](const std::string& text) {
    const std::string path = write("arch.json", text);
    const std::string message = config_error(path);
    EXPECT_THAT(message, HasSubstr(path)) << text;
    return message;
  };
  EXPECT_THAT(config_error(file("absent.json")), HasSubstr("absent.json: cannot open"));
  EXPECT_THAT(error_of("{\"recurrent\": ["), HasSubstr("invalid JSON"));
  EXPECT_THAT(error_of("[1]"), HasSubstr("not a JSON object"));
  // Issue 15, item 5: a number beyond double escaped as "unexpected failure" without a name.
  EXPECT_THAT(error_of(R"({"dropout": 1e400})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(error_of(R"({"recurrent": [{"units": 1e400}]})"), HasSubstr("invalid JSON"));
  EXPECT_THAT(error_of(R"({"layers": 3})"), HasSubstr("unknown field 'layers'"));
  EXPECT_THAT(error_of(R"({"recurrent": [{"units": 4, "direction": 2}]})"),
              HasSubstr("unknown field 'direction' in a recurrent layer"));
  EXPECT_THAT(error_of(R"({"recurrent": [{"units": 0}]})"),
              HasSubstr("'units' must be a positive integer"));
  EXPECT_THAT(error_of(R"({"recurrent": [{"units": 4, "bidirectional": 1}]})"),
              HasSubstr("'bidirectional' must be true or false"));
  EXPECT_THAT(error_of(R"({"conv": [{"filters": 4}]})"), HasSubstr("'filters' and 'width'"));
  EXPECT_THAT(error_of(R"({"conv": {"filters": 4, "width": 3}})"),
              HasSubstr("'conv' must be a list"));
  EXPECT_THAT(error_of(R"({"input": "rna"})"), HasSubstr("'input' must be"));
  EXPECT_THAT(error_of(R"({"attention": "yes"})"), HasSubstr("'attention' must be true or false"));
  EXPECT_THAT(error_of(R"({"dense": [400, -1]})"), HasSubstr("'dense' must be a positive"));
  EXPECT_THAT(error_of(R"({"dropout": 1})"), HasSubstr("dropout must be in [0, 1)"));
  EXPECT_THAT(error_of(R"({"recurrent": [], "conv": []})"),
              HasSubstr("at least one conv or recurrent layer"));
  EXPECT_THAT(error_of(R"({"dense": [1000000, 1000000]})"), HasSubstr("parameters"));
  // Missing fields keep the paper's values.
  EXPECT_EQ(architecture_from_file(write("partial.json", R"({"attention": false})")),
            (Architecture{.attention = false}));
}

TEST_F(TempDir, ModelFilesOfEveryConfigRoundTrip) {
  std::mt19937_64 rng(9);
  std::vector<std::vector<std::uint8_t>> seqs;
  for (int len : {30, 77, 5, 120}) seqs.push_back(random_tokens(len, rng));
  for (const std::string& name : shipped_config_names()) {
    Network net(shipped_config(name));
    net.init_uniform(4, 0.2f);
    save_model(file(name + ".safetensors"), net, {{"config", name}});
    const ModelFile loaded = load_model(file(name + ".safetensors"));
    EXPECT_EQ(loaded.net.architecture(), net.architecture()) << name;
    ASSERT_EQ(loaded.net.flat().size(), net.flat().size()) << name;
    EXPECT_TRUE(std::equal(net.flat().begin(), net.flat().end(), loaded.net.flat().begin()))
        << name;
    EXPECT_EQ(predict(loaded.net, seqs), predict(net, seqs)) << name;
    EXPECT_EQ(nlohmann::json::parse(loaded.metadata.at("architecture")),
              nlohmann::json::parse(architecture_to_json(net.architecture())))
        << name;
  }
}

// The energy input (docs/architectures.md): its shipped config reads and writes as written,
// its first layers read 16 + 11 slots, and a model file keeps it.
TEST_F(TempDir, BothEnergyConfigRoundTrips) {
  const std::string name = "bilstm2-att-energy";
  std::ifstream in(shipped_config_path(name));
  const nlohmann::json written = nlohmann::json::parse(in);
  const Architecture arch = shipped_config(name);
  EXPECT_EQ(arch.input, InputMode::kBothEnergy);
  EXPECT_EQ(input_mode_name(arch.input), "both+energy");
  EXPECT_EQ(written, nlohmann::json::parse(architecture_to_json(arch)));
  EXPECT_EQ(architecture_from_json(architecture_to_json(arch), name), arch);
  // The same network as bilstm2-att but for the input.
  Architecture both = arch;
  both.input = InputMode::kBoth;
  EXPECT_EQ(both, shipped_config("bilstm2-att"));
  EXPECT_EQ(input_width(arch.input), 27);
  Network net(arch);
  EXPECT_EQ(net.tensor("lstm1.weight_ih").size(), 80u * 27u);
  EXPECT_EQ(net.tensor("lstm1_reverse.weight_ih").size(), 80u * 27u);
  EXPECT_EQ(parameter_count(arch), parameter_count(shipped_config("bilstm2-att")) + 2 * 80 * 11);

  net.init_uniform(4, 0.2f);
  std::mt19937_64 rng(10);
  std::vector<std::vector<std::uint8_t>> seqs;
  for (int len : {30, 77, 5}) seqs.push_back(random_tokens(len, rng));
  for (std::size_t i = 0; i < seqs.size(); ++i)
    seqs[i] = encode::with_energy(seqs[i], static_cast<int>(4 * i + 3));
  save_model(file("energy.safetensors"), net, {});
  const ModelFile loaded = load_model(file("energy.safetensors"));
  EXPECT_EQ(loaded.net.architecture(), arch);
  EXPECT_EQ(predict(loaded.net, seqs), predict(net, seqs));
}

// The pairing input reads its bins through the same eleven thermometer slots: its config is
// the energy one's but for the input's name, and with the same weights both networks score
// the same tokens alike to the last bit (so the energy input's gradient and PyTorch checks
// cover it); a model file keeps the mode.
TEST_F(TempDir, BothPairingConfigReadsItsBinsAsTheEnergyInputDoes) {
  const Architecture arch = shipped_config("bilstm2-att-pairing");
  EXPECT_EQ(arch.input, InputMode::kBothPairing);
  EXPECT_EQ(input_mode_name(arch.input), "both+pairing");
  EXPECT_EQ(architecture_from_json(architecture_to_json(arch), "pairing"), arch);
  Architecture energy = arch;
  energy.input = InputMode::kBothEnergy;
  EXPECT_EQ(energy, shipped_config("bilstm2-att-energy"));
  EXPECT_EQ(input_width(arch.input), 27);

  Architecture small = test_support::shrunk(arch);
  small.max_len = 80;
  Architecture small_energy = small;
  small_energy.input = InputMode::kBothEnergy;
  Network net(small), twin(small_energy);
  net.init_uniform(6, 0.4f);
  std::copy(net.flat().begin(), net.flat().end(), twin.flat().begin());
  std::mt19937_64 rng(21);
  std::vector<std::vector<std::uint8_t>> seqs;
  for (int len : {70, 12, 33}) {
    std::vector<std::uint8_t> tokens = random_tokens(len, rng);
    std::vector<double> paired(tokens.size());
    for (std::size_t i = 0; i < paired.size(); ++i) paired[i] = static_cast<double>(i % 12) / 11;
    seqs.push_back(encode::with_pairing(tokens, paired));
  }
  const std::vector<float> scores = predict(net, seqs);
  EXPECT_EQ(scores, predict(twin, seqs));
  // The bins matter: the same bases without them score otherwise.
  std::vector<std::vector<std::uint8_t>> bare;
  for (const auto& t : seqs) {
    std::vector<std::uint8_t> b;
    for (std::uint8_t x : t) b.push_back(static_cast<std::uint8_t>(encode::base_token(x)));
    bare.push_back(b);
  }
  EXPECT_NE(predict(net, bare), scores);
  save_model(file("pairing.safetensors"), net, {});
  const ModelFile loaded = load_model(file("pairing.safetensors"));
  EXPECT_EQ(loaded.net.architecture().input, InputMode::kBothPairing);
  EXPECT_EQ(predict(loaded.net, seqs), scores);
}

// Networks of the other input modes ignore the energy bin a token carries, to the last bit:
// every command encodes with the energy, and old models must score as before.
TEST(Architecture, OtherInputModesScoreTokensAloneAndWithEnergyBinsAlike) {
  std::mt19937_64 rng(15);
  std::vector<std::vector<std::uint8_t>> plain;
  for (int len : {50, 9, 120}) plain.push_back(random_tokens(len, rng));
  for (const std::string& name : shipped_config_names()) {
    Network net(shipped_config(name));
    net.init_uniform(8, 0.3f);
    const std::vector<float> expected = predict(net, plain);
    const Explanation expected_explanation = explain(net, plain[0]);
    for (const int bin : {1, 7, encode::kEnergyEdges}) {
      std::vector<std::vector<std::uint8_t>> energy;
      for (const auto& seq : plain) energy.push_back(encode::with_energy(seq, bin));
      EXPECT_EQ(predict(net, energy), expected) << name << " bin " << bin;
      const Explanation e = explain(net, energy[0]);
      EXPECT_EQ(e.prob, expected_explanation.prob) << name;
      EXPECT_EQ(e.attention, expected_explanation.attention) << name;
      EXPECT_EQ(e.h_att, expected_explanation.h_att) << name;
    }
  }
}

// A both+energy network reads the bin: the same tokens score differently in other bins, and
// alike alone or in a batch whose sequences carry other bins.
TEST(Architecture, BothEnergyNetworksReadTheEnergyBin) {
  Architecture arch = test_support::shrunk(shipped_config("bilstm2-att-energy"));
  arch.max_len = 120;
  Network net(arch);
  net.init_uniform(5, 0.5f);
  std::mt19937_64 rng(16);
  const std::vector<std::uint8_t> seq = random_tokens(60, rng);
  std::vector<std::vector<std::uint8_t>> bins;
  for (int bin = 0; bin <= encode::kEnergyEdges; ++bin)
    bins.push_back(encode::with_energy(seq, bin));
  bins.push_back(random_tokens(7, rng));
  const std::vector<float> together = predict(net, bins);
  for (std::size_t i = 0; i < bins.size(); ++i) {
    EXPECT_NEAR(predict(net, std::span(bins).subspan(i, 1)).front(), together[i], 2e-6) << i;
    if (i > 0 && i <= static_cast<std::size_t>(encode::kEnergyEdges)) {
      EXPECT_NE(together[i], together[i - 1]) << "bin " << i;
    }
  }
}

// A sequence's score alone equals its score among companions of other lengths: padding never
// reaches a real position (conv taps, reverse LSTM start, flatten offsets).
TEST(Architecture, EveryConfigScoresASequenceTheSameAloneAndInABatch) {
  std::mt19937_64 rng(12);
  std::vector<std::vector<std::uint8_t>> seqs;
  for (int len : {40, 400, 7, 120, 90, 1, 399, 64}) seqs.push_back(random_tokens(len, rng));
  for (const std::string& name : shipped_config_names()) {
    Network net(shipped_config(name));
    net.init_uniform(3, 0.3f);
    const auto together = predict(net, seqs, 1);
    float lowest = 1, highest = 0;
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      const auto alone = predict(net, std::span(seqs).subspan(i, 1), 1);
      EXPECT_NEAR(together[i], alone[0], 2e-6) << name << " sequence " << i;
      lowest = std::min(lowest, together[i]);
      highest = std::max(highest, together[i]);
    }
    // The input reaches the output.
    EXPECT_GT(highest - lowest, 1e-4f) << name;
  }
}

TEST(Architecture, ExplainWithoutAttentionGivesTheLastLayersFeatures) {
  std::mt19937_64 rng(14);
  const std::vector<std::vector<std::uint8_t>> seqs = {random_tokens(33, rng),
                                                       random_tokens(70, rng)};
  for (const char* name : {"cnn2", "lstm2", "cnn2-lstm2"}) {
    Network net(shipped_config(name));
    net.init_uniform(6, 0.2f);
    const auto scores = predict(net, seqs);
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      const Explanation e = explain(net, seqs[i]);
      EXPECT_NEAR(e.prob, scores[i], 1e-6) << name;
      EXPECT_TRUE(e.attention.empty()) << name;
      EXPECT_EQ(e.width, feature_width(net.architecture())) << name;
      ASSERT_EQ(e.h_att.size(), seqs[i].size() * e.width) << name;
      double magnitude = 0;
      for (float v : e.h_att) magnitude += std::abs(v);
      EXPECT_GT(magnitude, 0.0) << name;
    }
  }
  // With attention, the features are the attention-weighted ones of the last layer.
  Network bi(shipped_config("bilstm2-att"));
  bi.init_uniform(6, 0.2f);
  const Explanation e = explain(bi, seqs[0]);
  EXPECT_EQ(e.width, 20);
  EXPECT_EQ(e.attention.size(), seqs[0].size());
  EXPECT_EQ(e.h_att.size(), seqs[0].size() * 20);
}

}  // namespace
}  // namespace mirgene::nn
