#pragma once
// A locus of a genome as a regions file gives it, and where its fields sit in that file so
// that a message can point at the one at fault. Coordinates are always 0-based half-open on
// the forward strand (BED's), whatever the file's convention (GFF3 is converted on reading).
#include <cstddef>
#include <cstdint>
#include <string>

namespace mirgene::genome {

// Where a sequence lies on a genome: forward-strand, 0-based half-open; strand '+' or '-'.
struct Coordinates {
  std::string chrom;
  std::int64_t start = 0, end = 0;
  char strand = '+';
};

struct Locus {
  Coordinates where;
  std::string name;      // BED name, GFF3 Name or ID; "" when the file gives none
  std::size_t line = 0;  // 1-based line of the regions file
  // 1-based byte columns of the fields, for messages.
  std::size_t chrom_column = 1, start_column = 1, end_column = 1, strand_column = 1;
};

// "CHROM:START-END(STRAND)" in 0-based half-open coordinates: the name `mirgene scan` gives
// its calls, and the id of a locus whose file names none.
inline std::string coordinates_name(const Coordinates& c) {
  return c.chrom + ':' + std::to_string(c.start) + '-' + std::to_string(c.end) + '(' + c.strand +
         ')';
}

// The id a locus's sequence gets: its name, else coordinates_name().
inline std::string locus_id(const Locus& locus) {
  return locus.name.empty() ? coordinates_name(locus.where) : locus.name;
}

}  // namespace mirgene::genome
