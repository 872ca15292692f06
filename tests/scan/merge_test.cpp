// Candidates are loci: overlapping calls on one strand merge, keeping the best hairpin.
#include "scan/merge.hpp"

#include <gtest/gtest.h>

namespace mirgene::scan {
namespace {

Hairpin call(std::int64_t start, std::int64_t end, char strand, float p) {
  Hairpin h;
  h.start = start;
  h.end = end;
  h.strand = strand;
  h.probability = p;
  return h;
}

TEST(Merge, CallsOfOneLocusOnOneStrandBecomeTheBestOne) {
  const std::vector<Hairpin> out = merge_calls({call(100, 180, '+', 0.91f),
                                                call(130, 220, '+', 0.97f),  // shares 50 of 80
                                                call(170, 250, '+', 0.95f),  // 50 of 80: chains on
                                                call(230, 330, '+', 0.99f),  // 20 of 80: apart
                                                call(330, 400, '+', 0.90f)});  // touches only
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].start, 130);
  EXPECT_EQ(out[0].end, 220);
  EXPECT_FLOAT_EQ(out[0].probability, 0.97f);
  EXPECT_EQ(out[1].start, 230);
  EXPECT_EQ(out[2].start, 330);
}

TEST(Merge, SameLocusNeedsHalfOfTheShorterCall) {
  EXPECT_TRUE(same_locus(call(0, 100, '+', 0), call(50, 200, '+', 0)));
  EXPECT_FALSE(same_locus(call(0, 100, '+', 0), call(51, 200, '+', 0)));
  EXPECT_TRUE(same_locus(call(0, 300, '+', 0), call(100, 140, '+', 0)));  // inside
  EXPECT_FALSE(same_locus(call(0, 100, '+', 0), call(100, 200, '+', 0)));
}

TEST(Merge, StrandsStaySeparateAndOutputIsSortedByStart) {
  const std::vector<Hairpin> out = merge_calls(
      {call(500, 600, '+', 0.9f), call(120, 200, '-', 0.95f), call(100, 190, '+', 0.92f),
       call(140, 230, '-', 0.93f)});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].start, 100);
  EXPECT_EQ(out[0].strand, '+');
  EXPECT_EQ(out[1].start, 120);
  EXPECT_EQ(out[1].strand, '-');
  EXPECT_EQ(out[2].start, 500);
}

TEST(Merge, TiesKeepTheFirstAndEmptyStaysEmpty) {
  const std::vector<Hairpin> out =
      merge_calls({call(10, 90, '+', 0.9f), call(20, 100, '+', 0.9f)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].start, 10);
  EXPECT_TRUE(merge_calls({}).empty());
}

}  // namespace
}  // namespace mirgene::scan
