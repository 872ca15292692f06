#include "report/cam_heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/error.hpp"
#include "explain/cam.hpp"
#include "report/colour_scale.hpp"
#include "report/svg_text.hpp"

namespace mirgene::report {
namespace {

// Geometry of the figure, in SVG user units (px).
constexpr double kLeft = 80;         // room for the y-axis label
constexpr double kPanelWidth = 400;  // 100 bins x 4 px
constexpr double kPanelGap = 60;
constexpr double kTop = 70;  // title and panel titles above
constexpr double kMaxPanelHeight = 360;
constexpr double kMaxRowHeight = 14;
constexpr double kBarWidth = 16;
constexpr double kProfileHeight = 150;
constexpr int kColourSteps = 64;  // equal neighbours merge into one rectangle

std::size_t argmax(const std::vector<float>& v) {
  return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

std::vector<float> normalised(const std::vector<float>& v) {
  float largest = 0.0f;
  for (const float x : v) largest = std::max(largest, std::fabs(x));
  std::vector<float> out = v;
  if (largest > 0.0f)
    for (float& x : out) x /= largest;
  return out;
}

std::size_t common_width(std::span<const CamRow> a, std::span<const CamRow> b) {
  std::size_t width = 0;
  for (const auto group : {a, b}) {
    for (const CamRow& r : group) {
      if (r.bins.empty()) throw Error("CAM figure: sequence '" + r.id + "' has no CAM bins");
      if (width == 0) width = r.bins.size();
      if (r.bins.size() != width) {
        throw Error("CAM figure: sequence '" + r.id + "' has " + std::to_string(r.bins.size()) +
                    " CAM bins, others have " + std::to_string(width));
      }
    }
  }
  return width;
}

std::string text(double x, double y, const std::string& cls, const std::string& content,
                 const std::string& extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + cls + "\"" + extra + ">" +
         xml_escape(content) + "</text>\n";
}

// One heatmap: rows of rectangles, runs of equal colour merged.
std::string panel(const HeatmapMatrix& m, double x0, double y0, double height,
                  const ColourScale& scale, const std::vector<std::string>& palette,
                  const std::string& title) {
  std::string s = "<g class=\"heatmap\">\n";
  s += text(x0 + kPanelWidth / 2, y0 - 8, "panel-title", title, " text-anchor=\"middle\"");
  s += "<rect class=\"frame\" x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" +
       num(kPanelWidth) + "\" height=\"" + num(height) + "\" fill=\"#eeeeee\" stroke=\"none\"/>\n";
  if (m.rows.empty()) {
    s += text(x0 + kPanelWidth / 2, y0 + height / 2, "empty", "no sequences",
              " text-anchor=\"middle\"");
  } else {
    const double row_height = height / static_cast<double>(m.rows.size());
    const std::size_t width = m.rows.front().size();
    const double cell = kPanelWidth / static_cast<double>(width);
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      const auto& row = m.rows[r];
      s += "<g class=\"row\" transform=\"translate(" + num(x0) + "," + num(y0 + row_height * r) +
           ")\"><title>" + xml_escape(m.labels[r]) + "</title>";
      std::size_t start = 0;
      while (start < width) {
        const auto step = [&](std::size_t k) {
          return std::lround(scale.fraction(row[k]) * (kColourSteps - 1));
        };
        const long colour = step(start);
        std::size_t end = start + 1;
        while (end < width && step(end) == colour) ++end;
        // A hair of overlap hides the seams anti-aliasing would leave between cells.
        s += "<rect x=\"" + num(cell * start) + "\" width=\"" + num(cell * (end - start) + 0.3) +
             "\" height=\"" + num(row_height + 0.05) + "\" fill=\"" + palette[colour] + "\"/>";
        start = end;
      }
      s += "</g>\n";
    }
  }
  // Relative-position axis.
  const double axis_y = y0 + height;
  s += "<g class=\"x-axis\">";
  for (int pct = 0; pct <= 100; pct += 25) {
    const double x = x0 + kPanelWidth * pct / 100.0;
    s += "<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(axis_y) + "\" y2=\"" +
         num(axis_y + 5) + "\" stroke=\"#333\"/>";
    s += text(x, axis_y + 18, "tick", std::to_string(pct), " text-anchor=\"middle\"");
  }
  s += text(x0 + kPanelWidth / 2, axis_y + 36, "axis-label", "relative position in sequence (%)",
            " text-anchor=\"middle\"");
  s += "</g>\n</g>\n";
  return s;
}

std::string colour_bar(double x0, double y0, double height, const ColourScale& scale,
                       const std::string& palette_id, const std::string& label) {
  std::string s = "<g class=\"colour-bar\">\n<defs><linearGradient id=\"" + palette_id +
                  "\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
  const auto colours = scale.palette(11);
  for (std::size_t i = 0; i < colours.size(); ++i) {
    s += "<stop offset=\"" + num(static_cast<double>(i) / (colours.size() - 1)) +
         "\" stop-color=\"" + colours[i] + "\"/>";
  }
  s += "</linearGradient></defs>\n";
  s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(kBarWidth) +
       "\" height=\"" + num(height) + "\" fill=\"url(#" + palette_id + ")\" stroke=\"#666\"/>\n";
  const float ticks[3] = {scale.low(), scale.diverging() ? 0.0f : scale.limit() / 2, scale.limit()};
  for (const float v : ticks) {
    const double y = y0 + height * (1.0 - scale.fraction(v));
    s += "<line x1=\"" + num(x0 + kBarWidth) + "\" x2=\"" + num(x0 + kBarWidth + 4) + "\" y1=\"" +
         num(y) + "\" y2=\"" + num(y) + "\" stroke=\"#333\"/>";
    s += text(x0 + kBarWidth + 7, y + 4, "tick", short_num(v));
  }
  s += text(x0 + kBarWidth / 2, y0 - 10, "axis-label", label, " text-anchor=\"middle\"");
  s += "</g>\n";
  return s;
}

std::string polyline(const std::vector<float>& values, double x0, double width, double y_of_zero,
                     double units_per_value, const std::string& colour, const std::string& cls) {
  std::string points;
  const double step = width / static_cast<double>(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k) points += ' ';
    points += num(x0 + step * (k + 0.5)) + "," + num(y_of_zero - values[k] * units_per_value);
  }
  return "<polyline class=\"" + cls + "\" points=\"" + points + "\" fill=\"none\" stroke=\"" +
         colour + "\" stroke-width=\"2\"/>\n";
}

std::vector<float> group_mean(std::span<const CamRow> rows, const CamFigureOptions& options) {
  // The mean over sequences, not over the (possibly grouped) rows, so a last, smaller group
  // does not weigh as much as a full one.
  std::vector<std::vector<float>> scaled;
  scaled.reserve(rows.size());
  for (const CamRow& r : rows)
    scaled.push_back(options.normalise_rows ? normalised(r.bins) : r.bins);
  return explain::mean_profile(scaled);
}

std::string profile_plot(const std::vector<float>& pos_mean, const std::vector<float>& neg_mean,
                         double x0, double y0, double width, const std::string& value_name) {
  float lo = 0.0f, hi = 0.0f;
  for (const auto* v : {&pos_mean, &neg_mean})
    for (const float x : *v) lo = std::min(lo, x), hi = std::max(hi, x);
  if (hi - lo <= 0.0f) hi = lo + 1.0f;
  const float pad = 0.05f * (hi - lo);
  lo -= pad;
  hi += pad;
  const double units = kProfileHeight / (hi - lo);
  const double y_zero = y0 + hi * units;
  std::string s = "<g class=\"profile\">\n";
  s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(width) + "\" height=\"" +
       num(kProfileHeight) + "\" fill=\"#fafafa\" stroke=\"#999\"/>\n";
  s += "<line class=\"zero\" x1=\"" + num(x0) + "\" x2=\"" + num(x0 + width) + "\" y1=\"" +
       num(y_zero) + "\" y2=\"" + num(y_zero) + "\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n";
  for (const float v : {hi - pad, 0.0f, lo + pad}) {
    const double y = y_zero - v * units;
    s += text(x0 - 6, y + 4, "tick", short_num(v), " text-anchor=\"end\"");
  }
  if (!pos_mean.empty())
    s += polyline(pos_mean, x0, width, y_zero, units, "#b2182b", "mean-positive");
  if (!neg_mean.empty())
    s += polyline(neg_mean, x0, width, y_zero, units, "#2166ac", "mean-negative");
  for (int pct = 0; pct <= 100; pct += 10) {
    const double x = x0 + width * pct / 100.0;
    s += "<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(y0 + kProfileHeight) +
         "\" y2=\"" + num(y0 + kProfileHeight + 5) + "\" stroke=\"#333\"/>";
    s += text(x, y0 + kProfileHeight + 18, "tick", std::to_string(pct), " text-anchor=\"middle\"");
  }
  s += text(x0 + width / 2, y0 + kProfileHeight + 36, "axis-label",
            "relative position in sequence (%)", " text-anchor=\"middle\"");
  s += text(x0 - 48, y0 + kProfileHeight / 2, "axis-label", "mean " + value_name,
            " text-anchor=\"middle\" transform=\"rotate(-90 " + num(x0 - 48) + " " +
                num(y0 + kProfileHeight / 2) + ")\"");
  // Legend.
  // Right of the plot, where it cannot hide a line.
  const double lx = x0 + width + 16, ly = y0 + 16;
  s += "<g class=\"legend\"><line x1=\"" + num(lx) + "\" x2=\"" + num(lx + 24) + "\" y1=\"" +
       num(ly) + "\" y2=\"" + num(ly) + "\" stroke=\"#b2182b\" stroke-width=\"2\"/>" +
       text(lx + 30, ly + 4, "legend-text", "predicted pre-miRNA") + "<line x1=\"" + num(lx) +
       "\" x2=\"" + num(lx + 24) + "\" y1=\"" + num(ly + 18) + "\" y2=\"" + num(ly + 18) +
       "\" stroke=\"#2166ac\" stroke-width=\"2\"/>" +
       text(lx + 30, ly + 22, "legend-text", "predicted other") + "</g>\n";
  s += "</g>\n";
  return s;
}

}  // namespace

HeatmapMatrix heatmap_matrix(std::span<const CamRow> rows, bool positives,
                             const CamFigureOptions& options) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::size_t> peaks(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    peaks[i] = rows[i].bins.empty() ? 0 : argmax(rows[i].bins);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (options.order == RowOrder::kPeakPosition) return peaks[a] < peaks[b];
    return positives ? rows[a].probability > rows[b].probability
                     : rows[a].probability < rows[b].probability;
  });
  HeatmapMatrix m;
  const std::size_t max_rows = static_cast<std::size_t>(std::max(options.max_rows, 1));
  const std::size_t per_row = rows.empty() ? 1 : (rows.size() + max_rows - 1) / max_rows;
  m.sequences_per_row = static_cast<int>(per_row);
  for (std::size_t first = 0; first < order.size(); first += per_row) {
    const std::size_t last = std::min(first + per_row, order.size());
    std::vector<float> sum;
    for (std::size_t i = first; i < last; ++i) {
      const CamRow& r = rows[order[i]];
      const std::vector<float> v = options.normalise_rows ? normalised(r.bins) : r.bins;
      if (sum.empty()) sum.assign(v.size(), 0.0f);
      for (std::size_t k = 0; k < v.size() && k < sum.size(); ++k) sum[k] += v[k];
    }
    for (float& x : sum) x /= static_cast<float>(last - first);
    m.rows.push_back(std::move(sum));
    const CamRow& head = rows[order[first]];
    if (last - first == 1) {
      m.labels.push_back(head.id + " (P = " + num(head.probability, 3) + ")");
    } else {
      m.labels.push_back(head.id + " .. " + rows[order[last - 1]].id + " (mean of " +
                         std::to_string(last - first) + " sequences)");
    }
  }
  return m;
}

std::string cam_figure_svg(std::span<const CamRow> positives, std::span<const CamRow> negatives,
                           const CamFigureOptions& options) {
  common_width(positives, negatives);
  const HeatmapMatrix pos = heatmap_matrix(positives, true, options);
  const HeatmapMatrix neg = heatmap_matrix(negatives, false, options);

  std::vector<float> all;
  for (const auto* m : {&pos, &neg})
    for (const auto& r : m->rows) all.insert(all.end(), r.begin(), r.end());
  const ColourScale scale = ColourScale::fit(all);
  const std::vector<std::string> palette = scale.palette(kColourSteps);

  const std::size_t most_rows = std::max({pos.rows.size(), neg.rows.size(), std::size_t{1}});
  const double height = std::min(kMaxPanelHeight, kMaxRowHeight * most_rows);
  const double x_right = kLeft + kPanelWidth + kPanelGap;
  const double bar_x = x_right + kPanelWidth + 30;
  const double profile_y = kTop + height + 70;
  const double total_width = bar_x + 170;  // colour-bar ticks and the profile legend
  const double total_height = profile_y + kProfileHeight + 50;
  const std::string value_name = options.normalise_rows ? "scaled CAM" : "CAM";

  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cam-figure\" width=\"" +
                  num(total_width) + "\" height=\"" + num(total_height) + "\" viewBox=\"0 0 " +
                  num(total_width) + " " + num(total_height) + "\" font-family=\"sans-serif\"" +
                  " font-size=\"12\">\n";
  s += "<style>.title{font-size:16px;font-weight:bold}.panel-title{font-size:13px;"
       "font-weight:bold}.axis-label{font-size:12px;fill:#222}.tick{font-size:10px;fill:#444}"
       ".row rect{shape-rendering:crispEdges}</style>\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += text(total_width / 2, 26, "title", options.title, " text-anchor=\"middle\"");
  const std::string order_name =
      options.order == RowOrder::kProbability ? "confidence" : "CAM peak position";
  std::string y_label = "sequences, sorted by " + order_name;
  if (pos.sequences_per_row > 1 || neg.sequences_per_row > 1) y_label += " (rows average groups)";
  s += text(kLeft - 20, kTop + height / 2, "axis-label", y_label,
            " text-anchor=\"middle\" transform=\"rotate(-90 " + num(kLeft - 20) + " " +
                num(kTop + height / 2) + ")\"");
  s += panel(pos, kLeft, kTop, height, scale, palette,
             "predicted pre-miRNA (n = " + std::to_string(positives.size()) + ")");
  s += panel(neg, x_right, kTop, height, scale, palette,
             "predicted other (n = " + std::to_string(negatives.size()) + ")");
  s += colour_bar(bar_x, kTop, height, scale, "cam-colour-bar",
                  options.normalise_rows ? "scaled CAM" : "CAM");
  s += profile_plot(group_mean(positives, options), group_mean(negatives, options), kLeft,
                    profile_y, x_right + kPanelWidth - kLeft, value_name);
  s += "</svg>\n";
  return s;
}

}  // namespace mirgene::report
