#include "decoys/stem_loops.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::decoys {
namespace {

TEST(StemLoops, OneHairpinWithInteriorLoopsIsOneStemLoop) {
  //                                      0123456789012345678901
  const std::vector<StemLoop> s = find_stem_loops("..((..((.((....))))))..");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].start, 2);
  EXPECT_EQ(s[0].end, 20);
  EXPECT_EQ(s[0].pairs, 6);
  EXPECT_EQ(s[0].loop_start, 11);
  EXPECT_EQ(s[0].loop_end, 14);
}

TEST(StemLoops, MultiloopBranchesAreSeparateStemLoops) {
  // The outer helix closes a multiloop, so it belongs to no stem-loop; each branch is one.
  const std::vector<StemLoop> s = find_stem_loops("((((...))..((...))))");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].start, 2);
  EXPECT_EQ(s[0].end, 8);
  EXPECT_EQ(s[0].pairs, 2);
  EXPECT_EQ(s[1].start, 11);
  EXPECT_EQ(s[1].end, 17);
}

TEST(StemLoops, ExteriorHairpinsInOrder) {
  const std::vector<StemLoop> s = find_stem_loops("(((...)))...((((....))))");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].pairs, 3);
  EXPECT_EQ(s[1].start, 12);
  EXPECT_EQ(s[1].pairs, 4);
}

TEST(StemLoops, UnstructuredAndEmptyHaveNone) {
  EXPECT_TRUE(find_stem_loops("").empty());
  EXPECT_TRUE(find_stem_loops("........").empty());
}

TEST(StemLoops, UnbalancedBracketsAreErrors) {
  EXPECT_THROW(find_stem_loops("((...)"), Error);
  EXPECT_THROW(find_stem_loops("(...))"), Error);
}

}  // namespace
}  // namespace mirgene::decoys
