#pragma once
// The coordinates every output row of a run on genome loci carries beside the id: chrom,
// start, end (0-based half-open, flanks included) and strand, as TSV columns or JSON fields.
// Runs on FASTA records write neither, so their outputs stay as they were.
#include <optional>
#include <string>

#include "genome/locus.hpp"

namespace mirgene::predict {

inline constexpr const char* kLocusTsvHeader = "chrom\tstart\tend\tstrand";

// "\tCHROM\tSTART\tEND\tSTRAND", or "\t-\t-\t-\t-" for a line whose coordinates could not be
// read. Tabs and line ends in a chromosome name become blanks, as in ids.
inline std::string locus_tsv_fields(const std::optional<genome::Coordinates>& where) {
  if (!where) return "\t-\t-\t-\t-";
  std::string chrom = where->chrom;
  for (char& c : chrom)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return '\t' + chrom + '\t' + std::to_string(where->start) + '\t' + std::to_string(where->end) +
         '\t' + where->strand;
}

// Sets "chrom", "start", "end" and "strand" of JSON object `j` (null when not known).
template <class Json>
void add_locus_json(Json& j, const std::optional<genome::Coordinates>& where) {
  if (!where) {
    for (const char* key : {"chrom", "start", "end", "strand"}) j[key] = nullptr;
    return;
  }
  j["chrom"] = where->chrom;
  j["start"] = where->start;
  j["end"] = where->end;
  j["strand"] = std::string(1, where->strand);
}

}  // namespace mirgene::predict
