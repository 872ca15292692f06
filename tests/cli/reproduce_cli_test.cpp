// `mirgene reproduce` end to end on a miniature miRBoost layout made of the tiny fixtures:
// the protocol's JSON, the rendered Markdown beside the paper's figures, installed models.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

void copy_fixture(const std::string& name, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(test::fixture_path("train/" + name), to, fs::copy_options::overwrite_existing);
}

// The benchmark's layout with 2 prepared folds per set; every file is one of the fixtures.
void make_benchmark(const fs::path& root) {
  for (const std::string set : {"human", "whole"}) {
    const fs::path cv = root / "cv" / set;
    for (const std::string cls : {"pos", "neg"}) {
      for (const std::string k : {"1", "2"}) {
        copy_fixture("tiny_" + cls + ".fa", cv / "train" / (set + "_" + cls + "_train_f" + k + ".fa"));
        copy_fixture("tiny_val_" + cls + ".fa", cv / "val" / (set + "_" + cls + "_val_f" + k + ".fa"));
      }
      copy_fixture("tiny_" + cls + ".fa", cv / (set + "_" + cls + "_all.fa"));
      copy_fixture("tiny_val_" + cls + ".fa", root / "test" / set / (set + "_" + cls + "_test.fa"));
    }
  }
  for (const std::string cls : {"pos", "neg"}) {
    copy_fixture("tiny_" + cls + ".fa", root / "sequences" / ("whole_" + cls + ".fa"));
    copy_fixture("tiny_val_" + cls + ".fa", root / "sequences" / ("new_" + cls + ".fa"));
  }
  // The cross-species set and the full sequences stored compressed, as data/mirboost keeps
  // them: the protocol reads both layouts.
  const test::RunResult gzip = test::run("gzip -n -r " + test::shell_quoted((root / "cv" / "whole").string()) +
                                         " " + test::shell_quoted((root / "sequences").string()));
  ASSERT_EQ(gzip.status, 0) << gzip.err;
  ASSERT_TRUE(fs::exists(root / "sequences" / "new_pos.fa.gz"));
}

test::RunResult mirgene(const std::string& args) {
  return test::run(test::shell_quoted(fs::absolute(test::mirgene_bin()).string()) + " " + args);
}

TEST(ReproduceCli, RunsTheProtocolAndRendersTheTables) {
  test::TempDir tmp;
  make_benchmark(tmp.path() / "mirboost");
  const std::string paper = test::shell_quoted(fs::absolute(test::paper_file()).string());
  const std::string common = " --paper " + paper + " --results-dir " + test::shell_quoted(tmp.file("results")) +
                             " --markdown " + test::shell_quoted(tmp.file("results.md"));
  const test::RunResult r = mirgene(
      "reproduce --data " + test::shell_quoted(tmp.file("mirboost")) + " --seeds 5,6 --max-epochs 2 -j 2" +
      " --work-dir " + test::shell_quoted(tmp.file("work")) + " --install-models " + test::shell_quoted(tmp.file("models")) +
      " --no-fold-cache" + common);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("[8/8 cross-validation runs done"));

  const nlohmann::json j = nlohmann::json::parse(test::read_text(tmp.file("results/tables23.json")));
  for (const char* set : {"human", "whole"}) {
    const nlohmann::json& cv = j["cv"][set];
    EXPECT_EQ(cv["runs"], 4) << set;  // 2 folds x 2 seeds
    EXPECT_EQ(cv["curve"].size(), 2u);
    const int chosen = cv["chosen_epoch"];
    EXPECT_TRUE(chosen == 1 || chosen == 2);
    // The chosen epoch has the best mean validation AUPR of the curve.
    for (const auto& point : cv["curve"])
      EXPECT_LE(point["aupr"].get<double>(), cv["curve"][chosen - 1]["aupr"].get<double>());
    EXPECT_EQ(cv["summary"]["count"], 4);
    EXPECT_EQ(cv["summary"]["mean"]["n_pos"], 4 * 8);  // pooled over the runs
  }
  for (const char* target : {"human", "cross", "new"}) {
    const nlohmann::json& t = j["test"][target];
    ASSERT_EQ(t["per_seed"].size(), 2u) << target;
    EXPECT_EQ(t["per_seed"][1]["seed"], 6);
    EXPECT_EQ(t["summary_at_0.5"]["count"], 2);
    EXPECT_EQ(t["per_seed"][0]["at_0.5"]["n_pos"], 8);
    // Every test metric carries its bootstrap interval, which holds the measured value.
    const nlohmann::json& interval = t["per_seed"][0]["bootstrap_95_at_0.5"];
    EXPECT_EQ(interval["replicates"], 1000);
    const double auroc = t["per_seed"][0]["at_0.5"]["auroc"];
    EXPECT_LE(interval["auroc"][0].get<double>(), auroc);
    EXPECT_GE(interval["auroc"][1].get<double>(), auroc);
    EXPECT_EQ(t["epochs"], j["cv"][std::string(target) == "human" ? "human" : "whole"]["chosen_epoch"]);
  }
  EXPECT_EQ(j["protocol"]["seeds"], nlohmann::json::array({5, 6}));
  EXPECT_THAT(j.dump(), HasSubstr("sequences/new_pos.fa.gz"));  // compressed files were read

  const std::string md = test::read_text(tmp.file("results.md"));
  EXPECT_THAT(md, HasSubstr("| **mirgene** | human test | 0.5 |"));
  EXPECT_THAT(md, HasSubstr("| **mirgene** | cross CV | 0.5 |"));
  EXPECT_THAT(md, HasSubstr("| **mirgene** | new | 0.5 |"));
  EXPECT_THAT(md, HasSubstr("| **deepMiRGene** (paper) | human test | | 0.822 | 0.992 |"));
  EXPECT_THAT(md, HasSubstr("| human test | AUROC |"));
  EXPECT_THAT(md, HasSubstr("--seeds 5,6 --max-epochs 2"));
  EXPECT_THAT(md, ::testing::ContainsRegex("\\| human test \\| 5 \\| [12] \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\|"));
  EXPECT_THAT(md, HasSubstr("[robustness.md](robustness.md)"));

  // The installed default model predicts without further options and names its CV origin.
  const test::RunResult p = mirgene("predict -m " + test::shell_quoted(tmp.file("models/mirgene-whole.safetensors")) +
                                    " " + test::shell_quoted(fs::absolute(test::fixture_path("train/tiny_val_pos.fa")).string()));
  EXPECT_EQ(p.status, 0) << p.err;
  EXPECT_TRUE(fs::exists(tmp.file("models/mirgene-human.safetensors")));

  // Rendering again from the stored parts gives the same document.
  const std::string before = md;
  const test::RunResult again = mirgene("reproduce --render-only" + common);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(test::read_text(tmp.file("results.md")), before);
}

TEST(ReproduceCli, TablesTwoAndThreeTrainTheNetworkGivenByArch) {
  test::TempDir tmp;
  make_benchmark(tmp.path() / "mirboost");
  const test::RunResult r = mirgene(
      "reproduce --arch lstm1-att --data " + test::shell_quoted(tmp.file("mirboost")) +
      " --seeds 3 --max-epochs 1 -j 2 --no-fold-cache --work-dir " + test::shell_quoted(tmp.file("work")) +
      " --install-models " + test::shell_quoted(tmp.file("models")) + " --paper " +
      test::shell_quoted(fs::absolute(test::paper_file()).string()) +
      " --results-dir " + test::shell_quoted(tmp.file("results")) + " --markdown " +
      test::shell_quoted(tmp.file("results.md")));
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(test::read_text(tmp.file("results/tables23.json")));
  EXPECT_EQ(j["protocol"]["architecture"]["recurrent"].size(), 1u);
  EXPECT_THAT(j["command_line"].get<std::string>(), HasSubstr("--arch lstm1-att"));
  // The installed model carries that network: explain reads its single LSTM layer.
  const test::RunResult e = mirgene("explain -m " + test::shell_quoted(tmp.file("models/mirgene-whole.safetensors")) +
                                    " " + test::shell_quoted(fs::absolute(test::fixture_path("train/tiny_val_pos.fa")).string()));
  EXPECT_EQ(e.status, 0) << e.err;

  // An unknown network fails before any training.
  const test::RunResult bad = mirgene(
      "reproduce --arch lstm7 --data " + test::shell_quoted(tmp.file("mirboost")) + " --no-fold-cache --paper " +
      test::shell_quoted(fs::absolute(test::paper_file()).string()) +
      " --results-dir " + test::shell_quoted(tmp.file("bad")) + " --markdown " + test::shell_quoted(tmp.file("bad.md")));
  EXPECT_NE(bad.status, 0);
  EXPECT_THAT(bad.err, HasSubstr("lstm7"));
  EXPECT_FALSE(fs::exists(tmp.file("bad.md")));
}

TEST(ReproduceCli, ArchitecturePartCrossValidatesTheNamedVariants) {
  test::TempDir tmp;
  make_benchmark(tmp.path() / "mirboost");
  const std::string paper = test::shell_quoted(fs::absolute(test::paper_file()).string());
  // An own config file joins the comparison under its file name.
  {
    std::ofstream own(tmp.file("own-small.json"));
    own << R"({"input": "both", "recurrent": [{"units": 6}], "attention": true, "dense": [8]})";
  }
  const test::RunResult r = mirgene(
      "reproduce --part architectures --variants lstm1-att,input-structure," +
      test::shell_quoted(tmp.file("own-small.json")) + ",lstm2-att --data " +
      test::shell_quoted(tmp.file("mirboost")) + " --seeds 2 --max-epochs 2 -j 2 --no-fold-cache --paper " +
      paper + " --results-dir " + test::shell_quoted(tmp.file("results")) + " --markdown " +
      test::shell_quoted(tmp.file("results.md")));
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j =
      nlohmann::json::parse(test::read_text(tmp.file("results/architectures.json")));
  ASSERT_EQ(j["variants"].size(), 4u);  // shipped ones in the paper's order, then own ones
  EXPECT_EQ(j["variants"][0]["name"], "lstm1-att");
  EXPECT_EQ(j["variants"][0]["architecture"]["recurrent"].size(), 1u);
  EXPECT_EQ(j["variants"][1]["name"], "lstm2-att");
  EXPECT_EQ(j["variants"][2]["architecture"]["input"], "structure");
  EXPECT_EQ(j["variants"][2]["study"]["runs"], 2);  // 2 folds x 1 seed
  EXPECT_EQ(j["variants"][2]["study"]["runs_at_chosen"].size(), 2u);
  EXPECT_EQ(j["variants"][3]["name"], "own-small");
  EXPECT_EQ(j["variants"][3]["figure"], "custom");
  EXPECT_EQ(j["variants"][3]["architecture"]["recurrent"][0]["units"], 6);
  EXPECT_FALSE(fs::exists(tmp.file("results/tables23.json")));

  const std::string md = test::read_text(tmp.file("results.md"));
  EXPECT_THAT(md, HasSubstr("## Table 4"));
  EXPECT_THAT(md, HasSubstr("| 5 LSTM(1)+ATT | `lstm1-att` |"));
  EXPECT_THAT(md, HasSubstr("| 0.781 | 0.987 | 0.824 | 0.878 |"));  // the paper's row 5
  EXPECT_THAT(md, HasSubstr("| structure only | `input-structure` |"));
  EXPECT_THAT(md, HasSubstr("| own-small (own config) | `own-small` |"));
  EXPECT_THAT(md, HasSubstr("aupr − LSTM(2)+ATT, run by run"));
  EXPECT_THAT(md, HasSubstr(" of 2 |"));  // paired differences over the 2 runs
  EXPECT_THAT(md, HasSubstr("Tables 2 and 3 have not been measured yet"));

  const std::string elsewhere = " --paper " + paper + " --results-dir " + test::shell_quoted(tmp.file("x")) +
                                " --markdown " + test::shell_quoted(tmp.file("x.md"));
  const test::RunResult unknown = mirgene("reproduce --part architectures --variants lstm9" + elsewhere);
  EXPECT_NE(unknown.status, 0);
  EXPECT_THAT(unknown.err, HasSubstr("unknown variant 'lstm9'"));
  const test::RunResult clash = mirgene("reproduce --part architectures --variants lstm2," +
                                        test::shell_quoted(tmp.file("lstm2.json")) + elsewhere);
  EXPECT_NE(clash.status, 0);
  EXPECT_THAT(clash.err, HasSubstr("two variants would be called 'lstm2'"));
  const test::RunResult missing = mirgene("reproduce --part architectures --variants " +
                                          test::shell_quoted(tmp.file("none.json")) + elsewhere);
  EXPECT_NE(missing.status, 0);
  EXPECT_THAT(missing.err, HasSubstr("none.json"));
  EXPECT_FALSE(fs::exists(tmp.file("x.md")));  // nothing trained or written
}

TEST(ReproduceCli, MissingDataAndBadOptionsFailClearly) {
  test::TempDir tmp;
  const std::string paper = test::shell_quoted(fs::absolute(test::paper_file()).string());
  const test::RunResult missing =
      mirgene("reproduce --data " + test::shell_quoted(tmp.file("nothing")) + " --paper " + paper +
              " --max-epochs 1 --no-fold-cache --results-dir " + test::shell_quoted(tmp.file("r")) +
              " --markdown " + test::shell_quoted(tmp.file("r.md")) + " --work-dir " + test::shell_quoted(tmp.file("w")));
  EXPECT_NE(missing.status, 0);
  EXPECT_THAT(missing.err, HasSubstr("nothing/cv/human"));
  const test::RunResult no_paper = mirgene("reproduce --render-only --paper " + test::shell_quoted(tmp.file("none.md")) +
                                           " --markdown " + test::shell_quoted(tmp.file("r.md")));
  EXPECT_NE(no_paper.status, 0);
  EXPECT_THAT(no_paper.err, HasSubstr("none.md: cannot read"));
  EXPECT_NE(mirgene("reproduce --select f1").status, 0);
}

}  // namespace
}  // namespace mirgene
