#include "metrics/bootstrap.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

struct Scored {
  std::vector<float> scores;
  std::vector<int> labels;
};

// Overlapping classes: positives ~ U(0.3, 1), negatives ~ U(0, 0.7).
Scored overlapping(std::uint64_t seed, int pos, int neg) {
  std::mt19937_64 rng(seed);
  Scored s;
  for (int k = 0; k < pos + neg; ++k) {
    const float u = static_cast<float>(rng() >> 40) / 16777216.0f;
    s.labels.push_back(k < pos);
    s.scores.push_back(k < pos ? 0.3f + 0.7f * u : 0.7f * u);
  }
  return s;
}

TEST(Bootstrap, IntervalsHoldThePointEstimateAndNarrowWithMoreData) {
  const Scored small = overlapping(1, 50, 200), large = overlapping(2, 800, 3200);
  const Metrics m = compute_metrics(small.scores, small.labels, 0.5);
  const MetricIntervals a = bootstrap_intervals(small.scores, small.labels, 0.5, 500, 3);
  const MetricIntervals b = bootstrap_intervals(large.scores, large.labels, 0.5, 500, 3);
  for (auto [value, interval] : {std::pair{m.auroc, a.auroc},
                                 {m.aupr, a.aupr},
                                 {m.se, a.se},
                                 {m.sp, a.sp},
                                 {m.f1, a.f1},
                                 {m.mcc, a.mcc}}) {
    EXPECT_LE(interval.low, value);
    EXPECT_GE(interval.high, value);
    EXPECT_LT(interval.low, interval.high);
  }
  EXPECT_LT(b.auroc.high - b.auroc.low, a.auroc.high - a.auroc.low);
  EXPECT_EQ(a.replicates, 500);
}

TEST(Bootstrap, SameSeedSameIntervals) {
  const Scored s = overlapping(4, 30, 60);
  const MetricIntervals a = bootstrap_intervals(s.scores, s.labels, 0.5, 100, 7);
  const MetricIntervals b = bootstrap_intervals(s.scores, s.labels, 0.5, 100, 7);
  EXPECT_EQ(a.aupr.low, b.aupr.low);
  EXPECT_EQ(a.f1.high, b.f1.high);
}

TEST(Bootstrap, PerfectSeparationStaysPerfect) {
  const std::vector<float> scores = {0.9f, 0.8f, 0.2f, 0.1f, 0.3f};
  const std::vector<int> labels = {1, 1, 0, 0, 0};
  const MetricIntervals i = bootstrap_intervals(scores, labels, 0.5, 50, 1);
  EXPECT_EQ(i.auroc.low, 1.0);
  EXPECT_EQ(i.auroc.high, 1.0);
  EXPECT_EQ(i.sp.low, 1.0);
}

TEST(Bootstrap, RefusesTooFewReplicatesOrAMissingClass) {
  const std::vector<float> scores = {0.9f, 0.1f};
  const std::vector<int> labels = {1, 0}, one_class = {1, 1};
  EXPECT_THROW(bootstrap_intervals(scores, labels, 0.5, 5, 1), Error);
  EXPECT_THROW(bootstrap_intervals(scores, one_class, 0.5, 100, 1), Error);
}

}  // namespace
}  // namespace mirgene::metrics
