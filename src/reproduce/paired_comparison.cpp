#include "reproduce/paired_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;
using RunKey = std::pair<std::string, std::string>;  // seed (as JSON text), fold name

// (seed, fold) -> metric, or empty when a run is missing the metric or appears twice.
std::optional<std::map<RunKey, double>> runs_by_key(const Json& study, const std::string& metric) {
  if (!study.is_object() || !study.contains("runs_at_chosen")) return std::nullopt;
  std::map<RunKey, double> out;
  for (const Json& run : study["runs_at_chosen"]) {
    const Json& value = run["metrics"][metric];
    if (!value.is_number()) return std::nullopt;
    if (!out.emplace(RunKey{run["seed"].dump(), run["fold"].dump()}, value.get<double>()).second)
      return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<PairedDifference> paired_difference(const Json& study_a, const Json& study_b,
                                                  const std::string& metric) {
  const auto a = runs_by_key(study_a, metric);
  const auto b = runs_by_key(study_b, metric);
  if (!a || !b || a->size() != b->size()) return std::nullopt;
  PairedDifference d;
  double sum = 0, sum_sq = 0;
  for (const auto& [key, value_a] : *a) {
    const auto other = b->find(key);
    if (other == b->end()) return std::nullopt;
    const double diff = value_a - other->second;
    sum += diff;
    sum_sq += diff * diff;
    d.ahead += diff > 0;
    d.behind += diff < 0;
  }
  d.runs = a->size();
  d.mean = sum / static_cast<double>(d.runs);
  if (d.runs > 1) {
    const double var = (sum_sq - sum * d.mean) / static_cast<double>(d.runs - 1);
    d.sd = std::sqrt(std::max(0.0, var));
  }
  return d;
}

}  // namespace mirgene::reproduce
