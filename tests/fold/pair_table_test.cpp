#include "fold/pair_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::fold {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string error_of(std::string_view structure, std::string_view unpaired = ".") {
  try {
    pair_table(structure, unpaired);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(PairTable, MatchesBracketsZeroBased) {
  EXPECT_THAT(pair_table("((..))."), ElementsAre(5, 4, -1, -1, 1, 0, -1));
  EXPECT_THAT(pair_table("()()"), ElementsAre(1, 0, 3, 2));
  EXPECT_TRUE(pair_table("").empty());
}

TEST(PairTable, UnpairedCharactersAreTheCallersChoice) {
  EXPECT_THAT(pair_table("((.:)).", ".:"), ElementsAre(5, 4, -1, -1, 1, 0, -1));
  EXPECT_THAT(error_of("((x))", ".:"), HasSubstr("(only '(', ')', '.' and ':' are allowed)"));
  EXPECT_EQ(
      error_of("((.:))."),
      "structure: unexpected character ':' at position 4 (only '(', ')' and '.' are allowed)");
}

TEST(PairTable, UnbalancedStructuresNameThePosition) {
  EXPECT_EQ(error_of("(()"), "structure: unbalanced '(' at position 1");
  EXPECT_EQ(error_of("())"), "structure: unbalanced ')' at position 3");
  EXPECT_THAT(error_of("((x))"), HasSubstr("unexpected character 'x' at position 3"));
}

}  // namespace
}  // namespace mirgene::fold
