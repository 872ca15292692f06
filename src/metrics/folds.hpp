#pragma once
// Stratified k-fold assignment for cross-validation.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mirgene::metrics {

// Fold index (0..k-1) for every item. Items of each class (distinct label value) are shuffled
// with std::mt19937_64(seed) and dealt round-robin, so per class the fold sizes differ by at
// most one; each class starts dealing where the previous one stopped, so total fold sizes
// differ by at most one too. The result depends only on labels, k and seed (the shuffle uses
// its own unbiased draw, not the library-specific std::uniform_int_distribution).
// Throws mirgene::Error if k < 2 or k exceeds the number of items.
std::vector<int> stratified_folds(std::span<const int> labels, int k, std::uint64_t seed);

struct FoldSplit {
  std::vector<std::size_t> train, test;  // item indices, ascending
};

// Items of fold `fold` form the test set, all others the training set.
FoldSplit split_for_fold(std::span<const int> fold_of, int fold);

}  // namespace mirgene::metrics
