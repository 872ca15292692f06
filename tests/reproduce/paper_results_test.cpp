#include "reproduce/paper_results.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "support/paths.hpp"

namespace mirgene::reproduce {
namespace {

using ::testing::HasSubstr;

std::string parse_error(const std::string& text) {
  try {
    parse_paper_results(text, "figures.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(PaperResults, ReadsTablesRowsAndPValues) {
  const PaperResults paper = parse_paper_results(
      R"({"format": "mirgene-paper-figures 1",
          "tables": [{"id": "Table 2", "title": "t", "columns": ["method", "set", "SE"],
                      "rows": [["a", "human CV", "0.850"], ["b", "x", "-"]]},
                     {"id": "Table 3", "columns": ["m", "v"], "rows": [["c", "1"]]}],
          "ks_pvalues": {"human": "5e-10"}})",
      "figures.json");
  EXPECT_EQ(paper.source, "figures.json");
  ASSERT_EQ(paper.tables.size(), 2u);
  EXPECT_EQ(paper.tables[0].columns, (std::vector<std::string>{"method", "set", "SE"}));
  ASSERT_NE(paper.row("Table 2", {"a"}), nullptr);
  EXPECT_EQ((*paper.row("Table 2", {"a", "human CV"}))[2], "0.850");  // printed precision kept
  EXPECT_EQ(paper.row("Table 2", {"a", "x"}), nullptr);
  EXPECT_EQ(paper.table("Table 3")->rows.size(), 1u);
  EXPECT_EQ(paper.table("Table"), nullptr);  // ids match whole
  EXPECT_EQ(paper.ks_pvalues.at("human"), "5e-10");
}

TEST(PaperResults, BadFilesAreNamedWithWhatIsWrong) {
  EXPECT_THAT(parse_error("| a | b |"), HasSubstr("figures.json: not valid JSON"));
  EXPECT_THAT(parse_error(R"({"format": "other 2", "tables": []})"),
              HasSubstr("figures.json: not a paper figures file"));
  EXPECT_THAT(parse_error(R"({"format": "mirgene-paper-figures 1", "tables": []})"),
              HasSubstr("no \"Table 2\""));
  EXPECT_THAT(
      parse_error(R"({"format": "mirgene-paper-figures 1", "tables": [
                     {"id": "Table 2", "columns": ["a", "b"], "rows": [["x", "y"], ["z"]]}]})"),
      HasSubstr("figures.json: table 1 (Table 2) row 2: 1 cells for 2 columns"));
  EXPECT_THAT(
      parse_error(R"({"format": "mirgene-paper-figures 1", "tables": [
                     {"id": "Table 2", "columns": ["a"], "rows": [[0.85]]}]})"),
      HasSubstr("0.85 is not text"));
}

TEST(PaperResults, ReadsTheRepositorysFigures) {
  const PaperResults paper = load_paper_results(test::paper_file());
  const std::vector<std::string>* human_test = paper.row("Table 2", {"deepMiRGene", "human test"});
  ASSERT_NE(human_test, nullptr);
  // method, set, SE, SP, PPV, F, g-mean, AUROC, AUPR
  EXPECT_EQ(*human_test, (std::vector<std::string>{"deepMiRGene", "human test", "0.822", "0.992",
                                                   "0.919", "0.868", "0.903", "0.981", "0.927"}));
  EXPECT_EQ(paper.table("Table 2")->rows.size(), 24u);  // 6 methods x 4 sets
  const std::vector<std::string>* new_set = paper.row("Table 3", {"deepMiRGene"});
  ASSERT_NE(new_set, nullptr);
  EXPECT_EQ((*new_set)[4], "0.782");  // F
  EXPECT_EQ((*paper.row("Table 1", {"human"}))[1], "863");
  EXPECT_EQ(paper.table("Table 4")->rows.size(), 8u);
  EXPECT_EQ((*paper.row("Figure 3", {"structure only"}))[1], "0.783");
  EXPECT_EQ(paper.row("Table 2", {"deepMiRGene", "mouse CV"}), nullptr);
  EXPECT_EQ(paper.ks_pvalues.at("human"), "5.23e-54");
  EXPECT_EQ(paper.ks_pvalues.at("cross-species"), "6.06e-102");
  EXPECT_EQ(paper.ks_pvalues.at("new"), "7.92e-49");
}

TEST(PaperResults, MissingOrForeignFileIsAnError) {
  EXPECT_THROW(load_paper_results("tests/fixtures/does-not-exist.json"), Error);
  EXPECT_THROW(load_paper_results("README.md"), Error);
}

}  // namespace
}  // namespace mirgene::reproduce
