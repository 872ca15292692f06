// End-to-end tests of `mirgene explain` and `mirgene report` (they drive the mirgene
// executable named by $MIRGENE_BIN) with a small random-weight model written by the test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "nn/model_file.hpp"
#include "report/markup_probe.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace mirgene::report {
namespace {

using mirgene::test::mirgene_bin;
using mirgene::test::run;
using mirgene::test::TempDir;
using mirgene::test::write_text;
using ::testing::HasSubstr;

constexpr const char* kFasta =
    ">hairpin desc\nAAAAAAAAAAAAGGGAAUCCCGUAGCUCAAUUGGAGCUACGGGAUUCCC\n"
    ">plain\nACGUACGUACGUACGUACGUACGUACGUACGUACGUACGUACGUAC\n"
    ">bad\nACGU1ACGU\n";

std::string write_model(const TempDir& dir) {
  nn::Network net;
  net.init_uniform(17, 0.3f);
  const std::string path = dir.file("model.safetensors");
  nn::save_model(path, net, {});
  return path;
}

std::vector<std::vector<std::string>> split_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream l(line);
    for (std::string f; std::getline(l, f, '\t');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

TEST(ExplainCli, TsvHasOneRowPerPositionWithAttentionSummingToOne) {
  TempDir dir;
  const std::string model = write_model(dir);
  write_text(dir.file("in.fa"), kFasta);
  const auto r = run(mirgene_bin() + " explain -m " + model + " " + dir.file("in.fa"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("record 'bad' (#3)"));
  const auto rows = split_tsv(r.out);
  ASSERT_EQ(rows.size(), 1u + 49 + 46);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "pos", "base", "struct", "attention", "cam",
                                               "prob_premirna"}));
  double attention_sum = 0;
  for (std::size_t i = 1; i <= 49; ++i) {
    ASSERT_EQ(rows[i].size(), 7u);
    EXPECT_EQ(rows[i][0], "hairpin");
    EXPECT_EQ(rows[i][1], std::to_string(i));
    EXPECT_EQ(rows[i][2][0], "AAAAAAAAAAAAGGGAAUCCCGUAGCUCAAUUGGAGCUACGGGAUUCCC"[i - 1]);
    EXPECT_NE(std::string("().:").find(rows[i][3]), std::string::npos);
    attention_sum += std::stod(rows[i][4]);
    EXPECT_TRUE(std::isfinite(std::stod(rows[i][5])));
    EXPECT_EQ(rows[i][6], rows[1][6]);
  }
  EXPECT_NEAR(attention_sum, 1.0, 1e-4);
  EXPECT_EQ(rows[50][0], "plain");
  EXPECT_EQ(rows.back()[1], "46");
}

TEST(ExplainCli, JsonLinesMatchTheTsvAndThePrediction) {
  TempDir dir;
  const std::string model = write_model(dir);
  write_text(dir.file("in.fa"), kFasta);
  const auto json =
      run(mirgene_bin() + " explain -f json -j 2 -m " + model + " - < " + dir.file("in.fa"));
  const auto tsv = run(mirgene_bin() + " explain -m " + model + " " + dir.file("in.fa"));
  const auto predicted =
      run(mirgene_bin() + " predict -f json -m " + model + " " + dir.file("in.fa"));
  ASSERT_EQ(json.status, 0) << json.err;
  std::istringstream lines(json.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 2u);
  const auto& h = objects[0];
  EXPECT_EQ(h["id"], "hairpin");
  EXPECT_EQ(h["length"], 49);
  ASSERT_EQ(h["attention"].size(), 49u);
  ASSERT_EQ(h["cam"].size(), 49u);
  EXPECT_EQ(h["structure"].get<std::string>().size(), 49u);
  const auto rows = split_tsv(tsv.out);
  for (std::size_t i = 0; i < 49; ++i) {
    EXPECT_NEAR(h["cam"][i].get<double>(), std::stod(rows[i + 1][5]),
                1e-5 * (1 + std::fabs(std::stod(rows[i + 1][5]))));
  }
  // Same probability as `mirgene predict` for the same model and record.
  ASSERT_EQ(predicted.status, 0) << predicted.err;
  const auto first = nlohmann::json::parse(predicted.out.substr(0, predicted.out.find('\n')));
  EXPECT_NEAR(h["prob_premirna"].get<double>(), first["prob_premirna"].get<double>(), 1e-5);
}

TEST(ReportCli, WritesAPageWithEveryRecord) {
  TempDir dir;
  const std::string model = write_model(dir);
  write_text(dir.file("in.fa"), kFasta);
  const std::string page = dir.file("out.html");
  const auto r =
      run(mirgene_bin() + " report -m " + model + " -o " + page + " " + dir.file("in.fa"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("record 'bad' (#3)"));
  const auto census = test::probe_markup("html", mirgene::test::read_text(page));
  ASSERT_TRUE(census["ok"]) << census["error"];
  const auto& seqs = census["data"]["report-data"]["sequences"];
  ASSERT_EQ(seqs.size(), 3u);
  EXPECT_EQ(seqs[0]["id"], "hairpin");
  EXPECT_EQ(seqs[0]["c"].size(), 49u);
  EXPECT_EQ(seqs[2]["id"], "bad");
  EXPECT_TRUE(seqs[2]["p"].is_null());
  EXPECT_THAT(seqs[2]["st"].get<std::string>(), HasSubstr("invalid record"));
}

TEST(ReportCli, MaxSequencesKeepsTheFirstRecords) {
  TempDir dir;
  const std::string model = write_model(dir);
  std::string fasta;
  for (int i = 0; i < 6; ++i) fasta += ">r" + std::to_string(i) + "\nGGGGAAAACCCCGGAUCCGGGGAAAACCCCGGAUCCGGGGAAAACCCCGGAUCC\n";
  write_text(dir.file("in.fa"), fasta);
  const std::string page = dir.file("out.html");
  const auto r = run(mirgene_bin() + " report --max-sequences 4 -m " + model + " -o " + page + " " +
                     dir.file("in.fa"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(
      r.err,
      HasSubstr("only the first 4 records are in the report (--max-sequences); 2 more left out"));
  const auto census = test::probe_markup("html", mirgene::test::read_text(page));
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(census["data"]["report-data"]["sequences"].size(), 4u);
}

TEST(ReportCli, NeedsAnOutputFile) {
  const auto r = run(mirgene_bin() + " report - < /dev/null");
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.err, HasSubstr("--output"));
}

}  // namespace
}  // namespace mirgene::report
