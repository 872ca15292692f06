#include "predict/scorer.hpp"

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "encode/encoding.hpp"
#include "explain/position_scores.hpp"
#include "fold/params.hpp"
#include "nn/initialisation.hpp"

namespace mirgene::predict {
namespace {

nn::Network small_network() {
  nn::Network net(nn::Architecture{.recurrent = {{4}, {3}}, .dense = {8, 4}});
  nn::init_for_training(net, 5);
  return net;
}

seqio::Record record(const std::string& id, const std::string& seq) {
  seqio::Record r;
  r.id = id;
  r.seq = seq;
  r.number = 1;
  return r;
}

const std::string kHairpin =
    "GGGAUCCUAGCUUAUCAGACUGAUGUUGACUGUUGAAUCUCAUGGCAACAUCAGUCUGAUAAGCUAGGAUCCC";

TEST(Scorer, ScoresAsFoldEncodeAndNetworkDoInTurn) {
  const nn::Network net = small_network();
  Scorer scorer(std::span(&net, 1), Detail::kProbability);
  const ScoredSequence s = scorer.score(record("h", kHairpin));
  ASSERT_TRUE(s.scored());
  EXPECT_EQ(s.status, "ok");
  EXPECT_EQ(s.id, "h");
  EXPECT_EQ(s.length, kHairpin.size());
  fold::Folder folder(fold::turner2004());
  const fold::FoldResult expected = folder.fold(kHairpin);
  ASSERT_TRUE(s.fold);
  EXPECT_EQ(s.fold->structure, expected.structure);
  EXPECT_EQ(s.fold->energy, expected.energy);
  const std::vector<std::uint8_t> tokens = encode::encode(kHairpin, expected.structure);
  EXPECT_EQ(*s.probability, nn::predict(net, std::span(&tokens, 1), 1).front());
  EXPECT_TRUE(s.attention.empty());
  EXPECT_TRUE(s.cam.empty());
}

// A both+energy network gets the fold's energy: the scorer's probability is that of the tokens
// with the MFE's bin, not that of the plain tokens.
TEST(Scorer, EnergyNetworksReadTheFoldsEnergy) {
  nn::Network net(nn::Architecture{
      .input = nn::InputMode::kBothEnergy, .recurrent = {{4}, {3}}, .dense = {8, 4}});
  nn::init_for_training(net, 7);
  Scorer scorer(std::span(&net, 1), Detail::kProbability);
  const ScoredSequence s = scorer.score(record("h", kHairpin));
  ASSERT_TRUE(s.scored());
  const int bin = encode::energy_bin(s.fold->energy, kHairpin.size());
  EXPECT_GT(bin, 0);  // a real hairpin folds below -0.10 kcal/mol/nt
  const std::vector<std::uint8_t> energy =
      encode::encode(kHairpin, s.fold->structure, s.fold->energy);
  const std::vector<std::uint8_t> plain = encode::encode(kHairpin, s.fold->structure);
  EXPECT_EQ(*s.probability, nn::predict(net, std::span(&energy, 1), 1).front());
  EXPECT_NE(*s.probability, nn::predict(net, std::span(&plain, 1), 1).front());
}

TEST(Scorer, PositionsComeWithTheSameProbability) {
  const nn::Network net = small_network();
  Scorer plain(std::span(&net, 1), Detail::kProbability);
  Scorer detailed(std::span(&net, 1), Detail::kPositions);
  const ScoredSequence a = plain.score(record("h", kHairpin));
  const ScoredSequence b = detailed.score(record("h", kHairpin));
  ASSERT_TRUE(b.scored());
  EXPECT_FLOAT_EQ(*a.probability, *b.probability);
  EXPECT_EQ(b.attention.size(), kHairpin.size());
  EXPECT_EQ(b.cam.size(), kHairpin.size());
  const explain::PositionScores direct =
      explain::score_sequence(net, kHairpin, b.fold->structure, b.fold->energy);
  EXPECT_EQ(b.cam, direct.cam);
  EXPECT_EQ(b.attention, direct.attention);
}

// Issue 15, item 4: records over 400 nt were folded (a 50 kb record: ~14 GiB, a day and a
// half) only to be refused afterwards. They are now refused before folding.
TEST(Scorer, TooLongSequencesAreNeitherFoldedNorScored) {
  const nn::Network net = small_network();
  Scorer scorer(std::span(&net, 1), Detail::kProbability);
  std::string seq;
  while (seq.size() < 450) seq += "GAUC";
  seq.resize(450);
  const ScoredSequence s = scorer.score(record("long", seq));
  EXPECT_FALSE(s.scored());
  EXPECT_EQ(s.status, "too long: 450 nt > 400");
  EXPECT_FALSE(s.fold);
  EXPECT_EQ(s.length, 450u);
  EXPECT_EQ(encode::length_problem(400), "");
  EXPECT_EQ(encode::length_problem(401), "too long: 401 nt > 400");
}

// Issue 15, item 3: 1-8 nt scored ~0.99 pre-miRNA.
TEST(Scorer, TooShortSequencesAreNotScored) {
  const nn::Network net = small_network();
  for (const Detail detail : {Detail::kProbability, Detail::kPositions}) {
    Scorer scorer(std::span(&net, 1), detail);
    for (const std::string& seq : std::vector<std::string>{"A", "GGGAAACCC", kHairpin.substr(0, 44)}) {
      const ScoredSequence s = scorer.score(record("short", seq));
      EXPECT_FALSE(s.scored()) << seq;
      EXPECT_EQ(s.status, "too short: " + std::to_string(seq.size()) +
                              " nt < 45 (the shortest training pre-miRNA)");
    }
    EXPECT_TRUE(scorer.score(record("h45", kHairpin.substr(0, 45))).scored());
  }
}

// Issue 15, item 3: ambiguity codes are read as uniform nucleotides the network never saw in
// training; the score stands, with a flag in its status.
TEST(Scorer, AmbiguityCodesAreScoredWithAFlag) {
  const nn::Network net = small_network();
  Scorer scorer(std::span(&net, 1), Detail::kProbability);
  std::string seq = kHairpin;
  seq[10] = 'N';
  seq[11] = 'N';
  seq[30] = 'r';
  const ScoredSequence s = scorer.score(record("n", seq));
  ASSERT_TRUE(s.scored());
  EXPECT_EQ(s.status, "ok; flagged: 3 ambiguous bases (N R), none in the training data");
  EXPECT_EQ(scorer.score(record("h", kHairpin)).status, "ok");
}

TEST(Scorer, RefusedSequencesComeBackWithoutStructureAndTheReason) {
  const nn::Network net = small_network();
  Scorer scorer(std::span(&net, 1), Detail::kPositions);
  const ScoredSequence s = scorer.score(record("bad", kHairpin + "#ACGU"));
  EXPECT_FALSE(s.scored());
  EXPECT_FALSE(s.fold);
  EXPECT_NE(s.status, "ok");
  EXPECT_FALSE(s.status.empty());
  // The scorer goes on with the next sequence as if nothing happened.
  EXPECT_TRUE(scorer.score(record("h", kHairpin)).scored());
}

TEST(Scorer, AnEnsembleSaysWhatItsMembersSayOnAverage) {
  std::vector<nn::Network> members;
  members.push_back(small_network());
  nn::Network second(nn::Architecture{.recurrent = {{4}, {3}}, .dense = {8, 4}});
  nn::init_for_training(second, 6);
  members.push_back(std::move(second));

  Scorer both(members, Detail::kPositions);
  const ScoredSequence s = both.score(record("h", kHairpin));
  ASSERT_TRUE(s.scored());
  const std::vector<std::uint8_t> tokens = encode::encode(kHairpin, s.fold->structure);
  const explain::PositionScores a = explain::score_positions(members[0], tokens);
  const explain::PositionScores b = explain::score_positions(members[1], tokens);
  EXPECT_NE(a.probability, b.probability);
  EXPECT_FLOAT_EQ(*s.probability, (a.probability + b.probability) / 2);
  ASSERT_EQ(s.cam.size(), kHairpin.size());
  ASSERT_EQ(s.attention.size(), kHairpin.size());
  float attention_sum = 0;
  for (std::size_t t = 0; t < kHairpin.size(); ++t) {
    EXPECT_FLOAT_EQ(s.cam[t], (a.cam[t] + b.cam[t]) / 2);
    EXPECT_FLOAT_EQ(s.attention[t], (a.attention[t] + b.attention[t]) / 2);
    attention_sum += s.attention[t];
  }
  EXPECT_NEAR(attention_sum, 1.0f, 1e-4);

  Scorer plain(members, Detail::kProbability);
  EXPECT_FLOAT_EQ(*plain.score(record("h", kHairpin)).probability, *s.probability);
}

}  // namespace
}  // namespace mirgene::predict
