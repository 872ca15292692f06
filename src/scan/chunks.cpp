#include "scan/chunks.hpp"

#include <algorithm>

namespace mirgene::scan {

void normalize_bases(std::string& seq) {
  for (char& c : seq) {
    switch (c) {
      case 'A':
      case 'a':
        c = 'A';
        break;
      case 'C':
      case 'c':
        c = 'C';
        break;
      case 'G':
      case 'g':
        c = 'G';
        break;
      case 'T':
      case 't':
      case 'U':
      case 'u':
        c = 'U';
        break;
      default:
        c = 'N';
    }
  }
}

std::vector<std::pair<std::int64_t, std::int64_t>> clean_runs(std::string_view seq,
                                                              std::int64_t min_run) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  const std::int64_t n = static_cast<std::int64_t>(seq.size());
  std::int64_t p = 0;
  while (p < n) {
    // memchr-speed skips over both kinds of run.
    const std::size_t first = seq.find_first_not_of('N', static_cast<std::size_t>(p));
    if (first == std::string_view::npos) break;
    const std::size_t gap = seq.find('N', first);
    const std::int64_t s = static_cast<std::int64_t>(first);
    const std::int64_t e = gap == std::string_view::npos ? n : static_cast<std::int64_t>(gap);
    if (e - s >= min_run) out.emplace_back(s, e);
    p = e;
  }
  return out;
}

std::vector<Chunk> plan_chunks(std::int64_t start, std::int64_t end, std::int64_t chunk,
                               std::int64_t context, std::int64_t offset) {
  std::vector<Chunk> out;
  // The grid cell holding `start`, in record coordinates.
  const std::int64_t first_cell = (start + offset) / chunk * chunk - offset;
  for (std::int64_t cell = first_cell; cell < end; cell += chunk) {
    Chunk c;
    c.own_start = std::max(start, cell);
    c.own_end = std::min(end, cell + chunk);
    c.fold_start = std::max(start, c.own_start - context);
    c.fold_end = std::min(end, c.own_end + context);
    out.push_back(c);
  }
  return out;
}

}  // namespace mirgene::scan
