#include "metrics/shortcut_strata.hpp"

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

TEST(GcStrata, SplitsAtTheCutsAndScoresEachStratum) {
  // GC 0.30 0.40 | 0.45 0.50 | 0.55 0.70 1.00: a cut opens the stratum above it, and the
  // last stratum holds 1.
  const std::vector<float> scores = {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.6f, 0.3f};
  const std::vector<int> labels = {1, 0, 1, 0, 1, 0, 1};
  const std::vector<double> gc = {0.30, 0.40, 0.45, 0.50, 0.55, 0.70, 1.00};
  const std::vector<double> cuts = {0.45, 0.55};
  const GcReport r = gc_report(scores, labels, gc, 0.5, cuts);
  ASSERT_EQ(r.strata.size(), 3u);
  EXPECT_EQ(r.strata[0].label(), "<0.45");
  EXPECT_EQ(r.strata[1].label(), "0.45-0.55");
  EXPECT_EQ(r.strata[2].label(), ">=0.55");
  EXPECT_EQ(r.strata[0].model.n_pos + r.strata[0].model.n_neg, 2u);
  EXPECT_EQ(r.strata[1].model.n_pos + r.strata[1].model.n_neg, 2u);
  EXPECT_EQ(r.strata[2].model.n_pos, 2u);
  EXPECT_EQ(r.strata[2].model.n_neg, 1u);
  EXPECT_DOUBLE_EQ(r.strata[0].model.auroc, 1.0);
  EXPECT_DOUBLE_EQ(r.strata[1].model.auroc, 0.0);
  // Within >=0.55 the model ranks 0.7 (pre-miRNA) over 0.6 (other) but 0.3 (pre-miRNA) under
  // it; GC alone ranks 0.55 under 0.70 and 1.00 over it.
  EXPECT_DOUBLE_EQ(r.strata[2].model.auroc, 0.5);
  EXPECT_DOUBLE_EQ(r.strata[2].gc_auroc, 0.5);
  // All items: pre-miRNAs 0.30 0.45 0.55 1.00 against others 0.40 0.50 0.70: the richer one
  // is the pre-miRNA in 0 + 1 + 2 + 3 of 12 pairs.
  EXPECT_NEAR(r.gc_auroc, 6.0 / 12.0, 1e-12);
  EXPECT_NE(format_gc_report(r).find("GC-only baseline"), std::string::npos);
  EXPECT_EQ(to_json(r)["strata"][2]["label"], ">=0.55");
}

TEST(GcStrata, ParsesCutsAndRejectsBadOnes) {
  EXPECT_EQ(parse_gc_cuts("0.45,0.55"), (std::vector<double>{0.45, 0.55}));
  EXPECT_EQ(parse_gc_cuts("0.5"), (std::vector<double>{0.5}));
  for (const char* bad : {"", "0.55,0.45", "0.4,,0.5", "x", "0.5,", "0", "1", "1.5", "-0.2"})
    EXPECT_THROW(parse_gc_cuts(bad), Error) << bad;
}

TEST(GcStrata, MismatchedSpansAndBadCutsAreErrors) {
  const std::vector<float> scores = {0.1f, 0.2f};
  const std::vector<int> labels = {1, 0};
  const std::vector<double> gc = {0.4};
  EXPECT_THROW(gc_report(scores, labels, gc, 0.5, {}), Error);
  const std::vector<double> both = {0.4, 0.6};
  const std::vector<double> unsorted = {0.6, 0.4};
  EXPECT_THROW(gc_report(scores, labels, both, 0.5, unsorted), Error);
}

}  // namespace
}  // namespace mirgene::metrics
