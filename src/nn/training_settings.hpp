#pragma once
// Everything besides the data that shapes a training run's weights: the network, its initial
// weights, the optimiser and the loss weighting. Declared once and passed through from the
// command line to the Trainer; a training run (train::RunSettings) and cross-validation
// (train::CvSettings) wrap it with what only they need.
#include <cstdint>

#include "nn/architecture.hpp"
#include "nn/initialisation.hpp"

namespace mirgene::nn {

struct TrainingSettings {
  std::uint64_t seed = 1;  // initial weights, shuffling, dropout masks
  int threads = 1;         // the result depends on it (gradient summation order)
  int batch_size = 128;
  float learning_rate = 1e-3f;
  // The learning rate of epoch e (from 0) is learning_rate * lr_decay^e: a schedule that
  // does not depend on the planned number of epochs, so a run stopped at the epoch CV chose
  // follows exactly the CV run's trajectory. 1 keeps the rate constant (the paper).
  float lr_decay = 1.0f;
  // Weight averaging: the run yields (for validation and the saved model) an exponential
  // moving average of the weights, updated after every optimiser step as
  // avg += (1 - weight_average) * (w - avg), starting from the initial weights; training
  // itself follows the raw weights. 0 turns it off (the last weights: the paper).
  float weight_average = 0.0f;
  // Each class weighted by n / (2 n_class) in the loss (else every sequence weighs 1).
  bool class_weights = true;
  // Balance the classes within every length bin too (nn::length_balanced_weights).
  bool length_balanced = false;
  // Balance the classes within every G+C bin (nn::gc_bin); with length_balanced, within every
  // bin of both.
  bool gc_balanced = false;
  // The share of the negative class's loss weight that the extra negatives (Trainer::run_epoch's
  // is_extra) get, the rest going to the others (nn::extra_share_weights); below 0 every
  // negative weighs the same, whatever its source. Needs class_weights, not the bin balancing.
  float extra_negative_share = -1.0f;
  // "= {}" lets designated initialisers leave it out without -Wmissing-field-initializers.
  Architecture architecture = {};
  InitScheme init = InitScheme::kKeras;
};

}  // namespace mirgene::nn
