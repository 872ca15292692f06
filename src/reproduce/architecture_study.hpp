#pragma once
// The paper's Table 4 (eight networks) and Figure 3 (three input types), re-measured: every
// variant is cross-validated on the human training portion's 5 prepared folds with the same
// seeds, epochs up to max_epochs, its epoch count chosen by its own mean validation metric.
// All variants' runs share one job queue. The default network appears once and serves as
// Table 4's LSTM(2)+ATT and Figure 3's "sequence + structure".
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/network.hpp"
#include "nn/training_settings.hpp"
#include "reproduce/benchmark_data.hpp"
#include "reproduce/cv_study.hpp"
#include "train/cross_validation.hpp"

namespace mirgene::reproduce {

struct Variant {
  std::string name;   // shipped config name, e.g. "bilstm2-att"
  std::string label;  // the paper's name, e.g. "BiLSTM(2)+ATT"
  std::string figure; // "table4", "figure3" or "both"
};

// The ten variants of Table 4 and Figure 3, in the paper's order.
const std::vector<Variant>& paper_variants();

struct ArchitectureStudyOptions {
  std::string data_dir;
  std::string set = "human";
  std::vector<std::uint64_t> seeds{1};
  int max_epochs = 100;
  std::string select = "aupr";
  int jobs = 1;
  nn::TrainingSettings training;  // everything but the architecture (and per run the seed)
  std::string command_line;
};

struct VariantSetup {
  Variant variant;
  std::string config_file;  // recorded as given
  nn::Architecture architecture;
};

// Runs every variant's cross-validation and returns docs/results/architectures.json:
// per variant its architecture, parameter count and CV study (study_json). Throws
// mirgene::Error.
nlohmann::ordered_json run_architecture_studies(const ArchitectureStudyOptions& options,
                                                const std::vector<VariantSetup>& variants,
                                                const Loader& load, const Log& log);

}  // namespace mirgene::reproduce
