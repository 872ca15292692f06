#pragma once
// Helpers shared by the folding tests: random sequences and the widest base pair of a
// structure (for checks of the span limit).
#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fold/pair_table.hpp"

namespace mirgene::test {

// n characters drawn uniformly from `alphabet`.
inline std::string random_sequence(std::mt19937& rng, int n, std::string_view alphabet = "ACGU") {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string seq(static_cast<std::size_t>(n), ' ');
  for (char& ch : seq) ch = alphabet[pick(rng)];
  return seq;
}

// j - i + 1 of the widest pair (i, j) of a dot-bracket structure; 0 without pairs.
inline int widest_pair(const std::string& structure) {
  const std::vector<int> partner = fold::pair_table(structure);
  int widest = 0;
  for (int i = 0; i < static_cast<int>(partner.size()); ++i)
    if (partner[i] > i) widest = std::max(widest, partner[i] - i + 1);
  return widest;
}

}  // namespace mirgene::test
