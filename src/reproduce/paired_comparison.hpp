#pragma once
// Two cross-validation studies run on the same folds with the same seeds, compared run by
// run. Fold-to-fold spread (a few hundredths of AUPR on the human folds) dwarfs the gaps
// between networks, so means +- sd cannot say which is better; differences within each
// (seed, fold) pair remove the fold's difficulty and can.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mirgene::reproduce {

struct PairedDifference {
  std::size_t runs = 0;  // (seed, fold) pairs compared
  double mean = 0;       // mean of a - b
  double sd = 0;         // sample sd of a - b (0 for one run)
  std::size_t ahead = 0; // runs where a > b
  std::size_t behind = 0;
};

// `metric` ("aupr", "auroc", "f1", ...) of study a minus study b, each a study_json() object,
// matched on (seed, fold) in their runs_at_chosen. Empty when either lacks runs_at_chosen
// (results written before it existed), when their (seed, fold) sets differ, or when the
// metric is undefined in some run: then the runs are not comparable pair by pair.
std::optional<PairedDifference> paired_difference(const nlohmann::ordered_json& study_a,
                                                  const nlohmann::ordered_json& study_b,
                                                  const std::string& metric);

}  // namespace mirgene::reproduce
