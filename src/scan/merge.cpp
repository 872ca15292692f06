#include "scan/merge.hpp"

#include <algorithm>
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

}  // namespace mirgene::scan
