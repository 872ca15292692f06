#include "mining/planting.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"

namespace mirgene::mining {
namespace {

bool plain_base(char c) {
  switch (std::toupper(static_cast<unsigned char>(c))) {
    case 'A':
    case 'C':
    case 'G':
    case 'T':
    case 'U':
      return true;
    default:
      return false;
  }
}

// The precursor as DNA letters on the plus strand (reverse complement for a minus plant).
std::string as_planted(const std::string& rna, bool minus) {
  std::string out(rna.size(), 'N');
  for (std::size_t k = 0; k < rna.size(); ++k) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(rna[k])));
    if (c == 'U') c = 'T';
    if (minus) c = c == 'A' ? 'T' : c == 'T' ? 'A' : c == 'C' ? 'G' : 'C';
    out[minus ? rna.size() - 1 - k : k] = c;
  }
  return out;
}

}  // namespace

std::string planting_problem(const seqio::Record& precursor) {
  if (precursor.seq.empty()) return "empty";
  if (!std::all_of(precursor.seq.begin(), precursor.seq.end(), plain_base))
    return "holds a base other than A, C, G, U/T";
  return "";
}

PlantedDna plant_precursors(std::vector<seqio::Record> dna,
                            std::span<const seqio::Record> precursors, std::int64_t spacing) {
  if (spacing < 1) throw Error("plant spacing must be at least 1 nt");
  for (const seqio::Record& p : precursors)
    if (const std::string problem = planting_problem(p); !problem.empty())
      throw Error("precursor '" + p.id + "': " + problem);
  PlantedDna out;
  std::size_t next = 0;  // precursor to plant next, cycling
  for (std::size_t r = 0; r < dna.size() && !precursors.empty(); ++r) {
    std::string& seq = dna[r].seq;
    const auto length = static_cast<std::int64_t>(seq.size());
    for (std::int64_t slot = 0; slot + spacing <= length; slot += spacing) {
      const seqio::Record& p = precursors[next % precursors.size()];
      const auto n = static_cast<std::int64_t>(p.seq.size());
      if (n > spacing) continue;
      const std::int64_t start = slot + (spacing - n) / 2;
      if (!std::all_of(seq.begin() + start, seq.begin() + start + n, plain_base)) continue;
      const bool minus = out.plants.size() % 2 == 1;
      const std::string planted = as_planted(p.seq, minus);
      std::copy(planted.begin(), planted.end(), seq.begin() + start);
      out.plants.push_back({r, start, start + n, minus ? '-' : '+', p.id});
      ++next;
    }
  }
  out.records = std::move(dna);
  return out;
}

const Plant* overlapping_plant(std::span<const Plant> plants, std::size_t record,
                               std::int64_t start, std::int64_t end) {
  // Plants do not overlap one another and are ordered by (record, start): only the last
  // plant starting before `end` and the ones before it that still reach `start` can overlap.
  auto after = std::partition_point(plants.begin(), plants.end(), [&](const Plant& p) {
    return p.record < record || (p.record == record && p.start < end);
  });
  const Plant* best = nullptr;
  std::int64_t best_shared = 0;
  for (auto it = after; it != plants.begin();) {
    --it;
    if (it->record != record || it->end <= start) break;
    const std::int64_t shared = std::min(end, it->end) - std::max(start, it->start);
    if (shared >= best_shared) {  // walking backwards: on a tie the earlier plant wins
      best_shared = shared;
      best = &*it;
    }
  }
  return best;
}

}  // namespace mirgene::mining
