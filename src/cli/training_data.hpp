#pragma once
// Loading labelled FASTA files for train, cv and evaluate: the fold cache they share and the
// per-file report on stderr (skipped records, cache use).
#include <iostream>
#include <string>

#include "fold/params.hpp"
#include "predict/sequence_source.hpp"
#include "train/dataset.hpp"
#include "train/fold_cache.hpp"

namespace mirgene::cli {

// The energy-parameter set the cache file is named after (the built-in table).
inline constexpr const char* kFoldParamsId = "turner2004";

// `path` "" = the default cache file; `disabled` = fold in memory, cache nothing.
inline train::FoldCache open_fold_cache(const std::string& path, bool disabled) {
  if (disabled) return {};
  return train::FoldCache::open(
      path.empty() ? train::cache_file_in(train::default_cache_dir(), kFoldParamsId) : path,
      kFoldParamsId);
}

// What was used and skipped of a set, on stderr.
inline void report_loaded(const train::EncodedSet& set, train::FoldCache& cache);

// Loads, folds (through the cache) and encodes one file, telling the user what was skipped.
// `mode`: the input mode of the network the tokens are for (train::TokenMaker).
inline train::EncodedSet load_reported(const std::string& path, train::FoldCache& cache,
                                       int threads, nn::InputMode mode = nn::InputMode::kBoth) {
  train::EncodedSet set =
      train::load_encoded_set(path, cache, fold::turner2004(), threads, mode);
  report_loaded(set, cache);
  return set;
}

// The same for genome loci (evaluate --pos-regions/--neg-regions).
inline train::EncodedSet load_reported(predict::SequenceSource& source, train::FoldCache& cache,
                                       int threads, nn::InputMode mode = nn::InputMode::kBoth) {
  train::EncodedSet set = train::load_encoded_records(
      source.name(), [&](seqio::ReadResult& item) { return source.next(item); }, cache,
      fold::turner2004(), threads, mode);
  report_loaded(set, cache);
  return set;
}

inline void report_loaded(const train::EncodedSet& set, train::FoldCache& cache) {
  for (const std::string& message : set.skipped) std::cerr << "warning: skipped " << message << '\n';
  std::cerr << set.source << ": " << set.tokens.size() << " records used";
  if (!set.skipped.empty()) std::cerr << ", " << set.skipped.size() << " skipped";
  std::cerr << " (" << set.folding.cached << " folds from the cache, " << set.folding.folded
            << " folded)\n";
  if (const std::string problem = cache.take_write_error(); !problem.empty())
    std::cerr << "warning: " << problem << "; going on without saving folds to the cache\n";
}

}  // namespace mirgene::cli
