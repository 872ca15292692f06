#include "genome/locus_sequence.hpp"

#include <algorithm>
#include <array>

namespace mirgene::genome {
namespace {

constexpr std::array<char, 256> complement_table() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<char>(c);
  constexpr const char* pairs[] = {"AT", "CG", "RY", "KM", "BV", "DH"};
  for (const char* p : pairs) {
    for (const int lower : {0, 32}) {
      t[p[0] + lower] = static_cast<char>(p[1] + lower);
      t[p[1] + lower] = static_cast<char>(p[0] + lower);
    }
  }
  t['U'] = 'A';
  t['u'] = 'a';
  return t;
}

constexpr std::array<char, 256> kComplement = complement_table();

}  // namespace

std::string reverse_complement(std::string_view dna) {
  std::string out(dna.rbegin(), dna.rend());
  for (char& c : out) c = kComplement[static_cast<unsigned char>(c)];
  return out;
}

LocusSequence plan_locus(const IndexedGenome& genome, const Locus& locus, std::int64_t flank,
                         std::int64_t max_length) {
  LocusSequence out;
  const Coordinates& c = locus.where;
  out.where = c;
  const std::optional<std::int64_t> length = genome.length(c.chrom);
  if (!length) {
    out.problem = "chromosome '" + c.chrom + "' is not in " + genome.path();
    out.column = locus.chrom_column;
    return out;
  }
  if (c.end > *length) {
    out.problem = "end " + std::to_string(c.end) + " is past the end of " + c.chrom + " (" +
                  std::to_string(*length) + " nt)";
    out.column = locus.end_column;
    return out;
  }
  out.where.start = std::max<std::int64_t>(0, c.start - flank);
  out.where.end = std::min(*length, c.end + flank);
  const std::int64_t span = out.where.end - out.where.start;
  if (span > max_length) {
    out.problem = "locus of " + std::to_string(c.end - c.start) + " nt" +
                  (flank > 0 ? " (" + std::to_string(span) + " nt with its flanks)" : "") +
                  " is longer than the " + std::to_string(max_length) + " nt the model reads";
    out.column = locus.start_column;
    out.where = c;
  }
  return out;
}

std::string fetch_planned(const IndexedGenome& genome, const LocusSequence& plan) {
  const Coordinates& w = plan.where;
  std::string dna = genome.fetch(w.chrom, w.start, w.end);
  return w.strand == '-' ? reverse_complement(dna) : dna;
}

LocusSequence fetch_locus(const IndexedGenome& genome, const Locus& locus, std::int64_t flank,
                          std::int64_t max_length) {
  LocusSequence out = plan_locus(genome, locus, flank, max_length);
  if (out.problem.empty()) out.dna = fetch_planned(genome, out);
  return out;
}

}  // namespace mirgene::genome
