#pragma once
// The command-line options that shape a training run, shared by train and cv (reproduce
// declares some of them), and their one translation into nn::TrainingSettings.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/shared_options.hpp"
#include "common/available_memory.hpp"
#include "nn/architecture.hpp"
#include "nn/initialisation.hpp"
#include "nn/memory_estimate.hpp"
#include "nn/training_settings.hpp"
#include "predict/model_lookup.hpp"

namespace mirgene::cli {

struct TrainingCliOptions {
  bool no_class_weights = false;
  bool length_balanced = false;
  bool gc_balanced = false;
  std::string init{nn::init_scheme_name(nn::InitScheme::kKeras)};
  std::string arch;  // config name or file; "" = the paper's network
  int batch_size = 128;
  float learning_rate = 1e-3f;
  float lr_decay = 1.0f;
  float weight_average = 0.0f;
};

// --no-class-weights, --length-balanced, --gc-balanced, --init, --arch, --batch-size, --lr,
// --lr-decay, --weight-average, in that order.
inline void add_training_options(CLI::App* cmd, TrainingCliOptions& o) {
  add_class_weights_flag(cmd, o.no_class_weights);
  add_length_balanced_flag(cmd, o.length_balanced);
  cmd->add_flag("--gc-balanced", o.gc_balanced,
                "weight the classes equally within every 5 % bin of G+C content (with "
                "--length-balanced: within every length and G+C bin), so that G+C content "
                "alone teaches the network nothing (see docs/robustness.md)");
  add_init_option(cmd, o.init);
  add_arch_option(cmd, o.arch);
  add_optimiser_options(cmd, o.batch_size, o.learning_rate);
  cmd->add_option("--lr-decay", o.lr_decay,
                  "multiply the learning rate by this after every epoch (1: constant, the "
                  "paper; e.g. 0.95 ends 60 epochs at 5 % of --lr)")
      ->check(CLI::Range(0.0f, 1.0f).description("a number in (0, 1]"))
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--weight-average", o.weight_average,
                  "validate and save a moving average of the weights, updated after every "
                  "step with this decay (0: the last weights, the paper; e.g. 0.999 averages "
                  "over about 1000 steps)")
      ->check(CLI::Range(0.0f, 0.99999f))
      ->capture_default_str();
}

// An --arch value: "" = the paper's network, else a shipped config name or a config file.
inline nn::Architecture architecture_option(const std::string& arch) {
  if (arch.empty()) return {};
  return nn::architecture_from_file(
      predict::find_architecture_config(arch, predict::executable_dir()));
}

// Throws mirgene::Error for an unknown --init name or an unusable --arch config.
inline nn::TrainingSettings training_settings(const TrainingCliOptions& o, std::uint64_t seed,
                                              int threads) {
  nn::TrainingSettings settings{.seed = seed,
                                .threads = threads,
                                .batch_size = o.batch_size,
                                .learning_rate = o.learning_rate,
                                .lr_decay = o.lr_decay,
                                .weight_average = o.weight_average,
                                .class_weights = !o.no_class_weights,
                                .length_balanced = o.length_balanced,
                                .gc_balanced = o.gc_balanced,
                                .architecture = architecture_option(o.arch),
                                .init = nn::init_scheme_from_name(o.init)};
  // Before any data is read or folded: a network too large for this machine is refused here.
  nn::check_training_memory(settings.architecture, settings.batch_size, threads,
                            o.arch.empty() ? std::string("the default network") : o.arch,
                            static_cast<double>(available_memory_bytes()));
  return settings;
}

}  // namespace mirgene::cli
