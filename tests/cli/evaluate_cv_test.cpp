// `mirgene evaluate` and `mirgene cv`, run as the user runs them, on the tiny fixtures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "metrics/metrics.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string fixture(const std::string& name) {
  return test::shell_quoted(fs::absolute(test::fixture_path("train/" + name)).string());
}

// `mirgene ARGS` with an in-memory fold cache, from the repository root.
test::RunResult mirgene(const std::string& args) {
  return test::run(test::shell_quoted(fs::absolute(test::mirgene_bin()).string()) + " " + args +
                   " --no-fold-cache");
}

// A model trained for two epochs on the tiny fixtures, shared by the evaluate tests.
class EvaluateCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    const test::RunResult r =
        mirgene("train --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
                " --epochs 2 --seed 3 --threads 1 --batch-size 16 -o " + model());
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string model() { return test::shell_quoted(dir_->file("model.safetensors")); }
  static std::string evaluate_args() {
    return "evaluate --model " + model() + " --pos " + fixture("tiny_val_pos.fa") + " --neg " +
           fixture("tiny_val_neg.fa") + " --threads 2";
  }
  static test::TempDir* dir_;
};
test::TempDir* EvaluateCli::dir_ = nullptr;

TEST_F(EvaluateCli, JsonMetricsAreThoseOfTheWrittenScores) {
  const std::string json = dir_->file("metrics.json"), scores = dir_->file("scores.tsv");
  const test::RunResult r =
      mirgene(evaluate_args() + " --json " + test::shell_quoted(json) + " --scores " + test::shell_quoted(scores));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("AUROC"));
  EXPECT_THAT(r.out, HasSubstr("confusion matrix"));
  EXPECT_THAT(r.out, HasSubstr("KS test"));

  std::istringstream in(test::read_text(scores));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id\tclass\tscore");
  std::vector<float> values;
  std::vector<int> labels;
  while (std::getline(in, line)) {
    const auto tab1 = line.find('\t'), tab2 = line.rfind('\t');
    labels.push_back(line.substr(tab1 + 1, tab2 - tab1 - 1) == "pre-miRNA" ? 1 : 0);
    values.push_back(std::stof(line.substr(tab2 + 1)));
  }
  ASSERT_EQ(values.size(), 20u);  // 8 + 12 validation records
  const nlohmann::json doc = nlohmann::json::parse(test::read_text(json));
  const metrics::Metrics expected = metrics::compute_metrics(values, labels, 0.5);
  const nlohmann::json& m = doc["metrics"];
  EXPECT_EQ(m["n_pos"], 8);
  EXPECT_EQ(m["n_neg"], 12);
  EXPECT_EQ(m["tp"], expected.cm.tp);
  EXPECT_EQ(m["fp"], expected.cm.fp);
  // The TSV rounds scores to 6 decimals: rank metrics may only move with near-ties.
  EXPECT_NEAR(m["auroc"].get<double>(), expected.auroc, 1e-9);
  EXPECT_NEAR(m["aupr"].get<double>(), expected.aupr, 1e-9);
}

TEST_F(EvaluateCli, FormatJsonPrintsTheDocumentAndThresholdIsUsed) {
  const test::RunResult r = mirgene(evaluate_args() + " --format json --threshold 0");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["metrics"]["threshold"], 0.0);
  EXPECT_EQ(doc["metrics"]["tp"], 8);
  EXPECT_EQ(doc["metrics"]["fp"], 12);
  EXPECT_EQ(doc["positives"]["records"], 8);
}

TEST_F(EvaluateCli, MissingInputFailsWithItsName) {
  const test::RunResult r = mirgene("evaluate --model " + model() +
                                    " --pos no-such-file.fa --neg " + fixture("tiny_val_neg.fa"));
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("no-such-file.fa"));
}

std::string cv_stratified(const std::string& json, int threads) {
  return "cv --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
         " --folds 3 --epochs 2 --seed 4 --batch-size 16 --threads " + std::to_string(threads) +
         " --json " + test::shell_quoted(json);
}

nlohmann::json without_timing(const std::string& path) {
  nlohmann::json j = nlohmann::json::parse(test::read_text(path));
  j.erase("timing");
  return j;
}

TEST(CvCli, StratifiedFoldsReportFoldsSummaryAndBestEpochs) {
  test::TempDir tmp;
  const test::RunResult r = mirgene(cv_stratified(tmp.file("a.json"), 2));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("mean+-sd"));
  EXPECT_THAT(r.out, HasSubstr("best epoch by mean AUROC"));
  EXPECT_THAT(r.out, HasSubstr("best epoch by mean AUPR"));
  EXPECT_THAT(r.err, HasSubstr("fold f3 epoch 2/2"));
  const nlohmann::json j = without_timing(tmp.file("a.json"));
  ASSERT_EQ(j["folds"].size(), 3u);
  EXPECT_EQ(j["folds"][2]["epochs"].size(), 2u);
  EXPECT_EQ(j["by_epoch"].size(), 2u);
  EXPECT_GE(j["best_epoch"]["auroc"].get<int>(), 1);
  EXPECT_LE(j["best_epoch"]["auroc"].get<int>(), 2);
  // 24 positives and 36 negatives, every one validated once.
  EXPECT_EQ(j["summary"]["mean"]["n_pos"], 24);
  EXPECT_EQ(j["summary"]["mean"]["n_neg"], 36);

  // Folds run one per thread: the thread count does not change the results.
  const test::RunResult sequential = mirgene(cv_stratified(tmp.file("b.json"), 1));
  ASSERT_EQ(sequential.status, 0) << sequential.err;
  EXPECT_EQ(j, without_timing(tmp.file("b.json")));
}

// A fold directory made of the fixtures: fold K validates on the tiny validation files.
void make_fold_dir(const fs::path& dir, int folds) {
  fs::create_directories(dir / "train");
  fs::create_directories(dir / "val");
  for (int k = 1; k <= folds; ++k) {
    const std::string n = std::to_string(k);
    for (const char* cls : {"pos", "neg"}) {
      const std::string c = cls;
      fs::copy_file(test::fixture_path("train/tiny_" + c + ".fa"),
                    dir / "train" / ("toy_" + c + "_train_f" + n + ".fa"));
      fs::copy_file(test::fixture_path("train/tiny_val_" + c + ".fa"),
                    dir / "val" / ("toy_" + c + "_val_f" + n + ".fa"));
    }
  }
}

TEST(CvCli, FoldDirectoryRunsEveryFold) {
  test::TempDir tmp;
  make_fold_dir(tmp.path() / "toy", 2);
  const test::RunResult r = mirgene("cv --folds-dir " + test::shell_quoted((tmp.path() / "toy").string()) +
                                    " --epochs 1 --batch-size 16 --no-class-weights --json " +
                                    test::shell_quoted(tmp.file("cv.json")));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("2 folds of set 'toy'"));
  const nlohmann::json j = without_timing(tmp.file("cv.json"));
  ASSERT_EQ(j["folds"].size(), 2u);
  EXPECT_EQ(j["folds"][0]["fold"], "f1");
  EXPECT_EQ(j["folds"][0]["train_pos"], 24);
  EXPECT_EQ(j["folds"][0]["final"]["n_pos"], 8);
  EXPECT_EQ(j["settings"]["class_weights"], false);
  // Both folds hold the same data and seed, so they train to the same network.
  EXPECT_EQ(j["folds"][0]["final"], j["folds"][1]["final"]);
}

TEST(CvCli, MissingFoldFileAndBadOptionsFail) {
  test::TempDir tmp;
  const fs::path dir = tmp.path() / "toy";
  make_fold_dir(dir, 2);
  fs::remove(dir / "val" / "toy_pos_val_f2.fa");
  const test::RunResult missing = mirgene("cv --folds-dir " + test::shell_quoted(dir.string()) + " --epochs 1");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.err, HasSubstr("toy_pos_val_f2.fa"));

  const test::RunResult both = mirgene("cv --folds-dir " + test::shell_quoted(dir.string()) + " --pos " +
                                       fixture("tiny_pos.fa") + " --epochs 1");
  EXPECT_EQ(both.status, 1);
  EXPECT_THAT(both.err, HasSubstr("either --folds-dir or --pos and --neg"));
}

}  // namespace
}  // namespace mirgene
