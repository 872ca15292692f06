#include "train/model_tokens.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "fold/ensemble.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "support/paths.hpp"
#include "train/dataset.hpp"

namespace mirgene::train {
namespace {

using ::testing::HasSubstr;

// Nine G-C pairs around a loop of five A: a stem paired almost surely, a loop rarely.
const std::string kHairpin = "GGGCGCGCGAAAAACGCGCGCCC";

TEST(TokenMaker, EnergyModesGetTheEnergyBinAndPairingGetsEachBasesProbability) {
  const fold::FoldResult f = fold::Folder(fold::turner2004()).fold(kHairpin);
  for (nn::InputMode mode : {nn::InputMode::kBoth, nn::InputMode::kBothEnergy,
                             nn::InputMode::kSequence}) {
    TokenMaker make(mode);
    EXPECT_EQ(make(kHairpin, f.structure, f.energy),
              encode::encode(kHairpin, f.structure, f.energy));
  }
  TokenMaker make(nn::InputMode::kBothPairing);
  const std::vector<std::uint8_t> tokens = make(kHairpin, f.structure, f.energy);
  fold::PartitionFolder partition;
  partition.fold(kHairpin);
  const std::vector<double> paired = fold::paired_probabilities(partition.probabilities());
  EXPECT_EQ(tokens, encode::with_pairing(encode::encode(kHairpin, f.structure), paired));
  EXPECT_EQ(encode::energy_bin_of(tokens[1]), encode::kPairingLevels - 1);
  EXPECT_LE(encode::energy_bin_of(tokens[kHairpin.size() / 2]), 2);
}

TEST(TokenMaker, AnEnsembleMayNotMixPairingWithOtherInputs) {
  nn::Architecture small;
  small.recurrent = {{2, false}};
  small.dense = {3};
  small.max_len = 20;
  std::vector<nn::Network> members;
  small.input = nn::InputMode::kBothEnergy;
  members.emplace_back(small);
  small.input = nn::InputMode::kBoth;
  members.emplace_back(small);
  EXPECT_EQ(token_mode(members), nn::InputMode::kBothEnergy);
  small.input = nn::InputMode::kBothPairing;
  members.emplace_back(small);
  try {
    token_mode(members);
    FAIL() << "a mixed ensemble was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("pairing"));
  }
  members.erase(members.begin(), members.begin() + 2);
  EXPECT_EQ(token_mode(members), nn::InputMode::kBothPairing);
}

// The training loader makes the same tokens for a pairing network whatever its thread count.
TEST(TokenMaker, TheLoaderGivesPairingTokensOnAnyThreadCount) {
  FoldCache cache;
  const std::string file = test::fixture_path("train/tiny_val_pos.fa");
  const EncodedSet one =
      load_encoded_set(file, cache, fold::turner2004(), 1, nn::InputMode::kBothPairing);
  const EncodedSet three =
      load_encoded_set(file, cache, fold::turner2004(), 3, nn::InputMode::kBothPairing);
  ASSERT_FALSE(one.tokens.empty());
  EXPECT_EQ(one.tokens, three.tokens);
  EXPECT_EQ(one.ids, three.ids);
  const EncodedSet plain = load_encoded_set(file, cache, fold::turner2004(), 2);
  EXPECT_NE(plain.tokens, one.tokens);
}

}  // namespace
}  // namespace mirgene::train
