// Cutting records for scanning: base normalisation, N runs, chunk plans, reverse complement.
#include "scan/chunks.hpp"

#include <gtest/gtest.h>

namespace mirgene::scan {
namespace {

TEST(Chunks, NormalisesCaseAndOddCodes) {
  std::string s = "acgtuACGTUNnRYx-";
  normalize_bases(s);
  EXPECT_EQ(s, "ACGUUACGUUNNNNNN");
}

TEST(Chunks, CleanRunsSkipGapsAndShortRuns) {
  const std::string s = "NNNACGUACGUNNACGNNNNACGUACGUACGU";
  const auto runs = clean_runs(s, 5);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0], (std::pair<std::int64_t, std::int64_t>{3, 11}));
  EXPECT_EQ(runs[1], (std::pair<std::int64_t, std::int64_t>{20, 32}));
  EXPECT_TRUE(clean_runs("NNNN", 1).empty());
  EXPECT_TRUE(clean_runs("", 1).empty());
  EXPECT_EQ(clean_runs("ACGU", 1).front(), (std::pair<std::int64_t, std::int64_t>{0, 4}));
}

TEST(Chunks, PlanTilesTheRunAndAddsContextInsideIt) {
  const std::vector<Chunk> plan = plan_chunks(100, 1050, 300, 50);
  ASSERT_EQ(plan.size(), 4u);
  std::int64_t covered = 100;
  for (const Chunk& c : plan) {
    EXPECT_EQ(c.own_start, covered);
    covered = c.own_end;
    EXPECT_EQ(c.fold_start, std::max<std::int64_t>(100, c.own_start - 50));
    EXPECT_EQ(c.fold_end, std::min<std::int64_t>(1050, c.own_end + 50));
  }
  EXPECT_EQ(covered, 1050);
}

TEST(Chunks, ReverseComplement) {
  EXPECT_EQ(reverse_complement("AACGUN"), "NACGUU");
  EXPECT_EQ(reverse_complement(""), "");
}

}  // namespace
}  // namespace mirgene::scan
