#include "train/initialisation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace mirgene::train {
namespace {

float max_abs(std::span<const float> t) {
  float m = 0;
  for (float v : t) m = std::max(m, std::abs(v));
  return m;
}

TEST(InitForTraining, SameSeedSameWeightsOtherSeedOtherWeights) {
  nn::Network a, b, c;
  init_for_training(a, 3);
  init_for_training(b, 3);
  init_for_training(c, 4);
  EXPECT_TRUE(std::equal(a.flat().begin(), a.flat().end(), b.flat().begin()));
  EXPECT_FALSE(std::equal(a.flat().begin(), a.flat().end(), c.flat().begin()));
}

TEST(InitForTraining, RecurrentWeightsHaveOrthonormalColumns) {
  nn::Network net;
  init_for_training(net, 1);
  const int h = net.architecture().lstm1;
  const auto w = net.tensor(nn::kLstm1WeightHh);  // (4h, h) row-major
  for (int a = 0; a < h; ++a) {
    for (int b = 0; b < h; ++b) {
      double dot = 0;
      for (int r = 0; r < 4 * h; ++r) dot += double(w[r * h + a]) * w[r * h + b];
      EXPECT_NEAR(dot, a == b ? 1.0 : 0.0, 1e-5) << a << "," << b;
    }
  }
}

TEST(InitForTraining, GlorotBoundsAndForgetGateBias) {
  nn::Network net;
  init_for_training(net, 1);
  const auto& arch = net.architecture();
  const float dense1_limit = std::sqrt(6.0f / (arch.dense1 + arch.max_len * arch.lstm2));
  EXPECT_LE(max_abs(net.tensor(nn::kDense1Weight)), dense1_limit);
  EXPECT_GT(max_abs(net.tensor(nn::kDense1Weight)), 0.9f * dense1_limit);
  const float ih_limit = std::sqrt(6.0f / (4 * arch.lstm1 + nn::kInputWidth));
  EXPECT_LE(max_abs(net.tensor(nn::kLstm1WeightIh)), ih_limit);
  const auto bias = net.tensor(nn::kLstm2Bias);
  const int h = arch.lstm2;
  for (int i = 0; i < 4 * h; ++i) EXPECT_EQ(bias[i], i >= h && i < 2 * h ? 1.0f : 0.0f) << i;
  EXPECT_EQ(max_abs(net.tensor(nn::kDense2Bias)), 0.0f);
}

}  // namespace
}  // namespace mirgene::train
