#include "decoys/dinucleotide_shuffle.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mirgene::decoys {
namespace {

std::map<std::string, int> dinucleotides(const std::string& s) {
  std::map<std::string, int> counts;
  for (std::size_t k = 0; k + 1 < s.size(); ++k) ++counts[s.substr(k, 2)];
  return counts;
}

std::string random_rna(std::mt19937_64& rng, std::size_t n) {
  std::string s(n, 'A');
  for (char& c : s) c = "ACGU"[rng() % 4];
  return s;
}

TEST(DinucleotideShuffle, KeepsDinucleotideCountsAndEnds) {
  std::mt19937_64 make(7), shuffle(11);
  int changed = 0;
  for (int t = 0; t < 200; ++t) {
    const std::string s = random_rna(make, 3 + t % 150);
    const std::string r = dinucleotide_shuffle(s, shuffle);
    ASSERT_EQ(r.size(), s.size()) << s;
    EXPECT_EQ(r.front(), s.front()) << s;
    EXPECT_EQ(r.back(), s.back()) << s;
    EXPECT_EQ(dinucleotides(r), dinucleotides(s)) << s << " -> " << r;
    changed += r != s;
  }
  // Long random sequences have many Eulerian walks; nearly every shuffle differs.
  EXPECT_GT(changed, 180);
}

TEST(DinucleotideShuffle, SameSeedSameResult) {
  const std::string s = "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAU";
  std::mt19937_64 a(5), b(5);
  EXPECT_EQ(dinucleotide_shuffle(s, a), dinucleotide_shuffle(s, b));
}

TEST(DinucleotideShuffle, ShortAndUniformInputsComeBackUnchanged) {
  std::mt19937_64 rng(1);
  EXPECT_EQ(dinucleotide_shuffle("", rng), "");
  EXPECT_EQ(dinucleotide_shuffle("AC", rng), "AC");
  EXPECT_EQ(dinucleotide_shuffle("AAAAAA", rng), "AAAAAA");
}

}  // namespace
}  // namespace mirgene::decoys
