#include "metrics/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

// Uniform in [0, n) from the raw engine output (portable across standard libraries).
std::size_t draw_below(std::mt19937_64& rng, std::size_t n) {
  return static_cast<std::size_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

// The 2.5th and 97.5th percentiles (linear interpolation) of the defined values.
Interval percentile_interval(std::vector<double> values) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return {NAN, NAN};
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    const double pos = q * static_cast<double>(values.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  return {at(0.025), at(0.975)};
}

nlohmann::ordered_json pair(const Interval& i) {
  if (std::isnan(i.low)) return nullptr;
  return {i.low, i.high};
}

}  // namespace

MetricIntervals bootstrap_intervals(std::span<const float> scores, std::span<const int> is_positive,
                                    double threshold, int replicates, std::uint64_t seed) {
  if (replicates < 10) throw Error("bootstrap: at least 10 replicates are needed");
  if (scores.size() != is_positive.size())
    throw Error("bootstrap: scores and labels differ in number");
  std::vector<std::size_t> pos, neg;
  for (std::size_t k = 0; k < is_positive.size(); ++k) (is_positive[k] ? pos : neg).push_back(k);
  if (pos.empty() || neg.empty()) throw Error("bootstrap: both classes are needed");

  struct Field {
    double Metrics::*metric;
    Interval MetricIntervals::*interval;
  };
  static constexpr Field kFields[] = {
      {&Metrics::se, &MetricIntervals::se},       {&Metrics::sp, &MetricIntervals::sp},
      {&Metrics::ppv, &MetricIntervals::ppv},     {&Metrics::f1, &MetricIntervals::f1},
      {&Metrics::gmean, &MetricIntervals::gmean}, {&Metrics::mcc, &MetricIntervals::mcc},
      {&Metrics::auroc, &MetricIntervals::auroc}, {&Metrics::aupr, &MetricIntervals::aupr}};
  std::vector<std::vector<double>> values(std::size(kFields));

  std::mt19937_64 rng(seed);
  std::vector<float> s(scores.size());
  std::vector<int> y(scores.size());
  for (int r = 0; r < replicates; ++r) {
    std::size_t k = 0;
    for (const std::vector<std::size_t>* cls : {&pos, &neg}) {
      for (std::size_t n = 0; n < cls->size(); ++n, ++k) {
        const std::size_t item = (*cls)[draw_below(rng, cls->size())];
        s[k] = scores[item];
        y[k] = is_positive[item];
      }
    }
    const Metrics m = compute_metrics(s, y, threshold);
    for (std::size_t f = 0; f < std::size(kFields); ++f) values[f].push_back(m.*kFields[f].metric);
  }
  MetricIntervals out;
  out.replicates = replicates;
  for (std::size_t f = 0; f < std::size(kFields); ++f)
    out.*kFields[f].interval = percentile_interval(std::move(values[f]));
  return out;
}

nlohmann::ordered_json to_json(const MetricIntervals& m) {
  return {{"replicates", m.replicates}, {"se", pair(m.se)},       {"sp", pair(m.sp)},
          {"ppv", pair(m.ppv)},         {"f1", pair(m.f1)},       {"gmean", pair(m.gmean)},
          {"mcc", pair(m.mcc)},         {"auroc", pair(m.auroc)}, {"aupr", pair(m.aupr)}};
}

}  // namespace mirgene::metrics
