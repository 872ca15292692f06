#include "nn/sample_weights.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

#include "common/error.hpp"

namespace mirgene::nn {
namespace {

TEST(ClassWeights, BalancedGivesEachClassHalfTheTotal) {
  const std::vector<int> labels = {0, 1, 1, 1};
  const std::vector<float> w = class_weights(labels, true);
  EXPECT_FLOAT_EQ(w[0], 2.0f);
  EXPECT_FLOAT_EQ(w[1], 4.0f / 6.0f);
  EXPECT_EQ(class_weights(labels, false), std::vector<float>(4, 1.0f));
}

TEST(ExtraShareWeights, SplitsTheNegativeClassBetweenItsSources) {
  // 2 pre-miRNAs, 2 plain negatives, 6 extra negatives; the extra ones get a quarter.
  const std::vector<int> labels = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
  const std::vector<std::uint8_t> extra = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
  const std::vector<float> w = extra_share_weights(labels, extra, 0.25f);
  float pos = 0, plain = 0, mined = 0;
  for (std::size_t i = 0; i < w.size(); ++i)
    (labels[i] == 0 ? pos : extra[i] ? mined : plain) += w[i];
  EXPECT_FLOAT_EQ(pos, 5.0f);  // half the total of 10, as balanced class weights give
  EXPECT_FLOAT_EQ(plain, 3.75f);
  EXPECT_FLOAT_EQ(mined, 1.25f);
  EXPECT_FLOAT_EQ(w[2], w[3]);  // even within a source
  EXPECT_FLOAT_EQ(w[4], w[9]);
}

TEST(ExtraShareWeights, AnEmptySourceLeavesTheBalancedWeightsAndBadInputIsRefused) {
  const std::vector<int> labels = {0, 1, 1, 1};
  EXPECT_EQ(extra_share_weights(labels, std::vector<std::uint8_t>{0, 0, 0, 0}, 0.9f),
            class_weights(labels, true));
  EXPECT_EQ(extra_share_weights(labels, std::vector<std::uint8_t>{0, 1, 1, 1}, 0.9f),
            class_weights(labels, true));
  EXPECT_THROW(extra_share_weights(labels, std::vector<std::uint8_t>{0, 1}, 0.5f), Error);
  EXPECT_THROW(extra_share_weights(labels, std::vector<std::uint8_t>{0, 1, 1, 1}, 1.5f), Error);
}

TEST(LengthBalancedWeights, EachClassWeighsHalfOfEveryMixedBin) {
  // Bin 6x: 1 pre-miRNA, 3 others; bin 9x: 3 pre-miRNAs, 1 other.
  const std::vector<int> lengths = {61, 62, 63, 64, 91, 92, 93, 94};
  const std::vector<int> labels = {0, 1, 1, 1, 0, 0, 0, 1};
  const std::vector<float> w = length_balanced_weights(lengths, labels);
  for (int bin : {0, 4}) {
    float pos = 0, neg = 0;
    for (int i = bin; i < bin + 4; ++i) (labels[i] == 0 ? pos : neg) += w[i];
    EXPECT_NEAR(pos, neg, 1e-5f) << "bin starting at item " << bin;
  }
  EXPECT_NEAR(std::accumulate(w.begin(), w.end(), 0.0f) / w.size(), 1.0f, 1e-5f);
}

TEST(LengthBalancedWeights, SingleClassBinsKeepClassWeightsAndRatiosAreCapped) {
  // Bin 8x: 1 pre-miRNA against 50 others; bin 6x: 50 pre-miRNAs alone.
  std::vector<int> lengths(51, 80), labels(51, 1);
  labels[0] = 0;
  lengths.insert(lengths.end(), 50, 60);
  labels.insert(labels.end(), 50, 0);
  const std::vector<float> w = length_balanced_weights(lengths, labels);
  const std::vector<float> balanced = class_weights(labels, true);
  // The lone pre-miRNA would weigh 51/2 = 25.5; the cap holds it at 10x its class weight,
  // while the pre-miRNAs of the one-class bin keep their class weight.
  EXPECT_NEAR(w[0] / w[60], kMaxBinWeightRatio, 1e-4f);
  EXPECT_NEAR(w[1] / w[60], (51.0f / 100.0f) / balanced[60], 1e-4f);
  EXPECT_THROW(length_balanced_weights(lengths, std::vector<int>{0}), Error);
}

TEST(GcBin, CountsGAndCAgainstTheWholeLength) {
  // Tokens are 4 * nucleotide + structure (A 0, C 1, G 2, U 3); 16 and up: unknown base.
  const std::vector<std::uint8_t> all_gc = {8, 9, 4, 7};   // G( G) C( C:
  const std::vector<std::uint8_t> no_gc = {0, 13, 3, 14};  // A( U) A: U.
  const std::vector<std::uint8_t> half = {0, 5, 10, 15};   // A( C) G. U:
  const std::vector<std::uint8_t> unknown = {8, 16, 17, 18};
  EXPECT_EQ(gc_bin(all_gc), kGcBins - 1);
  EXPECT_EQ(gc_bin(no_gc), 0);
  EXPECT_EQ(gc_bin(half), kGcBins / 2);
  EXPECT_EQ(gc_bin(unknown), kGcBins / 4);
  EXPECT_EQ(gc_bin({}), 0);
}

TEST(BinBalancedWeights, LengthBinsGiveTheLengthBalancedWeights) {
  const std::vector<int> lengths = {61, 62, 63, 64, 91, 92, 93, 94, 95};
  const std::vector<int> labels = {0, 1, 1, 1, 0, 0, 0, 1, 1};
  std::vector<int> bins;
  for (int n : lengths) bins.push_back(n / 10);
  EXPECT_EQ(bin_balanced_weights(bins, labels), length_balanced_weights(lengths, labels));
  // Any keys work: a G+C-rich bin where pre-miRNAs dominate gives its rare negative more
  // weight than a negative of a bin where negatives dominate.
  const std::vector<int> gc = {12, 12, 12, 7, 7, 7, 7, 7};
  const std::vector<int> y = {0, 0, 1, 1, 1, 1, 0, 1};
  const std::vector<float> w = bin_balanced_weights(gc, y);
  EXPECT_NEAR(w[0] + w[1], w[2], 1e-5f);
  EXPECT_GT(w[2], w[3]);
  EXPECT_THROW(bin_balanced_weights(gc, std::vector<int>{0}), Error);
}

}  // namespace
}  // namespace mirgene::nn
