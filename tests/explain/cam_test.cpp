#include "explain/cam.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "common/error.hpp"

namespace mirgene::explain {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatEq;
using ::testing::Pointwise;

// H_att for L = 3 positions of width 2:
//   row 0: ( 1,  2)
//   row 1: ( 3, -1)
//   row 2: (-1,  5)
// w_gap = column means = ((1 + 3 - 1) / 3, (2 - 1 + 5) / 3) = (1, 2)
// CAM   = (1*1 + 2*2, 3*1 - 1*2, -1*1 + 5*2) = (5, 1, 9)
const std::vector<float> kHatt = {1, 2, 3, -1, -1, 5};

TEST(GapWeights, AreColumnMeansOverRealPositions) {
  EXPECT_THAT(gap_weights(kHatt, 3, 2), ElementsAre(FloatEq(1), FloatEq(2)));
}

TEST(ClassActivationMap, HandComputed) {
  EXPECT_THAT(class_activation_map(kHatt, 3, 2), ElementsAre(FloatEq(5), FloatEq(1), FloatEq(9)));
}

TEST(ClassActivationMap, FromExplanationTakesWidthFromAttentionLength) {
  nn::Explanation e{0.9f, {0.2f, 0.3f, 0.5f}, kHatt};
  EXPECT_THAT(class_activation_map(e), ElementsAre(FloatEq(5), FloatEq(1), FloatEq(9)));
  // The same matrix read as 2 positions of width 3: rows (1,2,3), (-1,-1,5);
  // w_gap = (0, 0.5, 4); CAM = (0 + 1 + 12, 0 - 0.5 + 20) = (13, 19.5).
  nn::Explanation two{0.1f, {0.5f, 0.5f}, kHatt};
  EXPECT_THAT(class_activation_map(two), ElementsAre(FloatEq(13), FloatEq(19.5f)));
}

TEST(ClassActivationMap, FromExplanationWithAWidthNeedsNoAttention) {
  // A model without attention: no attention weights, the width says how to read H_att.
  nn::Explanation e{0.9f, {}, kHatt, 2};
  EXPECT_THAT(class_activation_map(e), ElementsAre(FloatEq(5), FloatEq(1), FloatEq(9)));
  nn::Explanation three{0.9f, {}, kHatt, 3};
  EXPECT_THAT(class_activation_map(three), ElementsAre(FloatEq(13), FloatEq(19.5f)));
  nn::Explanation ragged{0.9f, {}, kHatt, 4};
  EXPECT_THROW(class_activation_map(ragged), Error);
}

TEST(ClassActivationMap, SinglePositionIsSquaredNorm) {
  // w_gap = the row itself, so CAM = |row|^2 = 9 + 16.
  EXPECT_THAT(class_activation_map(std::vector<float>{3, -4}, 1, 2), ElementsAre(FloatEq(25)));
}

TEST(ClassActivationMap, RejectsInconsistentShapes) {
  EXPECT_THROW(class_activation_map(kHatt, 4, 2), Error);
  EXPECT_THROW(class_activation_map(kHatt, 0, 2), Error);
  EXPECT_THROW(gap_weights(kHatt, 6, 0), Error);
  nn::Explanation ragged{0.5f, {0.25f, 0.25f, 0.25f, 0.25f}, kHatt};
  EXPECT_THROW(class_activation_map(ragged), Error);
  nn::Explanation empty{0.5f, {}, {}};
  EXPECT_THROW(class_activation_map(empty), Error);
}

TEST(PercentBins, EachBinAveragesItsPositions) {
  // L = 4, 2 bins: positions sit at 12.5, 37.5 | 62.5, 87.5 %.
  EXPECT_THAT(to_percent_bins(std::vector<float>{1, 3, 10, 20}, 2),
              ElementsAre(FloatEq(2), FloatEq(15)));
  // L = 400 into 100 bins: four positions per bin.
  std::vector<float> ramp(400);
  for (int t = 0; t < 400; ++t) ramp[t] = static_cast<float>(t);
  const auto bins = to_percent_bins(ramp, 100);
  ASSERT_EQ(bins.size(), 100u);
  for (int b = 0; b < 100; ++b) EXPECT_FLOAT_EQ(bins[b], 4.0f * b + 1.5f) << "bin " << b;
}

TEST(PercentBins, EmptyBinsAreInterpolated) {
  // CAM (5, 1, 9) into 4 bins: positions at 16.7 % (bin 0), 50 % (bin 2), 83.3 % (bin 3);
  // bin 1 has no position and lies halfway between 5 and 1.
  EXPECT_THAT(to_percent_bins(std::vector<float>{5, 1, 9}, 4),
              ElementsAre(FloatEq(5), FloatEq(3), FloatEq(1), FloatEq(9)));
  // L = 2 into 10 bins: 25 % -> bin 2, 75 % -> bin 7. Bins 3..6 step by (10 - 0) / 5;
  // bins before 2 and after 7 take the nearest value.
  EXPECT_THAT(to_percent_bins(std::vector<float>{0, 10}, 10),
              Pointwise(FloatEq(), std::vector<float>{0, 0, 0, 2, 4, 6, 8, 10, 10, 10}));
}

TEST(PercentBins, PositionOnABinEdgeGoesToTheUpperBin) {
  // L = 5, 10 bins: position 2 sits at exactly 50 %, the lower edge of bin 5.
  const auto bins = to_percent_bins(std::vector<float>{0, 0, 7, 0, 0}, 10);
  EXPECT_FLOAT_EQ(bins[5], 7.0f);
  EXPECT_FLOAT_EQ(bins[4], 3.5f);  // between bin 3 (position 1 at 30 %) and bin 5
}

TEST(PercentBins, SinglePositionFillsEveryBin) {
  EXPECT_THAT(to_percent_bins(std::vector<float>{-2}, 5),
              Pointwise(FloatEq(), std::vector<float>{-2, -2, -2, -2, -2}));
}

TEST(PercentBins, RejectsBadArguments) {
  EXPECT_THROW(to_percent_bins(std::vector<float>{}, 10), Error);
  EXPECT_THROW(to_percent_bins(std::vector<float>{1}, 0), Error);
}

TEST(MeanProfile, AveragesRowsElementWise) {
  const std::vector<std::vector<float>> rows = {{1, 2, 3}, {3, 2, -3}};
  EXPECT_THAT(mean_profile(rows), ElementsAre(FloatEq(2), FloatEq(2), FloatEq(0)));
  EXPECT_TRUE(mean_profile({}).empty());
  const std::vector<std::vector<float>> ragged = {{1, 2}, {1}};
  EXPECT_THROW(mean_profile(ragged), Error);
}

}  // namespace
}  // namespace mirgene::explain
