#include "metrics/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct ClassTotals {
  long pos = 0, neg = 0;
};

ClassTotals totals(std::span<const TieGroup> groups) {
  ClassTotals t;
  for (const TieGroup& g : groups) {
    t.pos += g.pos;
    t.neg += g.neg;
  }
  return t;
}

}  // namespace

void check_scored_labels(std::span<const float> scores, std::span<const int> is_positive) {
  if (scores.size() != is_positive.size()) {
    throw Error("eval: " + std::to_string(scores.size()) + " scores but " +
                std::to_string(is_positive.size()) + " labels");
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (is_positive[i] != 0 && is_positive[i] != 1) {
      throw Error("eval: label of item " + std::to_string(i) + " is " +
                  std::to_string(is_positive[i]) + ", expected 0 or 1");
    }
    if (std::isnan(scores[i])) throw Error("eval: score of item " + std::to_string(i) + " is NaN");
  }
}

std::vector<TieGroup> group_ties_ascending(std::span<const float> scores,
                                           std::span<const int> is_positive) {
  check_scored_labels(scores, is_positive);
  std::vector<std::pair<float, int>> items(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) items[i] = {scores[i], is_positive[i]};
  std::sort(items.begin(), items.end());

  std::vector<TieGroup> groups;
  for (const auto& [score, label] : items) {
    if (groups.empty() || groups.back().score != score) groups.push_back({score, 0, 0});
    (label ? groups.back().pos : groups.back().neg) += 1;
  }
  return groups;
}

double auroc_from_groups(std::span<const TieGroup> ascending) {
  const ClassTotals t = totals(ascending);
  if (t.pos == 0 || t.neg == 0) return kNaN;
  // Mann-Whitney U: each positive scores 1 per negative below it and 1/2 per tied negative.
  // This equals the trapezoidal area under the ROC curve through the distinct thresholds.
  double u = 0;
  long negatives_below = 0;
  for (const TieGroup& g : ascending) {
    u += static_cast<double>(g.pos) * (static_cast<double>(negatives_below) + 0.5 * g.neg);
    negatives_below += g.neg;
  }
  return u / (static_cast<double>(t.pos) * static_cast<double>(t.neg));
}

double average_precision_from_groups(std::span<const TieGroup> ascending) {
  const ClassTotals t = totals(ascending);
  if (t.pos == 0) return kNaN;
  // Lower the threshold one distinct score at a time; recall only grows at groups holding
  // positives, and the whole tie group enters at once (no interpolation inside a tie).
  double ap = 0;
  long tp = 0, fp = 0;
  for (auto g = ascending.rbegin(); g != ascending.rend(); ++g) {
    tp += g->pos;
    fp += g->neg;
    if (g->pos == 0) continue;
    const double precision = static_cast<double>(tp) / static_cast<double>(tp + fp);
    ap += static_cast<double>(g->pos) / static_cast<double>(t.pos) * precision;
  }
  return ap;
}

double ks_statistic_from_groups(std::span<const TieGroup> ascending) {
  const ClassTotals t = totals(ascending);
  if (t.pos == 0 || t.neg == 0) return kNaN;
  // Both empirical CDFs are right-continuous steps, so the supremum of their difference is
  // reached just after some distinct value: checking each group's end suffices.
  double d = 0;
  long cum_pos = 0, cum_neg = 0;
  for (const TieGroup& g : ascending) {
    cum_pos += g.pos;
    cum_neg += g.neg;
    const double gap = static_cast<double>(cum_pos) / static_cast<double>(t.pos) -
                       static_cast<double>(cum_neg) / static_cast<double>(t.neg);
    d = std::max(d, std::abs(gap));
  }
  return d;
}

}  // namespace mirgene::metrics
