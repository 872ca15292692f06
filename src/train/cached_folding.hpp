#pragma once
// MFE structures through the fold cache: cached sequences are looked up, the others are
// folded in parallel (one fold::Folder per worker) and appended to the cache, so a second
// run over the same data folds nothing.
#include <span>
#include <string>
#include <vector>

#include "fold/params.hpp"
#include "train/fold_cache.hpp"

namespace mirgene::train {

struct FoldingStats {
  std::size_t cached = 0;  // sequences found in the cache
  std::size_t folded = 0;  // sequences folded now (distinct keys)
};

// The folds of `seqs` (any case, T or U) in input order. threads <= 0 means all cores.
// Throws mirgene::Error when the cache file cannot be written.
std::vector<CachedFold> fold_with_cache(std::span<const std::string> seqs, FoldCache& cache,
                                        const fold::EnergyParams& params, int threads,
                                        FoldingStats* stats = nullptr);

}  // namespace mirgene::train
