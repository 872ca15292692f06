// `mirgene train` and `mirgene predict`, run as the user runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "nn/model_file.hpp"
#include "nn/safetensors.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

using test::lines_of;
using test::split_tabs;

std::string fixture(const std::string& name) {
  return fs::absolute(test::fixture_path("train/" + name)).string();
}

struct RunResult {
  int status;
  std::string out, err;
};

// Runs `mirgene ARGS` inside `dir` (relative paths in ARGS are relative to it), with a fixed
// SOURCE_DATE_EPOCH so that model files are comparable byte for byte.
RunResult run_in(const fs::path& dir, const std::string& args, const std::string& env = "") {
  const std::string bin = fs::absolute(test::mirgene_bin()).string();
  const std::string command = "cd " + test::shell_quoted(dir.string()) +
                              " && SOURCE_DATE_EPOCH=1500000000 MIRGENE_CACHE_DIR=cache " + env +
                              " " + test::shell_quoted(bin) + " " + args +
                              " >stdout.txt 2>stderr.txt";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, test::read_text(dir / "stdout.txt"),
          test::read_text(dir / "stderr.txt")};
}

std::string tiny_training(int epochs, const std::string& extra = "") {
  return "train --pos " + test::shell_quoted(fixture("tiny_pos.fa")) + " --neg " +
         test::shell_quoted(fixture("tiny_neg.fa")) + " --val-pos " +
         test::shell_quoted(fixture("tiny_val_pos.fa")) + " --val-neg " +
         test::shell_quoted(fixture("tiny_val_neg.fa")) + " --epochs " + std::to_string(epochs) +
         " --seed 7 --threads 2 --batch-size 16 " + extra;
}

// Every tensor of a safetensors file, by name, as raw float values.
std::map<std::string, std::vector<float>> tensors_of(const fs::path& path) {
  std::map<std::string, std::vector<float>> out;
  for (auto& t : nn::read_safetensors(path.string()).tensors) out[t.name] = t.values;
  return out;
}

TEST(TrainCommand, GcBalancedWeightsAreRecordedAndChangeTheWeights) {
  test::TempDir dir;
  const RunResult plain = run_in(dir.path(), tiny_training(1, "-o plain.safetensors"));
  ASSERT_EQ(plain.status, 0) << plain.err;
  const RunResult gc = run_in(dir.path(), tiny_training(1, "--gc-balanced -o gc.safetensors"));
  ASSERT_EQ(gc.status, 0) << gc.err;
  const nn::ModelFile model = nn::load_model(dir.file("gc.safetensors"));
  EXPECT_EQ(model.metadata.at("class_weights"), "gc-balanced");
  EXPECT_THAT(model.metadata.at("command_line"), HasSubstr("--gc-balanced"));
  // Same data, seed and order: only the loss weights differ, and so do the weights learnt.
  EXPECT_NE(tensors_of(dir.path() / "gc.safetensors"),
            tensors_of(dir.path() / "plain.safetensors"));
}

TEST(TrainCommand, ExtraNegativeShareIsRecordedChangesTheWeightsAndNeedsExtraNegatives) {
  test::TempDir dir;
  const std::string extra = " --extra-neg " + test::shell_quoted(fixture("tiny_val_neg.fa"));
  const RunResult plain = run_in(dir.path(), tiny_training(1, extra + " -o plain.safetensors"));
  ASSERT_EQ(plain.status, 0) << plain.err;
  const RunResult shared =
      run_in(dir.path(), tiny_training(1, extra + " --extra-neg-share 0.9 -o shared.safetensors"));
  ASSERT_EQ(shared.status, 0) << shared.err;
  const nn::ModelFile model = nn::load_model(dir.file("shared.safetensors"));
  EXPECT_EQ(model.metadata.at("extra_negative_share"), "0.9");
  EXPECT_THAT(model.metadata.at("command_line"), HasSubstr("--extra-neg-share 0.9"));
  EXPECT_NE(tensors_of(dir.path() / "shared.safetensors"),
            tensors_of(dir.path() / "plain.safetensors"));

  const RunResult alone =
      run_in(dir.path(), tiny_training(1, "--extra-neg-share 0.5 -o alone.safetensors"));
  EXPECT_NE(alone.status, 0);
  EXPECT_THAT(alone.err, HasSubstr("--extra-neg-share needs --extra-neg"));
  const RunResult binned = run_in(
      dir.path(), tiny_training(1, extra + " --extra-neg-share 0.5 --gc-balanced -o b.safetensors"));
  EXPECT_NE(binned.status, 0);
  EXPECT_THAT(binned.err, HasSubstr("balanced class weights only"));
}

TEST(TrainCommand, TinyRunWritesALoadableModelWithProvenance) {
  test::TempDir dir;
  const RunResult r = run_in(dir.path(), tiny_training(2, "-o m.safetensors --history h.json"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("epoch 1/2"));
  EXPECT_THAT(r.err, HasSubstr("epoch 2/2"));
  EXPECT_THAT(r.err, HasSubstr("val AUROC"));
  EXPECT_THAT(r.err, HasSubstr("ETA"));

  const nn::ModelFile model = nn::load_model(dir.file("m.safetensors"));
  const auto& meta = model.metadata;
  EXPECT_EQ(meta.at("seed"), "7");
  EXPECT_EQ(meta.at("epochs"), "2");
  EXPECT_EQ(meta.at("class_weights"), "balanced");
  EXPECT_EQ(meta.at("date"), "2017-07-14T02:40:00Z");
  EXPECT_EQ(meta.at("mirgene_version"), MIRGENE_VERSION);
  EXPECT_THAT(meta.at("command_line"), HasSubstr("--epochs 2 --seed 7 --threads 2"));
  const auto data = nlohmann::json::parse(meta.at("training_data"));
  EXPECT_EQ(data["positives"]["records"], 24);
  EXPECT_EQ(data["negatives"]["records"], 36);
  EXPECT_EQ(data["positives"]["fnv1a64"].get<std::string>().size(), 16u);
  const auto val = nlohmann::json::parse(meta.at("validation_metrics"));
  EXPECT_EQ(val["n_pos"], 8);
  EXPECT_EQ(val["n_neg"], 12);
  EXPECT_TRUE(meta.contains("architecture"));

  const auto history = nlohmann::json::parse(test::read_text(dir.path() / "h.json"));
  ASSERT_EQ(history["epochs"].size(), 2u);
  EXPECT_EQ(history["epochs"][1]["epoch"], 2);
  EXPECT_TRUE(history["epochs"][1]["loss"].is_number());
  EXPECT_TRUE(history["epochs"][1]["validation"]["auroc"].is_number());
  EXPECT_EQ(history["epochs"][1]["validation"], val);
  EXPECT_TRUE(fs::exists(dir.path() / "m.checkpoint.safetensors"));

  // The second run reads every fold from the cache written by the first.
  const RunResult again = run_in(dir.path(), tiny_training(1, "-o m2.safetensors"));
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("24 records used (24 folds from the cache, 0 folded)"));
}

TEST(TrainCommand, ResumedRunEqualsUninterruptedRun) {
  test::TempDir interrupted, straight;
  ASSERT_EQ(run_in(interrupted.path(), tiny_training(2, "-o m.safetensors")).status, 0);
  const RunResult resumed =
      run_in(interrupted.path(), tiny_training(4, "-o m.safetensors --resume"));
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_THAT(resumed.err, Not(HasSubstr("epoch 2/4")));
  EXPECT_THAT(resumed.err, HasSubstr("epoch 3/4"));
  ASSERT_EQ(run_in(straight.path(), tiny_training(4, "-o m.safetensors")).status, 0);

  // Exact equality of every float: weights and optimiser state alike.
  const auto a = tensors_of(interrupted.path() / "m.checkpoint.safetensors");
  const auto b = tensors_of(straight.path() / "m.checkpoint.safetensors");
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(tensors_of(interrupted.path() / "m.safetensors") ==
              tensors_of(straight.path() / "m.safetensors"));
}

TEST(TrainCommand, SameSeedAndThreadsGiveTheSameFile) {
  test::TempDir first, second;
  ASSERT_EQ(run_in(first.path(), tiny_training(2, "-o m.safetensors")).status, 0);
  ASSERT_EQ(run_in(second.path(), tiny_training(2, "-o m.safetensors")).status, 0);
  const std::string a = test::read_text(first.path() / "m.safetensors");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == test::read_text(second.path() / "m.safetensors"));
}

TEST(TrainCommand, RefusesToResumeWithOtherOptions) {
  test::TempDir dir;
  ASSERT_EQ(run_in(dir.path(), tiny_training(1, "-o m.safetensors")).status, 0);
  const RunResult r = run_in(dir.path(), tiny_training(2, "-o m.safetensors --resume --lr 0.01"));
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot resume"));
  EXPECT_THAT(r.err, HasSubstr("learning_rate: checkpoint 0.001, now 0.01"));

  const RunResult none = run_in(dir.path(), tiny_training(2, "-o other.safetensors --resume"));
  EXPECT_EQ(none.status, 1);
  EXPECT_THAT(none.err, HasSubstr("no checkpoint"));
}

TEST(TrainCommand, FailsWhenAClassIsEmpty) {
  test::TempDir dir;
  std::ofstream(dir.path() / "none.fa") << ">only\n" << std::string(450, 'A') << "\n";
  const RunResult r =
      run_in(dir.path(), "train --pos " + test::shell_quoted(fixture("tiny_pos.fa")) +
                             " --neg none.fa --epochs 1 -o m.safetensors");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("skipped none.fa: record 'only' (#1): too long: 450 nt > 400"));
  EXPECT_THAT(r.err, HasSubstr("none.fa: no usable records"));
}

TEST(TrainCommand, ADivergingRunStopsWithAClearErrorAndSavesNoBrokenModel) {
  test::TempDir dir;
  // A learning rate near float's maximum turns the weights infinite within the first epoch.
  const RunResult r = run_in(dir.path(), tiny_training(3, "--lr 3.4e38 -o m.safetensors"));
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("training diverged in epoch 1"));
  EXPECT_THAT(r.err, HasSubstr("a lower --lr may help"));
  EXPECT_FALSE(fs::exists(dir.path() / "m.safetensors"));
}

// One model shared by the predict tests.
class PredictCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_dir_ = new test::TempDir;
    const RunResult r = run_in(model_dir_->path(), tiny_training(1, "-o m.safetensors"));
    ASSERT_EQ(r.status, 0) << r.err;
    model_ = model_dir_->file("m.safetensors");
  }
  static void TearDownTestSuite() {
    delete model_dir_;
    model_dir_ = nullptr;
  }
  static test::TempDir* model_dir_;
  static std::string model_;
  test::TempDir dir_;
};
test::TempDir* PredictCommand::model_dir_ = nullptr;
std::string PredictCommand::model_;

TEST_F(PredictCommand, TsvHasOneRowPerRecordInInputOrder) {
  const RunResult r =
      run_in(dir_.path(), "predict " + test::shell_quoted(fixture("mixed.fa")) + " --model " +
                              test::shell_quoted(model_) + " --threads 2");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 7u) << r.out;
  EXPECT_EQ(lines[0], "id\tlength\tprob_premirna\tlabel\tmfe\tstructure\tstatus");
  const std::vector<std::string> ids = {"good1", "long1", "gap1", "lower1", "empty1", "good2"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto f = split_tabs(lines[i + 1]);
    ASSERT_EQ(f.size(), 7u) << lines[i + 1];
    EXPECT_EQ(f[0], ids[i]);
  }
  for (int row : {1, 4, 6}) {
    const auto f = split_tabs(lines[row]);
    EXPECT_EQ(f[6], "ok");
    EXPECT_THAT(f[3], ::testing::AnyOf("pre-miRNA", "other"));
    const double p = std::stod(f[2]);
    EXPECT_GE(p, 0.0);
    EXPECT_LE(p, 1.0);
    EXPECT_EQ(f[2].size() - f[2].find('.') - 1, 6u) << f[2];
    EXPECT_EQ(f[5].size(), std::stoul(f[1]));
    EXPECT_NE(f[4], "-");
  }
  // Too long: neither folded nor scored (issue 15, item 4: folding it was work for nothing).
  const auto too_long = split_tabs(lines[2]);
  EXPECT_EQ(too_long[1], "450");
  EXPECT_EQ(too_long[2], "-");
  EXPECT_EQ(too_long[3], "-");
  EXPECT_EQ(too_long[4], "-");
  EXPECT_EQ(too_long[5], "-");
  EXPECT_EQ(too_long[6], "too long: 450 nt > 400");
  // Unreadable records: a row with the reader's reason, and a message on stderr.
  EXPECT_THAT(split_tabs(lines[3])[6], HasSubstr("invalid record: invalid character '-'"));
  EXPECT_THAT(split_tabs(lines[5])[6], HasSubstr("invalid record:"));
  EXPECT_THAT(r.err, HasSubstr("record 'gap1'"));
  EXPECT_THAT(r.err, HasSubstr("3 of 6 records could not be processed"));
}

TEST_F(PredictCommand, ThresholdDecidesTheLabel) {
  const std::string input = test::shell_quoted(fixture("tiny_pos.fa"));
  const RunResult all = run_in(
      dir_.path(), "predict " + input + " -m " + test::shell_quoted(model_) + " --threshold 0");
  ASSERT_EQ(all.status, 0) << all.err;
  const RunResult none = run_in(
      dir_.path(), "predict " + input + " -m " + test::shell_quoted(model_) + " --threshold 1");
  ASSERT_EQ(none.status, 0) << none.err;
  const auto a = lines_of(all.out), n = lines_of(none.out);
  ASSERT_EQ(a.size(), 25u);
  for (std::size_t i = 1; i < a.size(); ++i) {
    EXPECT_EQ(split_tabs(a[i])[3], "pre-miRNA");
    EXPECT_EQ(split_tabs(a[i])[2], split_tabs(n[i])[2]);
  }
}

TEST_F(PredictCommand, JsonLinesParseAndMatchTheTsv) {
  const RunResult tsv = run_in(dir_.path(), "predict " + test::shell_quoted(fixture("mixed.fa")) +
                                                " --model " + test::shell_quoted(model_));
  const RunResult json =
      run_in(dir_.path(), "predict --format json --model " + test::shell_quoted(model_) + " - < " +
                              test::shell_quoted(fixture("mixed.fa")));
  ASSERT_EQ(json.status, 0) << json.err;
  const auto rows = lines_of(json.out);
  const auto tsv_rows = lines_of(tsv.out);
  ASSERT_EQ(rows.size(), 6u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto j = nlohmann::json::parse(rows[i]);
    const auto f = split_tabs(tsv_rows[i + 1]);
    EXPECT_EQ(j["id"], f[0]);
    EXPECT_EQ(j["status"], f[6]);
    if (f[2] == "-") {
      EXPECT_TRUE(j["prob_premirna"].is_null());
    } else {
      EXPECT_NEAR(j["prob_premirna"].get<double>(), std::stod(f[2]), 1e-9);
      EXPECT_EQ(j["label"], f[3]);
    }
  }
  EXPECT_THAT(json.err, HasSubstr("<stdin>"));
}

TEST_F(PredictCommand, MissingModelIsAClearError) {
  const RunResult r = run_in(dir_.path(), "predict " + test::shell_quoted(fixture("mixed.fa")),
                             "MIRGENE_MODEL=" + dir_.file("absent.safetensors"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("no model file found"));
  EXPECT_THAT(r.err, HasSubstr(dir_.file("absent.safetensors")));

  const RunResult given = run_in(dir_.path(), "predict " + test::shell_quoted(fixture("mixed.fa")) +
                                                  " --model nowhere.safetensors");
  EXPECT_EQ(given.status, 1);
  EXPECT_THAT(given.err, HasSubstr("nowhere.safetensors"));
}

TEST_F(PredictCommand, DefaultModelFromTheEnvironment) {
  const RunResult r = run_in(dir_.path(), "predict " + test::shell_quoted(fixture("tiny_neg.fa")),
                             "MIRGENE_MODEL=" + test::shell_quoted(model_));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines_of(r.out).size(), 37u);
}

}  // namespace
}  // namespace mirgene
