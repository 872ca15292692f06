// Single-loop energies against values worked out by hand from the Turner 2004 tables
// (the formulas of the energy-model specification, section 3, and its tables 6.3-6.6).
#include "fold/loop_energy.hpp"

#include <gtest/gtest.h>

namespace mirgene::fold {
namespace {

const EnergyParams& P() {
  return turner2004();
}

constexpr int A = kBaseA, C = kBaseC, G = kBaseG, U = kBaseU, N = kBaseN;

TEST(LoopEnergy, PairTypesAndCodes) {
  EXPECT_EQ(pair_type(G, C), kPairGC);
  EXPECT_EQ(pair_type(C, G), kPairCG);
  EXPECT_EQ(pair_type(G, U), kPairGU);
  EXPECT_EQ(pair_type(U, G), kPairUG);
  EXPECT_EQ(pair_type(A, U), kPairAU);
  EXPECT_EQ(pair_type(U, A), kPairUA);
  EXPECT_EQ(pair_type(A, G), kNoPair);
  EXPECT_EQ(pair_type(N, U), kNoPair);
  EXPECT_EQ(base_code('t'), kBaseU);
  EXPECT_EQ(base_code('g'), kBaseG);
  EXPECT_EQ(base_code('X'), kBaseN);
  EXPECT_EQ(base_code('-'), kBaseN);
}

TEST(LoopEnergy, TerminalPenaltyCoversGuPairs) {
  EXPECT_EQ(terminal_penalty(P(), kPairCG), 0);
  EXPECT_EQ(terminal_penalty(P(), kPairGC), 0);
  for (int t : {kPairGU, kPairUG, kPairAU, kPairUA}) EXPECT_EQ(terminal_penalty(P(), t), 50);
}

TEST(LoopEnergy, LengthExtrapolationTruncates) {
  // Increments quoted in the specification (3.9).
  const std::pair<int, int> increments[] = {{31, 3},  {32, 6},    {36, 19},   {40, 31},
                                            {50, 55}, {100, 129}, {200, 204}, {400, 279}};
  for (const auto& [u, extra] : increments) {
    EXPECT_EQ(loop_length_energy(P(), P().hairpin, u), 770 + extra) << u;
  }
  EXPECT_EQ(loop_length_energy(P(), P().hairpin, 30), 770);
  EXPECT_EQ(loop_length_energy(P(), P().bulge, 31), 610 + 3);
}

TEST(LoopEnergy, Hairpins) {
  // Size 4 with mismatch: hairpin[4] 560 + mismatch_hairpin[GC][G][A] -250.
  EXPECT_EQ(hairpin_energy(P(), kPairGC, 4, G, A, "GGAAAC"), 310);
  // Tetraloop, triloop and hexaloop replace everything.
  EXPECT_EQ(hairpin_energy(P(), kPairCG, 4, U, A, "CUCAGG"), 370);
  EXPECT_EQ(hairpin_energy(P(), kPairCG, 3, A, C, "CAACG"), 680);
  EXPECT_EQ(hairpin_energy(P(), kPairAU, 6, C, G, "ACAGUACU"), 280);
  // Size 3 not listed: hairpin[3] + terminal penalty, no mismatch.
  EXPECT_EQ(hairpin_energy(P(), kPairAU, 3, A, A, "AAAAU"), 590);
  EXPECT_EQ(hairpin_energy(P(), kPairCG, 3, A, U, "CACUG"), 540);
  // Size 6 not listed: hairpin[6] 540 + mismatch_hairpin[UA][U][U] -90.
  EXPECT_EQ(hairpin_energy(P(), kPairUA, 6, U, U, "UUGAAUUA"), 450);
  // Keys with N never match a listed loop.
  EXPECT_EQ(special_hairpin_energy(P(), "CUCANG"), kInf);
  // 31 and 36 unpaired bases: 770 + 3 (resp. 19) + mismatch.
  EXPECT_EQ(hairpin_energy(P(), kPairAU, 31, C, A, ""), 770 + 3 - 10);
  EXPECT_EQ(hairpin_energy(P(), kPairGC, 36, A, A, ""), 679);
}

TEST(LoopEnergy, StacksAndBulges) {
  EXPECT_EQ(interior_energy(P(), kPairGC, kPairUA, 0, 0, A, U, G, C), -240);
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUG, 0, 0, N, N, N, N), -140);
  // Bulge of 1: bulge[1] 380 + stack[CG][UA] -210, no terminal penalty.
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 1, 0, A, C, A, U), 170);
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 0, 1, A, C, A, U), 170);
  // Bulges of 2 and 3: initiation + both terminal penalties.
  EXPECT_EQ(interior_energy(P(), kPairUA, kPairAU, 2, 0, A, A, A, A), 280 + 50 + 50);
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 0, 3, A, U, G, U), 320 + 50);
  // Over 30 bases (evaluation only): bulge[30] 610 + 3 + terminal penalties.
  EXPECT_EQ(interior_energy(P(), kPairAU, kPairCG, 31, 0, A, A, A, A), 613 + 50);
}

TEST(LoopEnergy, SmallInteriorLoops) {
  // 1x1: int11[CG][UA][G][A].
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 1, 1, G, A, G, A), 120);
  // 1x2: int21[GC][UA][A][A][G] (a, d, b).
  EXPECT_EQ(interior_energy(P(), kPairGC, kPairUA, 1, 2, A, G, A, A), 300);
  // 2x1: int21[CG][GC][A][A][G] with the roles swapped (d, a, c).
  EXPECT_EQ(interior_energy(P(), kPairGC, kPairCG, 2, 1, A, C, G, A), 110);
  // 2x2: int22[CG][UA][A][C][G][A] (a, c, d, b).
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 2, 2, A, A, C, G), 200);
  // 2x2 of worked example 2: int22[GC][UA][A][A][G][C].
  EXPECT_EQ(interior_energy(P(), kPairGC, kPairUA, 2, 2, A, C, A, G), 80);
}

TEST(LoopEnergy, LargerInteriorLoops) {
  // 2x3: internal[5] 200 + 60 + mm23[CG][A][U] 0 + mm23[UA][C][G] 70.
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 2, 3, A, U, G, C), 330);
  // 3x2 of worked example 3: 200 + 60 + mm23[UA][A][G] 20 + mm23[UA][A][A] 70.
  EXPECT_EQ(interior_energy(P(), kPairUA, kPairUA, 2, 3, A, G, A, A), 350);
  // 1x4: internal[5] 200 + N(3) 180 + mm1n[CG][U][G] 0 + mm1n[UA][A][U] 70.
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 1, 4, U, G, U, A), 450);
  // 1x6: internal[7] 210 + N(5) 300 + mm1n[UA][U][C] 70 + mm1n[GU][U][U] 70.
  EXPECT_EQ(interior_energy(P(), kPairUA, kPairGU, 1, 6, U, C, U, U), 650);
  // 3x4: internal[7] 210 + 60 + mmI[CG][A][A] 0 + mmI[UA][G][U] 70.
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairUA, 3, 4, A, A, U, G), 340);
  // 8x7: internal[15] 290 + 60 + mmI[UA][A][C] 70 + mmI[GC][U][U] -60.
  EXPECT_EQ(interior_energy(P(), kPairUA, kPairGC, 8, 7, A, C, U, U), 360);
  // 4x3: internal[7] 210 + 60 + mmI[UA][G][G] -30 + mmI[GC][U][U] -60.
  EXPECT_EQ(interior_energy(P(), kPairUA, kPairGC, 4, 3, G, G, U, U), 180);
  // Asymmetry is capped at MAX_NINIO 300: 2x20 -> internal[22] 340 + 300 + mismatches.
  const int mm_out = P().mismatch_internal[mismatch_index(kPairCG, A, A)];
  const int mm_in = P().mismatch_internal[mismatch_index(kPairCG, A, A)];
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairCG, 2, 20, A, A, A, A), 340 + 300 + mm_out + mm_in);
  // 16x17 (33 bases, evaluation only): internal[30] 370 + trunc(107.856 ln 1.1) 10 + 60.
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairCG, 16, 17, A, A, A, A), 440 + mm_out + mm_in);
  // 1x32 (evaluation only): internal[30] 370 + 10 + 300 + both 1xn mismatches.
  const int mm1n = P().mismatch_internal_1n[mismatch_index(kPairCG, A, A)];
  EXPECT_EQ(interior_energy(P(), kPairCG, kPairCG, 1, 32, A, A, A, A), 680 + 2 * mm1n);
}

TEST(LoopEnergy, MultiloopStems) {
  // Worked example 3, multiloop closed by (24,67).
  EXPECT_EQ(multi_closing_energy(P(), kPairUA, C, A), 930 - 90 - 100 + 50);
  EXPECT_EQ(multi_stem_energy(P(), kPairGU, A, G), -90 - 50 + 50);
  EXPECT_EQ(multi_stem_energy(P(), kPairGC, U, U), -90 - 120);
}

TEST(LoopEnergy, ExteriorStemsAndSequenceEnds) {
  EXPECT_EQ(exterior_stem_energy(P(), kPairUA, U, G), -100 + 50);
  EXPECT_EQ(exterior_stem_energy(P(), kPairUA, kNoNeighbour, kNoNeighbour), 50);
  EXPECT_EQ(exterior_stem_energy(P(), kPairGC, kNoNeighbour, kNoNeighbour), 0);
  EXPECT_EQ(exterior_stem_energy(P(), kPairGC, kNoNeighbour, A), -170);
  EXPECT_EQ(exterior_stem_energy(P(), kPairGC, A, kNoNeighbour), -20);
  EXPECT_EQ(exterior_stem_energy(P(), kPairGC, N, N), -80);
  EXPECT_EQ(exterior_stem_energy(P(), kPairGC, kNoNeighbour, N), -80);
}

}  // namespace
}  // namespace mirgene::fold
