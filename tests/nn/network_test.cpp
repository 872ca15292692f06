// Network parameters, inference (predict / explain) and padding invariance.
#include "nn/network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/error.hpp"
#include "nn/lstm.hpp"

namespace mirgene::nn {
namespace {

std::vector<std::uint8_t> random_tokens(int len, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> tok(0, kTokenCount - 1);
  std::vector<std::uint8_t> seq(len);
  for (auto& t : seq) t = static_cast<std::uint8_t>(tok(rng));
  return seq;
}

Network random_network(std::uint64_t seed, float limit) {
  Network net;
  net.init_uniform(seed, limit);
  return net;
}

TEST(Network, ParametersFollowTheWeightsFileTable) {
  Network net;
  const auto params = net.parameters();
  const std::vector<std::pair<std::string, std::vector<int>>> expected = {
      {"lstm1.weight_ih", {80, 16}}, {"lstm1.weight_hh", {80, 20}}, {"lstm1.bias", {80}},
      {"lstm2.weight_ih", {40, 20}}, {"lstm2.weight_hh", {40, 10}}, {"lstm2.bias", {40}},
      {"attention.weight", {10}},    {"attention.bias", {1}},       {"dense1.weight", {400, 4000}},
      {"dense1.bias", {400}},        {"dense2.weight", {100, 400}}, {"dense2.bias", {100}},
      {"output.weight", {2, 100}},   {"output.bias", {2}}};
  ASSERT_EQ(params.size(), expected.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < params.size(); ++i) {
    EXPECT_EQ(params[i].name, expected[i].first);
    EXPECT_EQ(params[i].shape, expected[i].second);
    EXPECT_EQ(params[i].data, net.flat().data() + total);
    total += params[i].size;
  }
  EXPECT_EQ(total, net.flat().size());
}

TEST(Network, InitUniformIsSeededAndBounded) {
  Network a, b, c;
  a.init_uniform(5);
  b.init_uniform(5);
  c.init_uniform(6);
  EXPECT_TRUE(std::equal(a.flat().begin(), a.flat().end(), b.flat().begin()));
  EXPECT_FALSE(std::equal(a.flat().begin(), a.flat().end(), c.flat().begin()));
  float lo = 1, hi = -1;
  for (float v : a.flat()) lo = std::min(lo, v), hi = std::max(hi, v);
  EXPECT_GE(lo, -0.05f);
  EXPECT_LE(hi, 0.05f);
  EXPECT_LT(lo, -0.049f);
  EXPECT_GT(hi, 0.049f);
}

TEST(Predict, ScoreDoesNotDependOnBatchCompanions) {
  std::mt19937_64 rng(1);
  const Network net = random_network(3, 0.3f);
  std::vector<std::vector<std::uint8_t>> seqs;
  for (int len : {40, 400, 7, 120, 90, 1}) seqs.push_back(random_tokens(len, rng));
  const auto together = predict(net, seqs, 1);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const auto alone = predict(net, std::span(seqs).subspan(i, 1), 1);
    EXPECT_NEAR(together[i], alone[0], 1e-6) << "sequence " << i;
    EXPECT_GT(together[i], 0.0f);
    EXPECT_LT(together[i], 1.0f);
  }
  // Different sequences give different scores (the input reaches the output).
  EXPECT_NE(together[0], together[1]);
}

TEST(Predict, ThreadsAndInputOrderDoNotChangeScores) {
  std::mt19937_64 rng(2);
  const Network net = random_network(4, 0.3f);
  std::vector<std::vector<std::uint8_t>> seqs;
  std::uniform_int_distribution<int> len(20, 160);
  for (int i = 0; i < 700; ++i) seqs.push_back(random_tokens(len(rng), rng));
  const auto one = predict(net, seqs, 1);
  const auto two = predict(net, seqs, 2);
  EXPECT_EQ(one, two);
}

TEST(Predict, MatchesExplain) {
  std::mt19937_64 rng(3);
  const Network net = random_network(5, 0.3f);
  std::vector<std::vector<std::uint8_t>> seqs = {random_tokens(60, rng), random_tokens(85, rng)};
  const auto scores = predict(net, seqs);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const Explanation e = explain(net, seqs[i]);
    EXPECT_NEAR(e.prob, scores[i], 1e-6);
    ASSERT_EQ(e.attention.size(), seqs[i].size());
    ASSERT_EQ(e.h_att.size(), seqs[i].size() * 10);
    EXPECT_EQ(e.width, 10);
    float total = 0;
    for (float a : e.attention) {
      EXPECT_GT(a, 0.0f);
      total += a;
    }
    EXPECT_NEAR(total, 1.0f, 1e-5);
  }
}

TEST(Lstm, TokenLookupEqualsDenseOneHotInput) {
  // The lookup path must be exactly W_ih x_t with x_t one-hot for tokens 0..15 and 0.25 on
  // slots {4n + s} for the unknown-nucleotide tokens 16 + s.
  std::mt19937_64 rng(8);
  const int hidden = 4, len = kTokenCount;
  std::uniform_real_distribution<double> u(-0.8, 0.8);
  std::vector<double> w_ih(4 * hidden * kInputWidth), w_hh(4 * hidden * hidden), bias(4 * hidden);
  for (auto* v : {&w_ih, &w_hh, &bias})
    for (auto& x : *v) x = u(rng);
  BatchShape shape{len, 1, {0}};
  std::vector<std::uint8_t> tokens(len);
  Mat<double> x = Mat<double>::Zero(kInputWidth, len);
  for (int t = 0; t < len; ++t) {
    tokens[t] = static_cast<std::uint8_t>(t);
    if (t < 16) {
      x(t, t) = 1.0;
    } else {
      for (int n = 0; n < 4; ++n) x(4 * n + (t - 16), t) = 0.25;
    }
  }
  Lstm<double> lookup(kInputWidth, hidden), dense(kInputWidth, hidden);
  const LstmParams<const double> p{w_ih.data(), w_hh.data(), bias.data()};
  lookup.forward_tokens(p, shape, tokens.data(), nullptr, nullptr);
  dense.forward_dense(p, shape, x, nullptr, nullptr);
  EXPECT_LT((lookup.output() - dense.output()).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(Predict, RejectsBadSequences) {
  const Network net = random_network(7, 0.05f);
  const std::vector<std::vector<std::uint8_t>> empty = {{1, 2}, {}};
  EXPECT_THROW(predict(net, empty), Error);
  const std::vector<std::vector<std::uint8_t>> too_long = {std::vector<std::uint8_t>(401, 2)};
  EXPECT_THROW(predict(net, too_long), Error);
  // Tokens 20..239 carry an energy bin (encode::with_energy); 240 and up are no tokens.
  const std::vector<std::vector<std::uint8_t>> energy_tokens = {{1, 20, 239}};
  EXPECT_NO_THROW(predict(net, energy_tokens));
  const std::vector<std::vector<std::uint8_t>> bad_token = {{1, 240, 3}};
  try {
    predict(net, bad_token);
    FAIL() << "token 240 accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("sequence 0"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(predict(net, std::span<const std::vector<std::uint8_t>>{}).empty());
}

}  // namespace
}  // namespace mirgene::nn
