#include "nn/initialisation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"
#include "nn/layers.hpp"
#include "nn/shipped_configs.hpp"

namespace mirgene::nn {
namespace {

float max_abs(std::span<const float> t) {
  float m = 0;
  for (float v : t) m = std::max(m, std::abs(v));
  return m;
}

TEST(InitForTraining, SameSeedSameWeightsOtherSeedOtherWeights) {
  Network a, b, c;
  init_for_training(a, 3);
  init_for_training(b, 3);
  init_for_training(c, 4);
  EXPECT_TRUE(std::equal(a.flat().begin(), a.flat().end(), b.flat().begin()));
  EXPECT_FALSE(std::equal(a.flat().begin(), a.flat().end(), c.flat().begin()));
}

TEST(InitForTraining, RecurrentWeightsHaveOrthonormalColumns) {
  Network net;
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
  Network net;
  init_for_training(net, 1);
  const auto& arch = net.architecture();
  const int h1 = arch.recurrent[0].units, h2 = arch.recurrent[1].units;
  const float dense1_limit = std::sqrt(6.0f / (arch.dense[0] + arch.max_len * h2));
  EXPECT_LE(max_abs(net.tensor("dense1.weight")), dense1_limit);
  EXPECT_GT(max_abs(net.tensor("dense1.weight")), 0.9f * dense1_limit);
  const float ih_limit = std::sqrt(6.0f / (4 * h1 + kInputWidth));
  EXPECT_LE(max_abs(net.tensor("lstm1.weight_ih")), ih_limit);
  const auto bias = net.tensor("lstm2.bias");
  for (int i = 0; i < 4 * h2; ++i) EXPECT_EQ(bias[i], i >= h2 && i < 2 * h2 ? 1.0f : 0.0f) << i;
  EXPECT_EQ(max_abs(net.tensor("dense2.bias")), 0.0f);
}

TEST(InitForTraining, ConvAndReverseLayersAndExtraDenseLayers) {
  const Architecture arch{.input = InputMode::kSequence,
                              .conv = {{6, 3}},
                              .recurrent = {{5, true}},
                              .attention = false,
                              .dense = {7, 4, 3},
                              .max_len = 20};
  Network net(arch);
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

TEST(InitForTraining, UniformSchemeIsNetworkInitUniform) {
  Network a, b;
  initialise(a, InitScheme::kUniform, 8);
  b.init_uniform(8, 0.05f);
  EXPECT_TRUE(std::equal(a.flat().begin(), a.flat().end(), b.flat().begin()));
  Network c;
  initialise(c, InitScheme::kKeras, 8);
  Network d;
  init_for_training(d, 8);
  EXPECT_TRUE(std::equal(c.flat().begin(), c.flat().end(), d.flat().begin()));
}

TEST(InitScheme, NamesReadBackAndOthersAreErrors) {
  EXPECT_EQ(init_scheme_names(), (std::vector<std::string>{"keras", "uniform"}));
  for (InitScheme s : {InitScheme::kKeras, InitScheme::kUniform})
    EXPECT_EQ(init_scheme_from_name(init_scheme_name(s)), s);
  try {
    init_scheme_from_name("gaussian");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'gaussian'"), std::string::npos) << e.what();
  }
}

// Every tensor of every shipped network gets a rule that fits its shape: Glorot with positive
// fans, orthogonal on a tall matrix, the forget-gate bias on four gates' worth of units.
TEST(InitForTraining, EveryShippedTensorHasAFittingRule) {
  for (const std::string& name : test_support::shipped_config_names()) {
    for (const LayerSpec& layer : layer_specs(test_support::shipped_config(name))) {
      for (const TensorSpec& t : layer.tensors) {
        const auto& shape = t.param.shape;
        switch (t.init) {
          case InitRule::kGlorotUniform:
            EXPECT_GT(t.fan_in, 0) << name << " " << t.param.name;
            EXPECT_GT(t.fan_out, 0) << name << " " << t.param.name;
            break;
          case InitRule::kOrthogonal:
            ASSERT_EQ(shape.size(), 2u) << name << " " << t.param.name;
            EXPECT_GE(shape[0], shape[1]) << name << " " << t.param.name;
            break;
          case InitRule::kForgetGateBias:
            ASSERT_EQ(shape.size(), 1u);
            EXPECT_EQ(shape[0], 4 * layer.out) << name << " " << t.param.name;
            break;
          case InitRule::kZero:
            EXPECT_EQ(shape.size(), 1u) << name << " " << t.param.name;
            break;
        }
      }
    }
  }
}

}  // namespace
}  // namespace mirgene::nn
