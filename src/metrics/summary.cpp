#include <cmath>
#include <limits>

#include "metrics/metrics.hpp"

namespace mirgene::metrics {
namespace {

// The real-valued fields of Metrics, so mean and sd are computed by one loop.
constexpr double Metrics::*kRealFields[] = {
    &Metrics::se,    &Metrics::sp,           &Metrics::ppv,       &Metrics::f1,
    &Metrics::gmean, &Metrics::mcc,          &Metrics::accuracy,  &Metrics::auroc,
    &Metrics::aupr,  &Metrics::ks_statistic, &Metrics::ks_pvalue, &Metrics::threshold};

}  // namespace

Summary summarize(std::span<const Metrics> runs) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  Summary s;
  s.count = static_cast<int>(runs.size());
  s.sd.cm = {};
  s.sd.n_pos = s.sd.n_neg = 0;
  s.mean.cm = {};
  s.mean.n_pos = s.mean.n_neg = 0;
  for (const Metrics& r : runs) {
    s.mean.cm.tp += r.cm.tp;
    s.mean.cm.fp += r.cm.fp;
    s.mean.cm.tn += r.cm.tn;
    s.mean.cm.fn += r.cm.fn;
    s.mean.n_pos += r.n_pos;
    s.mean.n_neg += r.n_neg;
  }
  const double n = static_cast<double>(runs.size());
  for (auto field : kRealFields) {
    if (runs.empty()) {
      s.mean.*field = s.sd.*field = kNaN;
      continue;
    }
    double sum = 0;
    for (const Metrics& r : runs) sum += r.*field;
    const double mean = sum / n;
    // Two-pass variance: no cancellation from subtracting large squared sums.
    double squares = 0;
    for (const Metrics& r : runs) squares += (r.*field - mean) * (r.*field - mean);
    s.mean.*field = mean;
    s.sd.*field = runs.size() < 2 ? kNaN : std::sqrt(squares / (n - 1));
  }
  return s;
}

}  // namespace mirgene::metrics
