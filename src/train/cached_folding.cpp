#include "train/cached_folding.hpp"

#include <memory>
#include <unordered_set>
#include <utility>

#include "common/ordered_parallel.hpp"
#include "fold/mfe.hpp"

namespace mirgene::train {

std::vector<CachedFold> fold_with_cache(std::span<const std::string> seqs, FoldCache& cache,
                                        const fold::EnergyParams& params, int threads,
                                        FoldingStats* stats) {
  std::vector<std::string> keys;
  keys.reserve(seqs.size());
  for (const std::string& seq : seqs) keys.push_back(fold_key(seq));

  // Each distinct uncached key is folded once, even when the data repeats a sequence.
  std::vector<std::string> missing;
  std::unordered_set<std::string_view> queued;
  std::size_t cached = 0;
  for (const std::string& key : keys) {
    if (cache.find(key)) {
      ++cached;
    } else if (queued.insert(key).second) {
      missing.push_back(key);
    }
  }

  if (!missing.empty()) {
    const int workers = threads > 0 ? threads : default_thread_count();
    std::vector<std::unique_ptr<fold::Folder>> folders;
    for (int w = 0; w < workers; ++w) folders.push_back(std::make_unique<fold::Folder>(params));
    std::vector<std::pair<std::string, CachedFold>> folded;
    folded.reserve(missing.size());
    ordered_parallel<std::size_t, CachedFold>(
        workers, index_source(missing.size()),
        [&](std::size_t& index, int worker) {
          const fold::FoldResult f = folders[worker]->fold(missing[index]);
          return CachedFold{f.structure, f.energy};
        },
        [&](CachedFold&& fold) { folded.emplace_back(missing[folded.size()], std::move(fold)); });
    cache.add(folded);
  }

  std::vector<CachedFold> result;
  result.reserve(keys.size());
  for (const std::string& key : keys) result.push_back(*cache.find(key));
  if (stats) *stats = {cached, missing.size()};
  return result;
}

}  // namespace mirgene::train
