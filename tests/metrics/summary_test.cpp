// summarize, to_json and format_table.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "metrics/metrics.hpp"

namespace mirgene::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Metrics run(double se, double auroc, long tp) {
  Metrics m;
  m.se = se;
  m.sp = 0.9;
  m.ppv = m.f1 = m.gmean = m.mcc = m.accuracy = m.aupr = m.ks_statistic = 0.5;
  m.ks_pvalue = 1e-54;
  m.auroc = auroc;
  m.cm = {tp, 1, 9, 10 - tp};
  m.n_pos = 10;
  m.n_neg = 10;
  return m;
}

TEST(Summarize, MeanAndSampleStandardDeviation) {
  const std::vector<Metrics> runs = {run(0.8, 0.90, 8), run(0.6, 0.92, 6), run(0.7, kNaN, 7)};
  const Summary s = summarize(runs);
  EXPECT_EQ(s.count, 3);
  EXPECT_NEAR(s.mean.se, 0.7, 1e-15);  // (0.8 + 0.6 + 0.7) / 3
  // Deviations 0.1, -0.1, 0: sqrt(0.02 / 2) = 0.1.
  EXPECT_NEAR(s.sd.se, 0.1, 1e-15);
  EXPECT_NEAR(s.mean.sp, 0.9, 1e-15);
  EXPECT_NEAR(s.sd.sp, 0.0, 1e-15);
  EXPECT_TRUE(std::isnan(s.mean.auroc));  // one run without AUROC makes it undefined
  EXPECT_TRUE(std::isnan(s.sd.auroc));
  // Integer fields of the mean pool the runs; the sd has none.
  EXPECT_EQ(s.mean.cm.tp, 21);
  EXPECT_EQ(s.mean.cm.fn, 9);
  EXPECT_EQ(s.mean.n_pos, 30u);
  EXPECT_EQ(s.sd.cm.tp, 0);
}

TEST(Summarize, SingleRunAndNoRuns) {
  const std::vector<Metrics> one = {run(0.8, 0.9, 8)};
  const Summary s = summarize(one);
  EXPECT_EQ(s.count, 1);
  EXPECT_NEAR(s.mean.se, 0.8, 1e-15);
  EXPECT_TRUE(std::isnan(s.sd.se));
  const Summary none = summarize({});
  EXPECT_EQ(none.count, 0);
  EXPECT_TRUE(std::isnan(none.mean.se));
}

TEST(ToJson, AllFieldsWithNaNAsNull) {
  const Metrics m = run(0.8, kNaN, 8);
  const nlohmann::json j = to_json(m);
  EXPECT_DOUBLE_EQ(j["se"].get<double>(), 0.8);
  EXPECT_TRUE(j["auroc"].is_null());
  EXPECT_EQ(j["tp"].get<long>(), 8);
  EXPECT_EQ(j["fn"].get<long>(), 2);
  EXPECT_EQ(j["n_neg"].get<std::size_t>(), 10u);
  EXPECT_DOUBLE_EQ(j["ks_pvalue"].get<double>(), 1e-54);
  for (const char* key :
       {"se", "sp", "ppv", "f1", "gmean", "mcc", "accuracy", "auroc", "aupr", "ks_statistic",
        "ks_pvalue", "tp", "fp", "tn", "fn", "n_pos", "n_neg", "threshold"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.dump().find("NaN"), std::string::npos);

  const std::vector<Metrics> runs = {run(0.8, 0.9, 8), run(0.6, 0.9, 6)};
  const nlohmann::json js = to_json(summarize(runs));
  EXPECT_EQ(js["count"].get<int>(), 2);
  EXPECT_NEAR(js["mean"]["se"].get<double>(), 0.7, 1e-15);
  EXPECT_NEAR(js["sd"]["auroc"].get<double>(), 0.0, 1e-15);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(FormatTable, AlignedRowsWithNames) {
  const std::vector<Metrics> rows = {run(0.8224, 0.9, 8), run(0.6, kNaN, 6)};
  const std::vector<std::string> names = {"human", "cross-species"};
  const std::string table = format_table(rows, names);
  const auto lines = lines_of(table);
  ASSERT_EQ(lines.size(), 3u);  // header + 2 rows
  EXPECT_EQ(lines[0].size(), lines[1].size());
  EXPECT_EQ(lines[1].size(), lines[2].size());
  EXPECT_NE(lines[0].find("SE"), std::string::npos);
  EXPECT_NE(lines[0].find("AUROC"), std::string::npos);
  EXPECT_EQ(lines[1].rfind("human", 0), 0u);
  EXPECT_NE(lines[1].find("0.822"), std::string::npos);
  EXPECT_NE(lines[1].find("1e-54"), std::string::npos);
  EXPECT_NE(lines[2].find("nan"), std::string::npos);
  EXPECT_THROW(format_table(rows, std::vector<std::string>{"one"}), Error);
}

TEST(FormatTable, SummaryCellsShowMeanPlusMinusSd) {
  const std::vector<Metrics> runs = {run(0.8, 0.9, 8), run(0.6, 0.9, 6), run(0.7, 0.9, 7)};
  const std::vector<Summary> rows = {summarize(runs)};
  const std::string table = format_table(rows);
  EXPECT_NE(table.find("0.700+-0.100"), std::string::npos) << table;
  const auto lines = lines_of(table);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), lines[1].size());
}

}  // namespace
}  // namespace mirgene::metrics
