#include "decoys/shared_stretches.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::decoys {
namespace {

TEST(StretchIndex, FindsAStretchSharedWithAKnownSequence) {
  StretchIndex known(5);
  known.add("AAAAACCCCC");
  EXPECT_TRUE(known.shares("GGAACCCGG"));    // holds "AACCC"
  EXPECT_TRUE(known.shares("CCCCC"));        // exactly one stretch
  EXPECT_FALSE(known.shares("AAAAGCCCCG"));  // four in a row at most
  EXPECT_FALSE(known.shares("AACC"));        // shorter than a stretch
  EXPECT_EQ(known.stretch(), 5);
}

TEST(StretchIndex, ShortKnownSequencesMatchByContainment) {
  StretchIndex known(40);
  known.add("ACGUACGU");
  EXPECT_TRUE(known.shares("GGGACGUACGUGGG"));
  EXPECT_FALSE(known.shares("GGGACGUACGGGG"));
  known.add("");  // nothing to remember; matches nothing
  EXPECT_FALSE(known.shares("UUUU"));
}

TEST(StretchIndex, RefusesAnEmptyStretch) {
  EXPECT_THROW(StretchIndex(0), Error);
}

}  // namespace
}  // namespace mirgene::decoys
