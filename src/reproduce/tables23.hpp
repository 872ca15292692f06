#pragma once
// The protocol behind the paper's Tables 2 and 3, done without looking at a test set:
//  1. 5-fold CV on the human and cross-species training portions (prepared folds), every
//     seed, up to max_epochs; the epoch count is the best mean validation AUPR (or AUROC)
//     over all runs, the alternative threshold the best F-score of the pooled validation
//     scores at that epoch.
//  2. Per seed, final models trained for that many epochs: human on cv/human/*_all.fa,
//     cross-species on cv/whole/*_all.fa, and the model for the new set on all of
//     sequences/whole_*.fa (epochs from the cross-species CV, whose data it contains).
//  3. Each model scores its test set once: test/human, test/whole, sequences/new_*.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reproduce/benchmark_data.hpp"
#include "reproduce/cv_study.hpp"
#include "nn/training_settings.hpp"
#include "train/cross_validation.hpp"

namespace mirgene::reproduce {

struct Tables23Options {
  std::string data_dir;  // the miRBoost root (MirboostLayout)
  std::vector<std::uint64_t> seeds{1, 2, 3};
  int max_epochs = 100;
  std::string select = "aupr";
  int jobs = 1;               // trainings at once, one thread each
  std::string work_dir;       // final models, their histories and test scores
  // Of every training (CV and final models): seed and threads are set per run.
  nn::TrainingSettings training;
  std::string command_line;   // recorded in the results and the models
};

// A final model of the protocol: "human", "cross" or "new".
std::string final_model_path(const std::string& work_dir, const std::string& target,
                             std::uint64_t seed);

// Runs the protocol and returns everything measured (docs/results/tables23.json): protocol,
// machine, CV studies, per-seed test metrics at 0.5 and at the CV threshold with their
// mean +- sd, and wall times. Throws mirgene::Error.
nlohmann::ordered_json run_tables23(const Tables23Options& options, const Loader& load,
                                    const Log& log);

}  // namespace mirgene::reproduce
