// Finite-difference checks (in double) of the layers configurable architectures add -- conv,
// reverse LSTM, input modes -- and of whole networks of many shapes, including every shipped
// config (shrunk), in eval and training mode.
#include <gtest/gtest.h>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/conv.hpp"
#include "nn/dropout.hpp"
#include "nn/finite_difference.hpp"
#include "nn/lstm.hpp"
#include "nn/model_pass.hpp"
#include "nn/network.hpp"
#include "nn/shipped_configs.hpp"

namespace mirgene::nn {
namespace {

using namespace test_support;

// Random input that is exactly zero on padding steps, as every layer's output is.
std::vector<D> padded_input(int rows, const BatchShape& shape, std::mt19937_64& rng) {
  std::vector<D> x =
      random_values(static_cast<std::size_t>(rows) * shape.steps * shape.batch, rng, 1.0);
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      for (int r = 0; r < rows; ++r) x[shape.col(s, b) * rows + r] = 0.0;
  return x;
}

std::vector<std::size_t> active_coords(int rows, const BatchShape& shape) {
  std::vector<std::size_t> coords;
  for (int s = 0; s < shape.steps; ++s)
    for (int b = 0; b < shape.batch; ++b)
      if (shape.active(s, b))
        for (int r = 0; r < rows; ++r) coords.push_back(shape.col(s, b) * rows + r);
  return coords;
}

struct ConvCase {
  int width;
  bool dropout;
};
void PrintTo(const ConvCase& c, std::ostream* os) {
  *os << "width " << c.width << (c.dropout ? " with dropout" : "");
}

class ConvGradient : public ::testing::TestWithParam<ConvCase> {};

TEST_P(ConvGradient, MatchesFiniteDifferencesAndIgnoresPadding) {
  const auto [width, dropout] = GetParam();
  std::mt19937_64 rng(31 + width);
  const int in = 3, filters = 4;
  const BatchShape shape = make_shape({5, 2, 4});
  const int n = shape.steps * shape.batch;
  std::vector<D> w = random_values(filters * in * width, rng, 0.8);
  std::vector<D> bias = random_values(filters, rng, 0.3);
  std::vector<D> x = padded_input(in, shape, rng);
  const Mat<D> keep = random_keep(in, shape.batch, rng);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(filters * n, rng, 1.0).data(), filters, n);
  Conv1d<D> layer(in, filters, width);
  auto loss = [&] {
    layer.forward(w.data(), bias.data(), shape, ConstMatMap<D>(x.data(), in, n),
                  dropout ? &keep : nullptr);
    return weighted_sum(layer.output(), r);
  };
  loss();
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      EXPECT_EQ(layer.output().col(shape.col(s, b)).norm(), 0.0);
  std::vector<D> g_w(w.size()), g_b(bias.size()), d_x(x.size(), 7.0);
  MatMap<D> d_x_map(d_x.data(), in, n);
  layer.backward(g_w.data(), g_b.data(), r, &d_x_map);
  expect_gradient(w, g_w, loss, "weight");
  expect_gradient(bias, g_b, loss, "bias");
  expect_gradient(x, d_x, loss, "x", active_coords(in, shape));
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      for (int k = 0; k < in; ++k) EXPECT_EQ(d_x[shape.col(s, b) * in + k], 0.0);
}

INSTANTIATE_TEST_SUITE_P(OddEvenWidths, ConvGradient,
                         ::testing::Values(ConvCase{3, false}, ConvCase{3, true},
                                           ConvCase{4, false}, ConvCase{1, true},
                                           ConvCase{7, false}));

TEST(Conv, SequenceAloneEqualsSequenceInBatch) {
  std::mt19937_64 rng(5);
  const int in = 2, filters = 3, width = 5;
  const BatchShape batch = make_shape({6, 3, 1});
  const int n = batch.steps * batch.batch;
  std::vector<D> w = random_values(filters * in * width, rng, 0.8);
  std::vector<D> bias = random_values(filters, rng, 0.3);
  std::vector<D> x = padded_input(in, batch, rng);
  Conv1d<D> together(in, filters, width);
  together.forward(w.data(), bias.data(), batch, ConstMatMap<D>(x.data(), in, n), nullptr);
  for (int b = 0; b < batch.batch; ++b) {
    const int len = batch.length(b);
    Mat<D> one(in, len);
    for (int t = 0; t < len; ++t)
      one.col(t) = ConstMatMap<D>(x.data(), in, n).col(batch.col(batch.start[b] + t, b));
    Conv1d<D> alone(in, filters, width);
    alone.forward(w.data(), bias.data(), make_shape({len}), one, nullptr);
    for (int t = 0; t < len; ++t)
      EXPECT_LT((alone.output().col(t) - together.output().col(batch.col(batch.start[b] + t, b)))
                    .cwiseAbs()
                    .maxCoeff(),
                1e-12)
          << "sequence " << b << " position " << t;
  }
}

struct LstmCase {
  InputMode mode;
  bool reverse;
  bool dropout;
};
void PrintTo(const LstmCase& c, std::ostream* os) {
  *os << input_mode_name(c.mode) << (c.reverse ? " reverse" : " forward")
      << (c.dropout ? " with dropout" : "");
}

class TokenLstmGradient : public ::testing::TestWithParam<LstmCase> {};

TEST_P(TokenLstmGradient, MatchesFiniteDifferences) {
  const auto [mode, reverse, dropout] = GetParam();
  std::mt19937_64 rng(17);
  const int in = input_width(mode), hidden = 3;
  const BatchShape shape = make_shape({5, 3, 4});
  const int n = shape.steps * shape.batch;
  std::vector<std::uint8_t> tokens(n, kPadToken);
  // Tokens with energy bins for the mode that reads them.
  std::uniform_int_distribution<int> tok(
      0, (mode == InputMode::kBothEnergy ? kTokenLimit : kTokenCount) - 1);
  for (std::size_t c : active_coords(1, shape)) tokens[c] = static_cast<std::uint8_t>(tok(rng));
  tokens[shape.col(shape.steps - 1, 0)] = 17;  // an unknown nucleotide for sure
  // ... and, for the energy mode, one with every energy slot set.
  if (mode == InputMode::kBothEnergy)
    tokens[shape.col(shape.steps - 1, 1)] = 18 + kTokenCount * encode::kEnergyEdges;
  std::vector<D> w_ih = random_values(4 * hidden * in, rng, 0.6);
  std::vector<D> w_hh = random_values(4 * hidden * hidden, rng, 0.6);
  std::vector<D> bias = random_values(4 * hidden, rng, 0.6);
  const Mat<D> in_keep = random_keep(in, shape.batch, rng);
  const Mat<D> rec_keep = random_keep(hidden, shape.batch, rng);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(hidden * n, rng, 1.0).data(), hidden, n);
  Lstm<D> layer(in, hidden, mode, reverse);
  auto loss = [&] {
    layer.forward_tokens({w_ih.data(), w_hh.data(), bias.data()}, shape, tokens.data(),
                         dropout ? &in_keep : nullptr, dropout ? &rec_keep : nullptr);
    return weighted_sum(layer.output(), r);
  };
  loss();
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      EXPECT_EQ(layer.output().col(shape.col(s, b)).norm(), 0.0);
  std::vector<D> g_ih(w_ih.size()), g_hh(w_hh.size()), g_b(bias.size());
  layer.backward_tokens({w_ih.data(), w_hh.data(), bias.data()},
                        {g_ih.data(), g_hh.data(), g_b.data()}, r);
  expect_gradient(w_ih, g_ih, loss, "w_ih");
  expect_gradient(w_hh, g_hh, loss, "w_hh");
  expect_gradient(bias, g_b, loss, "bias");
}

INSTANTIATE_TEST_SUITE_P(ModesAndDirections, TokenLstmGradient,
                         ::testing::Values(LstmCase{InputMode::kBoth, true, false},
                                           LstmCase{InputMode::kBoth, true, true},
                                           LstmCase{InputMode::kSequence, false, true},
                                           LstmCase{InputMode::kSequence, true, false},
                                           LstmCase{InputMode::kStructure, false, false},
                                           LstmCase{InputMode::kStructure, true, true},
                                           LstmCase{InputMode::kBothEnergy, false, true},
                                           LstmCase{InputMode::kBothEnergy, true, false}));

class ReverseDenseLstmGradient : public ::testing::TestWithParam<bool> {};

TEST_P(ReverseDenseLstmGradient, MatchesFiniteDifferencesAndIgnoresPadding) {
  const bool dropout = GetParam();
  std::mt19937_64 rng(23);
  const int in = 4, hidden = 3;
  const BatchShape shape = make_shape({2, 5, 4});
  const int n = shape.steps * shape.batch;
  std::vector<D> w_ih = random_values(4 * hidden * in, rng, 0.6);
  std::vector<D> w_hh = random_values(4 * hidden * hidden, rng, 0.6);
  std::vector<D> bias = random_values(4 * hidden, rng, 0.6);
  // Non-zero input on padding steps too: a reverse layer must still ignore it.
  std::vector<D> x = random_values(in * n, rng, 1.0);
  const Mat<D> in_keep = random_keep(in, shape.batch, rng);
  const Mat<D> rec_keep = random_keep(hidden, shape.batch, rng);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(hidden * n, rng, 1.0).data(), hidden, n);
  Lstm<D> layer(in, hidden, InputMode::kBoth, true);
  auto loss = [&] {
    layer.forward_dense({w_ih.data(), w_hh.data(), bias.data()}, shape,
                        ConstMatMap<D>(x.data(), in, n), dropout ? &in_keep : nullptr,
                        dropout ? &rec_keep : nullptr);
    return weighted_sum(layer.output(), r);
  };
  loss();
  std::vector<D> g_ih(w_ih.size()), g_hh(w_hh.size()), g_b(bias.size()), d_x(x.size());
  layer.backward_dense({w_ih.data(), w_hh.data(), bias.data()},
                       {g_ih.data(), g_hh.data(), g_b.data()}, r, MatMap<D>(d_x.data(), in, n));
  expect_gradient(w_ih, g_ih, loss, "w_ih");
  expect_gradient(w_hh, g_hh, loss, "w_hh");
  expect_gradient(bias, g_b, loss, "bias");
  expect_gradient(x, d_x, loss, "x");
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      for (int k = 0; k < in; ++k) EXPECT_EQ(d_x[shape.col(s, b) * in + k], 0.0);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutDropout, ReverseDenseLstmGradient, ::testing::Bool());

TEST(ReverseLstm, EqualsForwardLstmOverTheReversedSequence) {
  std::mt19937_64 rng(29);
  const int in = 3, hidden = 4;
  const BatchShape shape = make_shape({6, 2, 5});
  const int n = shape.steps * shape.batch;
  std::vector<D> w_ih = random_values(4 * hidden * in, rng, 0.6);
  std::vector<D> w_hh = random_values(4 * hidden * hidden, rng, 0.6);
  std::vector<D> bias = random_values(4 * hidden, rng, 0.6);
  const LstmParams<const D> p{w_ih.data(), w_hh.data(), bias.data()};
  std::vector<D> x = padded_input(in, shape, rng);
  Lstm<D> reverse(in, hidden, InputMode::kBoth, true);
  reverse.forward_dense(p, shape, ConstMatMap<D>(x.data(), in, n), nullptr, nullptr);
  for (int b = 0; b < shape.batch; ++b) {
    const int len = shape.length(b);
    Mat<D> flipped(in, len);
    for (int t = 0; t < len; ++t)
      flipped.col(len - 1 - t) =
          ConstMatMap<D>(x.data(), in, n).col(shape.col(shape.start[b] + t, b));
    Lstm<D> forward(in, hidden);
    forward.forward_dense(p, make_shape({len}), flipped, nullptr, nullptr);
    for (int t = 0; t < len; ++t)
      EXPECT_LT((reverse.output().col(shape.col(shape.start[b] + t, b)) -
                 forward.output().col(len - 1 - t))
                    .cwiseAbs()
                    .maxCoeff(),
                1e-12)
          << "sequence " << b << " position " << t;
  }
}

TEST(TokenSlots, EachInputModeEncodesTheSpecifiedVector) {
  int slots[4];
  float values[4];
  // Token 4 n + s: nucleotide 2 (G), structure 3 (':').
  ASSERT_EQ(token_slots(InputMode::kBoth, 11, slots, values), 1);
  EXPECT_EQ(slots[0], 11);
  ASSERT_EQ(token_slots(InputMode::kSequence, 11, slots, values), 1);
  EXPECT_EQ(slots[0], 2);
  ASSERT_EQ(token_slots(InputMode::kStructure, 11, slots, values), 1);
  EXPECT_EQ(slots[0], 3);
  EXPECT_EQ(values[0], 1.0f);
  // Token 16 + s: unknown nucleotide, structure 1.
  ASSERT_EQ(token_slots(InputMode::kSequence, 17, slots, values), 4);
  for (int n = 0; n < 4; ++n) {
    EXPECT_EQ(slots[n], n);
    EXPECT_EQ(values[n], 0.25f);
  }
  ASSERT_EQ(token_slots(InputMode::kBoth, 17, slots, values), 4);
  for (int n = 0; n < 4; ++n) EXPECT_EQ(slots[n], 4 * n + 1);
  ASSERT_EQ(token_slots(InputMode::kStructure, 17, slots, values), 1);
  EXPECT_EQ(slots[0], 1);
  EXPECT_EQ(values[0], 1.0f);
}

TEST(TokenSlots, BothEnergyAddsTheBinAsAThermometerAfterTheSlotsOfBoth) {
  int slots[kMaxTokenSlots];
  float values[kMaxTokenSlots];
  EXPECT_EQ(input_width(InputMode::kBothEnergy), 27);
  // Bin 0: exactly the vector of both.
  ASSERT_EQ(token_slots(InputMode::kBothEnergy, 11, slots, values), 1);
  EXPECT_EQ(slots[0], 11);
  EXPECT_EQ(values[0], 1.0f);
  // G ':' (11) in bin 3: slot 11, then energy slots 16, 17, 18.
  ASSERT_EQ(token_slots(InputMode::kBothEnergy, 11 + 20 * 3, slots, values), 4);
  const int known[] = {11, 16, 17, 18};
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(slots[k], known[k]);
    EXPECT_EQ(values[k], 1.0f);
  }
  // Unknown nucleotide with ')' (17) in the last bin: 0.25 on {4n + 1}, then all 11 energy
  // slots 16..26.
  ASSERT_EQ(token_slots(InputMode::kBothEnergy, 17 + 20 * 11, slots, values), kMaxTokenSlots);
  for (int n = 0; n < 4; ++n) {
    EXPECT_EQ(slots[n], 4 * n + 1);
    EXPECT_EQ(values[n], 0.25f);
  }
  for (int e = 0; e < 11; ++e) {
    EXPECT_EQ(slots[4 + e], 16 + e);
    EXPECT_EQ(values[4 + e], 1.0f);
  }
}

TEST(TokenSlots, OtherModesIgnoreTheEnergyBin) {
  for (const InputMode mode : {InputMode::kBoth, InputMode::kSequence, InputMode::kStructure})
    for (int base = 0; base < kTokenCount; ++base) {
      int plain_slots[kMaxTokenSlots], slots[kMaxTokenSlots];
      float plain_values[kMaxTokenSlots], values[kMaxTokenSlots];
      const int count =
          token_slots(mode, static_cast<std::uint8_t>(base), plain_slots, plain_values);
      for (int bin = 1; bin <= encode::kEnergyEdges; ++bin) {
        const auto token = static_cast<std::uint8_t>(base + kTokenCount * bin);
        ASSERT_EQ(token_slots(mode, token, slots, values), count);
        for (int k = 0; k < count; ++k) {
          EXPECT_EQ(slots[k], plain_slots[k]);
          EXPECT_EQ(values[k], plain_values[k]);
        }
      }
    }
}

// Whole network: every tensor of `arch` against finite differences, on a batch of mixed
// lengths, eval mode or training mode with fixed dropout masks.
void check_network_gradient(const Architecture& arch, bool training) {
  const auto layout = parameter_layout(arch);
  std::mt19937_64 rng(41);
  std::vector<D> params = random_values(parameter_count(arch), rng, 0.7);
  std::vector<std::vector<std::uint8_t>> seqs = {
      {1, 5, 18, 9, 3, 14, 2}, {4, 7}, {0, 11, 19, 6}, {16, 13, 8, 12, 15, 10, 17, 3, 6}};
  // Energy bins from none to all: read by both+energy, ignored by the other modes.
  const int bins[] = {5, 11, 0, 8};
  for (std::size_t b = 0; b < seqs.size(); ++b) seqs[b] = encode::with_energy(seqs[b], bins[b]);
  const std::vector<std::span<const std::uint8_t>> views(seqs.begin(), seqs.end());
  const int labels[] = {0, 1, 0, 1};
  const D weights[] = {1.5, 0.75, 1.5, 0.75};
  ModelPass<D> pass(arch);
  pass.set_batch(views);
  DropoutMasks<D> masks;
  const std::uint64_t seeds[] = {101, 202, 303, 404};
  draw_dropout_masks<D>(arch, pass.shape(), seeds, masks);
  const DropoutMasks<D>* used = training ? &masks : nullptr;
  auto loss = [&] {
    pass.forward(params.data(), used);
    return pass.loss(labels, weights, D(1) / 4);
  };
  pass.forward(params.data(), used);
  std::vector<D> grads(params.size(), 0.0);
  pass.backward(params.data(), labels, weights, D(1) / 4, grads.data());
  for (const auto& info : layout) {
    std::vector<std::size_t> coords;
    std::uniform_int_distribution<std::size_t> pick(0, info.size - 1);
    for (int k = 0; k < 10; ++k) coords.push_back(info.offset + pick(rng));
    coords.push_back(info.offset + info.size - 1);
    expect_gradient(params, grads, loss, info.name.c_str(), coords);
  }
}

struct NamedArchitecture {
  std::string name;
  Architecture arch;
};
void PrintTo(const NamedArchitecture& a, std::ostream* os) {
  *os << architecture_to_json(a.arch);
}

std::vector<NamedArchitecture> layer_variants() {
  const Architecture base{.recurrent = {{4}, {3}}, .dense = {5, 4}, .max_len = 9};
  std::vector<NamedArchitecture> v;
  auto with = [&](std::string name, auto change) {
    Architecture a = base;
    change(a);
    v.push_back({std::move(name), a});
  };
  with("conv_only", [](Architecture& a) {
    a.conv = {{3, 3}, {2, 4}};
    a.recurrent.clear();
    a.attention = false;
  });
  with("conv_lstm_attention", [](Architecture& a) { a.conv = {{3, 5}}; });
  with("bilstm2", [](Architecture& a) { a.recurrent = {{3, true}, {2, true}}; });
  with("bilstm_then_lstm", [](Architecture& a) { a.recurrent = {{3, true}, {2, false}}; });
  with("lstm1", [](Architecture& a) { a.recurrent = {{3}}; });
  with("lstm3", [](Architecture& a) { a.recurrent = {{3}, {4}, {2}}; });
  with("no_attention", [](Architecture& a) { a.attention = false; });
  with("dense1", [](Architecture& a) { a.dense = {5}; });
  with("dense3", [](Architecture& a) { a.dense = {6, 5, 4}; });
  with("no_dense", [](Architecture& a) { a.dense.clear(); });
  with("input_sequence", [](Architecture& a) { a.input = InputMode::kSequence; });
  with("input_structure", [](Architecture& a) { a.input = InputMode::kStructure; });
  with("input_sequence_conv", [](Architecture& a) {
    a.input = InputMode::kSequence;
    a.conv = {{3, 2}};
  });
  with("input_structure_bilstm", [](Architecture& a) {
    a.input = InputMode::kStructure;
    a.recurrent = {{3, true}};
  });
  with("input_both_energy_bilstm", [](Architecture& a) {
    a.input = InputMode::kBothEnergy;
    a.recurrent = {{3, true}, {2, true}};
  });
  with("input_both_energy_conv", [](Architecture& a) {
    a.input = InputMode::kBothEnergy;
    a.conv = {{3, 3}};
  });
  return v;
}

std::vector<NamedArchitecture> shrunk_shipped_configs() {
  std::vector<NamedArchitecture> v;
  for (const std::string& name : shipped_config_names())
    v.push_back({"config_" + name, shrunk(shipped_config(name))});
  return v;
}

class WholeNetworkGradient : public ::testing::TestWithParam<std::tuple<NamedArchitecture, bool>> {
};

TEST_P(WholeNetworkGradient, EveryTensorMatchesFiniteDifferences) {
  const auto& [named, training] = GetParam();
  check_network_gradient(named.arch, training);
}

std::string case_name(const ::testing::TestParamInfo<std::tuple<NamedArchitecture, bool>>& info) {
  std::string name = std::get<0>(info.param).name + (std::get<1>(info.param) ? "_train" : "_eval");
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(LayerVariants, WholeNetworkGradient,
                         ::testing::Combine(::testing::ValuesIn(layer_variants()),
                                            ::testing::Bool()),
                         case_name);
INSTANTIATE_TEST_SUITE_P(ShippedConfigs, WholeNetworkGradient,
                         ::testing::Combine(::testing::ValuesIn(shrunk_shipped_configs()),
                                            ::testing::Bool()),
                         case_name);

}  // namespace
}  // namespace mirgene::nn
