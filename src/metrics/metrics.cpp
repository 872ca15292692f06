#include "metrics/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "metrics/ranking.hpp"

namespace mirgene::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// num / den, or NaN when the ratio is undefined (den == 0).
double ratio(double num, double den) {
  return den == 0 ? kNaN : num / den;
}

}  // namespace

Confusion confusion(std::span<const float> scores, std::span<const int> is_positive,
                    double threshold) {
  check_scored_labels(scores, is_positive);
  Confusion cm;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const bool called_positive = static_cast<double>(scores[i]) >= threshold;
    if (is_positive[i]) {
      (called_positive ? cm.tp : cm.fn) += 1;
    } else {
      (called_positive ? cm.fp : cm.tn) += 1;
    }
  }
  return cm;
}

Metrics threshold_metrics(const Confusion& cm, double threshold) {
  const double tp = static_cast<double>(cm.tp), fp = static_cast<double>(cm.fp);
  const double tn = static_cast<double>(cm.tn), fn = static_cast<double>(cm.fn);
  Metrics m;
  m.cm = cm;
  m.threshold = threshold;
  m.n_pos = static_cast<std::size_t>(cm.tp + cm.fn);
  m.n_neg = static_cast<std::size_t>(cm.tn + cm.fp);
  m.se = ratio(tp, tp + fn);
  m.sp = ratio(tn, tn + fp);
  m.ppv = ratio(tp, tp + fp);
  m.f1 = ratio(2 * tp, 2 * tp + fp + fn);
  m.gmean = std::sqrt(m.se * m.sp);  // NaN propagates
  // Products in double: long would overflow for counts above ~2^31.
  const double mcc_den = std::sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  m.mcc = ratio(tp * tn - fp * fn, mcc_den);
  m.accuracy = ratio(tp + tn, tp + tn + fp + fn);
  m.auroc = m.aupr = m.ks_statistic = m.ks_pvalue = kNaN;
  return m;
}

Metrics compute_metrics(std::span<const float> scores, std::span<const int> is_positive,
                        double threshold) {
  Metrics m = threshold_metrics(confusion(scores, is_positive, threshold), threshold);
  const std::vector<TieGroup> groups = group_ties_ascending(scores, is_positive);
  m.auroc = auroc_from_groups(groups);
  m.aupr = average_precision_from_groups(groups);
  m.ks_statistic = ks_statistic_from_groups(groups);
  m.ks_pvalue =
      ks_2samp_pvalue(m.ks_statistic, static_cast<long>(m.n_pos), static_cast<long>(m.n_neg));
  return m;
}

double auroc(std::span<const float> scores, std::span<const int> is_positive) {
  return auroc_from_groups(group_ties_ascending(scores, is_positive));
}

double average_precision(std::span<const float> scores, std::span<const int> is_positive) {
  return average_precision_from_groups(group_ties_ascending(scores, is_positive));
}

double threshold_for_specificity(std::span<const float> scores, std::span<const int> is_positive,
                                 double target_sp) {
  check_scored_labels(scores, is_positive);
  if (!(target_sp >= 0.0 && target_sp <= 1.0)) {
    throw Error("threshold_for_specificity: target specificity " + std::to_string(target_sp) +
                " is outside [0, 1]");
  }
  std::vector<float> negatives;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!is_positive[i]) negatives.push_back(scores[i]);
  }
  if (negatives.empty()) return kNaN;
  const double n_neg = static_cast<double>(negatives.size());

  // Fewest true negatives that reach the target, evaluated exactly as the specificity itself
  // is (tn / n_neg in double) so that e.g. 0.95 * 100 rounding up to 95.000...01 cannot
  // demand one negative too many.
  long needed = static_cast<long>(std::ceil(target_sp * n_neg));
  needed = std::clamp(needed, 0L, static_cast<long>(negatives.size()));
  while (needed > 0 && static_cast<double>(needed - 1) / n_neg >= target_sp) --needed;
  while (static_cast<double>(needed) / n_neg < target_sp) ++needed;

  if (needed == 0) return static_cast<double>(std::numeric_limits<float>::lowest());
  // At least `needed` negatives must score below the threshold: the smallest float above the
  // needed-th lowest negative score is the lowest threshold that achieves it.
  std::nth_element(negatives.begin(), negatives.begin() + (needed - 1), negatives.end());
  const float kth_lowest = negatives[static_cast<std::size_t>(needed - 1)];
  return static_cast<double>(std::nextafter(kth_lowest, std::numeric_limits<float>::infinity()));
}

}  // namespace mirgene::metrics
