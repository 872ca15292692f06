#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "fold/pair_table.hpp"
#include "report/cam_heatmap.hpp"
#include "report/colour_scale.hpp"
#include "report/markup_probe.hpp"
#include "report/structure_layout.hpp"
#include "report/svg_text.hpp"

namespace mirgene::report {
namespace {

using test::count;
using test::probe_markup;
using ::testing::ElementsAre;
using ::testing::FloatEq;
using ::testing::HasSubstr;

bool any_text_contains(const nlohmann::json& census, const std::string& cls,
                       const std::string& needle) {
  if (!census["texts"].contains(cls)) return false;
  for (const auto& t : census["texts"][cls])
    if (t.get<std::string>().find(needle) != std::string::npos) return true;
  return false;
}

double distance(const Point& a, const Point& b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

TEST(SvgText, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape("a<b & c>\"d'"), "a&lt;b &amp; c&gt;&quot;d&#39;");
  // Not UTF-8: U+FFFD per bad byte (issue 15, item 5); valid multi-byte text is kept.
  EXPECT_EQ(xml_escape("x\xffy\xc3"), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  // An overlong form and a surrogate: every byte replaced.
  std::string five;
  for (int i = 0; i < 5; ++i) five += "\xEF\xBF\xBD";
  EXPECT_EQ(xml_escape("\xc0\xaf\xed\xa0\x80"), five);
  EXPECT_EQ(num(12.5), "12.5");
  EXPECT_EQ(num(3.0), "3");
  EXPECT_EQ(num(-0.0001), "0");
  EXPECT_EQ(num(-0.256, 2), "-0.26");
  EXPECT_EQ(short_num(0.998543), "0.999");
  EXPECT_EQ(short_num(-3.5e-7), "-3.5e-07");
  EXPECT_EQ(short_num(-0.0), "0");
}

TEST(ColourScale, DivergingIsCentredAtZero) {
  const ColourScale s = ColourScale::fit(std::vector<float>{-2, 1, 0.5f});
  EXPECT_TRUE(s.diverging());
  EXPECT_FLOAT_EQ(s.limit(), 2);
  EXPECT_DOUBLE_EQ(s.fraction(0), 0.5);
  EXPECT_EQ(s.colour(0), "#f7f7f7");
  EXPECT_EQ(s.colour(-2), "#2166ac");
  EXPECT_EQ(s.colour(2), "#b2182b");
  EXPECT_EQ(s.colour(50), "#b2182b");  // clamped
}

TEST(ColourScale, SequentialWhenNothingIsNegative) {
  const ColourScale s = ColourScale::fit(std::vector<float>{0, 0.25f, 1});
  EXPECT_FALSE(s.diverging());
  EXPECT_DOUBLE_EQ(s.fraction(0), 0.0);
  EXPECT_DOUBLE_EQ(s.fraction(0.25f), 0.25);
  EXPECT_EQ(s.palette(5).size(), 5u);
  EXPECT_EQ(s.palette(5).front(), "#fff5f0");
}

TEST(LoopLayout, UnitBackboneStepsAndPairsForAHairpin) {
  // A pre-miRNA-like hairpin with a bulge and an interior loop.
  const std::string db = "..((((((.((((...((((......))))..)))))))))).";
  const auto partner = fold::pair_table(db);
  const auto p = loop_layout(db);
  ASSERT_EQ(p.size(), db.size());
  // Backbone steps are 1 except next to the straightened pair after a bulge or interior loop.
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    EXPECT_NEAR(distance(p[i], p[i + 1]), 1, 0.35) << i;
    if (db[i] == '(' && db[i + 1] == '(') {
      EXPECT_NEAR(distance(p[i], p[i + 1]), 1, 1e-9) << i;
    }
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (partner[i] > static_cast<int>(i)) {
      EXPECT_NEAR(distance(p[i], p[partner[i]]), 1, 1e-9) << i;
    }
  }
  // No two bases on top of each other.
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      EXPECT_GT(distance(p[i], p[j]), 0.5) << i << " " << j;
    }
  // Laid along the page, 5' arm above the 3' arm, coordinates from 0.
  double max_x = 0, max_y = 0, min_x = 1e9, min_y = 1e9;
  for (const Point& q : p) {
    max_x = std::max(max_x, q.x), max_y = std::max(max_y, q.y);
    min_x = std::min(min_x, q.x), min_y = std::min(min_y, q.y);
  }
  EXPECT_GT(max_x, 2 * max_y);
  EXPECT_NEAR(min_x, 0, 1e-9);
  EXPECT_NEAR(min_y, 0, 1e-9);
  EXPECT_LT(p[2].y, p[partner[2]].y);
  EXPECT_LT(p[2].x, p[17].x);  // the stem runs from the 5' end towards the loop
}

TEST(LoopLayout, StackedPairsAreUnitSquares) {
  const auto p = loop_layout("(((...)))");
  // (0,8) stacked on (1,7): the diagonal 0-7 of the square is sqrt(2).
  EXPECT_NEAR(distance(p[0], p[7]), std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(distance(p[1], p[8]), std::sqrt(2.0), 1e-9);
}

TEST(LoopLayout, UnpairedOnlyIsAStraightLine) {
  const auto p = loop_layout("....");
  for (std::size_t i = 0; i < p.size(); ++i) {
    EXPECT_DOUBLE_EQ(p[i].x, static_cast<double>(i));
    EXPECT_DOUBLE_EQ(p[i].y, 0);
  }
}

// prefix + i; spelled out because GCC 12 warns falsely (-Wrestrict) on "literal" + string.
std::string numbered(std::string prefix, int i) {
  return prefix.append(std::to_string(i));
}

CamRow row(const std::string& id, float prob, std::vector<float> bins) {
  return CamRow{id, prob, std::move(bins)};
}

TEST(HeatmapMatrix, SortsNormalisesAndGroups) {
  const std::vector<CamRow> rows = {row("a", 0.6f, {1, -2}), row("b", 0.9f, {4, 2}),
                                    row("c", 0.7f, {0, 0})};
  CamFigureOptions opt;
  const HeatmapMatrix pos = heatmap_matrix(rows, true, opt);
  ASSERT_EQ(pos.rows.size(), 3u);
  EXPECT_THAT(pos.rows[0], ElementsAre(FloatEq(1), FloatEq(0.5f)));   // b, scaled by 4
  EXPECT_THAT(pos.rows[1], ElementsAre(FloatEq(0), FloatEq(0)));      // c, all zero stays
  EXPECT_THAT(pos.rows[2], ElementsAre(FloatEq(0.5f), FloatEq(-1)));  // a, scaled by 2
  EXPECT_THAT(pos.labels[0], HasSubstr("b"));
  // Predicted negatives: most confident = lowest probability first.
  EXPECT_THAT(heatmap_matrix(rows, false, opt).labels[0], HasSubstr("a"));

  opt.normalise_rows = false;
  opt.max_rows = 2;  // 3 sequences -> groups of 2: (b, c) and (a)
  const HeatmapMatrix grouped = heatmap_matrix(rows, true, opt);
  EXPECT_EQ(grouped.sequences_per_row, 2);
  ASSERT_EQ(grouped.rows.size(), 2u);
  EXPECT_THAT(grouped.rows[0], ElementsAre(FloatEq(2), FloatEq(1)));
  EXPECT_THAT(grouped.rows[1], ElementsAre(FloatEq(1), FloatEq(-2)));
  EXPECT_THAT(grouped.labels[0], HasSubstr("mean of 2"));

  opt.order = RowOrder::kPeakPosition;
  opt.max_rows = 10;
  const std::vector<CamRow> peaks = {row("late", 0.9f, {0, 0, 5}), row("early", 0.8f, {5, 0, 0}),
                                     row("mid", 0.7f, {0, 5, 0})};
  const HeatmapMatrix by_peak = heatmap_matrix(peaks, true, opt);
  EXPECT_THAT(by_peak.labels[0], HasSubstr("early"));
  EXPECT_THAT(by_peak.labels[1], HasSubstr("mid"));
  EXPECT_THAT(by_peak.labels[2], HasSubstr("late"));
}

std::vector<float> wave(int bins, float phase) {
  std::vector<float> v(bins);
  for (int b = 0; b < bins; ++b) v[b] = std::sin(0.1f * b + phase);
  return v;
}

TEST(CamFigure, IsWellFormedWithOneRowPerSequenceAndLabels) {
  std::vector<CamRow> pos, neg;
  for (int i = 0; i < 7; ++i) pos.push_back(row(numbered("pos", i), 0.9f, wave(100, i)));
  for (int i = 0; i < 4; ++i) neg.push_back(row(numbered("neg", i), 0.1f, wave(100, -i)));
  pos.push_back(row("x<&>\"y", 0.8f, wave(100, 0.5f)));
  CamFigureOptions opt;
  opt.title = "CAMs of <test> & more";
  const auto census = probe_markup("xml", cam_figure_svg(pos, neg, opt));
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(census["root"], "svg");
  EXPECT_EQ(count(census, "classes", "row"), 12);
  EXPECT_EQ(count(census, "classes", "heatmap"), 2);
  EXPECT_EQ(count(census, "classes", "colour-bar"), 1);
  EXPECT_EQ(count(census, "classes", "mean-positive"), 1);
  EXPECT_EQ(count(census, "classes", "mean-negative"), 1);
  EXPECT_TRUE(any_text_contains(census, "axis-label", "relative position in sequence (%)"));
  EXPECT_TRUE(any_text_contains(census, "axis-label", "sorted by confidence"));
  EXPECT_TRUE(any_text_contains(census, "title", "CAMs of <test> & more"));
  EXPECT_TRUE(any_text_contains(census, "row", "x<&>\"y"));
  EXPECT_TRUE(any_text_contains(census, "panel-title", "predicted pre-miRNA (n = 8)"));
  EXPECT_TRUE(any_text_contains(census, "panel-title", "predicted other (n = 4)"));
}

TEST(CamFigure, ManySequencesAreGroupedAndAnEmptyClassIsLabelled) {
  std::vector<CamRow> pos;
  for (int i = 0; i < 450; ++i) pos.push_back(row(numbered("s", i), 0.7f, wave(50, i)));
  CamFigureOptions opt;
  opt.max_rows = 200;  // 450 -> groups of 3 -> 150 rows
  const auto census = probe_markup("xml", cam_figure_svg(pos, {}, opt));
  ASSERT_TRUE(census["ok"]) << census["error"];
  EXPECT_EQ(count(census, "classes", "row"), 150);
  EXPECT_EQ(count(census, "classes", "empty"), 1);
  EXPECT_EQ(count(census, "classes", "mean-negative"), 0);
}

TEST(CamFigure, RejectsRowsOfDifferentWidths) {
  const std::vector<CamRow> pos = {row("a", 0.9f, {1, 2, 3})};
  const std::vector<CamRow> neg = {row("b", 0.1f, {1, 2})};
  EXPECT_THROW(cam_figure_svg(pos, neg), Error);
}

}  // namespace
}  // namespace mirgene::report
