#include "train/cross_validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "common/error.hpp"
#include "fold/params.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::train {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

void touch(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << ">x\nACGU\n";
}

// Writes the four files of folds 1..k of set `set` under `dir`.
void make_fold_dir(const fs::path& dir, const std::string& set, int k) {
  for (int f = 1; f <= k; ++f) {
    const std::string n = std::to_string(f);
    touch(dir / "train" / (set + "_pos_train_f" + n + ".fa"));
    touch(dir / "train" / (set + "_neg_train_f" + n + ".fa"));
    touch(dir / "val" / (set + "_pos_val_f" + n + ".fa"));
    touch(dir / "val" / (set + "_neg_val_f" + n + ".fa"));
  }
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FoldFiles, SetNameIsTheFolderName) {
  EXPECT_EQ(fold_set_name("data/cv/human"), "human");
  EXPECT_EQ(fold_set_name("data/cv/human/"), "human");
  EXPECT_EQ(fold_set_name("mouse"), "mouse");
}

TEST(FoldFiles, FindsEveryFoldInOrder) {
  test::TempDir tmp;
  const fs::path dir = tmp.path() / "toy";
  make_fold_dir(dir, "toy", 3);
  touch(dir / "train" / "other_pos_train_f9.fa");  // another set: ignored
  const std::vector<FoldFiles> folds = find_fold_files(dir.string(), "toy");
  ASSERT_EQ(folds.size(), 3u);
  for (int k = 1; k <= 3; ++k) {
    const FoldFiles& f = folds[k - 1];
    const std::string n = std::to_string(k);
    EXPECT_EQ(f.fold, k);
    EXPECT_EQ(f.train_pos, (dir / "train" / ("toy_pos_train_f" + n + ".fa")).string());
    EXPECT_EQ(f.train_neg, (dir / "train" / ("toy_neg_train_f" + n + ".fa")).string());
    EXPECT_EQ(f.val_pos, (dir / "val" / ("toy_pos_val_f" + n + ".fa")).string());
    EXPECT_EQ(f.val_neg, (dir / "val" / ("toy_neg_val_f" + n + ".fa")).string());
  }
}

TEST(FoldFiles, FindsTheRepositorysCompressedHumanFolds) {
  const std::string dir = test::data_path("mirboost/cv/human");
  const std::vector<FoldFiles> folds = find_fold_files(dir, fold_set_name(dir));
  ASSERT_EQ(folds.size(), 5u);
  EXPECT_EQ(folds[4].val_neg, (fs::path(dir) / "val" / "human_neg_val_f5.fa.gz").string());
}

TEST(FoldFiles, PlainFilesWinOverCompressedOnesAndBothMayMix) {
  test::TempDir tmp;
  make_fold_dir(tmp.path(), "toy", 2);
  // Fold 2's training positives exist only compressed; fold 1's exist both ways.
  fs::rename(tmp.path() / "train" / "toy_pos_train_f2.fa",
             tmp.path() / "train" / "toy_pos_train_f2.fa.gz");
  fs::copy_file(tmp.path() / "train" / "toy_pos_train_f1.fa",
                tmp.path() / "train" / "toy_pos_train_f1.fa.gz");
  const std::vector<FoldFiles> folds = find_fold_files(tmp.path().string(), "toy");
  ASSERT_EQ(folds.size(), 2u);
  EXPECT_EQ(folds[0].train_pos, (tmp.path() / "train" / "toy_pos_train_f1.fa").string());
  EXPECT_EQ(folds[1].train_pos, (tmp.path() / "train" / "toy_pos_train_f2.fa.gz").string());
}

TEST(FoldFiles, MissingFileIsNamed) {
  test::TempDir tmp;
  make_fold_dir(tmp.path(), "toy", 3);
  const fs::path missing = tmp.path() / "val" / "toy_neg_val_f2.fa";
  fs::remove(missing);
  const std::string message = error_of([&] { find_fold_files(tmp.path().string(), "toy"); });
  EXPECT_THAT(message, HasSubstr("fold 2 of 3"));
  EXPECT_THAT(message, HasSubstr(missing.string()));
}

TEST(FoldFiles, GapInFoldNumbersIsAMissingFold) {
  test::TempDir tmp;
  make_fold_dir(tmp.path(), "toy", 3);
  for (const char* name : {"train/toy_pos_train_f2.fa", "train/toy_neg_train_f2.fa",
                           "val/toy_pos_val_f2.fa", "val/toy_neg_val_f2.fa"})
    fs::remove(tmp.path() / name);
  EXPECT_THAT(error_of([&] { find_fold_files(tmp.path().string(), "toy"); }),
              HasSubstr("toy_pos_train_f2.fa"));
}

TEST(FoldFiles, WrongSetOrLayoutOrSingleFoldIsAnError) {
  test::TempDir tmp;
  make_fold_dir(tmp.path(), "toy", 2);
  EXPECT_THAT(error_of([&] { find_fold_files(tmp.path().string(), "human"); }),
              HasSubstr("no fold files human_pos_train_fK.fa"));
  EXPECT_THAT(error_of([&] { find_fold_files((tmp.path() / "val").string(), "toy"); }),
              HasSubstr("not a fold directory"));
  test::TempDir single;
  make_fold_dir(single.path(), "toy", 1);
  EXPECT_THAT(error_of([&] { find_fold_files(single.path().string(), "toy"); }),
              HasSubstr("only one fold"));
}

// Item i's tokens are distinct from every other item's, so items can be told apart after the
// split (which looks at labels only).
LabelledSet numbered_set(std::size_t positives, std::size_t negatives) {
  LabelledSet s;
  for (std::size_t i = 0; i < positives + negatives; ++i) {
    s.tokens.push_back({static_cast<std::uint8_t>(i % 16), static_cast<std::uint8_t>(i / 16)});
    s.is_positive.push_back(i < positives ? 1 : 0);
  }
  s.positives = positives;
  s.negatives = negatives;
  return s;
}

TEST(StratifiedFolds, EveryItemValidatesOnceAndTrainsElsewhere) {
  const LabelledSet all = numbered_set(23, 61);
  const std::vector<CvFold> folds = stratified_cv_folds(all, 5, 42);
  ASSERT_EQ(folds.size(), 5u);
  // Tokens as strings: comparing them as byte vectors trips a bogus GCC 12 warning.
  const auto key = [](const std::vector<std::uint8_t>& t) {
    return std::string(t.begin(), t.end());
  };
  std::multiset<std::string> validated;
  for (const CvFold& f : folds) {
    EXPECT_EQ(f.train.tokens.size() + f.validation.tokens.size(), all.tokens.size());
    EXPECT_EQ(f.train.positives + f.validation.positives, 23u);
    EXPECT_EQ(f.train.negatives + f.validation.negatives, 61u);
    // Stratified: per class the validation sizes differ by at most one between folds.
    EXPECT_GE(f.validation.positives, 4u);
    EXPECT_LE(f.validation.positives, 5u);
    EXPECT_GE(f.validation.negatives, 12u);
    EXPECT_LE(f.validation.negatives, 13u);
    std::set<std::string> train;
    for (const auto& t : f.train.tokens) train.insert(key(t));
    for (const auto& t : f.validation.tokens) {
      EXPECT_EQ(train.count(key(t)), 0u);
      validated.insert(key(t));
    }
    std::size_t positives = 0;
    for (int p : f.validation.is_positive) positives += p;
    EXPECT_EQ(positives, f.validation.positives);
  }
  EXPECT_EQ(validated.size(), all.tokens.size());
  EXPECT_EQ(std::set(validated.begin(), validated.end()).size(), all.tokens.size());
  EXPECT_EQ(folds[0].name, "f1");
  EXPECT_EQ(folds[4].name, "f5");
}

TEST(StratifiedFolds, SeedChangesTheSplitDeterministically) {
  const LabelledSet all = numbered_set(20, 40);
  const auto a = stratified_cv_folds(all, 4, 1), b = stratified_cv_folds(all, 4, 1),
             c = stratified_cv_folds(all, 4, 2);
  EXPECT_EQ(a[0].validation.tokens, b[0].validation.tokens);
  EXPECT_NE(a[0].validation.tokens, c[0].validation.tokens);
}

TEST(BestEpoch, HighestMeanEarliestOnTiesNanNeverCounts) {
  std::vector<metrics::Summary> by_epoch(4);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double auroc[] = {0.7, nan, 0.9, 0.9};
  for (int i = 0; i < 4; ++i) by_epoch[i].mean.auroc = auroc[i];
  EXPECT_EQ(best_epoch(by_epoch, &metrics::Metrics::auroc), 3);
  for (auto& s : by_epoch) s.mean.aupr = nan;
  EXPECT_EQ(best_epoch(by_epoch, &metrics::Metrics::aupr), 0);
}

// Cross-validation runs on the tiny fixtures with a small network, so that it takes well
// under a second.
class CrossValidationRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    FoldCache cache;
    const EncodedSet pos =
        load_encoded_set(test::fixture_path("train/tiny_pos.fa"), cache, fold::turner2004(), 2);
    const EncodedSet neg =
        load_encoded_set(test::fixture_path("train/tiny_neg.fa"), cache, fold::turner2004(), 2);
    all_ = new LabelledSet(label_sets(pos, neg));
  }
  static void TearDownTestSuite() { delete all_; }

  static CvSettings small_settings() {
    CvSettings s;
    s.training.architecture = nn::Architecture{.recurrent = {{4}, {3}}, .dense = {8, 4}};
    s.training.seed = 5;
    s.training.batch_size = 8;
    s.training.learning_rate = 0.01f;
    s.epochs = 3;
    return s;
  }
  // The JSON without its timing, which is the only part allowed to vary between runs.
  static nlohmann::ordered_json reproducible_json(const CvResult& r, const CvSettings& s) {
    nlohmann::ordered_json j = cv_json(r, s);
    j.erase("timing");
    return j;
  }
  static LabelledSet* all_;
};
LabelledSet* CrossValidationRun::all_ = nullptr;

TEST_F(CrossValidationRun, RecordsEveryFoldAtEveryEpochAndSummarises) {
  const CvSettings s = small_settings();
  const std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  int reports = 0;
  const CvResult r = run_cross_validation(folds, s, [&](const FoldCurve& f, int epoch) {
    ++reports;
    EXPECT_EQ(f.validation.size(), static_cast<std::size_t>(epoch));
  });
  EXPECT_EQ(reports, 3 * 3);
  ASSERT_EQ(r.folds.size(), 3u);
  ASSERT_EQ(r.by_epoch.size(), 3u);
  for (std::size_t f = 0; f < 3; ++f) {
    EXPECT_EQ(r.folds[f].name, folds[f].name);
    EXPECT_EQ(r.folds[f].validation.size(), 3u);
    EXPECT_EQ(r.folds[f].loss.size(), 3u);
    EXPECT_EQ(r.folds[f].validation.back().n_pos, folds[f].validation.positives);
  }
  // The summary of an epoch is metrics::summarize over the folds at that epoch.
  const std::vector<metrics::Metrics> second = {r.folds[0].validation[1], r.folds[1].validation[1],
                                                r.folds[2].validation[1]};
  EXPECT_EQ(r.by_epoch[1].mean.auroc, metrics::summarize(second).mean.auroc);
  EXPECT_EQ(r.by_epoch[1].sd.aupr, metrics::summarize(second).sd.aupr);
  EXPECT_EQ(r.best_epoch_auroc, best_epoch(r.by_epoch, &metrics::Metrics::auroc));
  EXPECT_GE(r.best_epoch_auroc, 1);
  const std::string report = format_cv_report(r);
  EXPECT_THAT(report, HasSubstr("mean+-sd"));
  EXPECT_THAT(report, HasSubstr("best epoch by mean AUROC: " + std::to_string(r.best_epoch_auroc)));
  EXPECT_THAT(report, HasSubstr("best epoch by mean AUPR: " + std::to_string(r.best_epoch_aupr)));
}

TEST_F(CrossValidationRun, KeptScoresAreThoseBehindEveryEpochsMetrics) {
  CvSettings s = small_settings();
  s.keep_scores = true;
  const std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  const FoldCurve curve = train_fold(folds[1], s, {});
  ASSERT_EQ(curve.scores.size(), 3u);
  for (std::size_t e = 0; e < 3; ++e) {
    ASSERT_EQ(curve.scores[e].size(), folds[1].validation.tokens.size());
    const metrics::Metrics m =
        metrics::compute_metrics(curve.scores[e], folds[1].validation.is_positive);
    EXPECT_EQ(m.auroc, curve.validation[e].auroc);
    EXPECT_EQ(m.cm.tp, curve.validation[e].cm.tp);
  }
  // Without keep_scores nothing is kept, and the run is otherwise the same.
  const FoldCurve plain = train_fold(folds[1], small_settings(), {});
  EXPECT_TRUE(plain.scores.empty());
  EXPECT_EQ(plain.loss, curve.loss);

  // summarize_folds over separately trained folds equals run_cross_validation.
  std::vector<FoldCurve> separate;
  for (const CvFold& f : folds) separate.push_back(train_fold(f, small_settings(), {}));
  const CvResult pooled = summarize_folds(separate);
  const CvResult together = run_cross_validation(folds, small_settings());
  ASSERT_EQ(pooled.by_epoch.size(), together.by_epoch.size());
  EXPECT_EQ(pooled.by_epoch[2].mean.aupr, together.by_epoch[2].mean.aupr);
  EXPECT_EQ(pooled.best_epoch_aupr, together.best_epoch_aupr);
  separate[0].validation.pop_back();
  EXPECT_THROW(summarize_folds(separate), Error);
}

TEST_F(CrossValidationRun, MembersScoreTheMeanOfNetworksWithConsecutiveSeeds) {
  CvSettings s = small_settings();
  s.keep_scores = true;
  const std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  const FoldCurve first = train_fold(folds[0], s, {});
  s.training.seed += 1;
  const FoldCurve second = train_fold(folds[0], s, {});
  s.training.seed -= 1;
  s.members = 2;
  const FoldCurve both = train_fold(folds[0], s, {});
  ASSERT_EQ(both.scores.size(), 3u);
  for (std::size_t e = 0; e < 3; ++e) {
    for (std::size_t i = 0; i < both.scores[e].size(); ++i)
      EXPECT_FLOAT_EQ(both.scores[e][i], (first.scores[e][i] + second.scores[e][i]) / 2);
    EXPECT_DOUBLE_EQ(both.loss[e], (first.loss[e] + second.loss[e]) / 2);
  }
  EXPECT_NE(first.scores.back(), second.scores.back());
  // The settings record the members only for ensembles.
  EXPECT_EQ(cv_json(summarize_folds({both, both}), s)["settings"]["members"], 2);
  s.members = 1;
  EXPECT_FALSE(cv_json(summarize_folds({first, first}), s)["settings"].contains("members"));
}

TEST_F(CrossValidationRun, SameSeedGivesTheSameJson) {
  const CvSettings s = small_settings();
  const std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  const auto a = reproducible_json(run_cross_validation(folds, s), s);
  const auto b = reproducible_json(run_cross_validation(folds, s), s);
  EXPECT_EQ(a.dump(), b.dump());
  CvSettings other = s;
  other.training.seed = 6;
  EXPECT_NE(a.dump(), reproducible_json(run_cross_validation(folds, other), other).dump());
  CvSettings uniform = s;
  uniform.training.init = nn::InitScheme::kUniform;
  const auto u = reproducible_json(run_cross_validation(folds, uniform), uniform);
  EXPECT_EQ(u["settings"]["init"], "uniform");
  EXPECT_NE(a["folds"].dump(), u["folds"].dump());
}

TEST_F(CrossValidationRun, ParallelFoldsEqualSequentialFolds) {
  CvSettings sequential = small_settings();
  sequential.parallel_folds = 1;
  CvSettings parallel = sequential;
  parallel.parallel_folds = 3;
  const std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  EXPECT_EQ(reproducible_json(run_cross_validation(folds, sequential), sequential).dump(),
            reproducible_json(run_cross_validation(folds, parallel), parallel).dump());
}

TEST_F(CrossValidationRun, JsonHoldsCurvesSummaryAndBestEpochs) {
  const CvSettings s = small_settings();
  const CvResult r = run_cross_validation(stratified_cv_folds(*all_, 3, 9), s);
  const nlohmann::ordered_json j = cv_json(r, s);
  EXPECT_EQ(j["settings"]["seed"], 5);
  EXPECT_EQ(j["settings"]["learning_rate"], 0.01);
  ASSERT_EQ(j["folds"].size(), 3u);
  ASSERT_EQ(j["folds"][0]["epochs"].size(), 3u);
  EXPECT_EQ(j["folds"][0]["epochs"][2]["validation"], j["folds"][0]["final"]);
  EXPECT_EQ(j["by_epoch"].size(), 3u);
  EXPECT_EQ(j["by_epoch"][2]["mean"], j["summary"]["mean"]);
  EXPECT_EQ(j["best_epoch"]["auroc"], r.best_epoch_auroc);
  EXPECT_EQ(j["best_epoch"]["aupr"], r.best_epoch_aupr);
  EXPECT_EQ(j["timing"]["folds"].size(), 3u);
}

// The negatives of `all`, as a set of extra negatives.
LabelledSet negatives_of(const LabelledSet& all) {
  std::vector<std::size_t> rows;
  for (std::size_t k = 0; k < all.is_positive.size(); ++k)
    if (!all.is_positive[k]) rows.push_back(k);
  return subset(all, rows);
}

TEST_F(CrossValidationRun, ExtraNegativesAreDealtTrainedOnAndScoredApart) {
  const LabelledSet extra = negatives_of(*all_);
  std::vector<CvFold> plain = stratified_cv_folds(*all_, 3, 9);
  std::vector<CvFold> trained = plain, scored_only = plain;
  add_extra_negatives(trained, extra, true, 4);
  add_extra_negatives(scored_only, extra, false, 4);
  std::size_t dealt = 0;
  for (std::size_t f = 0; f < 3; ++f) {
    const std::size_t part = trained[f].extra_validation.tokens.size();
    dealt += part;
    EXPECT_EQ(trained[f].extra_validation.positives, 0u);
    EXPECT_EQ(trained[f].train.negatives, plain[f].train.negatives + extra.tokens.size() - part);
    EXPECT_EQ(scored_only[f].train.negatives, plain[f].train.negatives);
    EXPECT_EQ(scored_only[f].extra_validation.tokens, trained[f].extra_validation.tokens);
    EXPECT_EQ(trained[f].validation.tokens, plain[f].validation.tokens);
  }
  EXPECT_EQ(dealt, extra.tokens.size());

  const CvSettings s = small_settings();
  const CvResult r = run_cross_validation(trained, s);
  ASSERT_EQ(r.extra_by_epoch.size(), 3u);
  const FoldCurve& f0 = r.folds[0];
  ASSERT_EQ(f0.extra.size(), 3u);
  EXPECT_EQ(f0.extra[2].n_pos, trained[0].validation.positives);
  EXPECT_EQ(f0.extra[2].n_neg, trained[0].extra_validation.tokens.size());
  const nlohmann::ordered_json j = cv_json(r, s);
  EXPECT_TRUE(j["folds"][0]["epochs"][2].contains("extra"));
  EXPECT_TRUE(j["by_epoch"][2].contains("extra"));
  EXPECT_THAT(format_cv_report(r), HasSubstr("held-out extra negatives"));
  // Without extra negatives nothing of this appears.
  const CvResult none = run_cross_validation(plain, s);
  EXPECT_TRUE(none.extra_by_epoch.empty());
  EXPECT_FALSE(cv_json(none, s)["by_epoch"][0].contains("extra"));

  LabelledSet with_positive = extra;
  with_positive.is_positive[0] = 1;
  with_positive.positives = 1;
  EXPECT_THROW(add_extra_negatives(plain, with_positive, true, 4), Error);
  LabelledSet two = subset(extra, {0, 1});
  EXPECT_THROW(add_extra_negatives(plain, two, true, 4), Error);
}

TEST_F(CrossValidationRun, ExtraNegativesFollowTheFoldOfTheirOrigin) {
  const LabelledSet extra = negatives_of(*all_);
  std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  // Every item says it was made from a record of fold 2 (index 1), but the last is free.
  std::vector<int> origin(extra.tokens.size(), 1);
  origin.back() = -1;
  add_extra_negatives(folds, extra, true, 4, origin);
  const std::size_t free_in_fold2 = folds[1].extra_validation.tokens.size() - (origin.size() - 1);
  EXPECT_LE(free_in_fold2, 1u);
  EXPECT_EQ(folds[0].extra_validation.tokens.size() + folds[2].extra_validation.tokens.size(),
            1u - free_in_fold2);
  // Fold 2 never trains on what was made from its own validation records.
  const std::vector<CvFold> plain = stratified_cv_folds(*all_, 3, 9);
  EXPECT_EQ(folds[1].train.negatives, plain[1].train.negatives + 1 - free_in_fold2);

  std::vector<CvFold> again = stratified_cv_folds(*all_, 3, 9);
  std::vector<int> beyond(extra.tokens.size(), -1);
  beyond[0] = 3;
  EXPECT_THROW(add_extra_negatives(again, extra, true, 4, beyond), Error);
  EXPECT_THROW(add_extra_negatives(again, extra, true, 4, std::vector<int>{0}), Error);
}

TEST_F(CrossValidationRun, ScoredNegativesAreNeverTrainedOnAndScoredByEveryFold) {
  const LabelledSet scored = negatives_of(*all_);
  const std::vector<CvFold> plain = stratified_cv_folds(*all_, 3, 9);
  std::vector<CvFold> folds = plain;
  // The first item was made from a record that fold 3 (index 2) validates.
  std::vector<int> origin(scored.tokens.size(), -1);
  origin[0] = 2;
  add_scored_negatives(folds, scored, origin);
  for (std::size_t f = 0; f < 3; ++f) {
    EXPECT_EQ(folds[f].train.tokens, plain[f].train.tokens);
    EXPECT_EQ(folds[f].validation.tokens, plain[f].validation.tokens);
    EXPECT_TRUE(folds[f].extra_validation.tokens.empty());
    EXPECT_EQ(folds[f].scored_validation.positives, 0u);
    EXPECT_EQ(folds[f].scored_validation.tokens.size(), scored.tokens.size() - (f == 2 ? 0 : 1));
  }
  EXPECT_EQ(folds[2].scored_validation.tokens.front(), scored.tokens.front());
  EXPECT_EQ(folds[0].scored_validation.tokens.front(), scored.tokens[1]);

  // Scored beside extra negatives: each part is reported on its own.
  add_extra_negatives(folds, scored, true, 4);
  const CvSettings s = small_settings();
  const CvResult r = run_cross_validation(folds, s);
  ASSERT_EQ(r.scored_by_epoch.size(), 3u);
  ASSERT_EQ(r.extra_by_epoch.size(), 3u);
  const FoldCurve& f1 = r.folds[1];
  ASSERT_EQ(f1.scored.size(), 3u);
  EXPECT_EQ(f1.scored[2].n_pos, folds[1].validation.positives);
  EXPECT_EQ(f1.scored[2].n_neg, scored.tokens.size() - 1);
  EXPECT_EQ(f1.extra[2].n_neg, folds[1].extra_validation.tokens.size());
  const nlohmann::ordered_json j = cv_json(r, s);
  EXPECT_TRUE(j["folds"][1]["epochs"][2].contains("scored"));
  EXPECT_TRUE(j["by_epoch"][2].contains("scored"));
  EXPECT_THAT(format_cv_report(r), HasSubstr("scored-only negatives"));
  EXPECT_FALSE(cv_json(run_cross_validation(plain, s), s)["by_epoch"][0].contains("scored"));

  std::vector<CvFold> again = plain;
  LabelledSet with_positive = scored;
  with_positive.is_positive[0] = 1;
  with_positive.positives = 1;
  EXPECT_THROW(add_scored_negatives(again, with_positive), Error);
  EXPECT_THROW(add_scored_negatives(again, LabelledSet{}), Error);
  origin[0] = 3;
  EXPECT_THROW(add_scored_negatives(again, scored, origin), Error);
  EXPECT_THROW(add_scored_negatives(again, scored, std::vector<int>{0}), Error);
}

TEST_F(CrossValidationRun, FailingFoldIsReportedAfterTheOthersStop) {
  std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  folds[1].train.tokens[0] = {};  // an empty sequence: the trainer rejects it
  CvSettings s = small_settings();
  s.parallel_folds = 2;
  EXPECT_THROW(run_cross_validation(folds, s), Error);
}

TEST_F(CrossValidationRun, BadSettingsAreErrors) {
  std::vector<CvFold> folds = stratified_cv_folds(*all_, 3, 9);
  CvSettings s = small_settings();
  s.epochs = 0;
  EXPECT_THAT(error_of([&] { run_cross_validation(folds, s); }), HasSubstr("--epochs"));
  s = small_settings();
  s.members = 0;
  EXPECT_THAT(error_of([&] { run_cross_validation(folds, s); }), HasSubstr("--members"));
  folds.resize(1);
  EXPECT_THAT(error_of([&] { run_cross_validation(folds, small_settings()); }),
              HasSubstr("at least two folds"));
}

}  // namespace
}  // namespace mirgene::train
