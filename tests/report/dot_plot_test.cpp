// The SVG dot plot: one square per listed pair above the diagonal with area proportional to
// p, one per MFE pair below it, escaped text, and RNAfold-like axes.
#include "report/dot_plot.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"

namespace mirgene::report {
namespace {

using ::testing::HasSubstr;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(DotPlot, SquaresForPairsAboveAndMfeBelow) {
  // 10 nt, plot area 100 px: cells of 10 px.
  DotPlotOptions options;
  options.size = 100;
  options.title = "a<b";
  const std::vector<fold::PairProbability> pairs = {{1, 10, 1.0}, {2, 9, 0.25}};
  const std::string svg = dot_plot_svg("GGGAAAACCC", pairs, "((......))", options);
  EXPECT_THAT(svg, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(svg, HasSubstr("a&lt;b"));
  // p = 1: the whole cell of row 1, column 10; p = 0.25: half its side, centred.
  EXPECT_THAT(
      svg,
      HasSubstr("<rect x=\"118\" y=\"48\" width=\"10\" height=\"10\"><title>1-10 p=1</title>"));
  EXPECT_THAT(svg, HasSubstr("width=\"5\" height=\"5\"><title>2-9 p=0.25</title>"));
  // MFE pairs (1,10) and (2,9) below the diagonal: row j, column i.
  EXPECT_THAT(svg, HasSubstr("<rect x=\"28\" y=\"138\" width=\"10\" height=\"10\"/>"));
  EXPECT_THAT(svg, HasSubstr("<rect x=\"38\" y=\"128\" width=\"10\" height=\"10\"/>"));
  EXPECT_EQ(count(svg, "<title>"), 2u);
  EXPECT_EQ(count(svg, "<rect"), 1u + 2u + 2u);  // frame, pairs, MFE pairs
  // Letters along both axes when the cells are wide enough.
  EXPECT_EQ(count(svg, ">G</text>"), 6u);
}

TEST(DotPlot, LongSequencesGetPositionTicks) {
  const std::string seq(400, 'A');
  const std::string svg = dot_plot_svg(seq, {}, std::string(400, '.'));
  EXPECT_EQ(count(svg, ">A</text>"), 0u);
  EXPECT_THAT(svg, HasSubstr(">100</text>"));
}

TEST(DotPlot, RejectsAMalformedStructure) {
  EXPECT_THROW(dot_plot_svg("GGGAAACCC", {}, "(((...))"), Error);
}

}  // namespace
}  // namespace mirgene::report
