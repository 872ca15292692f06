#pragma once
// A candidate is a locus, not a window: calls on one strand that are the same locus (seen
// as a stem-loop and as the domain holding it, or from two chunks) are one candidate,
// reported as the hairpin with the best probability among them. Two calls are the same
// locus when they share at least half of the shorter one: the arms cut out with a stem-loop
// may reach into a neighbouring precursor of a cluster (C. elegans mir-35..41 lie 100 nt
// apart), and those stay apart.
#include <cstdint>
#include <vector>

#include "scan/hairpin.hpp"

namespace mirgene::scan {

// Groups the calls of each strand, in (start, end) order, into chains: a call joins the
// chain when it shares at least half of the shorter of itself and the chain's last call
// with that call. Keeps the most probable call of each chain (the first on ties). The
// result is sorted by start, then end, then strand.
std::vector<Hairpin> merge_calls(std::vector<Hairpin> calls);

// True when a and b (same strand) share at least half of the shorter one.
bool same_locus(const Hairpin& a, const Hairpin& b);

// The calls unmerged, in the same order (start, end, strand).
std::vector<Hairpin> sorted_calls(std::vector<Hairpin> calls);

// Merging (or sorting) a record's calls as they come, chunk by chunk, so that candidates
// are written while a chromosome is being scanned: the candidates handed out, in order,
// are exactly what merge_calls (sorted_calls without merging) gives for all the calls at
// once. A candidate is handed out once no later call can join its chain or come before it.
class CandidateStream {
 public:
  explicit CandidateStream(bool merge) : merge_(merge) {}

  void add(std::vector<Hairpin>&& calls);
  // Every call still to come starts at or after `frontier`: returns, sorted, the
  // candidates that are final and precede every candidate still to come.
  std::vector<Hairpin> release(std::int64_t frontier);
  // No call is to come: returns the rest, sorted.
  std::vector<Hairpin> finish();
  // Calls and candidates held back.
  std::size_t held() const { return pending_[0].size() + pending_[1].size() + ready_.size(); }

 private:
  bool merge_;
  std::vector<Hairpin> pending_[2];  // calls per strand ('+', '-') not yet in a final chain
  std::vector<Hairpin> ready_;       // final candidates waiting for their turn
};

}  // namespace mirgene::scan
