#include "decoys/builder.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "decoys/dinucleotide_shuffle.hpp"
#include "decoys/stem_loops.hpp"
#include "nn/random.hpp"

namespace mirgene::decoys {
namespace {

// Stream tags of nn::mix_seed, one per kind of random choice.
enum Stream : std::uint64_t { kGenomicPlus = 1, kGenomicMinus = 2, kTrimmed = 3, kShuffled = 4 };

// [start, start + length) centred on `centre` and moved inside [0, size); nullopt when the
// piece is longer than the sequence.
std::optional<int> piece_start(int centre, int length, int size) {
  if (length > size) return std::nullopt;
  return std::clamp(centre - length / 2, 0, size - length);
}

// Folds `piece` alone and keeps it when it is pre-miRNA-like.
std::optional<Decoy> fold_and_check(std::string piece, fold::Folder& folder,
                                    const HairpinCriteria& criteria) {
  const fold::FoldResult f = folder.fold(piece);
  if (!is_premirna_like(f.structure, f.energy, criteria)) return std::nullopt;
  Decoy d;
  d.seq = std::move(piece);
  d.structure = f.structure;
  d.energy = f.energy;
  return d;
}

// Stem-loops worth cutting out: close to the pair count the filter asks for (the piece may
// gain or lose a pair or two once folded alone), the one with most pairs first.
std::vector<StemLoop> promising_stem_loops(const std::string& structure,
                                           const HairpinCriteria& criteria) {
  std::vector<StemLoop> loops = find_stem_loops(structure);
  std::erase_if(loops, [&](const StemLoop& s) { return s.pairs < criteria.min_pairs - 2; });
  std::stable_sort(loops.begin(), loops.end(),
                   [](const StemLoop& a, const StemLoop& b) { return a.pairs > b.pairs; });
  return loops;
}

struct Window {
  bool minus = false;
  int start = 0;  // in the strand's own 5'->3' coordinates
  std::uint64_t index = 0;
};

struct Piece {
  Decoy decoy;
  bool minus = false;
  std::int64_t start = 0, end = 0;  // forward coordinates, half-open
};

struct WindowResult {
  bool folded = false;
  std::size_t candidates = 0;
  std::vector<Piece> pieces;
};

// 'A', 'C', 'G' or 'U' for a base of any case (T read as U), else 0.
char plain_base(char c) {
  switch (c) {
    case 'A':
    case 'a':
      return 'A';
    case 'C':
    case 'c':
      return 'C';
    case 'G':
    case 'g':
      return 'G';
    case 'U':
    case 'u':
    case 'T':
    case 't':
      return 'U';
    default:
      return 0;
  }
}

}  // namespace

LengthSampler::LengthSampler(std::vector<int> lengths) : lengths_(std::move(lengths)) {
  if (lengths_.empty()) throw Error("decoys: no positive lengths to draw from");
}

int LengthSampler::draw(std::mt19937_64& rng) const {
  return lengths_[nn::below(rng, lengths_.size())];
}

std::optional<int> LengthSampler::draw_at_most(std::mt19937_64& rng, int limit, int tries) const {
  for (int t = 0; t < tries; ++t)
    if (const int l = draw(rng); l <= limit) return l;
  return std::nullopt;
}

std::string decoy_origin(std::string_view decoy_id) {
  // Antisense ids end in the origin itself, which may hold ':'.
  constexpr std::string_view antisense = "antisense:";
  if (decoy_id.starts_with(antisense)) return std::string(decoy_id.substr(antisense.size()));
  for (const std::string_view prefix : {"trimmed:", "shuffled:"}) {
    if (!decoy_id.starts_with(prefix)) continue;
    const std::string_view rest = decoy_id.substr(prefix.size());
    const std::size_t last = rest.rfind(':');
    if (last == std::string_view::npos || last == 0) return "";
    return std::string(rest.substr(0, last));
  }
  return "";
}

std::optional<std::string> plain_rna(const std::string& seq) {
  std::string out(seq.size(), ' ');
  for (std::size_t k = 0; k < seq.size(); ++k)
    if (!(out[k] = plain_base(seq[k]))) return std::nullopt;
  return out;
}

std::string reverse_complement(std::string_view rna) {
  std::string out(rna.rbegin(), rna.rend());
  for (char& c : out) {
    switch (c) {
      case 'A':
        c = 'U';
        break;
      case 'C':
        c = 'G';
        break;
      case 'G':
        c = 'C';
        break;
      case 'U':
        c = 'A';
        break;
      default:
        c = 'N';
    }
  }
  return out;
}

std::vector<Decoy> genomic_decoys(const std::string& name, const std::string& seq,
                                  const LengthSampler& lengths, const BuildSettings& settings,
                                  SourceTally& tally) {
  if (settings.window < 20 || settings.step < 1)
    throw Error("decoys: the window must be at least 20 nt and the step at least 1");
  const std::int64_t n = static_cast<std::int64_t>(seq.size());
  const std::int64_t region_end = settings.region_end < 0 ? n : std::min(settings.region_end, n);
  // Upper case, U for T; anything else (N runs, IUPAC codes) becomes 'N', which no window
  // with a piece is allowed to hold.
  std::string plus(seq.size(), 'N');
  for (std::size_t k = 0; k < seq.size(); ++k)
    if (const char b = plain_base(seq[k])) plus[k] = b;
  const std::string minus = reverse_complement(plus);

  // Windows of both strands, plus strand first; each strand in its own 5'->3' order.
  std::vector<Window> windows;
  for (const bool is_minus : {false, true}) {
    std::uint64_t index = 0;
    for (std::int64_t s = 0; s < n; s += settings.step) {
      const std::int64_t e = std::min(n, s + settings.window);
      // Forward coordinates of this window, to skip windows outside the region.
      const std::int64_t fs = is_minus ? n - e : s, fe = is_minus ? n - s : e;
      if (fe > settings.region_start && fs < region_end)
        windows.push_back({is_minus, static_cast<int>(s), index});
      ++index;
      if (e == n) break;
    }
  }

  const int workers = std::max(1, settings.threads);
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int w = 0; w < workers; ++w) folders.push_back(std::make_unique<fold::Folder>());
  std::vector<Decoy> out;
  // Accepted pieces per strand, to drop overlapping ones (windows overlap by design).
  std::vector<std::pair<std::int64_t, std::int64_t>> taken[2];

  ordered_parallel<std::size_t, WindowResult>(
      workers, index_source(windows.size()),
      [&](std::size_t& w, int worker) {
        const Window& win = windows[w];
        const std::string& strand = win.minus ? minus : plus;
        const int size = static_cast<int>(strand.size());
        const std::string text = strand.substr(win.start, settings.window);
        WindowResult r;
        if (text.find('N') != std::string::npos) return r;
        r.folded = true;
        fold::Folder& folder = *folders[worker];
        std::mt19937_64 rng(
            nn::mix_seed(settings.seed, win.minus ? kGenomicMinus : kGenomicPlus, win.index));
        for (const StemLoop& s :
             promising_stem_loops(folder.fold(text).structure, settings.criteria)) {
          const int length = lengths.draw(rng);
          const auto start = piece_start(win.start + (s.start + s.end) / 2, length, size);
          if (!start) continue;
          const std::string piece = strand.substr(*start, length);
          if (piece.find('N') != std::string::npos) continue;
          const std::int64_t fs = win.minus ? n - (*start + length) : *start;
          if (fs < settings.region_start || fs + length > region_end) continue;
          ++r.candidates;
          if (auto d = fold_and_check(piece, folder, settings.criteria))
            r.pieces.push_back({std::move(*d), win.minus, fs, fs + length});
        }
        return r;
      },
      [&](WindowResult&& r) {
        tally.inputs += r.folded;
        tally.candidates += r.candidates;
        for (Piece& p : r.pieces) {
          const int k = p.minus ? 1 : 0;
          // Windows come in strand order, so only recent pieces can overlap this one.
          const std::size_t recent = std::min<std::size_t>(taken[k].size(), 64);
          const bool overlaps = std::any_of(taken[k].end() - recent, taken[k].end(), [&](auto& t) {
            return p.start < t.second && t.first < p.end;
          });
          if (overlaps) continue;
          taken[k].emplace_back(p.start, p.end);
          p.decoy.id = "genomic:" + name + ":" + std::to_string(p.start) + "-" +
                       std::to_string(p.end) + "(" + (k ? "-" : "+") + ")";
          p.decoy.source = "genomic";
          out.push_back(std::move(p.decoy));
          ++tally.accepted;
        }
      });
  return out;
}

std::vector<Decoy> trimmed_decoys(const std::string& id, const std::string& seq,
                                  std::uint64_t index, const LengthSampler& lengths,
                                  const BuildSettings& settings, fold::Folder& folder,
                                  SourceTally& tally) {
  ++tally.inputs;
  const std::optional<std::string> rna = plain_rna(seq);
  if (!rna) return {};
  const int size = static_cast<int>(rna->size());
  const std::vector<StemLoop> loops =
      promising_stem_loops(folder.fold(*rna).structure, settings.criteria);
  if (loops.empty()) return {};
  const StemLoop& core = loops.front();
  std::mt19937_64 rng(nn::mix_seed(settings.seed, kTrimmed, index));
  std::vector<Decoy> out;
  std::vector<int> tried;
  for (int k = 0; k < settings.lengths_per_negative; ++k) {
    // Shorter than the negative by at least a few bases: a trim, not a copy.
    const std::optional<int> length = lengths.draw_at_most(rng, size - 5);
    if (!length || std::find(tried.begin(), tried.end(), *length) != tried.end()) continue;
    tried.push_back(*length);
    const int start = *piece_start((core.start + core.end) / 2, *length, size);
    ++tally.candidates;
    if (auto d = fold_and_check(rna->substr(start, *length), folder, settings.criteria)) {
      d->id = "trimmed:" + id + ":" + std::to_string(start) + "-" + std::to_string(start + *length);
      d->source = "trimmed";
      out.push_back(std::move(*d));
      ++tally.accepted;
    }
  }
  return out;
}

std::optional<Decoy> shuffled_decoy(const std::string& id, const std::string& seq,
                                    std::uint64_t index, const BuildSettings& settings,
                                    fold::Folder& folder, SourceTally& tally) {
  ++tally.inputs;
  const std::optional<std::string> rna = plain_rna(seq);
  if (!rna) return std::nullopt;
  std::mt19937_64 rng(nn::mix_seed(settings.seed, kShuffled, index));
  for (int t = 1; t <= settings.shuffle_tries; ++t) {
    ++tally.candidates;
    if (auto d = fold_and_check(dinucleotide_shuffle(*rna, rng), folder, settings.criteria)) {
      d->id = "shuffled:" + id + ":" + std::to_string(t);
      d->source = "shuffled";
      ++tally.accepted;
      return d;
    }
  }
  return std::nullopt;
}

std::optional<Decoy> antisense_decoy(const std::string& id, const std::string& seq,
                                     const StretchIndex& known, const BuildSettings& settings,
                                     fold::Folder& folder, SourceTally& tally) {
  ++tally.inputs;
  const std::optional<std::string> rna = plain_rna(seq);
  if (!rna) return std::nullopt;
  std::string other_strand = reverse_complement(*rna);
  if (known.shares(other_strand)) return std::nullopt;
  ++tally.candidates;
  std::optional<Decoy> d = fold_and_check(std::move(other_strand), folder, settings.criteria);
  if (!d) return std::nullopt;
  d->id = "antisense:" + id;
  d->source = "antisense";
  ++tally.accepted;
  return d;
}

}  // namespace mirgene::decoys
