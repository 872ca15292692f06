#include "report/dot_plot.hpp"

#include <algorithm>
#include <cmath>

#include "fold/pair_table.hpp"
#include "report/svg_text.hpp"

namespace mirgene::report {
namespace {

constexpr double kMargin = 28.0;  // room for the sequence or the position ticks
constexpr double kTitleHeight = 20.0;

// Position labels every `step` bases so that labels stay about 40 px apart.
int tick_step(int n, double cell) {
  for (int step : {1, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    if (step * cell >= 40.0 || step >= n) return step;
  }
  return 1000;
}

}  // namespace

std::string dot_plot_svg(std::string_view seq, const std::vector<fold::PairProbability>& pairs,
                         std::string_view mfe_structure, const DotPlotOptions& options) {
  const int n = static_cast<int>(seq.size());
  const std::vector<int> partner = fold::pair_table(mfe_structure);
  const double cell = n > 0 ? options.size / n : options.size;
  const double top = kMargin + (options.title.empty() ? 0.0 : kTitleHeight);
  const double left = kMargin;
  const double width = left + options.size + 8.0;
  const double height = top + options.size + 8.0;
  auto x_of = [&](int position) { return left + (position - 1) * cell; };  // cell's left edge
  auto y_of = [&](int position) { return top + (position - 1) * cell; };

  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dot-plot\" width=\"" + num(width) +
       "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
       "\" font-family=\"monospace\">\n";
  if (!options.title.empty()) {
    s += "<text x=\"" + num(left) + "\" y=\"14\" font-size=\"13\">" + xml_escape(options.title) +
         "</text>\n";
  }
  s += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(options.size) +
       "\" height=\"" + num(options.size) + "\" fill=\"white\" stroke=\"black\"/>\n";
  s += "<line x1=\"" + num(left) + "\" y1=\"" + num(top) + "\" x2=\"" + num(left + options.size) +
       "\" y2=\"" + num(top + options.size) + "\" stroke=\"#bbb\" stroke-width=\"0.5\"/>\n";

  // Axes: every base's letter when they fit, else position numbers.
  const double font = std::min(12.0, cell * 0.9);
  if (cell >= 6.0) {
    for (int x = 1; x <= n; ++x) {
      const std::string letter = xml_escape(seq.substr(x - 1, 1));
      s += "<text x=\"" + num(x_of(x) + cell / 2) + "\" y=\"" + num(top - 4) + "\" font-size=\"" +
           num(font) + "\" text-anchor=\"middle\">" + letter + "</text>";
      s += "<text x=\"" + num(left - 4) + "\" y=\"" + num(y_of(x) + cell / 2 + font / 3) +
           "\" font-size=\"" + num(font) + "\" text-anchor=\"end\">" + letter + "</text>\n";
    }
  } else {
    const int step = tick_step(n, cell);
    for (int x = step; x <= n; x += step) {
      const std::string label = std::to_string(x);
      s += "<text x=\"" + num(x_of(x) + cell / 2) + "\" y=\"" + num(top - 4) +
           "\" font-size=\"9\" text-anchor=\"middle\">" + label + "</text>";
      s += "<text x=\"" + num(left - 3) + "\" y=\"" + num(y_of(x) + cell / 2 + 3) +
           "\" font-size=\"9\" text-anchor=\"end\">" + label + "</text>\n";
    }
  }

  // Upper triangle: row i, column j, side sqrt(p) of a cell so that the area is p.
  s += "<g fill=\"black\">\n";
  for (const fold::PairProbability& p : pairs) {
    if (p.i < 1 || p.j > n || p.i >= p.j) continue;
    const double side = cell * std::sqrt(std::clamp(p.p, 0.0, 1.0));
    s += "<rect x=\"" + num(x_of(p.j) + (cell - side) / 2, 3) + "\" y=\"" +
         num(y_of(p.i) + (cell - side) / 2, 3) + "\" width=\"" + num(side, 3) + "\" height=\"" +
         num(side, 3) + "\"><title>" + std::to_string(p.i) + "-" + std::to_string(p.j) +
         " p=" + short_num(p.p) + "</title></rect>\n";
  }
  s += "</g>\n<g fill=\"#c0392b\">\n";
  // Lower triangle: the MFE pairs, row j, column i.
  for (int i = 0; i < n; ++i) {
    const int j = partner[i];
    if (j <= i) continue;
    s += "<rect x=\"" + num(x_of(i + 1), 3) + "\" y=\"" + num(y_of(j + 1), 3) + "\" width=\"" +
         num(cell, 3) + "\" height=\"" + num(cell, 3) + "\"/>\n";
  }
  s += "</g>\n</svg>\n";
  return s;
}

}  // namespace mirgene::report
