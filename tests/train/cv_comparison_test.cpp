#include "train/cv_comparison.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::train {
namespace {

using Json = nlohmann::json;

// A cv --json document: folds f1..fK, each with per-epoch validation AUPR/AUROC/F1 given by
// `value(fold, epoch)`, optional extra metrics, and the best epoch by AUPR.
Json run_json(int folds, int epochs, int best, double (*value)(int, int), bool extra) {
  Json j;
  for (int f = 0; f < folds; ++f) {
    Json fold = {{"fold", "f" + std::to_string(f + 1)},
                 {"final", {{"n_pos", 10}, {"n_neg", 40}}},
                 {"epochs", Json::array()}};
    for (int e = 1; e <= epochs; ++e) {
      const double v = value(f, e);
      Json entry = {{"epoch", e}, {"validation", {{"auroc", v}, {"aupr", v}, {"f1", v}}}};
      if (extra) entry["extra"] = {{"auroc", v / 2}, {"aupr", v / 2}, {"sp", v / 4}, {"n_neg", 30}};
      fold["epochs"].push_back(entry);
    }
    j["folds"].push_back(fold);
  }
  j["best_epoch"] = {{"aupr", best}, {"auroc", best}};
  return j;
}

TEST(CvComparison, DifferencesAreTakenFoldByFoldAtEachRunsOwnEpoch) {
  const Json a = run_json(
      3, 4, 4, [](int f, int e) { return 0.5 + 0.1 * f + 0.01 * e; }, true);
  const Json b = run_json(
      3, 4, 2, [](int f, int e) { return 0.5 + 0.1 * f + (f == 1 ? 0.05 : 0.0) + 0.0 * e; }, true);
  const std::vector<FoldDifference> rows = compare_cv_runs(a, b);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[1].metric, "validation.aupr");
  // a at epoch 4 has +0.04 in every fold; b adds 0.05 in fold 2.
  EXPECT_NEAR(rows[1].differences[0], 0.04, 1e-12);
  EXPECT_NEAR(rows[1].differences[1], -0.01, 1e-12);
  EXPECT_EQ(rows[1].ahead, 2);
  EXPECT_EQ(rows[1].behind, 1);
  EXPECT_NEAR(rows[1].mean, (0.04 - 0.01 + 0.04) / 3, 1e-12);
  EXPECT_EQ(rows[5].metric, "extra.sp");
  EXPECT_NEAR(rows[5].differences[0], 0.01, 1e-12);
  EXPECT_THAT(format_cv_comparison(rows, 4, 2), ::testing::HasSubstr("validation.aupr"));
  EXPECT_EQ(to_json(rows)["extra.sp"]["ahead"], 2);
}

TEST(CvComparison, RunsWithoutExtraNegativesCompareValidationOnly) {
  const Json a = run_json(
      2, 2, 1, [](int, int) { return 0.9; }, false);
  const Json b = run_json(
      2, 2, 1, [](int, int) { return 0.8; }, true);
  const std::vector<FoldDifference> rows = compare_cv_runs(a, b);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NEAR(rows[0].mean, 0.1, 1e-12);
}

// Adds scored-only negatives' metrics (cv --score-neg) against `n_neg` negatives to every
// epoch of every fold: SP is `sp`.
void add_scored(Json& run, int n_neg, double sp) {
  for (Json& fold : run["folds"])
    for (Json& entry : fold["epochs"])
      entry["scored"] = {{"auroc", 0.9}, {"aupr", 0.8}, {"sp", sp}, {"n_neg", n_neg}};
}

TEST(CvComparison, ScoredNegativesAreComparedOnlyWhenBothRunsScoredTheSameSet) {
  const auto flat = [](int, int) { return 0.9; };
  Json a = run_json(2, 2, 1, flat, true), b = run_json(2, 2, 1, flat, true);
  add_scored(a, 100, 0.8);
  add_scored(b, 100, 0.6);
  std::vector<FoldDifference> rows = compare_cv_runs(a, b);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[8].metric, "scored.sp");
  EXPECT_NEAR(rows[8].mean, 0.2, 1e-12);
  EXPECT_EQ(rows[8].ahead, 2);
  // Another scored set (another size) in one fold: not comparable, left out.
  b["folds"][1]["epochs"][0]["scored"]["n_neg"] = 99;
  rows = compare_cv_runs(a, b);
  EXPECT_EQ(rows.size(), 6u);
  // The same holds for the extra negatives: runs that held out different decoys.
  Json c = run_json(2, 2, 1, flat, true);
  c["folds"][0]["epochs"][0]["extra"]["n_neg"] = 31;
  rows = compare_cv_runs(c, run_json(2, 2, 1, flat, true));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows.back().metric, "validation.f1");
}

TEST(CvComparison, DifferentFoldsOrMalformedFilesAreErrors) {
  const Json a = run_json(
      3, 2, 1, [](int, int) { return 0.9; }, false);
  const Json fewer = run_json(
      2, 2, 1, [](int, int) { return 0.9; }, false);
  EXPECT_THROW(compare_cv_runs(a, fewer), Error);
  Json resized = a;
  resized["folds"][1]["final"]["n_neg"] = 41;
  EXPECT_THROW(compare_cv_runs(a, resized), Error);
  EXPECT_THROW(compare_cv_runs(a, Json{{"nothing", 1}}), Error);
}

}  // namespace
}  // namespace mirgene::train
