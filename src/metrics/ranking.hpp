#pragma once
// Scores grouped by distinct value: the one sort shared by AUROC, average precision and the KS
// statistic, which all treat tied scores as a single threshold.
#include <span>
#include <vector>

namespace mirgene::metrics {

struct TieGroup {
  float score;
  long pos, neg;  // items of each class with exactly this score
};

// Throws mirgene::Error unless the spans have equal length, labels are 0/1 and scores are
// not NaN.
void check_scored_labels(std::span<const float> scores, std::span<const int> is_positive);

// Distinct scores in ascending order with per-class counts (validates like the above).
std::vector<TieGroup> group_ties_ascending(std::span<const float> scores,
                                           std::span<const int> is_positive);

// Rank metrics from ascending tie groups; NaN when a class they need is absent.
double auroc_from_groups(std::span<const TieGroup> ascending);
double average_precision_from_groups(std::span<const TieGroup> ascending);
double ks_statistic_from_groups(std::span<const TieGroup> ascending);

}  // namespace mirgene::metrics
