#pragma once
// Pictures of one sequence's secondary structure with every base coloured by a per-position
// value (class activation map or attention), its letter on it and the prediction in the
// title: a loop-based drawing (structure_layout.hpp) and an arc diagram.
#include <optional>
#include <string>
#include <vector>

namespace mirgene::report {

struct StructureFigure {
  std::string id;
  std::string sequence;              // one letter per base
  std::string structure;             // dot-bracket, same length
  std::vector<float> values;         // one per base
  std::string value_name = "CAM";    // colour-bar label
  std::optional<float> probability;  // P(pre-miRNA), shown in the title when known
  double threshold = 0.5;            // label pre-miRNA when probability >= threshold
};

// Standalone SVG documents. Throw mirgene::Error when lengths differ or the structure is
// not balanced dot-bracket.
std::string structure_svg(const StructureFigure& figure);
std::string arc_diagram_svg(const StructureFigure& figure);

}  // namespace mirgene::report
