#include "scan/merge.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace mirgene::scan {

bool same_locus(const Hairpin& a, const Hairpin& b) {
  const std::int64_t shared = std::min(a.end, b.end) - std::max(a.start, b.start);
  const std::int64_t shorter = std::min(a.end - a.start, b.end - b.start);
  return shared > 0 && 2 * shared >= shorter;
}

std::vector<Hairpin> merge_calls(std::vector<Hairpin> calls) {
  std::sort(calls.begin(), calls.end(), [](const Hairpin& a, const Hairpin& b) {
    return std::tie(a.strand, a.start, a.end) < std::tie(b.strand, b.start, b.end);
  });
  std::vector<Hairpin> out;
  std::size_t k = 0;
  while (k < calls.size()) {
    std::size_t best = k, last = k;
    std::size_t next = k + 1;
    while (next < calls.size() && calls[next].strand == calls[k].strand &&
           same_locus(calls[last], calls[next])) {
      if (calls[next].probability > calls[best].probability) best = next;
      last = next++;
    }
    out.push_back(std::move(calls[best]));
    k = next;
  }
  return sorted_calls(std::move(out));
}

std::vector<Hairpin> sorted_calls(std::vector<Hairpin> calls) {
  std::stable_sort(calls.begin(), calls.end(), [](const Hairpin& a, const Hairpin& b) {
    return std::tie(a.start, a.end, a.strand) < std::tie(b.start, b.end, b.strand);
  });
  return calls;
}

void CandidateStream::add(std::vector<Hairpin>&& calls) {
  for (Hairpin& h : calls) pending_[h.strand == '-' ? 1 : 0].push_back(std::move(h));
}

std::vector<Hairpin> CandidateStream::release(std::int64_t frontier) {
  // Later calls start at or after `frontier`, so they sort after every held call that
  // starts before it: the chains among those calls are settled up to the last one, which
  // is final only if nothing starting at `frontier` can overlap it.
  std::int64_t next_start = frontier;  // no candidate still to come starts before this
  for (std::vector<Hairpin>& calls : pending_) {
    std::sort(calls.begin(), calls.end(), [](const Hairpin& a, const Hairpin& b) {
      return std::tie(a.start, a.end) < std::tie(b.start, b.end);
    });
    std::size_t k = 0;
    while (k < calls.size() && calls[k].start < frontier) {
      std::size_t best = k, last = k, next = k + 1;
      if (merge_) {
        while (next < calls.size() && same_locus(calls[last], calls[next])) {
          if (calls[next].probability > calls[best].probability) best = next;
          last = next++;
        }
      }
      const bool final = !merge_ || calls[last].end <= frontier ||
                         (next < calls.size() && calls[next].start < frontier);
      if (!final) break;
      ready_.push_back(std::move(calls[best]));
      k = next;
    }
    calls.erase(calls.begin(), calls.begin() + static_cast<std::ptrdiff_t>(k));
    if (!calls.empty()) next_start = std::min(next_start, calls.front().start);
  }
  ready_ = sorted_calls(std::move(ready_));
  const auto cut = std::find_if(ready_.begin(), ready_.end(),
                                [&](const Hairpin& h) { return h.start >= next_start; });
  std::vector<Hairpin> out(std::make_move_iterator(ready_.begin()), std::make_move_iterator(cut));
  ready_.erase(ready_.begin(), cut);
  return out;
}

std::vector<Hairpin> CandidateStream::finish() {
  return release(std::numeric_limits<std::int64_t>::max());
}

}  // namespace mirgene::scan
