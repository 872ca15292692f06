#include "predict/explanation_rows.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mirgene::predict {
namespace {

ScoredSequence explained() {
  ScoredSequence s;
  s.id = "h1";
  s.sequence = "GGGAAACCC";
  s.length = 9;
  s.fold = fold::FoldResult{"(((...)))", -120};
  s.probability = 0.75f;
  s.attention = {0.1f, 0.1f, 0.1f, 0.1f, 0.2f, 0.1f, 0.1f, 0.1f, 0.1f};
  s.cam = {1, 2, 3, 4, 5, 6, 7, 8, -9};
  return s;
}

TEST(ExplanationRows, TsvHasOneRowPerPositionWithTheLoopMarked) {
  EXPECT_EQ(explanation_tsv_header(), "id\tpos\tbase\tstruct\tattention\tcam\tprob_premirna\n");
  const std::string rows = explanation_tsv_rows(explained());
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 9);
  EXPECT_EQ(rows.substr(0, rows.find('\n') + 1), "h1\t1\tG\t(\t0.1\t1\t0.75\n");
  EXPECT_NE(rows.find("h1\t5\tA\t:\t0.2\t5\t0.75\n"), std::string::npos);
  EXPECT_NE(rows.find("h1\t9\tC\t)\t0.1\t-9\t0.75\n"), std::string::npos);
}

TEST(ExplanationRows, ModelsWithoutAttentionGiveNaAndNull) {
  ScoredSequence s = explained();
  s.attention.clear();
  const std::string rows = explanation_tsv_rows(s);
  EXPECT_EQ(rows.substr(0, rows.find('\n') + 1), "h1\t1\tG\t(\tNA\t1\t0.75\n");
  const auto j = nlohmann::json::parse(explanation_json_line(s, 0.5));
  EXPECT_TRUE(j["attention"].is_null());
}

TEST(ExplanationRows, JsonLineHoldsTheWholeExplanation) {
  const std::string line = explanation_json_line(explained(), 0.8);
  ASSERT_EQ(line.back(), '\n');
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["id"], "h1");
  EXPECT_EQ(j["length"], 9);
  EXPECT_EQ(j["label"], "other");  // 0.75 < 0.8
  EXPECT_DOUBLE_EQ(j["mfe"].get<double>(), -1.2);
  EXPECT_EQ(j["structure"], "(((:::)))");
  EXPECT_EQ(j["sequence"], "GGGAAACCC");
  EXPECT_EQ(j["cam"].size(), 9u);
  EXPECT_EQ(j["attention"].size(), 9u);
}

// Issue 15, item 5: a header with bytes that are not UTF-8 made `explain -f json` fail with no
// output; predict -f json already wrote U+FFFD for them.
TEST(ExplanationRows, JsonReplacesBytesThatAreNotUtf8) {
  ScoredSequence s = explained();
  s.id = "h\xff\xfe" "1";
  std::string line;
  ASSERT_NO_THROW(line = explanation_json_line(s, 0.5));
  const nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["id"], "h\xEF\xBF\xBD\xEF\xBF\xBD"
                     "1");
}

}  // namespace
}  // namespace mirgene::predict
