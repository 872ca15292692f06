#pragma once
// The class-activation-map figure of the deepMiRGene paper (its Figure 4): one heatmap per
// predicted class with sequences as rows and relative position 0-100 % as columns, side by
// side on one colour scale, and under them the mean CAM profile of each class.
#include <span>
#include <string>
#include <vector>

namespace mirgene::report {

struct CamRow {
  std::string id;
  float probability = 0.0f;  // P(pre-miRNA)
  std::vector<float> bins;   // CAM over relative position (explain::to_percent_bins)
};

enum class RowOrder {
  kProbability,   // most confident first (highest P for pre-miRNAs, lowest for the others)
  kPeakPosition,  // by the relative position of the row's largest value, 5' end first
};

struct CamFigureOptions {
  std::string title = "Class activation maps over relative position";
  RowOrder order = RowOrder::kProbability;
  // More sequences than this are averaged in consecutive groups (after sorting) so that
  // the figure stays a reasonable size; every row then stands for the same number of them.
  int max_rows = 200;
  // Divides each sequence's CAM by its largest |value|: raw CAM values shrink with length
  // (H_att carries attention weights ~1/L), so unscaled rows would compare lengths, not
  // positions.
  bool normalise_rows = true;
};

// The rows as drawn: normalised, sorted and grouped. `positives` says which class the rows
// belong to (it decides the direction of kProbability).
struct HeatmapMatrix {
  std::vector<std::vector<float>> rows;
  std::vector<std::string> labels;  // the id of each row, or "ids A .. B (k sequences)"
  int sequences_per_row = 1;
};
HeatmapMatrix heatmap_matrix(std::span<const CamRow> rows, bool positives,
                             const CamFigureOptions& options);

// The whole figure as a standalone SVG document. Throws mirgene::Error when the rows do not
// all have the same number of bins.
std::string cam_figure_svg(std::span<const CamRow> positives, std::span<const CamRow> negatives,
                           const CamFigureOptions& options = {});

}  // namespace mirgene::report
