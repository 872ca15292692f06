// Structure evaluation against RNAeval -v output quoted in the energy-model
// specification (worked examples 6.3-6.5 and single-loop cases 6.6), and its errors.
#include "fold/structure_energy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::fold {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<std::string> loop_lines(std::string_view seq, std::string_view structure) {
  const StructureEnergy result = structure_energy(turner2004(), seq, structure);
  std::vector<std::string> lines;
  for (const LoopEnergy& loop : result.loops) lines.push_back(format_loop(loop, seq));
  return lines;
}

int total(std::string_view seq, std::string_view structure) {
  return structure_energy(turner2004(), seq, structure).energy;
}

// Energy of the loop closed by (i,j) (and for an interior loop enclosing (k,l)).
int loop_energy(std::string_view seq, std::string_view structure, int i, int j, int k = 0,
                int l = 0) {
  for (const LoopEnergy& loop : structure_energy(turner2004(), seq, structure).loops) {
    if (loop.i == i && loop.j == j && loop.k == k && loop.l == l) return loop.energy;
  }
  ADD_FAILURE() << "no loop (" << i << "," << j << ") in " << structure;
  return 0;
}

TEST(Eval, WorkedExample1GenericInteriorLoopsAndLongHairpin) {
  const std::string seq =
      "UUGAAGUAUUAAAAUCCCUGGGUCAGCCACCACUGGAAUUACUUAAAGAACUUAUGAAUAUGGCUGUAGAGGGUGACCACACUUCAG";
  const std::string structure =
      ".((((((........((((....((((((...............................))))))...)))).......)))))).";
  EXPECT_THAT(loop_lines(seq, structure), ElementsAreArray({
                                              "External loop                           :   -50",
                                              "Interior loop (  2, 86) UA; (  3, 85) GC:  -210",
                                              "Interior loop (  3, 85) GC; (  4, 84) AU:  -240",
                                              "Interior loop (  4, 84) AU; (  5, 83) AU:   -90",
                                              "Interior loop (  5, 83) AU; (  6, 82) GC:  -210",
                                              "Interior loop (  6, 82) GC; (  7, 81) UA:  -220",
                                              "Interior loop (  7, 81) UA; ( 16, 73) CG:   360",
                                              "Interior loop ( 16, 73) CG; ( 17, 72) CG:  -330",
                                              "Interior loop ( 17, 72) CG; ( 18, 71) CG:  -330",
                                              "Interior loop ( 18, 71) CG; ( 19, 70) UA:  -210",
                                              "Interior loop ( 19, 70) UA; ( 24, 66) CG:   180",
                                              "Interior loop ( 24, 66) CG; ( 25, 65) AU:  -210",
                                              "Interior loop ( 25, 65) AU; ( 26, 64) GC:  -210",
                                              "Interior loop ( 26, 64) GC; ( 27, 63) CG:  -340",
                                              "Interior loop ( 27, 63) CG; ( 28, 62) CG:  -330",
                                              "Interior loop ( 28, 62) CG; ( 29, 61) AU:  -210",
                                              "Hairpin  loop ( 29, 61) AU              :   763",
                                          }));
  EXPECT_EQ(total(seq, structure), -1887);
}

TEST(Eval, WorkedExample2PairAtBothEndsAndTetraloop) {
  const std::string seq = "UCUGCGGAAAGCAACUGGUCCUUUGGAGGCUCAGGCCUUGGUGAAACAGGAUUUGCUGCCUGCAGA";
  const std::string structure =
      "(((((((..(((((...(((((.(.(((((....))))).)......))))))))))..)))))))";
  EXPECT_THAT(loop_lines(seq, structure), ElementsAreArray({
                                              "External loop                           :    50",
                                              "Interior loop (  1, 66) UA; (  2, 65) CG:  -240",
                                              "Interior loop (  2, 65) CG; (  3, 64) UA:  -210",
                                              "Interior loop (  3, 64) UA; (  4, 63) GC:  -210",
                                              "Interior loop (  4, 63) GC; (  5, 62) CG:  -340",
                                              "Interior loop (  5, 62) CG; (  6, 61) GU:  -140",
                                              "Interior loop (  6, 61) GU; (  7, 60) GC:  -210",
                                              "Interior loop (  7, 60) GC; ( 10, 57) AU:    80",
                                              "Interior loop ( 10, 57) AU; ( 11, 56) GC:  -210",
                                              "Interior loop ( 11, 56) GC; ( 12, 55) CG:  -340",
                                              "Interior loop ( 12, 55) CG; ( 13, 54) AU:  -210",
                                              "Interior loop ( 13, 54) AU; ( 14, 53) AU:   -90",
                                              "Interior loop ( 14, 53) AU; ( 18, 52) GU:   420",
                                              "Interior loop ( 18, 52) GU; ( 19, 51) UA:  -140",
                                              "Interior loop ( 19, 51) UA; ( 20, 50) CG:  -240",
                                              "Interior loop ( 20, 50) CG; ( 21, 49) CG:  -330",
                                              "Interior loop ( 21, 49) CG; ( 22, 48) UA:  -210",
                                              "Interior loop ( 22, 48) UA; ( 24, 41) UG:   650",
                                              "Interior loop ( 24, 41) UG; ( 26, 39) GU:   -70",
                                              "Interior loop ( 26, 39) GU; ( 27, 38) AU:  -130",
                                              "Interior loop ( 27, 38) AU; ( 28, 37) GC:  -210",
                                              "Interior loop ( 28, 37) GC; ( 29, 36) GC:  -330",
                                              "Interior loop ( 29, 36) GC; ( 30, 35) CG:  -340",
                                              "Hairpin  loop ( 30, 35) CG              :   370",
                                          }));
  EXPECT_EQ(total(seq, structure), -2630);
}

TEST(Eval, WorkedExample3MultiloopWithAdjacentBranches) {
  const std::string seq =
      "GUGUAAAGUAAUCUUGGAAUAUAAAGAAUUUCUUCAGGUUGAAUUACCUAGAAGUUUGUCACUGACUUGUGUUCCUGAACUAUGACAC";
  const std::string structure =
      "((((..(((..((..(((((((((.((((((((..((((......))))))))))))(((...)))))))))))).)))))...))))";
  EXPECT_THAT(loop_lines(seq, structure), ElementsAreArray({
                                              "External loop                           :     0",
                                              "Interior loop (  1, 88) GC; (  2, 87) UA:  -220",
                                              "Interior loop (  2, 87) UA; (  3, 86) GC:  -210",
                                              "Interior loop (  3, 86) GC; (  4, 85) UA:  -220",
                                              "Interior loop (  4, 85) UA; (  7, 81) AU:   350",
                                              "Interior loop (  7, 81) AU; (  8, 80) GC:  -210",
                                              "Interior loop (  8, 80) GC; (  9, 79) UA:  -220",
                                              "Interior loop (  9, 79) UA; ( 12, 78) UA:   380",
                                              "Interior loop ( 12, 78) UA; ( 13, 77) CG:  -240",
                                              "Interior loop ( 13, 77) CG; ( 16, 75) GC:   150",
                                              "Interior loop ( 16, 75) GC; ( 17, 74) GC:  -330",
                                              "Interior loop ( 17, 74) GC; ( 18, 73) AU:  -240",
                                              "Interior loop ( 18, 73) AU; ( 19, 72) AU:   -90",
                                              "Interior loop ( 19, 72) AU; ( 20, 71) UG:  -140",
                                              "Interior loop ( 20, 71) UG; ( 21, 70) AU:  -100",
                                              "Interior loop ( 21, 70) AU; ( 22, 69) UG:  -140",
                                              "Interior loop ( 22, 69) UG; ( 23, 68) AU:  -100",
                                              "Interior loop ( 23, 68) AU; ( 24, 67) AU:   -90",
                                              "Multi    loop ( 24, 67) AU              :   490",
                                              "Interior loop ( 26, 57) GU; ( 27, 56) AU:  -130",
                                              "Interior loop ( 27, 56) AU; ( 28, 55) AU:   -90",
                                              "Interior loop ( 28, 55) AU; ( 29, 54) UG:  -140",
                                              "Interior loop ( 29, 54) UG; ( 30, 53) UA:   -60",
                                              "Interior loop ( 30, 53) UA; ( 31, 52) UA:   -90",
                                              "Interior loop ( 31, 52) UA; ( 32, 51) CG:  -240",
                                              "Interior loop ( 32, 51) CG; ( 33, 50) UA:  -210",
                                              "Interior loop ( 33, 50) UA; ( 36, 49) AU:   380",
                                              "Interior loop ( 36, 49) AU; ( 37, 48) GC:  -210",
                                              "Interior loop ( 37, 48) GC; ( 38, 47) GC:  -330",
                                              "Interior loop ( 38, 47) GC; ( 39, 46) UA:  -220",
                                              "Hairpin  loop ( 39, 46) UA              :   450",
                                              "Interior loop ( 58, 66) GC; ( 59, 65) UA:  -220",
                                              "Interior loop ( 59, 65) UA; ( 60, 64) CG:  -240",
                                              "Hairpin  loop ( 60, 64) CG              :   540",
                                          }));
  EXPECT_EQ(total(seq, structure), -1990);
}

TEST(Eval, SingleLoopCasesCheckedWithRnaeval) {
  EXPECT_EQ(loop_energy("GACGAGGAAACUAGUC", "(((.((....)).)))", 3, 14, 5, 12), 120);      // 1x1
  EXPECT_EQ(loop_energy("GAGAAGGAAACUAGCUC", "(((.((....))..)))", 3, 15, 5, 12), 300);    // 1x2
  EXPECT_EQ(loop_energy("GAGAGGGGAAACCACUC", "(((..((....)).)))", 3, 15, 6, 13), 110);    // 2x1
  EXPECT_EQ(loop_energy("GACACAGGAAACUGAGUC", "(((..((....))..)))", 3, 16, 6, 13), 200);  // 2x2
  EXPECT_EQ(loop_energy("GACAGAGGAAACUCAUGUC", "(((..((....))...)))", 3, 17, 6, 13), 330);
  EXPECT_EQ(loop_energy("GACUAGGAAACUAACGGUC", "(((.((....))....)))", 3, 17, 5, 12), 450);
  EXPECT_EQ(loop_energy("GACACUAGGAAACUGGAAGUC", "(((...((....))....)))", 3, 19, 7, 14), 340);
  EXPECT_EQ(loop_energy("GACAAGGAAACUGUC", "(((.((....)))))", 3, 13, 5, 12), 170);  // 1-bulge
  EXPECT_EQ(loop_energy("GACAGGAAACUUCAGUC", "(((((....))...)))", 3, 15, 4, 11), 370);
  EXPECT_EQ(loop_energy("GACGAGGAAACUAGUC", "(((.((....)).)))", 6, 11), 310);  // hairpin 4
  EXPECT_EQ(loop_energy("GGGACAGUACUCCC", "((((......))))", 4, 11), 280);      // hexaloop
  EXPECT_EQ(loop_energy("GGCAACGCC", "(((...)))", 3, 7), 680);                 // triloop
  EXPECT_EQ(loop_energy("GGGAAAAUCCC", "((((...))))", 4, 8), 590);             // size 3, AU
  const std::string long_hairpin = "GGGG" + std::string(36, 'A') + "CCCC";
  EXPECT_EQ(loop_energy(long_hairpin, "((((" + std::string(36, '.') + "))))", 4, 41), 679);
  // Exterior loops: dangles at the sequence ends, N neighbours.
  EXPECT_EQ(loop_energy("GGGAAACCCAAAAGGGAAACCC", "(((...)))....(((...)))", 0, 0), -190);
  EXPECT_EQ(total("GGGAAACCCAAAAGGGAAACCC", "(((...)))....(((...)))"), -430);
  EXPECT_EQ(loop_energy("NGGGAAACCCN", ".(((...))).", 0, 0), -80);
  EXPECT_EQ(total("NGGGAAACCCN", ".(((...)))."), -200);
  EXPECT_EQ(loop_energy("GGGGAAAACCCCN", "((((....)))).", 0, 0), -80);
  EXPECT_EQ(total("GGGGAAAACCCCN", "((((....))))."), -620);
}

TEST(Eval, LoopsLongerThanThirtyAreExtrapolated) {
  // A 31-base bulge and a 1x32 interior loop inside GC stems.
  const std::string bulge_seq = "GGGG" + std::string(31, 'A') + "GGGAAAACCCCCCC";
  const std::string bulge_str = "((((" + std::string(31, '.') + "(((....)))))))";
  // Loop (4,46) encloses (36,45): bulge of 31 = bulge[30] 610 + 3, both GC (no penalty).
  EXPECT_EQ(loop_energy(bulge_seq, bulge_str, 4, 46, 36, 45), 613);
  const std::string inner_seq = "GGGA" + std::string(31, 'A') + "GGGAAAACCCACCC";
  const std::string inner_str = "(((." + std::string(31, '.') + "(((....))).)))";
  // (3,47) encloses (36,45): 32 x 1 -> internal[30] 370 + 10 + N(31) capped 300 + mm1n.
  const auto& p = turner2004();
  const int outer = p.mismatch_internal_1n[mismatch_index(kPairGC, kBaseA, kBaseA)];
  const int inner = p.mismatch_internal_1n[mismatch_index(kPairCG, kBaseA, kBaseA)];
  EXPECT_EQ(loop_energy(inner_seq, inner_str, 3, 47, 36, 45), 370 + 10 + 300 + outer + inner);
}

TEST(Eval, LowerCaseAndTAreReadAsRna) {
  EXPECT_EQ(total("ggggaaaacccc", "((((....))))"), total("GGGGAAAACCCC", "((((....))))"));
  EXPECT_EQ(total("gggtaaaaccc", "((((...))))"), total("GGGUAAAACCC", "((((...))))"));
  EXPECT_EQ(format_loop(structure_energy(turner2004(), "gggtaaaaccc", "((((...))))").loops[4],
                        "gggtaaaaccc"),
            "Hairpin  loop (  4,  8) UA              :   590");
}

TEST(Eval, OpenChainHasOnlyTheExteriorLoop) {
  const StructureEnergy r = structure_energy(turner2004(), "ACGUACGU", "........");
  EXPECT_EQ(r.energy, 0);
  ASSERT_EQ(r.loops.size(), 1u);
  EXPECT_EQ(r.loops[0].kind, LoopEnergy::Kind::Exterior);
  const StructureEnergy empty = structure_energy(turner2004(), "", "");
  EXPECT_EQ(empty.energy, 0);
}

std::string eval_error(std::string_view seq, std::string_view structure) {
  try {
    structure_energy(turner2004(), seq, structure);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Eval, RejectsInvalidStructures) {
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "((((....)))"), HasSubstr("11 characters"));
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "((((....))))."), HasSubstr("13 characters"));
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "(((((...))))"), HasSubstr("unbalanced '('"));
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "((((...)))))"), HasSubstr("unbalanced ')'"));
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "((((..x.))))"), HasSubstr("unexpected character 'x'"));
  EXPECT_THAT(eval_error("GGGGAAAACCCC", "[[[[....]]]]"), HasSubstr("unexpected character '['"));
  EXPECT_THAT(eval_error("GGGAAAAACCCC", "((((....))))"), HasSubstr("cannot pair"));  // A-C
  EXPECT_THAT(eval_error("GGGNAAAACCCC", "((((....))))"), HasSubstr("cannot pair"));  // N
  EXPECT_THAT(eval_error("GGGGAACCCC", "((((..))))"),
              HasSubstr("has 2 unpaired bases, at least 3"));
  EXPECT_THAT(eval_error("GC", "()"), HasSubstr("has 0 unpaired bases"));
}

}  // namespace
}  // namespace mirgene::fold
