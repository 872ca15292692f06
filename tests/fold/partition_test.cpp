// The partition function's recursions against brute force: on short random sequences, Z and
// every pair probability equal their sums over all enumerated structures, weighted by the
// evaluator's energies. Also the ensemble summaries on hand-made probabilities' edge cases.
#include "fold/partition.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "common/error.hpp"
#include "fold/ensemble.hpp"
#include "fold/structure_energy.hpp"
#include "support/folding.hpp"

namespace mirgene::fold {
namespace {

using ::testing::HasSubstr;

struct BruteForce {
  double z = 0.0;
  std::map<std::pair<int, int>, double> pair_weight;  // 1-based (i,j) -> sum of weights
};

BruteForce enumerate_ensemble(const std::string& seq) {
  BruteForce b;
  test::enumerate_structures(seq, [&](const std::string& s) {
    const double w = boltzmann_weight(structure_energy(turner2004(), seq, s).energy);
    b.z += w;
    std::vector<int> open;
    for (int x = 0; x < static_cast<int>(s.size()); ++x) {
      if (s[x] == '(') open.push_back(x);
      if (s[x] == ')') {
        b.pair_weight[{open.back() + 1, x + 1}] += w;
        open.pop_back();
      }
    }
  });
  return b;
}

TEST(Partition, EqualsTheSumOverAllStructuresOfShortSequences) {
  std::mt19937 rng(30);
  PartitionFolder folder(turner2004(), PartitionOptions{.rnafold_weights = false});
  for (int x = 0; x < 40; ++x) {
    const int n = 6 + x % 13;  // 6..18 nt
    const std::string seq = test::random_sequence(rng, n, x % 4 == 0 ? "GCU" : "ACGU");
    const BruteForce expected = enumerate_ensemble(seq);
    const PartitionResult r = folder.fold(seq);
    const double g = -std::log(expected.z) * kBoltzmannRT / 1000.0;
    EXPECT_NEAR(r.ensemble_energy, g, 1e-9) << seq;
    const PairProbabilities& p = folder.probabilities();
    for (int i = 1; i <= n; ++i) {
      for (int j = i + 1; j <= n; ++j) {
        const auto it = expected.pair_weight.find({i, j});
        const double want = it == expected.pair_weight.end() ? 0.0 : it->second / expected.z;
        EXPECT_NEAR(p(i, j), want, 1e-12) << seq << " (" << i << "," << j << ")";
      }
    }
  }
}

// Each base's probability of being paired is its row and column of the pair probabilities,
// against the brute-force ensemble: the network's pairing input (encode::with_pairing).
TEST(Partition, PairedProbabilitiesSumEachBasesPairs) {
  std::mt19937 rng(31);
  PartitionFolder folder(turner2004(), PartitionOptions{.rnafold_weights = false});
  for (int x = 0; x < 8; ++x) {
    const int n = 10 + x;
    const std::string seq = test::random_sequence(rng, n, "ACGU");
    const BruteForce expected = enumerate_ensemble(seq);
    folder.fold(seq);
    const std::vector<double> paired = paired_probabilities(folder.probabilities());
    ASSERT_EQ(paired.size(), static_cast<std::size_t>(n));
    for (int k = 1; k <= n; ++k) {
      double want = 0.0;
      for (const auto& [ij, w] : expected.pair_weight)
        if (ij.first == k || ij.second == k) want += w / expected.z;
      EXPECT_NEAR(paired[static_cast<std::size_t>(k - 1)], want, 1e-12) << seq << " base " << k;
    }
  }
}

// With RNAfold's weights (smoothed dangles) the result differs from the plain one, but
// only slightly, and the probabilities still form an ensemble: no base pairs twice.
TEST(Partition, RnafoldWeightsStayAnEnsemble) {
  std::mt19937 rng(7);
  PartitionFolder folder;
  PartitionFolder plain(turner2004(), PartitionOptions{.rnafold_weights = false});
  for (int n : {40, 150}) {
    const std::string seq = test::random_sequence(rng, n);
    const PartitionResult r = folder.fold(seq);
    const PartitionResult q = plain.fold(seq);
    EXPECT_NE(r.ensemble_energy, q.ensemble_energy);
    EXPECT_NEAR(r.ensemble_energy, q.ensemble_energy, 0.5);
    EXPECT_LE(r.ensemble_energy, r.mfe.energy / 100.0);
    const PairProbabilities& p = folder.probabilities();
    for (int x = 1; x <= n; ++x) {
      double paired = 0.0;
      for (int y = 1; y <= n; ++y) paired += x < y ? p(x, y) : (y < x ? p(y, x) : 0.0);
      EXPECT_LE(paired, 1.0 + 1e-12);
      EXPECT_GE(paired, 0.0);
    }
  }
}

TEST(Partition, SequencesThatCannotPair) {
  PartitionFolder folder;
  for (const char* seq : {"", "A", "GGGC", "AAAAAAAAAA", "NNNNNNNNNNNN"}) {
    const PartitionResult r = folder.fold(seq);
    EXPECT_EQ(r.ensemble_energy, 0.0) << seq;
    EXPECT_EQ(r.mfe.energy, 0);
    const std::vector<PairProbability> pairs = pairs_at_least(folder.probabilities(), 0.0);
    for (const PairProbability& x : pairs) EXPECT_EQ(x.p, 0.0);
    EXPECT_EQ(pair_probability_symbols(folder.probabilities()), std::string(r.mfe.structure));
  }
}

// A 204-bp perfect G-C hairpin folds to about -660 kcal/mol: its Boltzmann weight, e^1070,
// is beyond a double without the scale factor.
TEST(Partition, StrongHairpinNeedsTheScaleFactor) {
  const std::string seq = std::string(200, 'G') + "AAAA" + std::string(200, 'C');
  PartitionFolder folder;
  const PartitionResult r = folder.fold(seq);
  ASSERT_LT(r.mfe.energy, -60000);
  EXPECT_TRUE(std::isfinite(r.ensemble_energy));
  EXPECT_LT(r.ensemble_energy, r.mfe.energy / 100.0);
  EXPECT_GT(r.ensemble_energy, r.mfe.energy / 100.0 - 10.0);
  EXPECT_GT(folder.probabilities()(100, 305), 0.5);  // a pair of the MFE stem
}

TEST(Partition, RefusesWhatDoesNotFitTheMemoryLimit) {
  PartitionFolder folder;
  folder.set_memory_limit(partition_memory_bytes(100));
  EXPECT_NO_THROW(folder.fold(std::string(100, 'G') + std::string(0, 'C')));
  try {
    folder.fold(std::string(300, 'A'));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("sequence of 300 nt needs"));
    EXPECT_THAT(e.what(), HasSubstr("partition function"));
  }
  EXPECT_NO_THROW(folder.fold("GGGGAAAACCCC"));  // the folder is still usable
}

TEST(Partition, MemoryForFourThousandNucleotides) {
  // Six tables of n(n+1)/2 doubles dominate: 6 * 8 * 8,002,000 bytes, plus the MFE folder.
  const std::size_t bytes = partition_memory_bytes(4000);
  EXPECT_GT(bytes, std::size_t{384} * 1000 * 1000);
  EXPECT_LT(bytes, std::size_t{520} * 1000 * 1000);
}

}  // namespace
}  // namespace mirgene::fold
