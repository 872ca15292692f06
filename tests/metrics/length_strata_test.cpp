#include "metrics/length_strata.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

TEST(LengthStrata, SplitsAtTheCutsAndScoresEachStratum) {
  // Lengths 70 | 80 100 | 101 150; the model ranks perfectly within <80 and >100 and
  // backwards within 80-100.
  const std::vector<float> scores = {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.6f, 0.3f};
  const std::vector<int> labels = {1, 0, 1, 0, 1, 1, 0};
  const std::vector<int> lengths = {70, 75, 80, 100, 101, 120, 150};
  const std::vector<int> cuts = {80, 100};
  const LengthReport r = length_report(scores, labels, lengths, 0.5, cuts);
  ASSERT_EQ(r.strata.size(), 3u);
  EXPECT_EQ(r.strata[0].label(), "<80");
  EXPECT_EQ(r.strata[1].label(), "80-100");
  EXPECT_EQ(r.strata[2].label(), ">100");
  EXPECT_EQ(r.strata[0].model.n_pos, 1u);
  EXPECT_EQ(r.strata[0].model.n_neg, 1u);
  EXPECT_DOUBLE_EQ(r.strata[0].model.auroc, 1.0);
  EXPECT_DOUBLE_EQ(r.strata[1].model.auroc, 0.0);
  EXPECT_EQ(r.strata[2].model.n_pos, 2u);
  EXPECT_DOUBLE_EQ(r.strata[2].model.auroc, 1.0);
  // Length only, within >100: 101 and 120 (pre-miRNA) are shorter than 150 (other).
  EXPECT_DOUBLE_EQ(r.strata[2].length_auroc, 1.0);
  // All items: positives 70, 80, 101, 120 vs others 75, 100, 150: 7 of 12 pairs shorter.
  EXPECT_NEAR(r.length_auroc, 7.0 / 12.0, 1e-12);
}

TEST(LengthStrata, OneClassStratumHasUndefinedRankMetrics) {
  const std::vector<float> scores = {0.9f, 0.2f};
  const std::vector<int> labels = {1, 0};
  const std::vector<int> lengths = {60, 120};
  const std::vector<int> cuts = {80, 100};
  const LengthReport r = length_report(scores, labels, lengths, 0.5, cuts);
  EXPECT_TRUE(std::isnan(r.strata[0].model.auroc));
  EXPECT_EQ(r.strata[1].model.n_pos + r.strata[1].model.n_neg, 0u);
  EXPECT_NE(format_length_report(r).find("NA"), std::string::npos);
}

TEST(LengthStrata, ParsesCutsAndRejectsBadOnes) {
  EXPECT_EQ(parse_length_cuts("80,100"), (std::vector<int>{80, 100}));
  EXPECT_EQ(parse_length_cuts("90"), (std::vector<int>{90}));
  for (const char* bad : {"", "100,80", "80,,100", "a", "80,100,", "0", "-5"})
    EXPECT_THROW(parse_length_cuts(bad), Error) << bad;
}

TEST(LengthStrata, MismatchedSpansAreErrors) {
  const std::vector<float> scores = {0.1f};
  const std::vector<int> labels = {1, 0};
  const std::vector<int> lengths = {60, 70};
  EXPECT_THROW(length_report(scores, labels, lengths, 0.5, {}), Error);
}

}  // namespace
}  // namespace mirgene::metrics
