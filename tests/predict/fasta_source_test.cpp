#include "predict/fasta_source.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "common/error.hpp"

namespace mirgene::predict {
namespace {

std::unique_ptr<std::istream> text(std::string s) {
  return std::make_unique<std::istringstream>(std::move(s));
}

TEST(FastaSource, StreamGivesTheRecordsGoodAndBadWithItsName) {
  FastaSource source(text(">a\nACGT\n>b\nAC?U\n>c\nGG\n"), "<input>");
  EXPECT_EQ(source.name(), "<input>");
  seqio::ReadResult item;
  ASSERT_TRUE(source.next(item));
  EXPECT_FALSE(item.error);
  EXPECT_EQ(item.record.id, "a");
  EXPECT_EQ(item.record.seq, "ACGU");
  ASSERT_TRUE(source.next(item));
  ASSERT_TRUE(item.error);
  EXPECT_EQ(item.error->to_string(),
            "<input>:4:3: record 'b' (#2): invalid character '?' (not an IUPAC nucleotide letter)");
  ASSERT_TRUE(source.next(item));
  EXPECT_EQ(item.record.id, "c");
  EXPECT_FALSE(source.next(item));
  EXPECT_NO_THROW(source.rethrow_input_error());
}

TEST(FastaSource, StreamNamedDashIsShownAsStdin) {
  FastaSource source(text(">a\nACGU\n"), "-");
  EXPECT_EQ(source.name(), "<stdin>");
}

TEST(FastaSource, BinaryStreamEndsTheStreamAndIsRethrown) {
  std::string binary;
  for (int i = 0; i < 1024; ++i) binary += static_cast<char>(i % 256);
  FastaSource source(text(binary), "<input>");
  seqio::ReadResult item;
  EXPECT_FALSE(source.next(item));
  EXPECT_THROW(source.rethrow_input_error(), Error);
}

}  // namespace
}  // namespace mirgene::predict
