#include "metrics/folds.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <string>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

// Uniform integer in [0, bound) by rejection, so the sequence depends only on the engine
// (std::uniform_int_distribution's algorithm differs between standard libraries).
std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t draw;
  do {
    draw = rng();
  } while (draw >= limit);
  return draw % bound;
}

// Fisher-Yates with the draw above.
void shuffle(std::vector<std::size_t>& items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[uniform_below(rng, i)]);
  }
}

}  // namespace

std::vector<int> stratified_folds(std::span<const int> labels, int k, std::uint64_t seed) {
  if (k < 2) throw Error("stratified_folds: need at least 2 folds, got " + std::to_string(k));
  if (static_cast<std::size_t>(k) > labels.size()) {
    throw Error("stratified_folds: " + std::to_string(k) + " folds for only " +
                std::to_string(labels.size()) + " items");
  }
  // Classes in ascending label order so the result does not depend on item order beyond
  // each class's own membership.
  std::map<int, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < labels.size(); ++i) members[labels[i]].push_back(i);

  std::mt19937_64 rng(seed);
  std::vector<int> fold_of(labels.size(), -1);
  std::size_t next_fold = 0;
  for (auto& [label, items] : members) {
    shuffle(items, rng);
    for (std::size_t item : items) {
      fold_of[item] = static_cast<int>(next_fold);
      next_fold = (next_fold + 1) % static_cast<std::size_t>(k);
    }
  }
  return fold_of;
}

FoldSplit split_for_fold(std::span<const int> fold_of, int fold) {
  FoldSplit split;
  for (std::size_t i = 0; i < fold_of.size(); ++i) {
    (fold_of[i] == fold ? split.test : split.train).push_back(i);
  }
  return split;
}

}  // namespace mirgene::metrics
