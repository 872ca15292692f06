// Mining with the scanner's code: pieces are exactly the scan's, classified against the
// plants, and a planted real precursor comes back as a positive on its strand.
#include "mining/genome_mining.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "scan/chunks.hpp"
#include "support/records.hpp"

namespace mirgene::mining {
namespace {

using test::make_record;

std::string random_dna(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, 'A');
  for (char& c : s) c = "ACGT"[rng() % 4];
  return s;
}

// hsa-let-7a-1 (miRBase MI0000060).
constexpr const char* kLet7a1 =
    "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAUACAAUCUACUGUCUUUCCUA";

TEST(ClassifyPiece, PositiveNeedsTheStrandAndHalfOfEachOther) {
  const std::vector<Plant> plants = {{0, 100, 200, '+', "p"}};
  scan::Hairpin h;
  h.start = 90;
  h.end = 210;
  h.strand = '+';
  const Plant* found = nullptr;
  EXPECT_EQ(classify_piece(plants, 0, h, &found), PieceKind::kPositive);
  EXPECT_EQ(found, &plants[0]);
  h.strand = '-';
  EXPECT_EQ(classify_piece(plants, 0, h), PieceKind::kNearPlant);
  h.strand = '+';
  h.start = 160;  // 40 of the plant's 100 nt
  EXPECT_EQ(classify_piece(plants, 0, h), PieceKind::kNearPlant);
  h.start = 0;
  h.end = 160;  // 60 of the plant, but the piece is 160 long: the plant is not half of it
  EXPECT_EQ(classify_piece(plants, 0, h), PieceKind::kNearPlant);
  h.start = 300;
  h.end = 400;
  EXPECT_EQ(classify_piece(plants, 0, h), PieceKind::kNegative);
  EXPECT_EQ(classify_piece(plants, 1, scan::Hairpin{}), PieceKind::kNegative);
}

TEST(MinePieces, APlantedPrecursorIsCutOutOnBothStrandsAndTheRestAreNegatives) {
  const std::vector<seqio::Record> pre = {make_record("let-7a-1", kLet7a1)};
  PlantedDna planted =
      plant_precursors({make_record("dna", random_dna(6000, 7))}, pre, 3000);  // + then -
  ASSERT_EQ(planted.plants.size(), 2u);
  std::vector<MinedPiece> pieces;
  std::ostringstream err;
  const MiningTotals totals = mine_pieces(
      planted.records, planted.plants, {}, scan::ScanSettings{}, 2,
      [&](MinedPiece&& m) { pieces.push_back(std::move(m)); }, err);
  EXPECT_EQ(err.str(), "");
  EXPECT_EQ(totals.plants_cut, 2u);
  EXPECT_EQ(totals.negatives + totals.positives + totals.near_plant, pieces.size());
  EXPECT_GT(totals.negatives, 10u);
  for (const MinedPiece& m : pieces) {
    EXPECT_EQ(m.piece.probability, 0.0f);  // no model: not scored
    if (m.kind != PieceKind::kPositive) continue;
    // The piece holds the precursor as it reads on the plant's strand.
    std::string rna = m.piece.sequence;
    EXPECT_NE(rna.find(std::string(kLet7a1).substr(5, 60)), std::string::npos) << piece_id(m);
    EXPECT_EQ(piece_id(m).rfind("planted:let-7a-1:dna:", 0), 0u);
  }
}

TEST(MinePieces, WithoutPlantsEveryPieceIsTheScansNegative) {
  const std::vector<seqio::Record> dna = {make_record("a", random_dna(3000, 3)),
                                          make_record("b", random_dna(2000, 4))};
  std::vector<MinedPiece> pieces;
  std::ostringstream err;
  const MiningTotals t = mine_pieces(
      dna, {}, {}, scan::ScanSettings{}, 1, [&](MinedPiece&& m) { pieces.push_back(std::move(m)); },
      err);
  EXPECT_EQ(t.positives + t.near_plant, 0u);
  EXPECT_EQ(t.negatives, pieces.size());
  EXPECT_EQ(static_cast<std::int64_t>(pieces.size()), t.scan.work.scored);
  ASSERT_FALSE(pieces.empty());
  EXPECT_EQ(pieces.front().chrom, "a");
  EXPECT_EQ(pieces.back().chrom, "b");
  EXPECT_EQ(piece_id(pieces.front()).rfind("mined:a:", 0), 0u);
}

}  // namespace
}  // namespace mirgene::mining
