#pragma once
// Stem-loops of a secondary structure: the maximal helices-with-interior-loops that close
// exactly one hairpin loop. A pre-miRNA folds into one such stem-loop; the decoy builder
// looks for them in folded genomic windows and checks that excised pieces fold into one.
#include <string_view>
#include <vector>

namespace mirgene::decoys {

struct StemLoop {
  int start = 0, end = 0;  // outermost pair, 0-based positions (inclusive)
  int pairs = 0;           // base pairs from the outermost pair to the hairpin's closing pair
  int loop_start = 0, loop_end = 0;  // the hairpin loop's unpaired bases, 0-based inclusive
};

// Every stem-loop of `dot_bracket` ('(', ')' and '.'; other characters count as unpaired),
// 5' to 3'. A stem-loop's outermost pair sits in the exterior loop or in a multiloop.
// Throws mirgene::Error for unbalanced brackets.
std::vector<StemLoop> find_stem_loops(std::string_view dot_bracket);

}  // namespace mirgene::decoys
