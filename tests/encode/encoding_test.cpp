#include "encode/encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

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

// Edges -0.10, -0.15, ..., -0.60 kcal/mol/nt = -10, -15, ..., -60 dcal/mol/nt; an MFE per nt on
// an edge passes it.
TEST(EnergyBin, CountsTheEdgesTheMfePerNucleotidePasses) {
  EXPECT_EQ(energy_bin(-999, 100), 0);   // -0.0999 / nt
  EXPECT_EQ(energy_bin(-1000, 100), 1);  // -0.10 exactly
  EXPECT_EQ(energy_bin(-1499, 100), 1);
  EXPECT_EQ(energy_bin(-1500, 100), 2);  // -0.15
  EXPECT_EQ(energy_bin(-2500, 100), 4);  // -0.25: the scan's typical false call
  EXPECT_EQ(energy_bin(-4000, 100), 7);  // -0.40: a typical precursor
  EXPECT_EQ(energy_bin(-5999, 100), 10);
  EXPECT_EQ(energy_bin(-6000, 100), 11);  // -0.60: every edge
  EXPECT_EQ(energy_bin(-100000, 100), kEnergyEdges);
  // Lengths that do not divide the energy: 7 nt at -70 dcal is -0.10 per nt exactly.
  EXPECT_EQ(energy_bin(-70, 7), 1);
  EXPECT_EQ(energy_bin(-69, 7), 0);
  EXPECT_EQ(energy_bin(-105, 7), 2);
  EXPECT_EQ(energy_bin(-104, 7), 1);
  EXPECT_EQ(energy_bin(0, 80), 0);
  EXPECT_EQ(energy_bin(250, 80), 0);  // unfolded, positive
  // No sequence, no energy (and no division by zero).
  EXPECT_EQ(energy_bin(0, 0), 0);
  EXPECT_EQ(energy_bin(-500, 0), 0);
  // kMaxLen nt at an extreme energy stays in integer range.
  EXPECT_EQ(energy_bin(-2'000'000'000, static_cast<std::size_t>(kMaxLen)), kEnergyEdges);
}

TEST(PairingTokens, CarryEachBasesProbabilityInElevenths) {
  EXPECT_EQ(pairing_bin(0.0), 0);
  EXPECT_EQ(pairing_bin(1.0 / 11 - 1e-9), 0);
  EXPECT_EQ(pairing_bin(1.0 / 11 + 1e-9), 1);
  EXPECT_EQ(pairing_bin(0.5), 5);
  EXPECT_EQ(pairing_bin(1.0 - 1e-12), 10);
  EXPECT_EQ(pairing_bin(1.0), kPairingLevels);
  EXPECT_EQ(pairing_bin(1.0 + 1e-12), kPairingLevels);  // a sum's rounding excess
  const std::vector<std::uint8_t> base = encode("GNCA", "(..)");
  const std::vector<std::uint8_t> t = with_pairing(base, {0.99, 0.0, 0.3, 1.0});
  ASSERT_EQ(t.size(), base.size());
  const int bins[] = {10, 0, 3, 11};
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(base_token(t[i]), base[i]);
    EXPECT_EQ(energy_bin_of(t[i]), bins[i]) << i;
    EXPECT_LT(t[i], kTokenValues);
  }
  EXPECT_THROW(with_pairing(base, {0.5, 0.5}), Error);             // one per base
  EXPECT_THROW(with_pairing(base, {0.5, 0.5, 1.5, 0.5}), Error);   // not a probability
  EXPECT_THROW(with_pairing(base, {0.5, 0.5, NAN, 0.5}), Error);
  EXPECT_THROW(with_pairing(t, {0.5, 0.5, 0.5, 0.5}), Error);      // already carries a bin
}

TEST(EnergyTokens, CarryTheBinAboveTheBaseToken) {
  const std::vector<std::uint8_t> base = encode("GNCA", "(..)");
  const std::vector<std::uint8_t> none = with_energy(base, 0);
  EXPECT_EQ(none, base);
  const std::vector<std::uint8_t> all = with_energy(base, kEnergyEdges);
  ASSERT_EQ(all.size(), base.size());
  for (std::size_t i = 0; i < base.size(); ++i) {
    EXPECT_EQ(all[i], base[i] + kVocab * kEnergyEdges);
    EXPECT_LT(all[i], kTokenValues);
    EXPECT_EQ(base_token(all[i]), base[i]);
    EXPECT_EQ(energy_bin_of(all[i]), kEnergyEdges);
  }
  EXPECT_THROW(with_energy(base, -1), Error);
  EXPECT_THROW(with_energy(base, kEnergyBins), Error);
  EXPECT_THROW(with_energy(all, 1), Error);  // already carries a bin
  // encode with an energy = encode, then the energy's bin (-0.30 kcal/mol/nt: bin 5).
  EXPECT_EQ(encode("GNCA", "(..)", -120), with_energy(base, 5));
  EXPECT_EQ(energy_bin(-120, 4), 5);
}

TEST(TokenVector, RejectsTokensOutsideVocabulary) {
  EXPECT_THROW(token_vector(20), Error);
  EXPECT_THROW(token_vector(255), Error);
}

}  // namespace
}  // namespace mirgene::encode
