#include "train/initialisation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

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
  const int h = net.architecture().recurrent[0].units;
  const auto w = net.tensor("lstm1.weight_hh");  // (4h, h) row-major
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
  const int h1 = arch.recurrent[0].units, h2 = arch.recurrent[1].units;
  const float dense1_limit = std::sqrt(6.0f / (arch.dense[0] + arch.max_len * h2));
  EXPECT_LE(max_abs(net.tensor("dense1.weight")), dense1_limit);
  EXPECT_GT(max_abs(net.tensor("dense1.weight")), 0.9f * dense1_limit);
  const float ih_limit = std::sqrt(6.0f / (4 * h1 + nn::kInputWidth));
  EXPECT_LE(max_abs(net.tensor("lstm1.weight_ih")), ih_limit);
  const auto bias = net.tensor("lstm2.bias");
  for (int i = 0; i < 4 * h2; ++i) EXPECT_EQ(bias[i], i >= h2 && i < 2 * h2 ? 1.0f : 0.0f) << i;
  EXPECT_EQ(max_abs(net.tensor("dense2.bias")), 0.0f);
}

TEST(InitForTraining, ConvAndReverseLayersAndExtraDenseLayers) {
  const nn::Architecture arch{.input = nn::InputMode::kSequence,
                              .conv = {{6, 3}},
                              .recurrent = {{5, true}},
                              .attention = false,
                              .dense = {7, 4, 3},
                              .max_len = 20};
  nn::Network net(arch);
  init_for_training(net, 2);
  // Keras' conv fans: width x in = 3 x 4, width x filters = 3 x 6.
  const float conv_limit = std::sqrt(6.0f / (3 * 4 + 3 * 6));
  EXPECT_LE(max_abs(net.tensor("conv1.weight")), conv_limit);
  EXPECT_GT(max_abs(net.tensor("conv1.weight")), 0.8f * conv_limit);
  EXPECT_EQ(max_abs(net.tensor("conv1.bias")), 0.0f);
  for (const char* direction : {"lstm1", "lstm1_reverse"}) {
    const auto bias = net.tensor(std::string(direction) + ".bias");
    for (int i = 0; i < 20; ++i) EXPECT_EQ(bias[i], i >= 5 && i < 10 ? 1.0f : 0.0f) << direction;
    EXPECT_LE(max_abs(net.tensor(std::string(direction) + ".weight_ih")),
              std::sqrt(6.0f / (20 + 6)));
  }
  // The two directions draw their own weights.
  const auto forward = net.tensor("lstm1.weight_hh"),
             reverse = net.tensor("lstm1_reverse.weight_hh");
  EXPECT_FALSE(std::equal(forward.begin(), forward.end(), reverse.begin()));
  EXPECT_LE(max_abs(net.tensor("dense1.weight")), std::sqrt(6.0f / (7 + 20 * 10)));
  EXPECT_LE(max_abs(net.tensor("dense3.weight")), std::sqrt(6.0f / (3 + 4)));
  EXPECT_GT(max_abs(net.tensor("output.weight")), 0.0f);
  EXPECT_EQ(max_abs(net.tensor("dense3.bias")), 0.0f);
}

}  // namespace
}  // namespace mirgene::train
