#pragma once
// Two `mirgene cv` runs on the same folds, compared fold by fold. The spread between folds is
// larger than most gaps between training choices, so means +- sd cannot tell them apart;
// differences within each fold remove the fold's difficulty and can. Each run is read at its
// own CV-chosen epoch (best mean validation AUPR), as a user would train it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mirgene::train {

struct FoldDifference {
  std::string metric;               // e.g. "validation.aupr", "extra.sp"
  std::vector<double> differences;  // this run minus the other, fold by fold
  double mean = 0, sd = 0;          // sd over folds (n - 1); NaN for one fold
  int ahead = 0, behind = 0;
};

// The metrics compared: validation AUROC, AUPR and F1; AUROC, AUPR and SP against the held-out
// extra negatives, and against the scored-only negatives (`cv --score-neg`), each when both
// runs scored them against as many negatives in every fold (else the sets differ). Throws
// mirgene::Error when the runs' folds differ (names or validation sizes) or a JSON lacks what
// cv_json writes.
std::vector<FoldDifference> compare_cv_runs(const nlohmann::json& run, const nlohmann::json& other);

// A table: metric, mean difference +- sd, folds ahead / behind, per-fold differences.
std::string format_cv_comparison(const std::vector<FoldDifference>& rows, int epoch,
                                 int other_epoch);
nlohmann::ordered_json to_json(const std::vector<FoldDifference>& rows);

}  // namespace mirgene::train
