#pragma once
// One scored hairpin of a genome scan: a stem-loop cut out of a strand with its arms,
// folded alone and scored by the network. Coordinates are forward-strand, 0-based,
// half-open, whatever the strand.
#include <cstdint>
#include <string>

namespace mirgene::scan {

struct Hairpin {
  std::int64_t start = 0, end = 0;  // forward-strand coordinates of the excised piece
  char strand = '+';                // '+' or '-'
  float probability = 0;            // P(pre-miRNA)
  int energy = 0;                   // MFE of the piece folded alone, dcal/mol
  std::string sequence;             // the piece 5'->3' on its own strand (upper case, U)
  std::string structure;            // its MFE structure (what `mirgene fold` gives for it)
};

}  // namespace mirgene::scan
