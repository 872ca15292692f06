#pragma once
// Options that several commands share, declared once so their names, checks and help agree.
#include <string>

#include <CLI/CLI.hpp>

namespace mirgene::cli {

inline void add_model_option(CLI::App* cmd, std::string& model) {
  cmd->add_option("-m,--model", model,
                  "model file (default: $MIRGENE_MODEL, else models/mirgene-whole.safetensors "
                  "beside the installed program)");
}

inline void add_threshold_option(CLI::App* cmd, double& threshold) {
  cmd->add_option("-t,--threshold", threshold,
                  "label a record pre-miRNA when its probability is >= this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
}

inline void add_threads_option(CLI::App* cmd, int& threads) {
  cmd->add_option("-j,--threads", threads, "worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
}

}  // namespace mirgene::cli
