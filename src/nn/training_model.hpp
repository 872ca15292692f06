#pragma once
// A network with its initial weights and the Trainer that updates it, built from one
// TrainingSettings: the one place where a training run, a cross-validation fold and the
// reproduction protocol set training up, so they cannot drift apart.
#include "nn/network.hpp"
#include "nn/trainer.hpp"
#include "nn/training_settings.hpp"

namespace mirgene::nn {

struct TrainingModel {
  // The network of settings.architecture, initialised by settings.init from settings.seed.
  // Throws mirgene::Error for settings the Trainer rejects.
  explicit TrainingModel(const TrainingSettings& settings);
  // The trainer holds a reference to the network: neither may move.
  TrainingModel(const TrainingModel&) = delete;
  TrainingModel& operator=(const TrainingModel&) = delete;

  Network net;
  Trainer trainer;
};

}  // namespace mirgene::nn
