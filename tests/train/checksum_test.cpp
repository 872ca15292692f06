#include "train/checksum.hpp"

#include <gtest/gtest.h>

namespace mirgene::train {
namespace {

std::string checksum_of(std::initializer_list<std::string_view> seqs) {
  SequenceChecksum c;
  for (auto s : seqs) c.add(s);
  return c.hex();
}

TEST(SequenceChecksum, IsFnv1a64OfSequencesWithNewlines) {
  // FNV-1a 64 of the empty input is the offset basis.
  EXPECT_EQ(SequenceChecksum().hex(), "cbf29ce484222325");
  // Known value of FNV-1a 64 over the bytes "ACGU\n" (computed independently in Python).
  EXPECT_EQ(checksum_of({"ACGU"}), "a1b5c050290fe6b1");
}

TEST(SequenceChecksum, DependsOnOrderAndBoundaries) {
  EXPECT_EQ(checksum_of({"ACGU", "GGA"}), checksum_of({"ACGU", "GGA"}));
  EXPECT_NE(checksum_of({"ACGU", "GGA"}), checksum_of({"GGA", "ACGU"}));
  EXPECT_NE(checksum_of({"ACGUG", "GA"}), checksum_of({"ACGU", "GGA"}));
  EXPECT_EQ(checksum_of({"ACGU"}).size(), 16u);
}

}  // namespace
}  // namespace mirgene::train
