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

}  // namespace mirgene::scan
