#include "decoys/stem_loops.hpp"

#include <string>

#include "common/error.hpp"
#include "fold/pair_table.hpp"

namespace mirgene::decoys {
namespace {

// The pairs directly enclosed by the loop from `from` to `to` (0-based, inclusive), as the
// positions of their 5' ends.
std::vector<int> branches(const std::vector<int>& partner, int from, int to) {
  std::vector<int> out;
  for (int p = from; p <= to; ++p) {
    if (partner[p] > p) {
      out.push_back(p);
      p = partner[p];
    }
  }
  return out;
}

// Follows the helix that starts at pair (i, partner[i]) inward through stacks, bulges and
// interior loops. Adds it to `out` when it ends in a hairpin; otherwise descends into each
// branch of the multiloop it ends in.
void collect(const std::vector<int>& partner, int i, std::vector<StemLoop>& out) {
  StemLoop s{.start = i, .end = partner[i]};
  int a = i;
  for (;;) {
    ++s.pairs;
    const std::vector<int> inner = branches(partner, a + 1, partner[a] - 1);
    if (inner.empty()) {
      s.loop_start = a + 1;
      s.loop_end = partner[a] - 1;
      out.push_back(s);
      return;
    }
    if (inner.size() > 1) {
      for (int b : inner) collect(partner, b, out);
      return;
    }
    a = inner.front();
  }
}

}  // namespace

std::vector<StemLoop> find_stem_loops(std::string_view dot_bracket) {
  const std::vector<int> partner = fold::pair_table(dot_bracket);
  std::vector<StemLoop> out;
  if (dot_bracket.empty()) return out;
  for (int b : branches(partner, 0, static_cast<int>(dot_bracket.size()) - 1))
    collect(partner, b, out);
  return out;
}

}  // namespace mirgene::decoys
