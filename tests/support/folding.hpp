#pragma once
// Helpers shared by the folding tests: random sequences, every structure of a short
// sequence (brute-force checks) and the widest base pair of a structure (span limit).
#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fold/alphabet.hpp"
#include "fold/pair_table.hpp"

namespace mirgene::test {

// n characters drawn uniformly from `alphabet`.
inline std::string random_sequence(std::mt19937& rng, int n, std::string_view alphabet = "ACGU") {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string seq(static_cast<std::size_t>(n), ' ');
  for (char& ch : seq) ch = alphabet[pick(rng)];
  return seq;
}

// Every secondary structure of seq (canonical pairs, hairpins >= 3), as dot-bracket.
inline void enumerate_structures(const std::string& seq,
                                 const std::function<void(const std::string&)>& use) {
  const int n = static_cast<int>(seq.size());
  std::string structure(n, '.');
  // Fill positions from..to-1 recursively: position `from` is unpaired or pairs with some j.
  std::function<void(int, int, const std::function<void()>&)> fill =
      [&](int from, int to, const std::function<void()>& done) {
        if (from >= to) {
          done();
          return;
        }
        fill(from + 1, to, done);
        for (int j = from + 4; j < to; ++j) {
          if (fold::pair_type(fold::base_code(seq[from]), fold::base_code(seq[j])) == fold::kNoPair)
            continue;
          structure[from] = '(';
          structure[j] = ')';
          fill(from + 1, j, [&, j] { fill(j + 1, to, done); });
          structure[from] = structure[j] = '.';
        }
      };
  fill(0, n, [&] { use(structure); });
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
