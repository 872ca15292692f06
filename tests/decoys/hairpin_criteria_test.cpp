#include "decoys/hairpin_criteria.hpp"

#include <gtest/gtest.h>

#include "fold/mfe.hpp"

namespace mirgene::decoys {
namespace {

TEST(HairpinCriteria, RealPrecursorPasses) {
  // hsa-let-7a-1 (miRBase), a textbook single stem-loop.
  fold::Folder folder;
  const fold::FoldResult f = folder.fold(
      "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAUACAAUCUACUGUCUUUCCUA");
  EXPECT_TRUE(is_premirna_like(f.structure, f.energy, HairpinCriteria{}));
}

TEST(HairpinCriteria, EachRuleCanReject) {
  const std::string one = std::string(20, '(') + "....." + std::string(20, ')');
  HairpinCriteria c;
  EXPECT_TRUE(is_premirna_like(one, -2000, c));
  EXPECT_FALSE(is_premirna_like(one, -1400, c));  // not stable enough
  c.min_pairs = 21;
  EXPECT_FALSE(is_premirna_like(one, -2000, c));  // too few pairs
  c = {};
  const std::string two = "((((((((((...))))))))))((((((((((...))))))))))";
  EXPECT_FALSE(is_premirna_like(two, -3000, c));                         // two stem-loops
  EXPECT_FALSE(is_premirna_like(std::string(25, '.') + one, -2000, c));  // long 5' tail
}

}  // namespace
}  // namespace mirgene::decoys
