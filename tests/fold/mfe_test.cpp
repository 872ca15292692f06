// Folder edge cases, exhaustive checks on short sequences, long sequences and the
// memory guard. Agreement with RNAfold itself is mfe_reference_test.
#include "fold/mfe.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <random>
#include <thread>

#include "common/error.hpp"
#include "fold/structure_energy.hpp"
#include "support/folding.hpp"

namespace mirgene::fold {
namespace {

using test::enumerate_structures;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string random_sequence(std::mt19937& rng, int n, std::string_view alphabet) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string seq(n, ' ');
  for (char& c : seq) c = alphabet[pick(rng)];
  return seq;
}

int evaluated(std::string_view seq, std::string_view structure) {
  return structure_energy(turner2004(), seq, structure).energy;
}

TEST(Mfe, TooShortToPair) {
  Folder folder;
  for (const char* seq : {"", "A", "GC", "GGC"}) {
    const FoldResult r = folder.fold(seq);
    EXPECT_EQ(r.structure, std::string(std::string_view(seq).size(), '.'));
    EXPECT_EQ(r.energy, 0);
  }
  const FoldResult four = folder.fold("AAAA");
  EXPECT_EQ(four.structure, "....");
  EXPECT_EQ(four.energy, 0);
  // Four bases that could pair, but only with 2 unpaired between them.
  EXPECT_EQ(folder.fold("GAAC").structure, "....");
}

TEST(Mfe, ExamplesFromTheSpecification) {
  Folder folder;
  const FoldResult hairpin = folder.fold("GGGGAAAACCCC");
  EXPECT_EQ(hairpin.structure, "((((....))))");
  EXPECT_EQ(hairpin.energy, -540);
  // The trailing N is a 3' dangle: dangle3[GC][N] = -80.
  const FoldResult n_end = folder.fold("GGGGAAAACCCCN");
  EXPECT_EQ(n_end.structure, "((((....)))).");
  EXPECT_EQ(n_end.energy, -620);
  const FoldResult n_both = folder.fold("NGGGAAACCCN");
  EXPECT_EQ(n_both.structure, ".(((...))).");
  EXPECT_EQ(n_both.energy, -200);
  // Lower case and T are folded as upper-case RNA.
  const FoldResult mixed = folder.fold("acgtNNggggaaaaccccuuu");
  EXPECT_EQ(mixed.structure, "......((((....))))...");
  EXPECT_EQ(mixed.energy, -640);
}

TEST(Mfe, NonAcguCharactersNeverPairButCountAsNeighbours) {
  Folder folder;
  const FoldResult all_n = folder.fold(std::string(40, 'N'));
  EXPECT_EQ(all_n.structure, std::string(40, '.'));
  EXPECT_EQ(all_n.energy, 0);
  // Any other character behaves exactly like N.
  const FoldResult with_n = folder.fold("NGGGGAAAACCCCN");
  for (const char* seq : {"XGGGGAAAACCCC-", "RGGGGAAAACCCCY", ".GGGGAAAACCCC7"}) {
    const FoldResult r = folder.fold(seq);
    EXPECT_EQ(r.structure, with_n.structure) << seq;
    EXPECT_EQ(r.energy, with_n.energy) << seq;
  }
  // An N inside a would-be helix breaks it: position 3 stays unpaired.
  const FoldResult broken = folder.fold("GGNGAAAACUCC");
  EXPECT_EQ(broken.structure[2], '.');
}

TEST(Mfe, CaseAndTDoNotChangeTheResult) {
  std::mt19937 rng(7);
  Folder folder;
  for (int x = 0; x < 20; ++x) {
    const std::string upper = random_sequence(rng, 60, "ACGU");
    std::string lower = upper;
    for (char& c : lower) c = c == 'U' ? 't' : static_cast<char>(c - 'A' + 'a');
    const FoldResult a = folder.fold(upper);
    const FoldResult b = folder.fold(lower);
    EXPECT_EQ(a.structure, b.structure);
    EXPECT_EQ(a.energy, b.energy);
  }
}

TEST(Mfe, MinimumOverAllStructuresOfShortSequences) {
  std::mt19937 rng(11);
  Folder folder;
  for (int x = 0; x < 60; ++x) {
    const int n = 8 + x % 15;  // 8..22 nt
    const std::string seq = random_sequence(rng, n, x % 3 == 0 ? "GCU" : "ACGU");
    int best = 0;  // the open chain
    enumerate_structures(seq,
                         [&](const std::string& s) { best = std::min(best, evaluated(seq, s)); });
    const FoldResult r = folder.fold(seq);
    EXPECT_EQ(r.energy, best) << seq;
    EXPECT_EQ(evaluated(seq, r.structure), r.energy) << seq << " " << r.structure;
  }
}

TEST(Mfe, SkewedCompositionsAreSelfConsistent) {
  std::mt19937 rng(3);
  Folder folder;
  for (std::string_view alphabet : {"GC", "AU", "GU", "GGGCCCAU", "AAAAUUUUGC"}) {
    for (int n : {30, 120, 300}) {
      const std::string seq = random_sequence(rng, n, alphabet);
      const FoldResult r = folder.fold(seq);
      ASSERT_EQ(r.structure.size(), seq.size());
      EXPECT_EQ(evaluated(seq, r.structure), r.energy) << alphabet << " " << n;
      EXPECT_LE(r.energy, 0);
    }
  }
}

TEST(Mfe, LongSequencesFoldConsistently) {
  std::mt19937 rng(5);
  Folder folder;
  for (int n : {500, 700, 900}) {
    const std::string seq = random_sequence(rng, n, "ACGU");
    const FoldResult r = folder.fold(seq);
    ASSERT_EQ(r.structure.size(), seq.size());
    EXPECT_EQ(evaluated(seq, r.structure), r.energy) << n;
    EXPECT_LT(r.energy, -5000) << n;  // random RNA of this length is well structured
  }
}

TEST(Mfe, ReusedFolderGivesTheSameResultsAsFreshOnes) {
  std::mt19937 rng(9);
  const std::string long_seq = random_sequence(rng, 400, "ACGU");
  const std::string short_seq = random_sequence(rng, 70, "ACGU");
  Folder reused;
  reused.fold(long_seq);
  const FoldResult short_after_long = reused.fold(short_seq);
  const FoldResult long_again = reused.fold(long_seq);
  const FoldResult fresh_short = Folder().fold(short_seq);
  const FoldResult fresh_long = Folder().fold(long_seq);
  EXPECT_EQ(short_after_long.structure, fresh_short.structure);
  EXPECT_EQ(short_after_long.energy, fresh_short.energy);
  EXPECT_EQ(long_again.structure, fresh_long.structure);
  EXPECT_EQ(long_again.energy, fresh_long.energy);
}

TEST(Mfe, MemoryEstimateGrowsQuadratically) {
  EXPECT_GE(fold_memory_bytes(1000), 3 * sizeof(int) * 1000 * 1001 / 2);
  EXPECT_GT(fold_memory_bytes(2000), 3 * fold_memory_bytes(1000));
}

TEST(Mfe, RefusesSequencesOverTheMemoryLimit) {
  Folder folder;
  folder.set_memory_limit(fold_memory_bytes(200));
  EXPECT_EQ(folder.fold("GGGGAAAACCCC").energy, -540);
  std::string message;
  try {
    folder.fold(std::string(1000, 'A'));
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_THAT(message, MatchesRegex("sequence of 1000 nt needs [0-9.e-]+ GiB to fold; only "
                                    "[0-9.e-]+ GiB available \\(up to [0-9]+ nt fit\\)"));
  // What fits is the longest sequence within the limit.
  EXPECT_THAT(message, HasSubstr("(up to 200 nt fit)"));
  folder.set_memory_limit(0);
  EXPECT_EQ(folder.fold(std::string(1000, 'A')).energy, 0);
}

// Issue 15, item 4: each thread's Folder checked memory on its own, so two threads could both
// pass a check for memory only one of them could have. The budget covers all Folders at once.
TEST(Mfe, TheMemoryBudgetIsSharedByEveryFolder) {
  const std::string seq(300, 'A');
  set_fold_memory_budget(fold_memory_bytes(300) + fold_memory_bytes(300) / 2);
  {
    Folder first, second;
    EXPECT_EQ(first.fold(seq).energy, 0);
    std::string message;
    try {
      second.fold(seq);
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_THAT(message, HasSubstr("sequence of 300 nt needs"));
    EXPECT_THAT(message, HasSubstr("nt fit)"));
    // Shorter sequences that fit beside the first Folder's tables still fold.
    EXPECT_EQ(second.fold(std::string(150, 'A')).energy, 0);
    // The first Folder reuses what it holds.
    EXPECT_EQ(first.fold(seq).energy, 0);
  }
  // Destroyed Folders give their memory back.
  Folder third;
  EXPECT_EQ(third.fold(seq).energy, 0);
  set_fold_memory_budget(0);
}

TEST(Mfe, TwoThreadsCannotBothTakeTheLastMemory) {
  const std::string seq(400, 'G');
  set_fold_memory_budget(fold_memory_bytes(400) + fold_memory_bytes(400) / 2);
  for (int round = 0; round < 20; ++round) {
    Folder a, b;
    std::atomic<int> folded{0}, refused{0};
    const auto work = [&](Folder& f) {
      try {
        f.fold(seq);
        ++folded;
      } catch (const Error&) {
        ++refused;
      }
    };
    std::thread ta(work, std::ref(a)), tb(work, std::ref(b));
    ta.join();
    tb.join();
    EXPECT_EQ(folded.load(), 1);
    EXPECT_EQ(refused.load(), 1);
  }
  set_fold_memory_budget(0);
}

TEST(Mfe, RefusesSequencesBeyondTheMachinesMemory) {
  // About 10^6 nt would need terabytes: refused before any allocation.
  Folder folder;
  EXPECT_THAT([&] { folder.fold(std::string(1000000, 'G')); },
              ::testing::ThrowsMessage<Error>(HasSubstr("sequence of 1000000 nt needs")));
}

}  // namespace
}  // namespace mirgene::fold
