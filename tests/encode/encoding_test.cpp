#include "encode/encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "common/error.hpp"

namespace mirgene::encode {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::uint8_t token(int nucleotide, int structure) {
  return static_cast<std::uint8_t>(4 * nucleotide + structure);
}
constexpr int A = 0, C = 1, G = 2, U = 3;
constexpr int kOpen = 0, kClose = 1, kDot = 2, kLoop = 3;

std::string error_of(std::string_view seq, std::string_view db) {
  try {
    encode(seq, db);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Encode, TokensCombineNucleotideAndStructureWithHairpinLoopsMarked) {
  EXPECT_THAT(encode("GACUUAGC", ".((...))"),
              ElementsAre(token(G, kDot), token(A, kOpen), token(C, kOpen), token(U, kLoop),
                          token(U, kLoop), token(A, kLoop), token(G, kClose), token(C, kClose)));
}

TEST(Encode, AlreadyMarkedStructureGivesSameTokens) {
  EXPECT_EQ(encode("GACUUAGC", ".((:::))"), encode("GACUUAGC", ".((...))"));
}

TEST(Encode, UnpairedBasesOutsideHairpinsStayDots) {
  EXPECT_THAT(encode("ACGUA", "(.)..")[3], token(U, kDot));
  EXPECT_THAT(encode("AAAAAAA", "(.(.).)"),
              ElementsAre(token(A, kOpen), token(A, kDot), token(A, kOpen), token(A, kLoop),
                          token(A, kClose), token(A, kDot), token(A, kClose)));
}

TEST(Encode, IgnoresCaseAndReadsTAsU) {
  EXPECT_EQ(encode("acgut", "....."), encode("ACGUU", "....."));
  EXPECT_EQ(encode("T", ".")[0], token(U, kDot));
}

TEST(Encode, NonAcguLettersBecomeUnknownTokensKeepingStructure) {
  EXPECT_THAT(encode("NnRYKMSWBDHVX", "(((((:))))).."),
              ElementsAre(16 + kOpen, 16 + kOpen, 16 + kOpen, 16 + kOpen, 16 + kOpen, 16 + kLoop,
                          16 + kClose, 16 + kClose, 16 + kClose, 16 + kClose, 16 + kClose,
                          16 + kDot, 16 + kDot));
}

TEST(Encode, EveryTokenIsInsideTheVocabulary) {
  const auto tokens = encode("ACGUNACGUNACGUNACGUN", "((((....)))):::.()..");
  for (auto t : tokens) EXPECT_LT(t, kVocab);
}

TEST(Encode, AcceptsExactlyMaxLength) {
  EXPECT_EQ(encode(std::string(kMaxLen, 'A'), std::string(kMaxLen, '.')).size(),
            static_cast<std::size_t>(kMaxLen));
}

TEST(Encode, RejectsLongerThanMaxLength) {
  EXPECT_EQ(error_of(std::string(512, 'A'), std::string(512, '.')),
            "sequence of 512 nt is longer than the 400 nt the model reads");
}

TEST(Encode, RejectsLengthMismatch) {
  EXPECT_EQ(error_of("ACGU", "..."), "sequence of 4 nt has a structure of 3 characters");
}

TEST(Encode, RejectsEmptySequence) {
  EXPECT_THAT(error_of("", ""), HasSubstr("empty"));
}

TEST(Encode, RejectsBadStructureCharacter) {
  EXPECT_EQ(error_of("ACGU", "(.x)"),
            "structure has invalid character 'x' at position 3 (expected ( ) . :)");
  EXPECT_THAT(error_of("ACGU", "(.[)"), HasSubstr("'['"));
}

TEST(Encode, RejectsNonLetterInSequence) {
  EXPECT_THAT(error_of("AC-U", "...."), HasSubstr("invalid character '-' at position 3"));
  EXPECT_THAT(error_of("AC\nU", "...."), HasSubstr("byte 10"));
}

TEST(TokenVector, KnownTokensAreOneHot) {
  for (int t = 0; t < 16; ++t) {
    const auto x = token_vector(static_cast<std::uint8_t>(t));
    for (int k = 0; k < kInputDim; ++k) EXPECT_EQ(x[k], k == t ? 1.0f : 0.0f) << t << " " << k;
  }
}

TEST(TokenVector, UnknownTokensAreUniformOverNucleotidesWithTheirStructure) {
  for (int s = 0; s < 4; ++s) {
    const auto x = token_vector(static_cast<std::uint8_t>(16 + s));
    for (int k = 0; k < kInputDim; ++k) {
      EXPECT_EQ(x[k], k % 4 == s ? 0.25f : 0.0f) << s << " " << k;
    }
    EXPECT_FLOAT_EQ(std::accumulate(x.begin(), x.end(), 0.0f), 1.0f);
  }
}

// Issue 15, item 3: sequences of 1-8 nt scored ~0.99 pre-miRNA. The shortest pre-miRNA of the
// training data is 45 nt; anything shorter is not scored.
TEST(LengthRules, TooShortBelowTheShortestTrainingPreMirna) {
  EXPECT_EQ(kMinScoredLen, 45);
  EXPECT_EQ(too_short_problem(8), "too short: 8 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(too_short_problem(0), "too short: 0 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(too_short_problem(44), "too short: 44 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(too_short_problem(45), "");
  EXPECT_EQ(too_short_problem(400), "");
}

// Issue 15, item 3: IUPAC ambiguity codes were scored without a word.
TEST(LengthRules, AmbiguityCodesAreFlaggedWithTheirCountAndLetters) {
  EXPECT_EQ(ambiguity_note("ACGUacgutT"), "");
  EXPECT_EQ(ambiguity_note("ACGNNNNU"), "flagged: 4 ambiguous bases (N), none in the training data");
  EXPECT_EQ(ambiguity_note("ACGryU"), "flagged: 2 ambiguous bases (R Y), none in the training data");
  EXPECT_EQ(ambiguity_note("ACGSU"), "flagged: 1 ambiguous base (S), none in the training data");
}

TEST(TokenVector, RejectsTokensOutsideVocabulary) {
  EXPECT_THROW(token_vector(20), Error);
  EXPECT_THROW(token_vector(255), Error);
}

}  // namespace
}  // namespace mirgene::encode
