// Finite-difference checks (in double) of every layer's backward pass and of the whole
// network, including padding masks and fixed dropout masks.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "nn/attention.hpp"
#include "nn/dense.hpp"
#include "nn/dropout.hpp"
#include "nn/finite_difference.hpp"
#include "nn/lstm.hpp"
#include "nn/model_pass.hpp"
#include "nn/softmax_ce.hpp"

namespace mirgene::nn {
namespace {

using namespace test_support;

struct LstmCase {
  int input, hidden;
  std::vector<D> w_ih, w_hh, bias;
  LstmParams<const D> params() const { return {w_ih.data(), w_hh.data(), bias.data()}; }
};

LstmCase make_lstm(int input, int hidden, std::mt19937_64& rng) {
  return {input, hidden, random_values(4 * hidden * input, rng, 0.6),
          random_values(4 * hidden * hidden, rng, 0.6), random_values(4 * hidden, rng, 0.6)};
}

class LstmTokensGradient : public ::testing::TestWithParam<bool> {};

TEST_P(LstmTokensGradient, MatchesFiniteDifferences) {
  const bool dropout = GetParam();
  std::mt19937_64 rng(7);
  LstmCase lc = make_lstm(kInputWidth, 3, rng);
  const BatchShape shape = make_shape({5, 3, 4});
  std::vector<std::uint8_t> tokens(shape.steps * shape.batch, kPadToken);
  std::uniform_int_distribution<int> tok(0, kTokenCount - 1);
  for (int s = 0; s < shape.steps; ++s)
    for (int b = 0; b < shape.batch; ++b)
      if (shape.active(s, b)) tokens[shape.col(s, b)] = static_cast<std::uint8_t>(tok(rng));
  tokens[shape.col(shape.steps - 1, 0)] = 18;  // an unknown-nucleotide token for sure
  const Mat<D> in_keep = random_keep(kInputWidth, shape.batch, rng);
  const Mat<D> rec_keep = random_keep(lc.hidden, shape.batch, rng);
  const Mat<D> r =
      Eigen::Map<Mat<D>>(random_values(lc.hidden * shape.steps * shape.batch, rng, 1.0).data(),
                         lc.hidden, shape.steps * shape.batch);

  Lstm<D> layer(kInputWidth, lc.hidden);
  auto loss = [&] {
    layer.forward_tokens(lc.params(), shape, tokens.data(), dropout ? &in_keep : nullptr,
                         dropout ? &rec_keep : nullptr);
    return weighted_sum(layer.output(), r);
  };
  loss();
  // Padding steps hold exactly zero state.
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      EXPECT_EQ(layer.output().col(shape.col(s, b)).norm(), 0.0);
  std::vector<D> g_ih(lc.w_ih.size()), g_hh(lc.w_hh.size()), g_b(lc.bias.size());
  layer.backward_tokens(lc.params(), {g_ih.data(), g_hh.data(), g_b.data()}, r);
  expect_gradient(lc.w_ih, g_ih, loss, "w_ih");
  expect_gradient(lc.w_hh, g_hh, loss, "w_hh");
  expect_gradient(lc.bias, g_b, loss, "bias");
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutDropout, LstmTokensGradient, ::testing::Bool());

class LstmDenseGradient : public ::testing::TestWithParam<bool> {};

TEST_P(LstmDenseGradient, MatchesFiniteDifferencesAndIgnoresPadding) {
  const bool dropout = GetParam();
  std::mt19937_64 rng(11);
  LstmCase lc = make_lstm(4, 3, rng);
  const BatchShape shape = make_shape({2, 5, 4});
  const int n = shape.steps * shape.batch;
  std::vector<D> x = random_values(lc.input * n, rng, 1.0);
  const Mat<D> in_keep = random_keep(lc.input, shape.batch, rng);
  const Mat<D> rec_keep = random_keep(lc.hidden, shape.batch, rng);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(lc.hidden * n, rng, 1.0).data(), lc.hidden, n);

  Lstm<D> layer(lc.input, lc.hidden);
  auto loss = [&] {
    layer.forward_dense(lc.params(), shape, ConstMatMap<D>(x.data(), lc.input, n),
                        dropout ? &in_keep : nullptr, dropout ? &rec_keep : nullptr);
    return weighted_sum(layer.output(), r);
  };
  loss();
  std::vector<D> g_ih(lc.w_ih.size()), g_hh(lc.w_hh.size()), g_b(lc.bias.size());
  std::vector<D> d_x(x.size());
  layer.backward_dense(lc.params(), {g_ih.data(), g_hh.data(), g_b.data()}, r,
                       MatMap<D>(d_x.data(), lc.input, n));
  expect_gradient(lc.w_ih, g_ih, loss, "w_ih");
  expect_gradient(lc.w_hh, g_hh, loss, "w_hh");
  expect_gradient(lc.bias, g_b, loss, "bias");
  expect_gradient(x, d_x, loss, "x");
  // Inputs on padding steps have no effect at all.
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      for (int k = 0; k < lc.input; ++k) EXPECT_EQ(d_x[shape.col(s, b) * lc.input + k], 0.0);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutDropout, LstmDenseGradient, ::testing::Bool());

TEST(AttentionGradient, MatchesFiniteDifferencesAndMasksPadding) {
  std::mt19937_64 rng(3);
  const int hidden = 4;
  const BatchShape shape = make_shape({3, 6, 1});
  const int n = shape.steps * shape.batch;
  std::vector<D> w = random_values(hidden, rng, 1.0), bias = random_values(1, rng, 1.0);
  std::vector<D> h = random_values(hidden * n, rng, 1.0);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(hidden * n, rng, 1.0).data(), hidden, n);
  Attention<D> layer(hidden);
  auto loss = [&] {
    layer.forward(w.data(), bias.data(), shape, ConstMatMap<D>(h.data(), hidden, n));
    return weighted_sum(layer.output(), r);
  };
  loss();
  for (int b = 0; b < shape.batch; ++b) {
    D total = 0;
    for (int s = 0; s < shape.steps; ++s) {
      const D a = layer.weights()[shape.col(s, b)];
      if (!shape.active(s, b)) {
        EXPECT_EQ(a, 0.0);
      }
      total += a;
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
  }
  std::vector<D> g_w(hidden), g_b(1), d_h(h.size());
  layer.backward(w.data(), g_w.data(), g_b.data(), r, MatMap<D>(d_h.data(), hidden, n));
  expect_gradient(w, g_w, loss, "weight");
  expect_gradient(bias, g_b, loss, "bias");
  expect_gradient(h, d_h, loss, "h");
  for (int b = 0; b < shape.batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s)
      for (int k = 0; k < hidden; ++k) EXPECT_EQ(d_h[shape.col(s, b) * hidden + k], 0.0);
}

TEST(DenseGradient, SigmoidOnTrailingInputColumns) {
  std::mt19937_64 rng(5);
  const int out = 3, in = 7, active = 4, offset = in - active, batch = 2;
  std::vector<D> w = random_values(out * in, rng, 1.0), bias = random_values(out, rng, 1.0);
  std::vector<D> x = random_values(active * batch, rng, 1.0);
  const Mat<D> r = Eigen::Map<Mat<D>>(random_values(out * batch, rng, 1.0).data(), out, batch);
  Dense<D> layer(out, in, Activation::kSigmoid);
  auto loss = [&] {
    layer.forward(w.data(), bias.data(), ConstMatMap<D>(x.data(), active, batch), offset);
    return weighted_sum(layer.output(), r);
  };
  loss();
  std::vector<D> g_w(w.size()), g_b(out), d_x(x.size());
  MatMap<D> d_x_map(d_x.data(), active, batch);
  layer.backward(w.data(), g_w.data(), g_b.data(), r, &d_x_map);
  expect_gradient(w, g_w, loss, "weight");  // includes the unused columns (gradient 0)
  expect_gradient(bias, g_b, loss, "bias");
  expect_gradient(x, d_x, loss, "x");
  for (int o = 0; o < out; ++o)
    for (int c = 0; c < offset; ++c) EXPECT_EQ(g_w[o * in + c], 0.0);
}

TEST(SoftmaxCrossEntropyGradient, WeightedMeanMatchesFiniteDifferences) {
  std::mt19937_64 rng(9);
  const int batch = 4;
  std::vector<D> logits = random_values(kClasses * batch, rng, 3.0);
  const int labels[batch] = {0, 1, 1, 0};
  const D weights[batch] = {2.5, 0.6, 0.6, 2.5};
  const D scale = 1.0 / batch;
  std::vector<D> probs(logits.size()), d_logits(logits.size());
  auto loss = [&] {
    return softmax_cross_entropy<D>(ConstMatMap<D>(logits.data(), kClasses, batch), labels, weights,
                                    scale, MatMap<D>(probs.data(), kClasses, batch), nullptr);
  };
  MatMap<D> d_map(d_logits.data(), kClasses, batch);
  const D value =
      softmax_cross_entropy<D>(ConstMatMap<D>(logits.data(), kClasses, batch), labels, weights,
                               scale, MatMap<D>(probs.data(), kClasses, batch), &d_map);
  D expected = 0;
  for (int b = 0; b < batch; ++b) {
    const D l0 = logits[2 * b], l1 = logits[2 * b + 1];
    const D p = std::exp(labels[b] == 0 ? l0 : l1) / (std::exp(l0) + std::exp(l1));
    expected += weights[b] * -std::log(p);
  }
  EXPECT_NEAR(value, expected / batch, 1e-12);
  expect_gradient(logits, d_logits, loss, "logits");
}

// Whole network, small architecture, with and without fixed dropout masks.
class NetworkGradient : public ::testing::TestWithParam<bool> {};

TEST_P(NetworkGradient, EveryTensorMatchesFiniteDifferences) {
  const bool training = GetParam();
  const Architecture arch{.recurrent = {{5}, {3}}, .dense = {6, 4}, .max_len = 9};
  const auto layout = parameter_layout(arch);
  std::mt19937_64 rng(21);
  // Weights larger than the 0.05 init so that gradients do not vanish through the stack.
  std::vector<D> params = random_values(parameter_count(arch), rng, 0.7);
  std::vector<std::vector<std::uint8_t>> seqs = {{1, 5, 18, 9, 3, 14, 2}, {4, 7}, {0, 11, 19, 6}};
  std::vector<std::span<const std::uint8_t>> views(seqs.begin(), seqs.end());
  const int labels[] = {0, 1, 0};
  const D weights[] = {1.5, 0.75, 1.5};
  ModelPass<D> pass(arch);
  pass.set_batch(views);
  DropoutMasks<D> masks;
  const std::uint64_t seeds[] = {101, 202, 303};
  draw_dropout_masks<D>(arch, pass.shape(), seeds, masks);
  const DropoutMasks<D>* used = training ? &masks : nullptr;
  auto loss = [&] {
    pass.forward(params.data(), used);
    return pass.loss(labels, weights, D(1) / 3);
  };
  pass.forward(params.data(), used);
  std::vector<D> grads(params.size(), 0.0);
  pass.backward(params.data(), labels, weights, D(1) / 3, grads.data());
  for (const auto& info : layout) {
    std::vector<std::size_t> coords;
    std::uniform_int_distribution<std::size_t> pick(0, info.size - 1);
    for (int k = 0; k < 8; ++k) coords.push_back(info.offset + pick(rng));
    if (info.name == "dense1.weight") {
      // Columns of positions before the longest sequence are never used; check one used too.
      coords.push_back(info.offset + 0);
      coords.push_back(info.offset + info.size - 1);
    }
    expect_gradient(params, grads, loss, info.name.c_str(), coords);
  }
}

INSTANTIATE_TEST_SUITE_P(EvalAndTrainingMode, NetworkGradient, ::testing::Bool());

}  // namespace
}  // namespace mirgene::nn
