#pragma once
// The self-contained HTML report of a prediction run: summary, sortable and filterable
// prediction table, the class-activation-map figure, and each sequence's structure coloured
// by CAM or attention, drawn by the page's script when its row is clicked. Everything is
// inline (CSS, script, SVG, data); the page needs no network. Its script sets
// document.body.dataset.status to "ready" once drawn, or "error: <message>" on a script error.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "predict/scored_sequence.hpp"
#include "report/cam_heatmap.hpp"

namespace mirgene::report {

// A sequence on the page is what the scorer gave for it (Detail::kPositions): fold,
// probability, attention and CAM, or the reason it was not scored.
using ReportSequence = predict::ScoredSequence;

struct ReportOptions {
  std::string title = "mirgene report";
  std::string source;  // input shown in the header ("" = not shown)
  std::string model;   // model file shown in the header
  double threshold = 0.5;
  int bins = 100;  // columns of the CAM heatmaps
  CamFigureOptions cam_figure;
  // Each folded sequence's base-pair probability dot plot beside its structure: pairs with
  // p >= dot_plot_cutoff (coarser than RNAfold's 1e-5, to keep the page small); 0 = none.
  double dot_plot_cutoff = 0.01;
  int threads = 1;  // for the partition functions of the dot plots
};

// The whole page. Throws mirgene::Error when a scored sequence's attention or CAM length
// differs from its sequence length.
std::string html_report(std::span<const ReportSequence> sequences, const ReportOptions& options);
// The page's figure alone (standalone SVG): CAM heatmaps of predicted pre-miRNAs and others
// over normalised position (the paper's Figure 4).
std::string cam_figure(std::span<const ReportSequence> sequences, const ReportOptions& options);

// The embedded data for the page script (JSON text, '<', '>' and '&' escaped as \u003c etc.
// so that it can sit inside a <script> element whatever the ids contain).
std::string report_data_json(std::span<const ReportSequence> sequences,
                             const ReportOptions& options);

}  // namespace mirgene::report
