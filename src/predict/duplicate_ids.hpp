#pragma once
// Records that repeat an earlier record's id: their rows cannot be told apart downstream
// (joins, the report's table), so every per-record command warns about them once the output
// is complete. Ids are kept as 64-bit hashes (8 bytes and the first record number each), so a
// genome-sized input costs little memory; two different ids sharing a hash (odds ~n^2/2^65)
// would show as a false warning, never as a lost record.
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "seqio/fasta_reader.hpp"

namespace mirgene::predict {

class DuplicateIds {
 public:
  static constexpr std::size_t kListed = 10;  // duplicates named one by one

  void add(const seqio::Record& record) {
    if (record.id.empty()) return;
    const std::size_t hash = std::hash<std::string>{}(record.id);
    const auto [it, inserted] = first_.try_emplace(hash, record.number);
    if (inserted) return;
    if (repeats_.size() < kListed) repeats_.push_back({record.id, record.number, it->second});
    ++count_;
  }

  std::size_t count() const { return count_; }

  // One "warning: SOURCE: record 'ID' (#N) repeats the id of record #M" line per duplicate
  // (the first kListed), then how many more there are.
  void report(const std::string& source, std::ostream& err) const {
    for (const Repeat& r : repeats_) {
      err << "warning: " << source << ": record '" << r.id << "' (#" << r.number
          << ") repeats the id of record #" << r.first << '\n';
    }
    if (count_ > repeats_.size()) {
      err << "warning: " << source << ": " << count_ - repeats_.size()
          << " more records repeat an earlier id\n";
    }
  }

 private:
  struct Repeat {
    std::string id;
    std::size_t number, first;
  };
  std::unordered_map<std::size_t, std::size_t> first_;
  std::vector<Repeat> repeats_;
  std::size_t count_ = 0;
};

}  // namespace mirgene::predict
