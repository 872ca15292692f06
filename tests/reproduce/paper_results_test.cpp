#include "reproduce/paper_results.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "support/paths.hpp"

namespace mirgene::reproduce {
namespace {

TEST(MarkdownTables, HeadingsSeparatorsAndCells) {
  const char* text =
      "# Title\n\nintro | not a table\n\n## Table 2: first\n\n"
      "| method | set | SE |\n|---|---|:--:|\n| a | human CV |  0.5 |\n| b | x | - |\n\n"
      "text between\n\n### Table 3: second\n| m | v |\n|---|---|\n| c | 1 |\n";
  const std::vector<MarkdownTable> tables = read_markdown_tables(text);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].heading, "Table 2: first");
  EXPECT_EQ(tables[0].columns, (std::vector<std::string>{"method", "set", "SE"}));
  ASSERT_EQ(tables[0].rows.size(), 2u);
  EXPECT_EQ(tables[0].rows[0], (std::vector<std::string>{"a", "human CV", "0.5"}));
  EXPECT_EQ(tables[0].rows[1][2], "-");
  EXPECT_EQ(tables[1].heading, "Table 3: second");
  EXPECT_EQ(tables[1].rows.size(), 1u);
}

TEST(PaperResults, ReadsTheTeamsReferenceFile) {
  const PaperResults paper = load_paper_results(test::shared_path("reference/paper_results.md"));
  const std::vector<std::string>* human_test = paper.row("Table 2", {"deepMiRGene", "human test"});
  ASSERT_NE(human_test, nullptr);
  // method, set, SE, SP, PPV, F, g-mean, AUROC, AUPR
  EXPECT_EQ(*human_test, (std::vector<std::string>{"deepMiRGene", "human test", "0.822", "0.992",
                                                   "0.919", "0.868", "0.903", "0.981", "0.927"}));
  const std::vector<std::string>* new_set = paper.row("Table 3", {"deepMiRGene"});
  ASSERT_NE(new_set, nullptr);
  EXPECT_EQ((*new_set)[4], "0.782");  // F
  EXPECT_NE(paper.table("Table 4"), nullptr);
  EXPECT_NE(paper.table("Figure 3"), nullptr);
  EXPECT_EQ(paper.row("Table 2", {"deepMiRGene", "mouse CV"}), nullptr);
  EXPECT_EQ(paper.ks_pvalues.at("human"), "5.23e-54");
  EXPECT_EQ(paper.ks_pvalues.at("cross-species"), "6.06e-102");
  EXPECT_EQ(paper.ks_pvalues.at("new"), "7.92e-49");
}

TEST(PaperResults, MissingFileOrTableIsAnError) {
  EXPECT_THROW(load_paper_results("tests/fixtures/does-not-exist.md"), Error);
  EXPECT_THROW(load_paper_results("README.md"), Error);  // no "Table 2" heading
}

}  // namespace
}  // namespace mirgene::reproduce
