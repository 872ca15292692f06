#include "explain/position_scores.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "explain/cam.hpp"
#include "nn/network.hpp"

namespace mirgene::explain {
namespace {

const std::vector<std::uint8_t> kTokens = {1, 6, 11, 2, 7, 12, 17, 3, 9, 14, 0, 5, 10, 15};

TEST(ScorePositions, WithAttentionGivesWeightsAndCam) {
  nn::Network net(nn::Architecture{.recurrent = {{6}, {4}}, .dense = {8}, .max_len = 20});
  net.init_uniform(3, 0.4f);
  const PositionScores s = score_positions(net, kTokens);
  EXPECT_EQ(s.attention.size(), kTokens.size());
  EXPECT_EQ(s.cam.size(), kTokens.size());
  const std::vector<std::vector<std::uint8_t>> one = {kTokens};
  EXPECT_NEAR(s.probability, nn::predict(net, one)[0], 1e-6);
}

TEST(ScorePositions, WithoutAttentionGivesTheCamOfTheLastLayer) {
  for (const nn::Architecture& arch :
       {nn::Architecture{.recurrent = {{6, true}}, .attention = false, .max_len = 20},
        nn::Architecture{.conv = {{5, 3}}, .recurrent = {}, .attention = false, .max_len = 20}}) {
    nn::Network net(arch);
    net.init_uniform(3, 0.4f);
    const PositionScores s = score_positions(net, kTokens);
    EXPECT_TRUE(s.attention.empty());
    ASSERT_EQ(s.cam.size(), kTokens.size());
    // The CAM is that of the features explain() reports.
    EXPECT_EQ(s.cam, class_activation_map(nn::explain(net, kTokens)));
    bool varies = false;
    for (float v : s.cam) varies |= v != s.cam[0];
    EXPECT_TRUE(varies);
  }
}

}  // namespace
}  // namespace mirgene::explain
