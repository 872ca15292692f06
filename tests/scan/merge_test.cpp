// Candidates are loci: overlapping calls on one strand merge, keeping the best hairpin.
#include "scan/merge.hpp"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

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

// Calls handed in chunk by chunk, each chunk's calls starting at or after the frontier
// given after the chunk before: the stream hands out what merge_calls (or sorted_calls)
// gives for all of them, in the same order, whatever the chunking.
TEST(CandidateStream, HandsOutWhatMergingEverythingAtOnceGives) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const bool merge = trial % 4 != 0;
    const std::int64_t chunk = 50 + rng() % 400, reach = 20 + rng() % 150;
    const int chunks = 1 + static_cast<int>(rng() % 30);
    std::vector<std::vector<Hairpin>> by_chunk(chunks);
    std::vector<Hairpin> all;
    for (int k = 0; k < chunks; ++k) {
      const int n = static_cast<int>(rng() % 8);
      for (int c = 0; c < n; ++c) {
        // Starts no earlier than `reach` before the chunk's own part.
        const std::int64_t start = std::max<std::int64_t>(0, k * chunk - reach) +
                                   static_cast<std::int64_t>(rng() % (chunk + reach));
        const std::int64_t length = 60 + rng() % 120;
        Hairpin h = call(start, start + length, rng() % 2 ? '+' : '-',
                         static_cast<float>(rng() % 1000) / 1000.0f);
        h.sequence = std::to_string(all.size());  // tells equal-looking calls apart
        by_chunk[k].push_back(h);
        all.push_back(h);
      }
    }
    const std::vector<Hairpin> expected = merge ? merge_calls(all) : sorted_calls(all);
    CandidateStream stream(merge);
    std::vector<Hairpin> got;
    for (int k = 0; k < chunks; ++k) {
      stream.add(std::vector<Hairpin>(by_chunk[k]));
      for (Hairpin& h : stream.release((k + 1) * chunk - reach)) got.push_back(std::move(h));
    }
    for (Hairpin& h : stream.finish()) got.push_back(std::move(h));
    EXPECT_EQ(stream.held(), 0u);
    ASSERT_EQ(got.size(), expected.size()) << "trial " << trial;
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(std::tie(got[k].start, got[k].end, got[k].strand, got[k].probability),
                std::tie(expected[k].start, expected[k].end, expected[k].strand,
                         expected[k].probability))
          << "trial " << trial << ", candidate " << k;
    }
  }
}

TEST(CandidateStream, HandsOutCandidatesBeforeTheRecordEnds) {
  CandidateStream stream(true);
  stream.add({call(100, 180, '+', 0.9f), call(150, 230, '-', 0.95f)});
  EXPECT_TRUE(stream.release(200).size() == 1);  // the '+' call ends before 200
  stream.add({call(400, 480, '+', 0.9f)});
  const std::vector<Hairpin> out = stream.release(500);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].start, 150);
  EXPECT_EQ(out[1].start, 400);
  EXPECT_TRUE(stream.finish().empty());
}

}  // namespace
}  // namespace mirgene::scan
