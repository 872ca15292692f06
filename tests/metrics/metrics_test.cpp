// Hand-computed metric cases; the arithmetic is written out next to each expectation.
#include "metrics/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

constexpr double kTol = 1e-12;

// Four positives (0.9, 0.8, 0.6, 0.4) and three negatives (0.8, 0.4, 0.2) with two
// positive/negative ties (at 0.8 and 0.4).
const std::vector<float> kTiedScores = {0.9f, 0.8f, 0.8f, 0.6f, 0.4f, 0.4f, 0.2f};
const std::vector<int> kTiedLabels = {1, 1, 0, 1, 0, 1, 0};

TEST(Metrics, SmallVectorWithTies) {
  const Metrics m = compute_metrics(kTiedScores, kTiedLabels, 0.5);
  // Called positive (>= 0.5): 0.9+ 0.8+ 0.8- 0.6+  -> TP 3, FP 1; below: 0.4- 0.4+ 0.2- -> TN 2,
  // FN 1.
  EXPECT_EQ(m.cm.tp, 3);
  EXPECT_EQ(m.cm.fp, 1);
  EXPECT_EQ(m.cm.tn, 2);
  EXPECT_EQ(m.cm.fn, 1);
  EXPECT_EQ(m.n_pos, 4u);
  EXPECT_EQ(m.n_neg, 3u);
  EXPECT_NEAR(m.se, 3.0 / 4, kTol);            // 3 / (3 + 1)
  EXPECT_NEAR(m.sp, 2.0 / 3, kTol);            // 2 / (2 + 1)
  EXPECT_NEAR(m.ppv, 3.0 / 4, kTol);           // 3 / (3 + 1)
  EXPECT_NEAR(m.f1, 6.0 / 8, kTol);            // 2*3 / (2*3 + 1 + 1)
  EXPECT_NEAR(m.gmean, std::sqrt(0.5), kTol);  // sqrt(3/4 * 2/3)
  EXPECT_NEAR(m.mcc, 5.0 / 12, kTol);          // (3*2 - 1*1) / sqrt(4*4*3*3)
  EXPECT_NEAR(m.accuracy, 5.0 / 7, kTol);      // (3 + 2) / 7
  // Pairs won by each positive: 0.9 beats 3; 0.8 beats 0.4, 0.2 and ties 0.8 -> 2.5;
  // 0.6 beats 2; 0.4 beats 0.2 and ties 0.4 -> 1.5. U = 9 of 4*3 = 12 pairs.
  EXPECT_NEAR(m.auroc, 9.0 / 12, kTol);
  // Thresholds from the top: 0.9 (tp1 fp0, P=1), 0.8 (tp2 fp1, P=2/3), 0.6 (tp3 fp1, P=3/4),
  // 0.4 (tp4 fp2, P=4/6); each adds recall 1/4: (1 + 2/3 + 3/4 + 2/3) / 4 = 37/48.
  EXPECT_NEAR(m.aupr, 37.0 / 48, kTol);
  // ECDFs after each distinct score (pos, neg): 0.2 (0, 1/3), 0.4 (1/4, 2/3), 0.6 (2/4, 2/3),
  // 0.8 (3/4, 1), 0.9 (1, 1): largest gap 2/3 - 1/4 = 5/12.
  EXPECT_NEAR(m.ks_statistic, 5.0 / 12, kTol);
  // n = round(4*3/7 = 1.71) = 2 and nD = 5/6 lies in (1/2, 1], where
  // P(D_2 <= d) = 2!/2^2 * (2*5/6 - 1)^2 = 1/2 * 4/9 = 2/9, so p = 7/9.
  EXPECT_NEAR(m.ks_pvalue, 7.0 / 9, kTol);
  EXPECT_DOUBLE_EQ(m.threshold, 0.5);
}

TEST(Metrics, FreeRankFunctionsAgreeWithComputeMetrics) {
  EXPECT_NEAR(auroc(kTiedScores, kTiedLabels), 9.0 / 12, kTol);
  EXPECT_NEAR(average_precision(kTiedScores, kTiedLabels), 37.0 / 48, kTol);
}

TEST(Metrics, AllScoresEqual) {
  const std::vector<float> scores(5, 0.5f);
  const std::vector<int> labels = {1, 0, 1, 0, 0};
  const Metrics m = compute_metrics(scores, labels, 0.5);
  // Everything ties at the threshold, so everything is called positive: TP 2, FP 3.
  EXPECT_EQ(m.cm.tp, 2);
  EXPECT_EQ(m.cm.fp, 3);
  EXPECT_EQ(m.cm.tn, 0);
  EXPECT_EQ(m.cm.fn, 0);
  EXPECT_NEAR(m.se, 1.0, kTol);
  EXPECT_NEAR(m.sp, 0.0, kTol);
  EXPECT_NEAR(m.ppv, 0.4, kTol);     // 2 / 5
  EXPECT_NEAR(m.f1, 4.0 / 7, kTol);  // 4 / (4 + 3 + 0)
  EXPECT_NEAR(m.gmean, 0.0, kTol);
  EXPECT_TRUE(std::isnan(m.mcc));   // (TN + FN) = 0 in the denominator
  EXPECT_NEAR(m.auroc, 0.5, kTol);  // all 6 pairs tie: 3 / 6
  EXPECT_NEAR(m.aupr, 0.4, kTol);   // one threshold: recall 1 at precision 2/5
  EXPECT_NEAR(m.ks_statistic, 0.0, kTol);
  EXPECT_NEAR(m.ks_pvalue, 1.0, kTol);
}

TEST(Metrics, PerfectRanking) {
  const std::vector<float> scores = {0.9f, 0.8f, 0.7f, 0.3f, 0.2f};
  const std::vector<int> labels = {1, 1, 1, 0, 0};
  const Metrics m = compute_metrics(scores, labels, 0.5);
  EXPECT_NEAR(m.auroc, 1.0, kTol);
  EXPECT_NEAR(m.aupr, 1.0, kTol);
  EXPECT_NEAR(m.se, 1.0, kTol);
  EXPECT_NEAR(m.sp, 1.0, kTol);
  EXPECT_NEAR(m.mcc, 1.0, kTol);
  EXPECT_NEAR(m.ks_statistic, 1.0, kTol);
  // D = 1 cannot be exceeded under the Kolmogorov distribution (scipy's asymp gives 0 too).
  EXPECT_EQ(m.ks_pvalue, 0.0);
}

TEST(Metrics, InvertedRanking) {
  const std::vector<float> scores = {0.1f, 0.2f, 0.7f, 0.8f, 0.9f};
  const std::vector<int> labels = {1, 1, 0, 0, 0};
  const Metrics m = compute_metrics(scores, labels, 0.5);
  EXPECT_NEAR(m.auroc, 0.0, kTol);
  // From the top: three negatives, then 0.2 (tp1 fp3, P=1/4) and 0.1 (tp2 fp3, P=2/5), each
  // adding recall 1/2: (1/4 + 2/5) / 2 = 0.325.
  EXPECT_NEAR(m.aupr, 0.325, kTol);
  EXPECT_NEAR(m.mcc, -1.0, kTol);  // (0*0 - 3*2) / sqrt(3*2*3*2)
  EXPECT_NEAR(m.se, 0.0, kTol);
  EXPECT_NEAR(m.sp, 0.0, kTol);
  EXPECT_NEAR(m.ppv, 0.0, kTol);  // 0 / 3 is defined
  EXPECT_NEAR(m.f1, 0.0, kTol);
  EXPECT_NEAR(m.ks_statistic, 1.0, kTol);
}

TEST(Metrics, NoPositivesGivesNaNWhereUndefined) {
  const std::vector<float> scores = {0.1f, 0.6f, 0.3f};
  const std::vector<int> labels = {0, 0, 0};
  const Metrics m = compute_metrics(scores, labels, 0.5);
  EXPECT_EQ(m.n_pos, 0u);
  EXPECT_TRUE(std::isnan(m.se));     // 0 / 0
  EXPECT_NEAR(m.sp, 2.0 / 3, kTol);  // 0.6 is a false positive
  EXPECT_NEAR(m.ppv, 0.0, kTol);     // 0 / 1
  EXPECT_NEAR(m.f1, 0.0, kTol);      // 0 / (0 + 1 + 0)
  EXPECT_TRUE(std::isnan(m.gmean));
  EXPECT_TRUE(std::isnan(m.mcc));
  EXPECT_NEAR(m.accuracy, 2.0 / 3, kTol);
  EXPECT_TRUE(std::isnan(m.auroc));
  EXPECT_TRUE(std::isnan(m.aupr));
  EXPECT_TRUE(std::isnan(m.ks_statistic));
  EXPECT_TRUE(std::isnan(m.ks_pvalue));
}

TEST(Metrics, NoPredictedPositivesAndEmptyInput) {
  const std::vector<float> scores = {0.1f, 0.2f};
  const std::vector<int> labels = {1, 0};
  const Metrics m = compute_metrics(scores, labels, 0.5);
  EXPECT_TRUE(std::isnan(m.ppv));  // TP + FP = 0
  EXPECT_NEAR(m.f1, 0.0, kTol);    // 0 / (0 + 0 + 1)
  EXPECT_TRUE(std::isnan(m.mcc));

  const Metrics empty = compute_metrics({}, {}, 0.5);
  EXPECT_TRUE(std::isnan(empty.se));
  EXPECT_TRUE(std::isnan(empty.sp));
  EXPECT_TRUE(std::isnan(empty.f1));
  EXPECT_TRUE(std::isnan(empty.accuracy));
  EXPECT_TRUE(std::isnan(empty.auroc));
}

TEST(Metrics, ScoreEqualToThresholdIsPositive) {
  const std::vector<float> scores = {0.5f, 0.49999997f, 0.25f};
  const std::vector<int> labels = {1, 1, 0};
  const Confusion at_half = confusion(scores, labels, 0.5);
  EXPECT_EQ(at_half.tp, 1);  // 0.5 >= 0.5
  EXPECT_EQ(at_half.fn, 1);  // the float just below 0.5
  EXPECT_EQ(at_half.tn, 1);
  // Threshold equal to a negative's score turns it into a false positive.
  const Confusion at_quarter = confusion(scores, labels, 0.25);
  EXPECT_EQ(at_quarter.fp, 1);
  EXPECT_EQ(at_quarter.tp, 2);
}

TEST(Metrics, RejectsBadInput) {
  const std::vector<float> scores = {0.1f, 0.2f};
  EXPECT_THROW(compute_metrics(scores, std::vector<int>{1}), Error);
  EXPECT_THROW(compute_metrics(scores, std::vector<int>{1, 2}), Error);
  const std::vector<float> with_nan = {0.1f, std::numeric_limits<float>::quiet_NaN()};
  EXPECT_THROW(compute_metrics(with_nan, std::vector<int>{1, 0}), Error);
  try {
    auroc(with_nan, std::vector<int>{1, 0});
    FAIL() << "NaN score accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("item 1"), std::string::npos) << e.what();
  }
}

TEST(ThresholdForSpecificity, SmallestThresholdReachingTarget) {
  // Negatives 0.1 0.2 0.2 0.7 (positives 0.15 and 0.9 must not matter).
  const std::vector<float> scores = {0.1f, 0.2f, 0.9f, 0.2f, 0.15f, 0.7f};
  const std::vector<int> labels = {0, 0, 1, 0, 1, 0};
  // SP >= 0.75 needs 3 of 4 negatives below the threshold: the 3rd lowest is 0.2, so the
  // threshold is the float right above 0.2.
  const double t = threshold_for_specificity(scores, labels, 0.75);
  EXPECT_EQ(t, static_cast<double>(std::nextafter(0.2f, 1.0f)));
  EXPECT_NEAR(compute_metrics(scores, labels, t).sp, 0.75, kTol);
  EXPECT_NEAR(compute_metrics(scores, labels, 0.2).sp, 0.25, kTol);  // 0.2 itself is too low
  // A target between steps rounds up to the next achievable specificity (0.6 -> 3/4 too).
  EXPECT_EQ(threshold_for_specificity(scores, labels, 0.6), t);
  // SP 1 needs every negative below: just above 0.7.
  EXPECT_EQ(threshold_for_specificity(scores, labels, 1.0),
            static_cast<double>(std::nextafter(0.7f, 1.0f)));
  // SP 0 is reached by calling everything positive.
  const double lowest = threshold_for_specificity(scores, labels, 0.0);
  EXPECT_EQ(compute_metrics(scores, labels, lowest).cm.tn, 0);
}

TEST(ThresholdForSpecificity, TargetExactlyOnAStepIsNotRoundedUp) {
  // 100 negatives 0.00, 0.01, ..., 0.99: 0.07 * 100 evaluates to 7.000000000000001 in double,
  // yet 7 negatives below the threshold already give SP 7/100 == 0.07.
  std::vector<float> scores;
  std::vector<int> labels;
  for (int i = 0; i < 100; ++i) {
    scores.push_back(static_cast<float>(i) / 100.0f);
    labels.push_back(0);
  }
  const double t = threshold_for_specificity(scores, labels, 0.07);
  EXPECT_EQ(t, static_cast<double>(std::nextafter(scores[6], 1.0f)));
  EXPECT_GE(compute_metrics(scores, labels, t).sp, 0.07);
}

TEST(ThresholdForSpecificity, UndefinedAndInvalid) {
  const std::vector<float> scores = {0.3f, 0.8f};
  EXPECT_TRUE(std::isnan(threshold_for_specificity(scores, std::vector<int>{1, 1}, 0.9)));
  EXPECT_THROW(threshold_for_specificity(scores, std::vector<int>{0, 1}, 1.5), Error);
  EXPECT_THROW(threshold_for_specificity(scores, std::vector<int>{0, 1},
                                         std::numeric_limits<double>::quiet_NaN()),
               Error);
}

}  // namespace
}  // namespace mirgene::metrics
