#include "metrics/shortcut_strata.hpp"

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

// The model's metrics on the items k with in_stratum(k), and the baseline's ranking metrics
// on the same items.
struct StratumScores {
  Metrics model;
  double baseline_auroc = 0, baseline_aupr = 0;
};

template <class InStratum>
StratumScores score_stratum(std::span<const float> scores, std::span<const int> is_positive,
                            std::span<const float> baseline, double threshold,
                            InStratum in_stratum) {
  std::vector<float> s, b;
  std::vector<int> y;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    if (!in_stratum(k)) continue;
    s.push_back(scores[k]);
    b.push_back(baseline[k]);
    y.push_back(is_positive[k]);
  }
  return {compute_metrics(s, y, threshold), auroc(b, y), average_precision(b, y)};
}

// One row of a strata table.
struct StratumRow {
  std::string label;
  const Metrics* model;
  double baseline_auroc;
};

std::string format_strata(const char* property, const char* baseline_column,
                          const std::vector<StratumRow>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %9s %7s %6s %6s %6s %6s %6s %12s\n", property, "pre-miRNA",
                "other", "SE", "SP", "F1", "AUROC", "AUPR", baseline_column);
  out += line;
  for (const StratumRow& row : rows) {
    const Metrics& m = *row.model;
    std::snprintf(line, sizeof line, "%-8s %9zu %7zu %6s %6s %6s %6s %6s %12s\n", row.label.c_str(),
                  m.n_pos, m.n_neg, cell(m.se, 3).c_str(), cell(m.sp, 3).c_str(),
                  cell(m.f1, 3).c_str(), cell(m.auroc, 4).c_str(), cell(m.aupr, 4).c_str(),
                  cell(row.baseline_auroc, 4).c_str());
    out += line;
  }
  return out;
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
    const StratumScores in = score_stratum(
        scores, is_positive, length_scores, threshold,
        [&](std::size_t k) { return lengths[k] >= low && (high < 0 || lengths[k] <= high); });
    LengthStratum st;
    st.min_length = low;
    st.max_length = high;
    st.model = in.model;
    st.length_auroc = in.baseline_auroc;
    st.length_aupr = in.baseline_aupr;
    report.strata.push_back(st);
  }
  return report;
}

std::string format_length_report(const LengthReport& r) {
  std::vector<StratumRow> rows;
  for (const LengthStratum& s : r.strata) rows.push_back({s.label(), &s.model, s.length_auroc});
  std::string out = format_strata("length", "length AUROC", rows);
  char line[256];
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

namespace mirgene::metrics {

std::string GcStratum::label() const {
  char text[48];
  if (min_gc <= 0)
    std::snprintf(text, sizeof text, "<%.2f", max_gc);
  else if (max_gc >= 1)
    std::snprintf(text, sizeof text, ">=%.2f", min_gc);
  else
    std::snprintf(text, sizeof text, "%.2f-%.2f", min_gc, max_gc);
  return text;
}

std::vector<double> parse_gc_cuts(const std::string& text) {
  std::vector<double> cuts;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    const std::string part = text.substr(at, comma - at);
    double value = 0;
    int used = 0;
    if (part.empty() || std::sscanf(part.c_str(), "%lf%n", &value, &used) != 1 ||
        used != static_cast<int>(part.size()) || !(value > 0 && value < 1) ||
        (!cuts.empty() && value <= cuts.back()))
      throw Error("GC cuts '" + text +
                  "': expected ascending fractions between 0 and 1, e.g. 0.45,0.55");
    cuts.push_back(value);
    at = comma + 1;
  }
  return cuts;
}

GcReport gc_report(std::span<const float> scores, std::span<const int> is_positive,
                   std::span<const double> gc, double threshold, std::span<const double> cuts) {
  if (scores.size() != is_positive.size() || scores.size() != gc.size())
    throw Error("gc_report: scores, labels and GC contents differ in number");
  for (std::size_t k = 0; k < cuts.size(); ++k)
    if (!(cuts[k] > 0 && cuts[k] < 1) || (k > 0 && cuts[k] <= cuts[k - 1]))
      throw Error("gc_report: cuts must be ascending fractions between 0 and 1");
  const std::vector<float> gc_scores(gc.begin(), gc.end());  // richer = more pre-miRNA-like
  GcReport report;
  report.gc_auroc = auroc(gc_scores, is_positive);
  report.gc_aupr = average_precision(gc_scores, is_positive);
  for (std::size_t s = 0; s <= cuts.size(); ++s) {
    GcStratum st;
    st.min_gc = s == 0 ? 0.0 : cuts[s - 1];
    st.max_gc = s == cuts.size() ? 1.0 : cuts[s];
    const bool last = s == cuts.size();
    const StratumScores in = score_stratum(
        scores, is_positive, gc_scores, threshold,
        [&](std::size_t k) { return gc[k] >= st.min_gc && (last || gc[k] < st.max_gc); });
    st.model = in.model;
    st.gc_auroc = in.baseline_auroc;
    st.gc_aupr = in.baseline_aupr;
    report.strata.push_back(st);
  }
  return report;
}

std::string format_gc_report(const GcReport& r) {
  std::vector<StratumRow> rows;
  for (const GcStratum& s : r.strata) rows.push_back({s.label(), &s.model, s.gc_auroc});
  std::string out = format_strata("GC", "GC AUROC", rows);
  char line[256];
  std::snprintf(line, sizeof line,
                "GC-only baseline (GC-richer = pre-miRNA), all sequences: AUROC %s, AUPR %s\n",
                cell(r.gc_auroc, 4).c_str(), cell(r.gc_aupr, 4).c_str());
  out += line;
  return out;
}

nlohmann::ordered_json to_json(const GcReport& r) {
  nlohmann::ordered_json j;
  j["gc_only"] = {{"auroc", number_or_null(r.gc_auroc)}, {"aupr", number_or_null(r.gc_aupr)}};
  j["strata"] = nlohmann::ordered_json::array();
  for (const GcStratum& s : r.strata) {
    j["strata"].push_back({{"label", s.label()},
                           {"min_gc", s.min_gc},
                           {"max_gc", s.max_gc},
                           {"metrics", nlohmann::ordered_json(to_json(s.model))},
                           {"gc_only_auroc", number_or_null(s.gc_auroc)},
                           {"gc_only_aupr", number_or_null(s.gc_aupr)}});
  }
  return j;
}

}  // namespace mirgene::metrics
