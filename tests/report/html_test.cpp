#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "report/html_report.hpp"
#include "report/markup_probe.hpp"
#include "report/synthetic_sequences.hpp"

namespace mirgene::report {
namespace {

using test::count;
using test::probe_markup;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(HtmlReport, IsWellFormedWithTableFiguresAndData) {
  const auto seqs = test::synthetic_sequences(120);
  ReportOptions opt;
  opt.title = "Run <1> & co";
  opt.source = "in<put>.fa";
  const std::string page = html_report(seqs, opt);
  const auto census = probe_markup("html", page);
  ASSERT_TRUE(census["ok"]) << census["error"];

  // Six sortable columns, the controls, the figure and the detail panel.
  EXPECT_EQ(count(census, "tags", "th"), 6);
  for (const char* id : {"prediction-table", "prediction-rows", "filter-text", "filter-label",
                         "detail", "report-data", "summary", "figures"}) {
    EXPECT_TRUE(census["ids"].contains(id)) << id;
  }
  EXPECT_EQ(count(census, "classes", "cam-figure"), 1);
  EXPECT_EQ(count(census, "classes", "colour-bar"), 1);
  // Every scored sequence is one heatmap row (120 < 200 rows, no grouping).
  int scored = 0, positives = 0;
  for (const auto& s : seqs) {
    scored += s.probability.has_value();
    positives += s.probability && *s.probability >= 0.5f;
  }
  EXPECT_EQ(count(census, "classes", "row"), scored);
  EXPECT_THAT(census["texts"]["panel-title"][0].get<std::string>(),
              HasSubstr("(n = " + std::to_string(positives) + ")"));

  // The embedded data: one record per sequence, ids intact, maps per base.
  const auto& data = census["data"]["report-data"];
  ASSERT_EQ(data["sequences"].size(), seqs.size());
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const auto& d = data["sequences"][i];
    EXPECT_EQ(d["id"], seqs[i].id);
    EXPECT_EQ(d["db"], seqs[i].fold->structure);
    EXPECT_EQ(d["xy"].size(), 2 * seqs[i].sequence.size());
    if (seqs[i].probability) {
      ASSERT_EQ(d["c"].size(), seqs[i].sequence.size());
      EXPECT_NEAR(d["p"].get<double>(), *seqs[i].probability, 1e-6);
    } else {
      EXPECT_TRUE(d["p"].is_null());
      EXPECT_FALSE(d.contains("c"));
      EXPECT_EQ(d["st"], seqs[i].status);
    }
  }
  // Escaped text where it is shown.
  EXPECT_THAT(page, HasSubstr("<h1>Run &lt;1&gt; &amp; co</h1>"));
  EXPECT_THAT(page, HasSubstr("<code>in&lt;put&gt;.fa</code>"));
}

TEST(HtmlReport, NeedsNoNetwork) {
  const std::string page = html_report(test::synthetic_sequences(10), {});
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr(" src=")));
  EXPECT_THAT(page, Not(HasSubstr("@import")));
  // The only URLs are XML namespace names, which are never fetched.
  const std::regex url("https?://[^\"' ]+");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), url); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ(it->str(), "http://www.w3.org/2000/svg");
  }
}

TEST(HtmlReport, DataCannotCloseItsScriptElement) {
  ReportSequence s;
  s.id = "</script><script>alert(1)</script>&";
  s.sequence = "ACGU";
  s.fold = fold::FoldResult{"....", 0};
  const std::vector<ReportSequence> one = {s};
  const std::string json = report_data_json(one, {});
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_EQ(json.find('&'), std::string::npos);
  const auto census = probe_markup("html", html_report(one, {}));
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(census["data"]["report-data"]["sequences"][0]["id"], s.id);
  EXPECT_EQ(count(census, "tags", "script"), 2);
}

// Issue 15, item 5: a header with bytes that are not UTF-8 made `report` fail with no output.
TEST(HtmlReport, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  ReportSequence s;
  s.id = "bad\xff\xc3(id";
  s.sequence = "ACGU";
  s.fold = fold::FoldResult{"....", 0};
  s.status = "invalid record: \xfe";
  const std::vector<ReportSequence> one = {s};
  ReportOptions opt;
  opt.title = "title \xff";
  std::string page, figure;
  ASSERT_NO_THROW(page = html_report(one, opt));
  ASSERT_NO_THROW(figure = cam_figure(one, opt));
  const auto census = probe_markup("html", page);
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(census["data"]["report-data"]["sequences"][0]["id"],
            "bad\xEF\xBF\xBD\xEF\xBF\xBD(id");
  EXPECT_EQ(page.find("\xff"), std::string::npos);
  EXPECT_EQ(figure.find("\xff"), std::string::npos);
}

TEST(HtmlReport, EmptyInputStillMakesAPage) {
  const auto census = probe_markup("html", html_report({}, {}));
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(count(census, "classes", "empty"), 2);  // both heatmaps say "no sequences"
}

TEST(HtmlReport, RejectsMapsOfTheWrongLength) {
  auto seqs = test::synthetic_sequences(3);
  seqs[0].probability = 0.9f;
  seqs[0].cam.pop_back();
  EXPECT_THROW(html_report(seqs, {}), Error);
}

TEST(HtmlReport, SequencesOfModelsWithoutAttentionCarryOnlyTheirCam) {
  auto seqs = test::synthetic_sequences(3);
  for (auto& s : seqs) s.attention.clear();
  const std::string data = report_data_json(seqs, {});
  EXPECT_THAT(data, HasSubstr("\"c\":["));
  EXPECT_THAT(data, Not(HasSubstr("\"a\":")));
  const auto census = probe_markup("html", html_report(seqs, {}));
  ASSERT_TRUE(census["ok"]) << census["error"];
  // Attention of the wrong length is still an error.
  seqs[1].attention = {0.5f, 0.5f};
  EXPECT_THROW(html_report(seqs, {}), Error);
}

}  // namespace
}  // namespace mirgene::report
