#pragma once
// Classification metrics for pre-miRNA scores: the positive class is pre-miRNA and every item
// carries P(pre-miRNA). Definitions follow deepMiRGene (Park et al. 2017); the rank-based ones
// reproduce scikit-learn and scipy exactly (see docs/metrics.md).
//
// Undefined values (a ratio whose denominator is zero, e.g. sensitivity without positives)
// are quiet NaN, never an exception; JSON writes them as null.
// Inputs are validated: mismatched lengths, labels other than 0/1 and NaN scores throw
// mirgene::Error naming the offending index.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>

#include "metrics/ks.hpp"

namespace mirgene::metrics {

struct Confusion {
  long tp = 0, fp = 0, tn = 0, fn = 0;
};

struct Metrics {
  double se = 0, sp = 0, ppv = 0, f1 = 0, gmean = 0, mcc = 0, accuracy = 0;
  double auroc = 0, aupr = 0, ks_statistic = 0, ks_pvalue = 0;
  Confusion cm;
  std::size_t n_pos = 0, n_neg = 0;
  double threshold = 0.5;
};

// An item is called positive when score >= threshold.
Confusion confusion(std::span<const float> scores, std::span<const int> is_positive,
                    double threshold);

// Threshold metrics from a confusion matrix alone (auroc, aupr and KS are left NaN).
Metrics threshold_metrics(const Confusion& cm, double threshold);

Metrics compute_metrics(std::span<const float> scores, std::span<const int> is_positive,
                        double threshold = 0.5);

// Area under the ROC curve; tied positive/negative pairs count one half (sklearn roc_auc_score).
double auroc(std::span<const float> scores, std::span<const int> is_positive);

// Step-wise average precision with thresholds at distinct scores (sklearn
// average_precision_score): sum over thresholds of (recall gain) * precision.
double average_precision(std::span<const float> scores, std::span<const int> is_positive);

// The smallest threshold (a float value, for use with score >= threshold) whose specificity
// on these scores is >= target_sp. Target 0 gives the lowest finite float (all positive).
// NaN without negatives; throws mirgene::Error for a target outside [0, 1].
double threshold_for_specificity(std::span<const float> scores, std::span<const int> is_positive,
                                 double target_sp);

// Mean and sample standard deviation (n - 1) over folds or seeds, per metric. A NaN in any
// run makes that metric's mean NaN; sd is NaN for fewer than two runs. The integer fields of
// `mean` (cm, n_pos, n_neg) hold totals over the runs: the pooled confusion matrix of a
// cross-validation. Those of `sd` are zero.
struct Summary {
  Metrics mean, sd;
  int count = 0;
};
Summary summarize(std::span<const Metrics> runs);

// Keys: se sp ppv f1 gmean mcc accuracy auroc aupr ks_statistic ks_pvalue tp fp tn fn n_pos
// n_neg threshold; NaN becomes null.
nlohmann::json to_json(const Metrics& m);
// {"count": n, "mean": {...}, "sd": {...}}
nlohmann::json to_json(const Summary& s);

// An aligned text table, one row per entry; `names` (optional, same length) labels the rows.
std::string format_table(std::span<const Metrics> rows, std::span<const std::string> names = {});
// Same columns, each cell "mean+-sd".
std::string format_table(std::span<const Summary> rows, std::span<const std::string> names = {});

}  // namespace mirgene::metrics
