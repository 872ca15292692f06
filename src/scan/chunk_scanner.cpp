#include "scan/chunk_scanner.hpp"

#include <algorithm>
#include <time.h>

#include "decoys/stem_loops.hpp"
#include "encode/encoding.hpp"
#include "fold/pair_table.hpp"
#include "fold/params.hpp"
#include "predict/member_average.hpp"

namespace mirgene::scan {
namespace {

// CPU time of the calling thread: what a step costs, whatever else the machine runs.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }
};

double seconds_since(double t) { return Clock::now() - t; }

}  // namespace

ScanWork& ScanWork::operator+=(const ScanWork& o) {
  band_fold_seconds += o.band_fold_seconds;
  refold_seconds += o.refold_seconds;
  score_seconds += o.score_seconds;
  folded_bases += o.folded_bases;
  stem_loops += o.stem_loops;
  scored += o.scored;
  return *this;
}

std::pair<int, int> excise(int stem_start, int stem_end, int size, int flank, int min_length) {
  int begin = stem_start - flank;
  int end = stem_end + 1 + flank;
  if (const int short_by = min_length - (end - begin); short_by > 0) {
    begin -= short_by / 2;
    end += short_by - short_by / 2;
  }
  // Against an edge, the piece keeps its length by growing on the other side when it can.
  if (begin < 0) {
    end = std::min(size, end - begin);
    begin = 0;
  }
  if (end > size) {
    begin = std::max(0, begin - (end - size));
    end = size;
  }
  return {begin, end};
}

ChunkScanner::ChunkScanner(std::span<const nn::Network> members, const ScanSettings& settings)
    : members_(members),
      settings_(settings),
      band_(fold::turner2004()),
      exact_(fold::turner2004()),
      make_tokens_(train::token_mode(members)) {
  band_.set_max_span(settings.span);
}

std::vector<Hairpin> ChunkScanner::scan(std::string_view text, const Chunk& chunk) {
  std::vector<Hairpin> out;
  std::vector<std::vector<std::uint8_t>> tokens;
  const std::string plus(text);
  if (settings_.plus) scan_strand(plus, chunk, false, out, tokens);
  if (settings_.minus) scan_strand(reverse_complement(plus), chunk, true, out, tokens);
  // Without a network (mining pieces for training) the pieces are cut and folded only.
  if (!tokens.empty() && !members_.empty()) {
    const auto t = Clock::now();
    const std::vector<float> p = predict::mean_probabilities(members_, tokens, 1);
    for (std::size_t k = 0; k < out.size(); ++k) out[k].probability = p[k];
    work_.score_seconds += seconds_since(t);
  }
  return out;
}

void ChunkScanner::scan_strand(const std::string& text, const Chunk& chunk, bool minus,
                               std::vector<Hairpin>& out,
                               std::vector<std::vector<std::uint8_t>>& tokens) {
  const int size = static_cast<int>(text.size());
  auto t = Clock::now();
  const fold::FoldResult band = band_.fold(text);
  work_.band_fold_seconds += seconds_since(t);
  work_.folded_bases += size;
  // Forward coordinate of strand-text position x.
  auto forward = [&](std::int64_t x) {
    return minus ? chunk.fold_end - 1 - x : chunk.fold_start + x;
  };
  // Candidates: every stem-loop, and every closed domain of the exterior loop (an
  // outermost pair and all it encloses) that holds more than one hairpin loop and fits the
  // span: a precursor whose MFE structure has a small side branch (a multiloop) is such a
  // domain, not a stem-loop.
  struct Core {
    int start, end, pairs;
  };
  std::vector<Core> cores;
  for (const decoys::StemLoop& s : decoys::find_stem_loops(band.structure)) {
    ++work_.stem_loops;
    cores.push_back({s.start, s.end, s.pairs});
  }
  const std::vector<int> partner = fold::pair_table(band.structure);
  for (int p = 0; p < size; ++p) {
    if (partner[p] <= p) continue;
    const int q = partner[p];
    int pairs = 0, hairpins = 0;
    for (int x = p; x <= q; ++x) {
      if (partner[x] > x) {
        ++pairs;
        // A hairpin loop: a pair whose inside holds no pair.
        bool empty = true;
        for (int y = x + 1; y < partner[x] && empty; ++y) empty = partner[y] < 0;
        hairpins += empty;
      }
    }
    if (hairpins > 1 && q - p + 1 <= settings_.span) cores.push_back({p, q, pairs});
    p = q;
  }
  for (const Core& s : cores) {
    if (s.pairs < settings_.min_pairs) continue;
    const std::int64_t centre = forward((s.start + s.end) / 2);
    if (centre < chunk.own_start || centre >= chunk.own_end) continue;
    const auto [begin, end] = excise(s.start, s.end, size, settings_.flank, settings_.min_length);
    if (end - begin > encode::kMaxLen) continue;
    Hairpin h;
    h.sequence = text.substr(begin, end - begin);
    h.strand = minus ? '-' : '+';
    h.start = minus ? forward(end - 1) : forward(begin);
    h.end = h.start + (end - begin);
    t = Clock::now();
    fold::FoldResult f = exact_.fold(h.sequence);
    work_.refold_seconds += seconds_since(t);
    h.structure = std::move(f.structure);
    h.energy = f.energy;
    if (!members_.empty()) {
      t = Clock::now();
      tokens.push_back(make_tokens_(h.sequence, h.structure, h.energy));
      work_.score_seconds += seconds_since(t);
    }
    ++work_.scored;
    out.push_back(std::move(h));
  }
}

}  // namespace mirgene::scan
