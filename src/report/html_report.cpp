#include "report/html_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>
#include <tuple>

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
  if (s.locus) {
    j["chr"] = s.locus->chrom;
    j["b"] = s.locus->start;
    j["e"] = s.locus->end;
    j["sd"] = std::string(1, s.locus->strand);
  }
  if (s.probability) {
    quantise(s.cam, j["cs"], j["c"]);
    if (!s.attention.empty()) quantise(s.attention, j["as"], j["a"]);
  }
  return j;
}

// "chr2" before "chr10": digit runs compare as numbers, the rest byte by byte.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      const std::string_view x = std::string_view(a).substr(i, ei - i);
      const std::string_view y = std::string_view(b).substr(j, ej - j);
      const std::string_view xs = x.substr(std::min(x.find_first_not_of('0'), x.size()));
      const std::string_view ys = y.substr(std::min(y.find_first_not_of('0'), y.size()));
      if (xs.size() != ys.size()) return xs.size() < ys.size();
      if (xs != ys) return xs < ys;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

// The sequences with coordinates by chromosome, start, end, strand (those without last, in
// input order); empty when none has coordinates.
std::vector<std::size_t> locus_order(std::span<const ReportSequence> sequences) {
  std::vector<std::size_t> order(sequences.size());
  bool any = false;
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    order[i] = i;
    any = any || sequences[i].locus.has_value();
  }
  if (!any) return {};
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = sequences[x].locus;
    const auto& b = sequences[y].locus;
    if (!a || !b) return a.has_value() && !b.has_value();
    if (a->chrom != b->chrom) return natural_less(a->chrom, b->chrom);
    return std::tie(a->start, a->end, a->strand) < std::tie(b->start, b->end, b->strand);
  });
  return order;
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
  // Genome loci: the page shows their coordinates and sorts by them (rank "lk") at first.
  const std::vector<std::size_t> order = locus_order(sequences);
  if (!order.empty()) {
    data["coordinates"] = true;
    for (std::size_t rank = 0; rank < order.size(); ++rank) seqs[order[rank]]["lk"] = rank;
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
