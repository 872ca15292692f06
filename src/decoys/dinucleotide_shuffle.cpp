#include "decoys/dinucleotide_shuffle.hpp"

#include <array>
#include <utility>
#include <vector>

#include "nn/random.hpp"

namespace mirgene::decoys {

std::string dinucleotide_shuffle(std::string_view seq, std::mt19937_64& rng) {
  if (seq.size() < 3) return std::string(seq);
  // The multigraph of the sequence: one edge x -> y per dinucleotide xy.
  std::array<std::vector<unsigned char>, 256> edges;
  for (std::size_t k = 0; k + 1 < seq.size(); ++k)
    edges[static_cast<unsigned char>(seq[k])].push_back(static_cast<unsigned char>(seq[k + 1]));
  const auto first = static_cast<unsigned char>(seq.front());
  const auto last = static_cast<unsigned char>(seq.back());

  // Every letter but the last one leaves through a "last exit" edge; the walk is Eulerian
  // when these exits form a tree that reaches the last letter from every letter. Draw exits
  // at random until they do (with at most a few dozen letters this takes few draws).
  std::array<int, 256> exit_index{};
  for (;;) {
    for (int v = 0; v < 256; ++v)
      if (v != last && !edges[v].empty())
        exit_index[v] = static_cast<int>(nn::below(rng, edges[v].size()));
    bool tree = true;
    for (int v = 0; v < 256 && tree; ++v) {
      if (v == last || edges[v].empty()) continue;
      // Follow exits from v; reaching `last` within 256 steps means no cycle.
      int u = v;
      for (int step = 0; step < 256 && u != last; ++step) u = edges[u][exit_index[u]];
      tree = u == last;
    }
    if (tree) break;
  }

  // Shuffle every letter's other edges and put its exit edge last.
  for (int v = 0; v < 256; ++v) {
    std::vector<unsigned char>& out = edges[v];
    if (out.empty()) continue;
    if (v != last) std::swap(out[exit_index[v]], out.back());
    const std::size_t movable = v == last ? out.size() : out.size() - 1;
    for (std::size_t k = movable; k > 1; --k) std::swap(out[k - 1], out[nn::below(rng, k)]);
  }

  std::string result(1, static_cast<char>(first));
  result.reserve(seq.size());
  std::array<std::size_t, 256> used{};
  unsigned char at = first;
  while (used[at] < edges[at].size()) {
    at = edges[at][used[at]++];
    result.push_back(static_cast<char>(at));
  }
  return result;
}

}  // namespace mirgene::decoys
