// Folding with a limited base-pair span (Folder::set_max_span), the band the genome scan
// folds chunks with: no limit when the span covers the sequence, pairs within the span,
// energies that evaluate to what is reported, and optimality among span-limited structures.
#include <gtest/gtest.h>

#include <random>

#include "fold/mfe.hpp"
#include "fold/pair_table.hpp"
#include "fold/structure_energy.hpp"
#include "support/folding.hpp"

namespace mirgene::fold {
namespace {

std::string random_rna(std::mt19937& rng, int n) { return test::random_sequence(rng, n); }
using test::widest_pair;

TEST(MfeSpan, SpanCoveringTheSequenceChangesNothing) {
  std::mt19937 rng(11);
  Folder plain, banded;
  for (int t = 0; t < 20; ++t) {
    const std::string seq = random_rna(rng, 30 + 7 * t);
    banded.set_max_span(static_cast<int>(seq.size()) + t % 3);
    const FoldResult a = plain.fold(seq), b = banded.fold(seq);
    EXPECT_EQ(a.structure, b.structure) << seq;
    EXPECT_EQ(a.energy, b.energy) << seq;
  }
}

TEST(MfeSpan, PairsStayWithinTheSpanAndEnergiesEvaluate) {
  std::mt19937 rng(12);
  Folder plain, banded;
  int differing = 0;
  for (int t = 0; t < 30; ++t) {
    const std::string seq = random_rna(rng, 150 + 13 * t);
    const int span = 40 + 5 * (t % 12);
    banded.set_max_span(span);
    const FoldResult full = plain.fold(seq), b = banded.fold(seq);
    EXPECT_LE(widest_pair(b.structure), span) << seq;
    EXPECT_EQ(structure_energy(turner2004(), seq, b.structure).energy, b.energy) << seq;
    // A limit can only cost energy; when the unlimited optimum obeys it, it is the answer.
    EXPECT_GE(b.energy, full.energy);
    if (widest_pair(full.structure) <= span) {
      EXPECT_EQ(b.energy, full.energy) << seq;
    } else {
      ++differing;
    }
  }
  EXPECT_GT(differing, 0);  // the limit was exercised
}

TEST(MfeSpan, NoWorseThanAnySpanLimitedStructureBuiltFromPieces) {
  // Pieces folded alone with no limit, concatenated: a structure whose pairs are within the
  // span when each piece is no longer than the span, so the banded MFE is at most its energy.
  std::mt19937 rng(13);
  Folder plain, banded;
  for (int t = 0; t < 15; ++t) {
    const int span = 60 + 10 * (t % 5);
    std::string seq, structure;
    for (int piece = 0; piece < 4; ++piece) {
      const std::string p = random_rna(rng, span - piece * 7);
      seq += p;
      structure += plain.fold(p).structure;
    }
    banded.set_max_span(span);
    const FoldResult b = banded.fold(seq);
    EXPECT_LE(b.energy, structure_energy(turner2004(), seq, structure).energy) << seq;
  }
}

TEST(MfeSpan, MemoryGrowsLinearlyWithALimit) {
  const double one = static_cast<double>(fold_memory_bytes(100000, 150));
  EXPECT_NEAR(static_cast<double>(fold_memory_bytes(200000, 150)) / one, 2.0, 0.01);
  EXPECT_LT(one * 100, static_cast<double>(fold_memory_bytes(100000)));
  EXPECT_EQ(fold_memory_bytes(500, 0), fold_memory_bytes(500));
  EXPECT_EQ(fold_memory_bytes(100, 100), fold_memory_bytes(100));
}

}  // namespace
}  // namespace mirgene::fold
