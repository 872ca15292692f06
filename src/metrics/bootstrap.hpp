#pragma once
// Bootstrap confidence intervals of the test metrics: the items of each class are resampled
// with replacement (a stratified bootstrap, so every replicate keeps the set's class sizes)
// and the metrics recomputed; the interval is the 2.5th and 97.5th percentile.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

#include "metrics/metrics.hpp"

namespace mirgene::metrics {

struct Interval {
  double low = 0, high = 0;
};

// Percentile intervals for se, sp, ppv, f1, gmean, mcc, auroc and aupr; a metric undefined in
// some replicates is taken over the replicates where it is defined.
struct MetricIntervals {
  Interval se, sp, ppv, f1, gmean, mcc, auroc, aupr;
  int replicates = 0;
};

// Deterministic for a given seed. Throws mirgene::Error for fewer than 10 replicates or when
// a class is empty.
MetricIntervals bootstrap_intervals(std::span<const float> scores, std::span<const int> is_positive,
                                    double threshold, int replicates, std::uint64_t seed);

// {"replicates": n, "se": [low, high], ...}
nlohmann::ordered_json to_json(const MetricIntervals& m);

}  // namespace mirgene::metrics
