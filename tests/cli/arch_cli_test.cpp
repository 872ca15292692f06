// `mirgene train --arch` and `mirgene cv --arch`, and the commands that read a model of any
// architecture without a flag (predict, explain, report), run as the user runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "nn/architecture.hpp"
#include "nn/model_file.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using test::lines_of;
using test::split_tabs;

std::string fixture(const std::string& name) {
  return test::shell_quoted(fs::absolute(test::fixture_path("train/" + name)).string());
}

struct RunResult {
  int status;
  std::string out, err;
};

// Runs `mirgene ARGS` inside `dir` (relative paths in ARGS are relative to it).
RunResult run_in(const fs::path& dir, const std::string& args) {
  const std::string bin = fs::absolute(test::mirgene_bin()).string();
  const std::string command = "cd " + test::shell_quoted(dir.string()) + " && MIRGENE_CACHE_DIR=cache " +
                              test::shell_quoted(bin) + " " + args + " >stdout.txt 2>stderr.txt";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, test::read_text(dir / "stdout.txt"),
          test::read_text(dir / "stderr.txt")};
}

std::string tiny_training(const std::string& arch, const std::string& output) {
  return "train --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
         " --epochs 1 --seed 3 --threads 2 --batch-size 16 --arch " + arch + " -o " + output;
}

nn::Architecture architecture_of(const fs::path& model) {
  return nn::load_model(model.string()).net.architecture();
}


// The probability column of a predict TSV, each value checked to lie strictly between 0 and
// 1 (a row without it counts as a failure and is left out).
std::vector<std::string> tiny_probabilities(const std::string& tsv) {
  std::vector<std::string> out;
  const std::vector<std::string> rows = lines_of(tsv);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::vector<std::string> fields = split_tabs(rows[i]);
    if (fields.size() < 3) {
      ADD_FAILURE() << "row without a probability: " << rows[i];
      continue;
    }
    const double p = std::stod(fields[2]);
    EXPECT_GT(p, 0.0) << rows[i];
    EXPECT_LT(p, 1.0) << rows[i];
    out.push_back(fields[2]);
  }
  return out;
}

TEST(ArchCli, TrainWithAShippedConfigThenPredictExplainAndReportWithoutFlags) {
  test::TempDir dir;
  const RunResult train = run_in(dir.path(), tiny_training("cnn2", "cnn2.safetensors"));
  ASSERT_EQ(train.status, 0) << train.err;
  EXPECT_EQ(architecture_of(dir.path() / "cnn2.safetensors"),
            nn::architecture_from_file("models/configs/cnn2.json"));
  EXPECT_THAT(
      nn::load_model((dir.path() / "cnn2.safetensors").string()).metadata.at("command_line"),
      HasSubstr("--arch cnn2"));

  const RunResult predict =
      run_in(dir.path(), "predict -m cnn2.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(predict.status, 0) << predict.err;
  EXPECT_EQ(tiny_probabilities(predict.out).size(), 8u) << predict.out;

  // No attention layer: attention is NA (TSV) / null (JSON), the CAM is still there.
  const RunResult tsv =
      run_in(dir.path(), "explain -m cnn2.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(tsv.status, 0) << tsv.err;
  const std::vector<std::string> positions = lines_of(tsv.out);
  ASSERT_GT(positions.size(), 50u);
  for (std::size_t i = 1; i < positions.size(); ++i) {
    const std::vector<std::string> fields = split_tabs(positions[i]);
    ASSERT_EQ(fields.size(), 7u) << positions[i];
    EXPECT_EQ(fields[4], "NA");
    EXPECT_NO_THROW(std::stod(fields[5])) << positions[i];
  }
  const RunResult json =
      run_in(dir.path(), "explain -f json -m cnn2.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(json.status, 0) << json.err;
  for (const std::string& line : lines_of(json.out)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_TRUE(j["attention"].is_null());
    EXPECT_EQ(j["cam"].size(), j["length"].get<std::size_t>());
  }

  const RunResult report =
      run_in(dir.path(), "report -m cnn2.safetensors -o page.html " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(report.status, 0) << report.err;
  const std::string page = test::read_text(dir.path() / "page.html");
  EXPECT_THAT(page, HasSubstr("\"c\":["));
  EXPECT_THAT(page, ::testing::Not(HasSubstr("\"a\":[")));
}

TEST(ArchCli, TrainWithAConfigFileOfOwnDesign) {
  test::TempDir dir;
  std::ofstream(dir.file("mine.json"))
      << R"({"input": "structure", "recurrent": [{"units": 6, "bidirectional": true}],
            "dense": [16], "max_len": 400})";
  const RunResult train = run_in(dir.path(), tiny_training("mine.json", "mine.safetensors"));
  ASSERT_EQ(train.status, 0) << train.err;
  const nn::Architecture arch = architecture_of(dir.path() / "mine.safetensors");
  EXPECT_EQ(arch.input, nn::InputMode::kStructure);
  EXPECT_EQ(arch.recurrent, (std::vector<nn::RecurrentLayer>{{6, true}}));
  EXPECT_EQ(arch.dense, std::vector<int>{16});
  const RunResult explain =
      run_in(dir.path(), "explain -f json -m mine.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(explain.status, 0) << explain.err;
  const nlohmann::json first = nlohmann::json::parse(lines_of(explain.out).at(0));
  EXPECT_EQ(first["attention"].size(), first["length"].get<std::size_t>());
}

// The energy input end to end: train reads the fold energies (through the fold cache), the
// model file records the mode, predict feeds the energy again.
TEST(ArchCli, TrainAndPredictWithTheEnergyInput) {
  test::TempDir dir;
  const std::string config =
      test::shell_quoted(fs::absolute("models/configs/bilstm2-att-energy.json").string());
  const RunResult train = run_in(
      dir.path(), "train --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
                      " --epochs 2 --seed 3 --threads 2 --batch-size 16 --arch " + config +
                      " -o energy.safetensors");
  ASSERT_EQ(train.status, 0) << train.err;
  EXPECT_EQ(architecture_of(dir.path() / "energy.safetensors").input, nn::InputMode::kBothEnergy);
  const RunResult predict =
      run_in(dir.path(), "predict -m energy.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(predict.status, 0) << predict.err;
  EXPECT_EQ(tiny_probabilities(predict.out).size(), 8u) << predict.out;
}

// The pairing input end to end: train, predict, evaluate and scan make the tokens with the
// partition function's pairing probabilities, and the model file records the mode.
TEST(ArchCli, TrainPredictEvaluateAndScanWithThePairingInput) {
  test::TempDir dir;
  const RunResult train = run_in(
      dir.path(), "train --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
                      " --epochs 1 --seed 3 --threads 2 --batch-size 16 --arch "
                      "bilstm2-att-pairing -o pairing.safetensors");
  ASSERT_EQ(train.status, 0) << train.err;
  EXPECT_EQ(architecture_of(dir.path() / "pairing.safetensors").input,
            nn::InputMode::kBothPairing);
  const RunResult predict =
      run_in(dir.path(), "predict -m pairing.safetensors " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(predict.status, 0) << predict.err;
  const std::vector<std::string> probabilities = tiny_probabilities(predict.out);
  ASSERT_EQ(probabilities.size(), 8u) << predict.out;
  // evaluate encodes through the training loader: the same tokens, the same scores.
  const RunResult evaluate =
      run_in(dir.path(), "evaluate -m pairing.safetensors --pos " + fixture("tiny_val_pos.fa") +
                             " --neg " + fixture("tiny_val_neg.fa") + " --scores scores.tsv");
  ASSERT_EQ(evaluate.status, 0) << evaluate.err;
  const std::string scores = test::read_text(dir.path() / "scores.tsv");
  for (const std::string& p : probabilities) EXPECT_THAT(scores, HasSubstr(p));
  const RunResult scan = run_in(
      dir.path(), "scan -m pairing.safetensors -t 0 -f tsv " + fixture("tiny_val_pos.fa"));
  ASSERT_EQ(scan.status, 0) << scan.err;
  EXPECT_GT(lines_of(scan.out).size(), 1u);
}

TEST(ArchCli, UnknownNamesAndBadConfigsAreReported) {
  test::TempDir dir;
  const RunResult unknown = run_in(dir.path(), tiny_training("bilstm9", "x.safetensors"));
  EXPECT_NE(unknown.status, 0);
  EXPECT_THAT(unknown.err, HasSubstr("no architecture config named 'bilstm9'"));
  EXPECT_THAT(unknown.err, HasSubstr("bilstm2-att"));  // the shipped names are listed
  EXPECT_FALSE(fs::exists(dir.path() / "x.safetensors"));

  std::ofstream(dir.file("bad.json")) << R"({"recurrent": [{"units": 4, "layers": 2}]})";
  const RunResult bad = run_in(dir.path(), tiny_training("bad.json", "x.safetensors"));
  EXPECT_NE(bad.status, 0);
  EXPECT_THAT(bad.err, HasSubstr("bad.json: unknown field 'layers' in a recurrent layer"));
}

TEST(ArchCli, CrossValidationTrainsTheGivenArchitecture) {
  test::TempDir dir;
  const RunResult cv =
      run_in(dir.path(), "cv --pos " + fixture("tiny_pos.fa") + " --neg " + fixture("tiny_neg.fa") +
                             " -k 2 --epochs 1 --batch-size 16 --arch lstm1-att --json cv.json");
  ASSERT_EQ(cv.status, 0) << cv.err;
  const nlohmann::json j = nlohmann::json::parse(test::read_text(dir.path() / "cv.json"));
  EXPECT_EQ(nn::architecture_from_json(j["settings"]["architecture"].dump(), "cv.json"),
            nn::architecture_from_file("models/configs/lstm1-att.json"));
}

}  // namespace
}  // namespace mirgene
