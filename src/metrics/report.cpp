// Metrics as JSON and as an aligned text table.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "metrics/metrics.hpp"

namespace mirgene::metrics {
namespace {

nlohmann::json number_or_null(double x) {
  return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x);
}

struct Column {
  const char* header;
  double Metrics::*field;
  const char* format;  // printf format of one value
};

constexpr Column kMetricColumns[] = {{"thr", &Metrics::threshold, "%.3f"},
                                     {"SE", &Metrics::se, "%.3f"},
                                     {"SP", &Metrics::sp, "%.3f"},
                                     {"PPV", &Metrics::ppv, "%.3f"},
                                     {"F1", &Metrics::f1, "%.3f"},
                                     {"G-mean", &Metrics::gmean, "%.3f"},
                                     {"MCC", &Metrics::mcc, "%.3f"},
                                     {"ACC", &Metrics::accuracy, "%.3f"},
                                     {"AUROC", &Metrics::auroc, "%.3f"},
                                     {"AUPR", &Metrics::aupr, "%.3f"},
                                     {"KS-D", &Metrics::ks_statistic, "%.3f"},
                                     {"KS-p", &Metrics::ks_pvalue, "%.3g"}};

std::string format_value(const char* format, double x) {
  if (std::isnan(x)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

// Cells of one table row: name, n_pos, n_neg, then one per metric column.
using Row = std::vector<std::string>;

std::string render(const std::vector<Row>& rows, bool with_names) {
  std::vector<Row> all;
  Row header = {with_names ? "" : "#", "n_pos", "n_neg"};
  for (const Column& c : kMetricColumns) header.emplace_back(c.header);
  all.push_back(std::move(header));
  all.insert(all.end(), rows.begin(), rows.end());

  std::vector<std::size_t> width(all.front().size(), 0);
  for (const Row& r : all) {
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::string out;
  for (const Row& r : all) {
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - r[c].size(), ' ');
      if (c > 0) out += "  ";
      out += c == 0 ? r[c] + pad : pad + r[c];  // label column left-aligned, numbers right
    }
    out += '\n';
  }
  return out;
}

void check_names(std::size_t rows, std::span<const std::string> names) {
  if (!names.empty() && names.size() != rows) {
    throw Error("format_table: " + std::to_string(names.size()) + " row names for " +
                std::to_string(rows) + " rows");
  }
}

std::string row_label(std::span<const std::string> names, std::size_t i) {
  return names.empty() ? std::to_string(i + 1) : names[i];
}

}  // namespace

nlohmann::json to_json(const Metrics& m) {
  nlohmann::json j;
  j["se"] = number_or_null(m.se);
  j["sp"] = number_or_null(m.sp);
  j["ppv"] = number_or_null(m.ppv);
  j["f1"] = number_or_null(m.f1);
  j["gmean"] = number_or_null(m.gmean);
  j["mcc"] = number_or_null(m.mcc);
  j["accuracy"] = number_or_null(m.accuracy);
  j["auroc"] = number_or_null(m.auroc);
  j["aupr"] = number_or_null(m.aupr);
  j["ks_statistic"] = number_or_null(m.ks_statistic);
  j["ks_pvalue"] = number_or_null(m.ks_pvalue);
  j["tp"] = m.cm.tp;
  j["fp"] = m.cm.fp;
  j["tn"] = m.cm.tn;
  j["fn"] = m.cm.fn;
  j["n_pos"] = m.n_pos;
  j["n_neg"] = m.n_neg;
  j["threshold"] = number_or_null(m.threshold);
  return j;
}

nlohmann::json to_json(const Summary& s) {
  return {{"count", s.count}, {"mean", to_json(s.mean)}, {"sd", to_json(s.sd)}};
}

std::string format_table(std::span<const Metrics> rows, std::span<const std::string> names) {
  check_names(rows.size(), names);
  std::vector<Row> cells;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Row r = {row_label(names, i), std::to_string(rows[i].n_pos), std::to_string(rows[i].n_neg)};
    for (const Column& c : kMetricColumns) r.push_back(format_value(c.format, rows[i].*c.field));
    cells.push_back(std::move(r));
  }
  return render(cells, !names.empty());
}

std::string format_table(std::span<const Summary> rows, std::span<const std::string> names) {
  check_names(rows.size(), names);
  std::vector<Row> cells;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Summary& s = rows[i];
    Row r = {row_label(names, i), std::to_string(s.mean.n_pos), std::to_string(s.mean.n_neg)};
    for (const Column& c : kMetricColumns) {
      std::string cell = format_value(c.format, s.mean.*c.field);
      // A single run has no spread to show.
      if (!std::isnan(s.sd.*c.field)) cell += "+-" + format_value(c.format, s.sd.*c.field);
      r.push_back(std::move(cell));
    }
    cells.push_back(std::move(r));
  }
  return render(cells, !names.empty());
}

}  // namespace mirgene::metrics
