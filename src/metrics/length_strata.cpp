#include "metrics/length_strata.hpp"

#include <cmath>
#include <cstdio>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

nlohmann::json number_or_null(double v) {
  return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

std::string cell(double v, int decimals) {
  if (std::isnan(v)) return "NA";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

}  // namespace

std::string LengthStratum::label() const {
  if (min_length == 0) return "<" + std::to_string(max_length + 1);
  if (max_length < 0) return ">" + std::to_string(min_length - 1);
  return std::to_string(min_length) + "-" + std::to_string(max_length);
}

float length_only_score(int length) {
  return -static_cast<float>(length);
}

std::vector<int> parse_length_cuts(const std::string& text) {
  std::vector<int> cuts;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    const std::string part = text.substr(at, comma - at);
    int value = 0, used = 0;
    if (part.empty() || std::sscanf(part.c_str(), "%d%n", &value, &used) != 1 ||
        used != static_cast<int>(part.size()) || value < 1 ||
        (!cuts.empty() && value <= cuts.back()))
      throw Error("length cuts '" + text + "': expected ascending positive integers, e.g. 80,100");
    cuts.push_back(value);
    at = comma + 1;
  }
  return cuts;
}

LengthReport length_report(std::span<const float> scores, std::span<const int> is_positive,
                           std::span<const int> lengths, double threshold,
                           std::span<const int> cuts) {
  if (scores.size() != is_positive.size() || scores.size() != lengths.size())
    throw Error("length_report: scores, labels and lengths differ in number");
  for (std::size_t k = 0; k < cuts.size(); ++k)
    if (cuts[k] < 1 || (k > 0 && cuts[k] <= cuts[k - 1]))
      throw Error("length_report: cuts must be ascending positive lengths");

  // Bounds: <c0, c0..c1, (c1+1).. for two cuts; every middle stratum keeps its upper cut.
  std::vector<std::pair<int, int>> bounds;
  if (cuts.empty()) {
    bounds.push_back({0, -1});
  } else {
    bounds.push_back({0, cuts[0] - 1});
    for (std::size_t k = 1; k < cuts.size(); ++k)
      bounds.push_back({k == 1 ? cuts[0] : cuts[k - 1] + 1, cuts[k]});
    bounds.push_back({(cuts.size() == 1 ? cuts[0] : cuts.back() + 1), -1});
  }

  std::vector<float> length_scores(lengths.size());
  for (std::size_t k = 0; k < lengths.size(); ++k) length_scores[k] = length_only_score(lengths[k]);
  LengthReport report;
  report.length_auroc = auroc(length_scores, is_positive);
  report.length_aupr = average_precision(length_scores, is_positive);

  for (const auto& [low, high] : bounds) {
    std::vector<float> s, ls;
    std::vector<int> y;
    for (std::size_t k = 0; k < lengths.size(); ++k) {
      if (lengths[k] < low || (high >= 0 && lengths[k] > high)) continue;
      s.push_back(scores[k]);
      ls.push_back(length_scores[k]);
      y.push_back(is_positive[k]);
    }
    LengthStratum st;
    st.min_length = low;
    st.max_length = high;
    st.model = compute_metrics(s, y, threshold);
    st.length_auroc = auroc(ls, y);
    st.length_aupr = average_precision(ls, y);
    report.strata.push_back(st);
  }
  return report;
}

std::string format_length_report(const LengthReport& r) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %9s %7s %6s %6s %6s %6s %6s %12s\n", "length", "pre-miRNA",
                "other", "SE", "SP", "F1", "AUROC", "AUPR", "length AUROC");
  out += line;
  for (const LengthStratum& s : r.strata) {
    const Metrics& m = s.model;
    std::snprintf(line, sizeof line, "%-8s %9zu %7zu %6s %6s %6s %6s %6s %12s\n", s.label().c_str(),
                  m.n_pos, m.n_neg, cell(m.se, 3).c_str(), cell(m.sp, 3).c_str(),
                  cell(m.f1, 3).c_str(), cell(m.auroc, 4).c_str(), cell(m.aupr, 4).c_str(),
                  cell(s.length_auroc, 4).c_str());
    out += line;
  }
  std::snprintf(line, sizeof line,
                "length-only baseline (shorter = pre-miRNA), all lengths: AUROC %s, AUPR %s\n",
                cell(r.length_auroc, 4).c_str(), cell(r.length_aupr, 4).c_str());
  out += line;
  return out;
}

nlohmann::ordered_json to_json(const LengthReport& r) {
  nlohmann::ordered_json j;
  j["length_only"] = {{"auroc", number_or_null(r.length_auroc)},
                      {"aupr", number_or_null(r.length_aupr)}};
  j["strata"] = nlohmann::ordered_json::array();
  for (const LengthStratum& s : r.strata) {
    j["strata"].push_back({{"label", s.label()},
                           {"min_length", s.min_length},
                           {"max_length", s.max_length < 0 ? nlohmann::ordered_json(nullptr)
                                                           : nlohmann::ordered_json(s.max_length)},
                           {"metrics", nlohmann::ordered_json(to_json(s.model))},
                           {"length_only_auroc", number_or_null(s.length_auroc)},
                           {"length_only_aupr", number_or_null(s.length_aupr)}});
  }
  return j;
}

}  // namespace mirgene::metrics
