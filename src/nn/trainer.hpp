#pragma once
// Mini-batch training of a Network with weighted cross-entropy and Adam.
// Each epoch: shuffle with the run's seeded generator, group sequences of similar length
// into batches (shuffled chunks of ~50 batches sorted by length), shuffle the batch order,
// then per batch forward/backward and one Adam step. A batch is split across `threads`
// workers with their own gradient buffers, summed in worker order, so the same seed and
// thread count give bit-identical weights. Dropout masks come from per-sequence seeds
// (seed, epoch, sequence index), independent of scheduling.
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "nn/adam.hpp"
#include "nn/gradients.hpp"
#include "nn/network.hpp"
#include "nn/training_settings.hpp"

namespace mirgene::nn {

struct EpochStats {
  double loss;     // mean over the epoch's sequences of w_i * CE_i (training mode)
  double seconds;  // wall time of the epoch
};

class Trainer {
 public:
  // Reads the optimiser, weighting, seed and thread fields of `settings`; the network brings
  // its own architecture and initial weights (TrainingModel builds both from the settings).
  Trainer(Network& net, const TrainingSettings& settings);
  ~Trainer();

  // tokens: encoded sequences; labels: 0 = pre-miRNA, 1 = other. Class weights computed
  // from labels (and from is_extra, one flag per sequence, when the settings give the extra
  // negatives a share). Throws mirgene::Error on mismatched sizes, bad labels or bad sequences.
  EpochStats run_epoch(std::span<const std::vector<std::uint8_t>> tokens,
                       std::span<const int> labels, std::span<const std::uint8_t> is_extra = {});
  int epochs_done() const { return epochs_done_; }

  // Weight averaging (TrainingSettings::weight_average): exchanges the network's weights
  // with the running average, so that a second call restores them. Does nothing when the
  // run does not average. Use AveragedWeights rather than calling it directly.
  void swap_average();
  bool averages() const { return !average_.empty(); }

  // Optimiser state for checkpoints: adam.m.<param>, adam.v.<param> (views into the
  // trainer's storage; average.<param> too when the run averages weights), plus scalars (Adam step count, epochs done, generator state), so a
  // resumed run continues bit-identically.
  std::vector<ParamView> state_tensors();
  std::map<std::string, std::string> state_scalars() const;
  void restore_scalars(const std::map<std::string, std::string>& scalars);

 private:
  struct Worker;
  class Team;
  void run_batch(std::span<const std::vector<std::uint8_t>> tokens, std::span<const int> labels,
                 std::span<const std::size_t> batch, const float* sample_weight,
                 double& loss_sum);

  Network& net_;
  TrainingSettings settings_;
  Adam adam_;
  std::mt19937_64 rng_;
  int epochs_done_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<Team> team_;
  std::vector<float> average_;  // the moving average of the weights, when the run averages
};

// While alive, the network holds the weights its run yields: the moving average when the
// trainer averages weights, else its own (what is validated and saved).
class AveragedWeights {
 public:
  explicit AveragedWeights(Trainer& trainer) : trainer_(trainer) { trainer_.swap_average(); }
  ~AveragedWeights() { trainer_.swap_average(); }
  AveragedWeights(const AveragedWeights&) = delete;
  AveragedWeights& operator=(const AveragedWeights&) = delete;

 private:
  Trainer& trainer_;
};

}  // namespace mirgene::nn
