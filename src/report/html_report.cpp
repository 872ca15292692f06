#include "report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "explain/cam.hpp"
#include "report/colour_scale.hpp"
#include "report/page_assets.hpp"
#include "report/report_pairs.hpp"
#include "report/structure_layout.hpp"
#include "report/svg_text.hpp"

namespace mirgene::report {
namespace {

// Per-base maps travel as integers in [-kLevels, kLevels] of the sequence's largest |value|:
// three digits are all a colour needs, and they keep the page small for thousands of rows.
constexpr int kLevels = 1000;
constexpr int kPaletteSteps = 65;
constexpr int kCoordinateScale = 10;  // layout coordinates in tenths of a base step

enum class Label { kPositive, kNegative, kNotScored };

Label label_of(const ReportSequence& s, double threshold) {
  if (!s.probability) return Label::kNotScored;
  return *s.probability >= threshold ? Label::kPositive : Label::kNegative;
}

void check(const ReportSequence& s) {
  if (!s.probability) return;
  // No attention values at all is fine: the model has no attention layer.
  if (s.cam.size() != s.sequence.size() ||
      (!s.attention.empty() && s.attention.size() != s.sequence.size())) {
    throw Error("report: sequence '" + s.id + "' has " + std::to_string(s.sequence.size()) +
                " bases but " + std::to_string(s.cam.size()) + " CAM and " +
                std::to_string(s.attention.size()) + " attention values");
  }
}

// {"scale": largest |value|, "q": quantised values}
void quantise(const std::vector<float>& values, nlohmann::json& scale, nlohmann::json& q) {
  float largest = 0.0f;
  for (const float v : values)
    if (std::isfinite(v)) largest = std::max(largest, std::fabs(v));
  scale = largest;
  q = nlohmann::json::array();
  const float unit = largest > 0.0f ? largest : 1.0f;
  for (const float v : values) q.push_back(std::isfinite(v) ? std::lround(v / unit * kLevels) : 0);
}

nlohmann::json sequence_json(const ReportSequence& s, const std::vector<int>& pairs) {
  nlohmann::json j;
  j["id"] = s.id;
  j["n"] = s.sequence.size();
  j["p"] = s.probability ? nlohmann::json(std::round(*s.probability * 1e6) / 1e6) : nullptr;
  j["mfe"] = s.fold ? nlohmann::json(s.fold->energy / 100.0) : nullptr;
  j["st"] = s.status;
  j["s"] = s.sequence;
  const std::string& structure = s.fold ? s.fold->structure : std::string();
  j["db"] = structure;
  if (!structure.empty() && structure.size() == s.sequence.size()) {
    try {
      const std::vector<Point> at = loop_layout(structure);
      nlohmann::json xy = nlohmann::json::array();
      for (const Point& p : at) {
        xy.push_back(std::lround(p.x * kCoordinateScale));
        xy.push_back(std::lround(p.y * kCoordinateScale));
      }
      j["xy"] = std::move(xy);
    } catch (const Error&) {
      // An unbalanced structure gets no drawing; the table row still shows the record.
    }
  }
  // Dot plot: flat (i, j, per mille) triples of the pairs above the page's cutoff.
  if (!pairs.empty()) j["bp"] = pairs;
  if (s.probability) {
    quantise(s.cam, j["cs"], j["c"]);
    if (!s.attention.empty()) quantise(s.attention, j["as"], j["a"]);
  }
  return j;
}

std::string escape_for_script(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (const char c : json) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string summary_card(const std::string& value, const std::string& label,
                         const std::string& cls) {
  return "<div class=\"card " + cls + "\"><div class=\"value\">" + xml_escape(value) +
         "</div><div class=\"what\">" + xml_escape(label) + "</div></div>\n";
}

}  // namespace

std::string report_data_json(std::span<const ReportSequence> sequences,
                             const ReportOptions& options) {
  nlohmann::json data;
  data["threshold"] = options.threshold;
  data["levels"] = kLevels;
  data["coordinate_scale"] = kCoordinateScale;
  data["palette_diverging"] = ColourScale(1.0f, true).palette(kPaletteSteps);
  data["palette_sequential"] = ColourScale(1.0f, false).palette(kPaletteSteps);
  data["dot_plots"] = options.dot_plot_cutoff > 0;
  data["dot_plot_cutoff"] = options.dot_plot_cutoff;
  const std::vector<std::vector<int>> pairs =
      options.dot_plot_cutoff > 0
          ? report_pair_probabilities(sequences, options.dot_plot_cutoff, options.threads)
          : std::vector<std::vector<int>>(sequences.size());
  nlohmann::json seqs = nlohmann::json::array();
  for (std::size_t x = 0; x < sequences.size(); ++x) {
    check(sequences[x]);
    seqs.push_back(sequence_json(sequences[x], pairs[x]));
  }
  data["sequences"] = std::move(seqs);
  // Invalid UTF-8 in an id or title is replaced (U+FFFD) rather than failing the report.
  return escape_for_script(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

// The scored sequences' CAM rows by predicted label, and what the summary counts.
struct LabelledRows {
  std::vector<CamRow> positives, negatives;
  std::size_t not_scored = 0, total_length = 0;
};

LabelledRows rows_by_label(std::span<const ReportSequence> sequences,
                           const ReportOptions& options) {
  LabelledRows g;
  for (const ReportSequence& s : sequences) {
    check(s);
    g.total_length += s.sequence.size();
    const Label label = label_of(s, options.threshold);
    if (label == Label::kNotScored) {
      ++g.not_scored;
      continue;
    }
    CamRow row{s.id, *s.probability, explain::to_percent_bins(s.cam, options.bins)};
    (label == Label::kPositive ? g.positives : g.negatives).push_back(std::move(row));
  }
  return g;
}

}  // namespace

std::string cam_figure(std::span<const ReportSequence> sequences, const ReportOptions& options) {
  const LabelledRows g = rows_by_label(sequences, options);
  return cam_figure_svg(g.positives, g.negatives, options.cam_figure);
}

std::string html_report(std::span<const ReportSequence> sequences, const ReportOptions& options) {
  const LabelledRows g = rows_by_label(sequences, options);
  const auto& positives = g.positives;
  const auto& negatives = g.negatives;
  const std::size_t not_scored = g.not_scored, total_length = g.total_length;

  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // A blank line before the style sheet and before the script keeps the page as it was when
  // both were string literals opening with a line break.
  h += "<title>" + xml_escape(options.title) + "</title>\n<style>\n\n";
  h += page_style();
  h += "</style>\n</head>\n<body data-status=\"loading\">\n";
  h += "<header>\n<h1>" + xml_escape(options.title) + "</h1>\n<p class=\"meta\">";
  if (!options.source.empty())
    h += "input <code>" + xml_escape(options.source) + "</code> &middot; ";
  if (!options.model.empty()) h += "model <code>" + xml_escape(options.model) + "</code> &middot; ";
  h += "pre-miRNA when P &ge; " + num(options.threshold, 3) + " &middot; mirgene " +
       xml_escape(MIRGENE_VERSION) + "</p>\n</header>\n<main>\n";

  h += "<section id=\"summary\">\n";
  h += summary_card(std::to_string(sequences.size()), "sequences", "total");
  h += summary_card(std::to_string(positives.size()), "predicted pre-miRNA", "positive");
  h += summary_card(std::to_string(negatives.size()), "predicted other", "negative");
  h += summary_card(std::to_string(not_scored), "not scored", "unscored");
  h += summary_card(
      sequences.empty() ? "-" : num(static_cast<double>(total_length) / sequences.size(), 1),
      "mean length (nt)", "length");
  h += "</section>\n";

  h += page_table_section();
  h += "<section id=\"figures\">\n<h2>Where the network looks</h2>\n";
  h += page_figure_text();
  h += "<div class=\"figure\">\n";
  h += cam_figure_svg(positives, negatives, options.cam_figure);
  h += "</div>\n</section>\n";

  h += "</main>\n<script type=\"application/json\" id=\"report-data\">";
  h += report_data_json(sequences, options);
  h += "</script>\n<script>\n\n";
  h += page_script();
  h += "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace mirgene::report
