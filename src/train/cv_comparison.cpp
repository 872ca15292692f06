#include "train/cv_comparison.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "common/error.hpp"

namespace mirgene::train {
namespace {

using Json = nlohmann::json;

// The value at `epoch` (1-based) of fold `fold`: part "validation" or "extra", a metric key.
double value_at(const Json& run, std::size_t fold, int epoch, const char* part, const char* key) {
  const Json& e = run.at("folds").at(fold).at("epochs").at(epoch - 1);
  if (!e.contains(part)) return NAN;
  const Json& v = e.at(part).at(key);
  return v.is_null() ? NAN : v.get<double>();
}

// Whether both runs scored `part` against the same number of negatives in every fold at
// their chosen epochs: figures against different negatives cannot be subtracted.
bool same_negatives(const Json& run, int epoch, const Json& other, int other_epoch,
                    const char* part) {
  const Json& a = run.at("folds");
  for (std::size_t f = 0; f < a.size(); ++f) {
    const Json& x = a[f].at("epochs").at(epoch - 1);
    const Json& y = other.at("folds").at(f).at("epochs").at(other_epoch - 1);
    if (!x.contains(part) || !y.contains(part)) return false;
    if (x.at(part).at("n_neg") != y.at(part).at("n_neg")) return false;
  }
  return true;
}

int chosen_epoch(const Json& run) {
  const int epoch = run.at("best_epoch").at("aupr").get<int>();
  if (epoch < 1) throw Error("cv comparison: a run has no defined best epoch by AUPR");
  return epoch;
}

}  // namespace

std::vector<FoldDifference> compare_cv_runs(const Json& run, const Json& other) {
  try {
    const Json& a = run.at("folds");
    const Json& b = other.at("folds");
    if (a.size() != b.size())
      throw Error("cv comparison: the runs have " + std::to_string(a.size()) + " and " +
                  std::to_string(b.size()) + " folds");
    for (std::size_t f = 0; f < a.size(); ++f) {
      const Json& va = a[f].at("final").at("n_pos");
      if (a[f].at("fold") != b[f].at("fold") || va != b[f].at("final").at("n_pos") ||
          a[f].at("final").at("n_neg") != b[f].at("final").at("n_neg"))
        throw Error("cv comparison: fold " + a[f].at("fold").get<std::string>() +
                    " differs between the runs (not the same folds)");
    }
    const int ea = chosen_epoch(run), eb = chosen_epoch(other);
    struct Metric {
      const char* part;
      const char* key;
    };
    static constexpr Metric kMetrics[] = {
        {"validation", "auroc"}, {"validation", "aupr"}, {"validation", "f1"},
        {"extra", "auroc"},      {"extra", "aupr"},      {"extra", "sp"},
        {"scored", "auroc"},     {"scored", "aupr"},     {"scored", "sp"}};
    std::vector<FoldDifference> rows;
    for (const Metric& m : kMetrics) {
      if (std::string_view(m.part) != "validation" && !same_negatives(run, ea, other, eb, m.part))
        continue;
      FoldDifference d;
      d.metric = std::string(m.part) + "." + m.key;
      for (std::size_t f = 0; f < a.size(); ++f) {
        const double x =
            value_at(run, f, ea, m.part, m.key) - value_at(other, f, eb, m.part, m.key);
        d.differences.push_back(x);
        d.ahead += x > 0;
        d.behind += x < 0;
      }
      double sum = 0;
      for (double x : d.differences) sum += x;
      d.mean = sum / static_cast<double>(d.differences.size());
      double ss = 0;
      for (double x : d.differences) ss += (x - d.mean) * (x - d.mean);
      d.sd = d.differences.size() > 1
                 ? std::sqrt(ss / static_cast<double>(d.differences.size() - 1))
                 : NAN;
      rows.push_back(std::move(d));
    }
    return rows;
  } catch (const Json::exception& e) {
    throw Error(std::string("cv comparison: not a `mirgene cv --json` file: ") + e.what());
  }
}

std::string format_cv_comparison(const std::vector<FoldDifference>& rows, int epoch,
                                 int other_epoch) {
  char line[256];
  std::snprintf(
      line, sizeof line,
      "fold by fold, this run (epoch %d) minus the other (epoch %d):\n%-18s %18s %7s  %s\n", epoch,
      other_epoch, "metric", "mean+-sd", "ahead", "per fold");
  std::string out = line;
  for (const FoldDifference& d : rows) {
    std::string folds;
    for (double x : d.differences) {
      char cell[24];
      std::snprintf(cell, sizeof cell, "%+.4f ", x);
      folds += cell;
    }
    std::snprintf(line, sizeof line, "%-18s %+9.4f+-%-7.4f %3d/%-3zu  %s\n", d.metric.c_str(),
                  d.mean, d.sd, d.ahead, d.differences.size(), folds.c_str());
    out += line;
  }
  return out;
}

nlohmann::ordered_json to_json(const std::vector<FoldDifference>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const FoldDifference& d : rows) {
    out[d.metric] = {
        {"mean", d.mean},
        {"sd", std::isnan(d.sd) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.sd)},
        {"ahead", d.ahead},
        {"behind", d.behind},
        {"per_fold", d.differences}};
  }
  return out;
}

}  // namespace mirgene::train
