#include "metrics/operating_point.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <vector>

#include "common/error.hpp"
#include "metrics/metrics.hpp"

namespace mirgene::metrics {
namespace {

TEST(ThresholdForMaxF1, HandCase) {
  // Sorted: 0.9+ 0.8+ 0.7- 0.6+ 0.3- 0.2-. Calling the top k positive:
  // k=1 F=2/4, k=2 F=4/5, k=3 F=4/6, k=4 F=6/7 (best), k=5 F=6/8, k=6 F=6/9.
  const std::vector<float> scores = {0.3f, 0.9f, 0.6f, 0.2f, 0.8f, 0.7f};
  const std::vector<int> labels = {0, 1, 1, 0, 1, 0};
  const double t = threshold_for_max_f1(scores, labels);
  EXPECT_NEAR(t, (0.6 + 0.3) / 2, 1e-7);  // halfway between 0.6 and the next lower score
  EXPECT_NEAR(compute_metrics(scores, labels, t).f1, 6.0 / 7, 1e-12);
}

TEST(ThresholdForMaxF1, TiesMoveTogetherAndHigherThresholdWinsEqualF) {
  // 0.8 holds a positive and a negative: they are called together.
  // Calling {0.9}: F = 2/(2+0+1) = 2/3; calling {0.9, 0.8, 0.8}: F = 4/(4+1+0) = 4/5.
  const std::vector<float> scores = {0.9f, 0.8f, 0.8f, 0.1f};
  const std::vector<int> labels = {1, 1, 0, 0};
  EXPECT_NEAR(threshold_for_max_f1(scores, labels), (0.8 + 0.1) / 2, 1e-7);
  // Equal F at two thresholds: calling {0.9} gives 2/(2+0+1) = 2/3, calling
  // {0.9, 0.8, 0.7, 0.6} gives 4/(4+2+0) = 2/3; the calls in between score 2/4 and 2/5.
  const std::vector<float> even = {0.9f, 0.8f, 0.7f, 0.6f, 0.1f};
  const std::vector<int> even_labels = {1, 0, 0, 1, 0};
  EXPECT_NEAR(threshold_for_max_f1(even, even_labels), (0.9 + 0.8) / 2, 1e-7);
}

TEST(ThresholdForMaxF1, AllCalledPositiveReturnsLowestScore) {
  const std::vector<float> scores = {0.7f, 0.2f};
  const std::vector<int> labels = {1, 1};
  EXPECT_EQ(threshold_for_max_f1(scores, labels), static_cast<double>(0.2f));
}

TEST(ThresholdForMaxF1, NoPositiveIsNaNAndBadInputThrows) {
  EXPECT_TRUE(std::isnan(threshold_for_max_f1(std::vector<float>{0.5f}, std::vector<int>{0})));
  EXPECT_THROW(threshold_for_max_f1(std::vector<float>{0.5f}, std::vector<int>{2}), Error);
  EXPECT_THROW(threshold_for_max_f1(std::vector<float>{0.5f, 0.1f}, std::vector<int>{1}), Error);
}

// Exhaustive check against compute_metrics at every candidate threshold, on random vectors
// with many ties (scores rounded to two decimals).
TEST(ThresholdForMaxF1, MatchesExhaustiveSearch) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 60);
    std::vector<float> scores(n);
    std::vector<int> labels(n);
    for (int i = 0; i < n; ++i) {
      labels[i] = (rng() % 4 == 0) ? 1 : 0;
      scores[i] = static_cast<float>(std::round((rng() % 1000) / 10.0) / 100.0);
    }
    labels[0] = 1;
    double best_f = -1;
    std::set<float> distinct(scores.begin(), scores.end());
    for (float t : distinct) best_f = std::max(best_f, compute_metrics(scores, labels, t).f1);
    const double chosen = threshold_for_max_f1(scores, labels);
    EXPECT_NEAR(compute_metrics(scores, labels, chosen).f1, best_f, 1e-12) << "trial " << trial;
  }
}

}  // namespace
}  // namespace mirgene::metrics
