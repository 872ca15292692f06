#include "predict/prediction_rows.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mirgene::predict {
namespace {

ScoredSequence scored_row() {
  ScoredSequence row;
  row.id = "hsa-mir-1";
  row.length = 9;
  row.probability = 0.98765432f;
  row.fold = fold::FoldResult{"(((...)))", -120};
  return row;
}

TEST(PredictionRows, TsvHeaderNamesTheColumnsInOrder) {
  EXPECT_EQ(prediction_header(RowFormat::kTsv),
            "id\tlength\tprob_premirna\tlabel\tmfe\tstructure\tstatus\n");
  EXPECT_EQ(prediction_header(RowFormat::kJsonLines), "");
}

TEST(PredictionRows, TsvRowOfAScoredRecord) {
  EXPECT_EQ(prediction_row(scored_row(), 0.5, RowFormat::kTsv),
            "hsa-mir-1\t9\t0.987654\tpre-miRNA\t-1.20\t(((...)))\tok\n");
  // The threshold decides the label; a score equal to it is positive.
  ScoredSequence row = scored_row();
  row.probability = 0.25f;
  EXPECT_EQ(prediction_row(row, 0.5, RowFormat::kTsv),
            "hsa-mir-1\t9\t0.250000\tother\t-1.20\t(((...)))\tok\n");
  EXPECT_EQ(prediction_row(row, 0.25, RowFormat::kTsv),
            "hsa-mir-1\t9\t0.250000\tpre-miRNA\t-1.20\t(((...)))\tok\n");
}

TEST(PredictionRows, UnscoredRowsKeepTheirFoldAndStatus) {
  ScoredSequence row = scored_row();
  row.probability.reset();
  row.status = "too long: 450 nt > 400";
  EXPECT_EQ(prediction_row(row, 0.5, RowFormat::kTsv),
            "hsa-mir-1\t9\t-\t-\t-1.20\t(((...)))\ttoo long: 450 nt > 400\n");
  row.fold.reset();
  row.length.reset();
  row.status = "invalid record:\tbad";
  EXPECT_EQ(prediction_row(row, 0.5, RowFormat::kTsv),
            "hsa-mir-1\t-\t-\t-\t-\t-\tinvalid record: bad\n");
}

TEST(PredictionRows, JsonLinesHoldTheSameFields) {
  const std::string line = prediction_row(scored_row(), 0.5, RowFormat::kJsonLines);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["id"], "hsa-mir-1");
  EXPECT_EQ(j["length"], 9);
  EXPECT_DOUBLE_EQ(j["prob_premirna"].get<double>(), 0.987654);
  EXPECT_EQ(j["label"], "pre-miRNA");
  EXPECT_DOUBLE_EQ(j["mfe"].get<double>(), -1.2);
  EXPECT_EQ(j["structure"], "(((...)))");
  EXPECT_EQ(j["status"], "ok");

  ScoredSequence row = scored_row();
  row.probability.reset();
  row.fold.reset();
  row.length.reset();
  row.status = "too long";
  const auto k = nlohmann::json::parse(prediction_row(row, 0.5, RowFormat::kJsonLines));
  EXPECT_TRUE(k["prob_premirna"].is_null());
  EXPECT_TRUE(k["label"].is_null());
  EXPECT_TRUE(k["length"].is_null());
  EXPECT_TRUE(k["mfe"].is_null());
  EXPECT_TRUE(k["structure"].is_null());
  EXPECT_EQ(k["status"], "too long");
}

}  // namespace
}  // namespace mirgene::predict
