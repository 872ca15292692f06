#include "report/structure_svg.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "report/colour_scale.hpp"
#include "report/structure_layout.hpp"
#include "report/svg_text.hpp"

namespace mirgene::report {
namespace {

constexpr double kUnit = 16;  // px between neighbouring bases
constexpr double kBaseRadius = 7;
constexpr double kMargin = 30;
constexpr double kTitleHeight = 40;
constexpr double kBarLength = 200;  // horizontal colour bar under the drawing
constexpr double kBarHeight = 12;
constexpr double kLegendHeight = 56;
constexpr double kMaxArcHeight = 160;

void check(const StructureFigure& f) {
  if (f.sequence.size() != f.structure.size() || f.sequence.size() != f.values.size()) {
    throw Error("structure figure of '" + f.id + "': " + std::to_string(f.sequence.size()) +
                " bases, " + std::to_string(f.structure.size()) + " structure characters, " +
                std::to_string(f.values.size()) + " values");
  }
  if (f.sequence.empty()) throw Error("structure figure of '" + f.id + "': empty sequence");
}

std::string title_text(const StructureFigure& f) {
  std::string t = f.id + " (" + std::to_string(f.sequence.size()) + " nt)";
  if (f.probability) {
    t += ": P(pre-miRNA) = " + num(*f.probability, 3) + ", " +
         (*f.probability >= f.threshold ? "pre-miRNA" : "other");
  }
  return t;
}

std::string svg_open(double width, double height, const std::string& cls) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + cls + "\" width=\"" + num(width) +
         "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
         "\" font-family=\"sans-serif\" font-size=\"12\">\n" +
         "<style>.title{font-size:15px;font-weight:bold}.base text{font-size:9px;"
         "font-weight:bold;text-anchor:middle;dominant-baseline:central}.tick{font-size:10px}"
         "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
}

std::string title(const StructureFigure& f) {
  return "<text class=\"title\" x=\"" + num(kMargin) + "\" y=\"24\">" + xml_escape(title_text(f)) +
         "</text>\n";
}

std::string bases(const StructureFigure& f, const std::vector<Point>& at,
                  const ColourScale& scale) {
  std::string s = "<g class=\"bases\">\n";
  for (std::size_t i = 0; i < at.size(); ++i) {
    const float v = f.values[i];
    const std::string colour = scale.colour(v);
    // Dark fills need white letters to stay legible.
    const bool dark = std::fabs(scale.fraction(v) - (scale.diverging() ? 0.5 : 0.0)) >
                      (scale.diverging() ? 0.35 : 0.6);
    s += "<g class=\"base\"><title>" + std::to_string(i + 1) + " " +
         xml_escape(std::string(1, f.sequence[i])) + " " + f.value_name + " " + short_num(v) +
         "</title><circle cx=\"" + num(at[i].x) + "\" cy=\"" + num(at[i].y) + "\" r=\"" +
         num(kBaseRadius) + "\" fill=\"" + colour + "\" stroke=\"#555\" stroke-width=\"0.6\"/>" +
         "<text x=\"" + num(at[i].x) + "\" y=\"" + num(at[i].y) + "\" fill=\"" +
         (dark ? "white" : "black") + "\">" + xml_escape(std::string(1, f.sequence[i])) +
         "</text></g>\n";
  }
  s += "</g>\n";
  return s;
}

std::string colour_bar(double x, double y, const ColourScale& scale, const std::string& label,
                       const std::string& id) {
  std::string s = "<g class=\"colour-bar\">\n<defs><linearGradient id=\"" + id + "\">";
  const auto colours = scale.palette(11);
  for (std::size_t i = 0; i < colours.size(); ++i) {
    s += "<stop offset=\"" + num(static_cast<double>(i) / (colours.size() - 1)) +
         "\" stop-color=\"" + colours[i] + "\"/>";
  }
  s += "</linearGradient></defs>\n<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
       num(kBarLength) + "\" height=\"" + num(kBarHeight) + "\" fill=\"url(#" + id +
       ")\" stroke=\"#666\"/>\n";
  const float ticks[3] = {scale.low(), scale.diverging() ? 0.0f : scale.limit() / 2, scale.limit()};
  for (const float v : ticks) {
    const double tx = x + kBarLength * scale.fraction(v);
    s += "<line x1=\"" + num(tx) + "\" x2=\"" + num(tx) + "\" y1=\"" + num(y + kBarHeight) +
         "\" y2=\"" + num(y + kBarHeight + 4) + "\" stroke=\"#333\"/><text class=\"tick\" x=\"" +
         num(tx) + "\" y=\"" + num(y + kBarHeight + 16) + "\" text-anchor=\"middle\">" +
         short_num(v) + "</text>";
  }
  s += "<text class=\"axis-label\" x=\"" + num(x + kBarLength + 12) + "\" y=\"" +
       num(y + kBarHeight - 1) + "\">" + xml_escape(label) + "</text>\n</g>\n";
  return s;
}

std::string ends(const std::vector<Point>& at, double dx5, double dy5, double dx3, double dy3) {
  return "<text class=\"end\" x=\"" + num(at.front().x + dx5) + "\" y=\"" +
         num(at.front().y + dy5) + "\" text-anchor=\"middle\">5'</text><text class=\"end\" x=\"" +
         num(at.back().x + dx3) + "\" y=\"" + num(at.back().y + dy3) +
         "\" text-anchor=\"middle\">3'</text>\n";
}

}  // namespace

std::string structure_svg(const StructureFigure& f) {
  check(f);
  std::vector<Point> at = loop_layout(f.structure);
  const std::vector<int> partner = pair_table(f.structure);
  double width = 0, height = 0;
  for (Point& p : at) {
    p = {kMargin + p.x * kUnit, kTitleHeight + kMargin + p.y * kUnit};
    width = std::max(width, p.x), height = std::max(height, p.y);
  }
  width = std::max(width + kMargin, kMargin + kBarLength + 200);
  height += kMargin + kLegendHeight;
  const ColourScale scale = ColourScale::fit(f.values);

  std::string s = svg_open(width, height, "structure");
  s += title(f);
  std::string backbone;
  for (const Point& p : at) backbone += num(p.x) + "," + num(p.y) + " ";
  s += "<polyline class=\"backbone\" points=\"" + backbone +
       "\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\"/>\n<g class=\"pairs\">";
  for (std::size_t i = 0; i < partner.size(); ++i) {
    if (partner[i] <= static_cast<int>(i)) continue;
    const Point& a = at[i];
    const Point& b = at[partner[i]];
    s += "<line class=\"pair\" x1=\"" + num(a.x) + "\" y1=\"" + num(a.y) + "\" x2=\"" + num(b.x) +
         "\" y2=\"" + num(b.y) + "\" stroke=\"#444\" stroke-width=\"1.2\"/>";
  }
  s += "</g>\n";
  s += bases(f, at, scale);
  s += ends(at, -kUnit, 4, -kUnit, 4);
  s += colour_bar(kMargin, height - kLegendHeight + 16, scale, f.value_name, "structure-bar");
  s += "</svg>\n";
  return s;
}

std::string arc_diagram_svg(const StructureFigure& f) {
  check(f);
  const std::vector<int> partner = pair_table(f.structure);
  const std::size_t n = partner.size();
  // Arcs are half-ellipses flattened by one common factor, so that the widest pair of a long
  // hairpin does not make the picture mostly empty sky; nesting still reads at a glance.
  int widest = 0;
  for (std::size_t i = 0; i < n; ++i) widest = std::max(widest, partner[i] - static_cast<int>(i));
  const double flatten = std::min(1.0, kMaxArcHeight / std::max(1.0, widest * kUnit / 2));
  const double line_y = kTitleHeight + 10 + widest * kUnit / 2 * flatten + 10;
  std::vector<Point> at(n);
  for (std::size_t i = 0; i < n; ++i) at[i] = {kMargin + kUnit * (i + 0.5), line_y};
  const double width = std::max(kMargin * 2 + kUnit * n, kMargin + kBarLength + 200);
  const double height = line_y + 30 + kLegendHeight;
  const ColourScale scale = ColourScale::fit(f.values);

  std::string s = svg_open(width, height, "arc-diagram");
  s += title(f);
  s += "<g class=\"arcs\">";
  for (std::size_t i = 0; i < n; ++i) {
    if (partner[i] <= static_cast<int>(i)) continue;
    const double r = (at[partner[i]].x - at[i].x) / 2;
    s += "<path class=\"arc\" d=\"M" + num(at[i].x) + " " + num(line_y - kBaseRadius) + " A" +
         num(r) + " " + num(r * flatten) + " 0 0 1 " + num(at[partner[i]].x) + " " +
         num(line_y - kBaseRadius) + "\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>";
  }
  s += "</g>\n";
  s += "<line class=\"backbone\" x1=\"" + num(at.front().x) + "\" x2=\"" + num(at.back().x) +
       "\" y1=\"" + num(line_y) + "\" y2=\"" + num(line_y) + "\" stroke=\"#888\"/>\n";
  s += bases(f, at, scale);
  s += ends(at, 0, 22, 0, 22);
  s += colour_bar(kMargin, height - kLegendHeight + 10, scale, f.value_name, "arc-bar");
  s += "</svg>\n";
  return s;
}

}  // namespace mirgene::report
