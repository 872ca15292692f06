#pragma once
// A base-pair probability dot plot as a self-contained SVG, as RNAfold's dot plots show it:
// the sequence along the top and the left, a square of area proportional to p(i,j) at row i,
// column j above the diagonal, and the MFE structure's pairs as full squares below it.
#include <string>
#include <string_view>
#include <vector>

#include "fold/ensemble.hpp"

namespace mirgene::report {

struct DotPlotOptions {
  double size = 560.0;  // side of the plot area in px (the axes' labels come on top)
  std::string title;    // drawn above the plot when not empty
};

// `pairs`: 1-based, i < j (those under the caller's cutoff left out); `mfe_structure`:
// dot-bracket of seq's length. Throws like fold::pair_table for a malformed structure.
std::string dot_plot_svg(std::string_view seq, const std::vector<fold::PairProbability>& pairs,
                         std::string_view mfe_structure, const DotPlotOptions& options = {});

}  // namespace mirgene::report
