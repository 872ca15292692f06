#pragma once
// Cross-validation studies: one training setup cross-validated over prepared folds with
// several seeds, from which the epoch count and the decision threshold of the final models
// are chosen. Every (study, seed, fold) run is one job on one thread, so results depend on
// the data, settings and seeds only, and the jobs of several studies share the cores.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "metrics/metrics.hpp"
#include "train/cross_validation.hpp"

namespace mirgene::reproduce {

using Log = std::function<void(const std::string& line)>;

inline constexpr double kTargetSpecificity = 0.99;

struct CvStudyRequest {
  std::string name;                         // "human", "lstm2-att", ...
  const std::vector<train::CvFold>* folds;  // not owned
  train::CvSettings settings;               // epochs = the most epochs considered
  std::vector<std::uint64_t> seeds;
};

// The metric whose mean over all runs picks the epoch: "aupr" or "auroc".
double metrics::Metrics::*selection_field(const std::string& name);

struct CvStudy {
  std::string name;
  std::vector<std::uint64_t> seeds;
  int folds = 0;
  train::CvResult pooled;            // every (seed, fold) run, per-epoch summaries over all
  std::string select;                // metric that chose the epoch
  int chosen_epoch = 0;              // best mean of `select` over all runs (earliest on ties)
  metrics::Summary at_chosen;           // mean +- sd over all runs at the chosen epoch
  std::vector<metrics::Summary> per_seed;  // fold mean +- sd per seed at the chosen epoch
  double threshold_max_f1 = 0;  // metrics::threshold_for_max_f1 of the pooled validation scores
  // metrics::threshold_for_specificity(kTargetSpecificity) of the same scores: an operating point
  // for screening, where false positives dominate.
  double threshold_high_sp = 0;
  double seconds = 0;           // summed wall time of the runs
};

// Runs all requests' jobs on `jobs` threads. Throws mirgene::Error (bad settings, or the
// first failing run in job order after all have stopped).
std::vector<CvStudy> run_cv_studies(const std::vector<CvStudyRequest>& requests, int jobs,
                                    const std::string& select, const Log& log);

// Chosen epoch, selection metric, summary at the chosen epoch (all runs and per seed), every
// run's figures at that epoch (runs_at_chosen, seed-major in fold order),
// threshold, and the mean validation curve (AUROC, AUPR, F-score, training loss per epoch).
nlohmann::ordered_json study_json(const CvStudy& study);

}  // namespace mirgene::reproduce
