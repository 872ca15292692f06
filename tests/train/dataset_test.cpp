#include "train/dataset.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "fold/params.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"
#include "train/checksum.hpp"

namespace mirgene::train {
namespace {

using ::testing::HasSubstr;

const std::string kMixed = test::fixture_path("train/mixed.fa");

TEST(Dataset, SkipsTooLongAndBadRecordsAndKeepsTheRestInOrder) {
  FoldCache cache;
  const EncodedSet set = load_encoded_set(kMixed, cache, fold::turner2004(), 2);
  EXPECT_EQ(set.ids, (std::vector<std::string>{"good1", "lower1", "good2"}));
  ASSERT_EQ(set.tokens.size(), 3u);
  ASSERT_EQ(set.skipped.size(), 3u);
  EXPECT_THAT(set.skipped[0], HasSubstr("long1"));
  EXPECT_THAT(set.skipped[0], HasSubstr("too long: 450 nt > 400"));
  EXPECT_THAT(set.skipped[1], HasSubstr("gap1"));
  EXPECT_THAT(set.skipped[1], HasSubstr("'-'"));
  EXPECT_THAT(set.skipped[2], HasSubstr("empty1"));
  // Only usable records were folded.
  EXPECT_EQ(set.folding.folded, 3u);
  EXPECT_EQ(cache.size(), 3u);
}

TEST(Dataset, TokensMatchTheEncoderOnTheCachedFold) {
  FoldCache cache;
  const EncodedSet set = load_encoded_set(kMixed, cache, fold::turner2004(), 1);
  std::ifstream in(kMixed);
  std::string header, seq;
  std::getline(in, header);
  std::getline(in, seq);
  const CachedFold* fold = cache.find(fold_key(seq));
  ASSERT_NE(fold, nullptr);
  EXPECT_EQ(fold->structure.size(), seq.size());
  EXPECT_EQ(set.tokens[0], encode::encode(seq, fold->structure, fold->energy));
  // The fold cache keeps the energy the tokens carry.
  EXPECT_EQ(encode::energy_bin_of(set.tokens[0][0]), encode::energy_bin(fold->energy, seq.size()));
}

TEST(Dataset, ChecksumIsStableAndCoversTheUsedSequences) {
  FoldCache cache;
  const EncodedSet a = load_encoded_set(kMixed, cache, fold::turner2004(), 2);
  const EncodedSet b = load_encoded_set(kMixed, cache, fold::turner2004(), 1);
  EXPECT_EQ(a.checksum, b.checksum);
  EXPECT_EQ(a.checksum.size(), 16u);
  const EncodedSet other =
      load_encoded_set(test::fixture_path("train/tiny_pos.fa"), cache, fold::turner2004(), 2);
  EXPECT_NE(a.checksum, other.checksum);
}

TEST(Dataset, SecondLoadThroughAFileCacheFoldsNothing) {
  test::TempDir dir;
  const std::string path = cache_file_in(dir.path().string(), "turner2004");
  {
    FoldCache cache = FoldCache::open(path, "turner2004");
    const EncodedSet set = load_encoded_set(kMixed, cache, fold::turner2004(), 2);
    EXPECT_EQ(set.folding.folded, 3u);
  }
  FoldCache cache = FoldCache::open(path, "turner2004");
  EXPECT_EQ(cache.size(), 3u);
  const EncodedSet set = load_encoded_set(kMixed, cache, fold::turner2004(), 2);
  EXPECT_EQ(set.folding.folded, 0u);
  EXPECT_EQ(set.folding.cached, 3u);
}

TEST(Dataset, LabelledSetNeedsBothClasses) {
  FoldCache cache;
  const EncodedSet pos =
      load_encoded_set(test::fixture_path("train/tiny_pos.fa"), cache, fold::turner2004(), 2);
  const EncodedSet neg =
      load_encoded_set(test::fixture_path("train/tiny_neg.fa"), cache, fold::turner2004(), 2);
  const LabelledSet both = label_sets(pos, neg);
  EXPECT_EQ(both.positives, 24u);
  EXPECT_EQ(both.negatives, 36u);
  EXPECT_EQ(both.is_positive.front(), 1);
  EXPECT_EQ(both.is_positive.back(), 0);
  EncodedSet empty = neg;
  empty.tokens.clear();
  try {
    label_sets(pos, empty);
    FAIL() << "an empty class must fail the run";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("tiny_neg.fa"));
  }
}

}  // namespace
}  // namespace mirgene::train
