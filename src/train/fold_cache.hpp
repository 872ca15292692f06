#pragma once
// A persistent cache of MFE structures, so that repeated training runs on the same data
// never refold. One file per energy-parameter set: an append-only text file whose first line
// names the format and the parameter set, then one entry per line:
//
//   SEQUENCE <TAB> STRUCTURE <TAB> ENERGY_DCAL_PER_MOL
//
// Keys are sequences normalised by fold_key() (upper case, T -> U). Only lines that end in a
// newline count: a run killed mid-write leaves a truncated last line, which open() drops.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mirgene::train {

struct CachedFold {
  std::string structure;  // dot-bracket, as long as the sequence
  int energy = 0;         // dcal/mol
};

// The cache key of a sequence: upper case, T read as U.
std::string fold_key(std::string_view seq);

class FoldCache {
 public:
  // A cache held in memory only (for --no-fold-cache).
  FoldCache() = default;

  // The cache stored at `path` for the parameter set `params_id` (a short name without
  // blanks). A missing file is an empty cache, created (with its directory) on the first add.
  // Throws mirgene::Error when the file belongs to another parameter set or another format,
  // or has a malformed complete line (the message names file and line): a line must hold a
// balanced structure whose pairs the energy model allows.
  static FoldCache open(const std::string& path, const std::string& params_id);

  // nullptr when `key` (from fold_key) is not cached.
  const CachedFold* find(const std::string& key) const;

  // Stores the folds (key from fold_key, fold) and, for a file-backed cache, appends them to
  // the file in one write, in the given order. Keys already present are ignored. When the
  // file cannot be written (full disk, read-only directory) the cache goes on in memory only
  // and take_write_error() says why.
  void add(const std::vector<std::pair<std::string, CachedFold>>& folds);

  // Why the file could not be written ("cannot write fold cache PATH: No space left on
  // device"), the first time it is asked; "" otherwise.
  std::string take_write_error();

  std::size_t size() const { return entries_.size(); }
  const std::string& path() const { return path_; }  // "" for an in-memory cache

 private:
  void append_lines(std::string lines);

  std::string path_;
  std::string params_id_;
  std::string write_error_;
  bool write_error_reported_ = true;
  std::unordered_map<std::string, CachedFold> entries_;
};

// The directory of the user's cache: $MIRGENE_CACHE_DIR, else $XDG_CACHE_HOME/mirgene, else
// $HOME/.cache/mirgene. Throws mirgene::Error when none of these variables is set.
std::string default_cache_dir();

// The cache file of a parameter set inside `dir`.
std::string cache_file_in(const std::string& dir, const std::string& params_id);

}  // namespace mirgene::train
