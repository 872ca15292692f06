#include "nn/trainer.hpp"

#include <cmath>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <numeric>
#include <sstream>
#include <thread>

#include "common/error.hpp"
#include "nn/dropout.hpp"
#include "nn/model_pass.hpp"
#include "nn/random.hpp"
#include "nn/sample_weights.hpp"

namespace mirgene::nn {

struct Trainer::Worker {
  explicit Worker(const Architecture& arch) : pass(arch), grads(arch) {}
  ModelPass<float> pass;
  Gradients grads;
  DropoutMasks<float> masks;
  std::vector<std::span<const std::uint8_t>> seqs;
  std::vector<std::uint64_t> seeds;
  std::vector<int> labels;
  std::vector<float> weights;
  int touched_from = 0;  // first dense1 column written since the last zeroing
  double loss = 0;
};

// Persistent helper threads for the batch and optimiser phases. Idle helpers sleep on a
// condition variable instead of spinning, so on a machine with more runnable threads than
// cores they give their time slices away (an OpenMP team spinning between the ~50 batches of
// an epoch made two threads slower than one under load).
class Trainer::Team {
 public:
  explicit Team(int size) {
    for (int part = 1; part < size; ++part) helpers_.emplace_back([this, part] { serve(part); });
  }
  ~Team() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& helper : helpers_) helper.join();
  }
  Team(const Team&) = delete;
  Team& operator=(const Team&) = delete;

  int size() const { return static_cast<int>(helpers_.size()) + 1; }

  // Runs job(part) for every part, part 0 on the calling thread; returns when all are done.
  // job must not throw (callers capture exceptions per part).
  void run(const std::function<void(int)>& job) {
    if (helpers_.empty()) {
      job(0);
      return;
    }
    {
      std::lock_guard lock(mutex_);
      job_ = &job;
      pending_ = static_cast<int>(helpers_.size());
      ++generation_;
    }
    wake_.notify_all();
    job(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
  }

 private:
  void serve(int part) {
    std::uint64_t seen = 0;
    for (;;) {
      const std::function<void(int)>* job = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        job = job_;
      }
      (*job)(part);
      bool last = false;
      {
        std::lock_guard lock(mutex_);
        last = --pending_ == 0;
      }
      if (last) done_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(int)>* job_ = nullptr;
  std::uint64_t generation_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> helpers_;
};

Trainer::Trainer(Network& net, const TrainingSettings& settings)
    : net_(net),
      settings_(settings),
      adam_(net.flat().size(), AdamOptions{.learning_rate = settings.learning_rate}),
      rng_(settings.seed) {
  if (settings.batch_size < 1) throw Error("training: batch size must be at least 1");
  if (settings.threads < 1) throw Error("training: thread count must be at least 1");
  for (int w = 0; w < settings.threads; ++w) {
    workers_.push_back(std::make_unique<Worker>(net.architecture()));
    workers_.back()->touched_from = net.architecture().max_len * feature_width(net.architecture());
  }
  team_ = std::make_unique<Team>(settings.threads);
  if (!(settings.weight_average >= 0.0f && settings.weight_average < 1.0f))
    throw Error("training: the weight-average decay must be in [0, 1)");
  if (settings.weight_average > 0.0f) average_.assign(net.flat().begin(), net.flat().end());
  if (settings.extra_negative_share >= 0.0f) {
    if (settings.extra_negative_share > 1.0f)
      throw Error("training: the extra negatives' share must be in [0, 1]");
    if (!settings.class_weights || settings.length_balanced || settings.gc_balanced)
      throw Error("training: the extra negatives' share needs the plain balanced class weights "
                  "(not with --no-class-weights, --length-balanced or --gc-balanced)");
  }
}

void Trainer::swap_average() {
  if (average_.empty()) return;
  const std::span<float> weights = net_.flat();
  std::swap_ranges(weights.begin(), weights.end(), average_.begin());
}

Trainer::~Trainer() = default;

namespace {

void shuffle(std::vector<std::size_t>& items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(rng, i)]);
}

void check_inputs(std::span<const std::vector<std::uint8_t>> tokens, std::span<const int> labels,
                  int max_len) {
  if (tokens.size() != labels.size())
    throw Error("training: " + std::to_string(tokens.size()) + " sequences but " +
                std::to_string(labels.size()) + " labels");
  if (tokens.empty()) throw Error("training: no sequences");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (labels[i] != 0 && labels[i] != 1)
      throw Error("training: sequence " + std::to_string(i) + " has label " +
                  std::to_string(labels[i]) + " (expected 0 or 1)");
    if (tokens[i].empty() || tokens[i].size() > static_cast<std::size_t>(max_len))
      throw Error("training: sequence " + std::to_string(i) + " has length " +
                  std::to_string(tokens[i].size()) + " (expected 1.." + std::to_string(max_len) +
                  ")");
    for (std::uint8_t tok : tokens[i])
      if (tok >= kTokenLimit)
        throw Error("training: sequence " + std::to_string(i) + " has token " +
                    std::to_string(tok));
  }
}

}  // namespace

EpochStats Trainer::run_epoch(std::span<const std::vector<std::uint8_t>> tokens,
                              std::span<const int> labels,
                              std::span<const std::uint8_t> is_extra) {
  const auto started = std::chrono::steady_clock::now();
  const Architecture& arch = net_.architecture();
  check_inputs(tokens, labels, arch.max_len);
  const std::size_t total = tokens.size();
  adam_.set_learning_rate(static_cast<float>(
      settings_.learning_rate * std::pow(static_cast<double>(settings_.lr_decay), epochs_done_)));

  std::vector<float> weights;
  if (settings_.length_balanced || settings_.gc_balanced) {
    std::vector<int> bins(total, 0);
    for (std::size_t i = 0; i < total; ++i) {
      if (settings_.length_balanced) bins[i] = static_cast<int>(tokens[i].size()) / kLengthBinWidth;
      if (settings_.gc_balanced) bins[i] = bins[i] * kGcBins + gc_bin(tokens[i]);
    }
    weights = bin_balanced_weights(bins, labels);
  } else if (settings_.extra_negative_share >= 0.0f && !is_extra.empty()) {
    weights = extra_share_weights(labels, is_extra, settings_.extra_negative_share);
  } else {
    weights = class_weights(labels, settings_.class_weights);
  }

  // Batches of similar length: shuffle, sort chunks of ~50 batches by length, cut, shuffle.
  std::vector<std::size_t> order(total);
  std::iota(order.begin(), order.end(), std::size_t{0});
  shuffle(order, rng_);
  const std::size_t batch_size = static_cast<std::size_t>(settings_.batch_size);
  const std::size_t chunk = 50 * batch_size;
  std::vector<std::size_t> batch_starts;
  for (std::size_t first = 0; first < total; first += chunk) {
    const std::size_t last = std::min(total, first + chunk);
    std::stable_sort(
        order.begin() + first, order.begin() + last,
        [&](std::size_t a, std::size_t b) { return tokens[a].size() < tokens[b].size(); });
    for (std::size_t b = first; b < last; b += batch_size) batch_starts.push_back(b);
  }
  std::vector<std::size_t> batch_order(batch_starts.size());
  std::iota(batch_order.begin(), batch_order.end(), std::size_t{0});
  shuffle(batch_order, rng_);

  double loss_sum = 0;
  for (std::size_t k : batch_order) {
    const std::size_t first = batch_starts[k];
    const std::size_t chunk_end = std::min(total, (first / chunk + 1) * chunk);
    const std::size_t last = std::min(chunk_end, first + batch_size);
    run_batch(tokens, labels, std::span(order).subspan(first, last - first), weights.data(),
              loss_sum);
    // A diverged run only gets worse: stop at once, before a broken model can be saved.
    if (!std::isfinite(loss_sum)) {
      throw Error("training diverged in epoch " + std::to_string(epochs_done_ + 1) +
                  ": the loss is no longer a finite number (a lower --lr may help)");
    }
  }
  ++epochs_done_;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return {loss_sum / static_cast<double>(total), seconds};
}

void Trainer::run_batch(std::span<const std::vector<std::uint8_t>> tokens,
                        std::span<const int> labels, std::span<const std::size_t> batch,
                        const float* sample_weight, double& loss_sum) {
  const Architecture& arch = net_.architecture();
  const int parts = static_cast<int>(workers_.size());
  const std::size_t size = batch.size();
  const float scale = 1.0f / static_cast<float>(size);
  const float* params = net_.flat().data();
  const std::uint64_t epoch = static_cast<std::uint64_t>(epochs_done_);
  std::vector<std::exception_ptr> errors(parts);

  const int untouched = arch.max_len * feature_width(arch);
  team_->run([&](int part) {
    Worker& w = *workers_[part];
    // Each worker clears what it wrote for the previous batch (after that batch's Adam step).
    w.grads.zero_touched(w.touched_from);
    w.touched_from = untouched;
    w.loss = 0;
    const std::size_t first = size * part / parts, last = size * (part + 1) / parts;
    if (first == last) return;
    try {
      w.seqs.clear();
      w.seeds.clear();
      w.labels.clear();
      w.weights.clear();
      for (std::size_t i = first; i < last; ++i) {
        const std::size_t index = batch[i];
        w.seqs.emplace_back(tokens[index]);
        w.seeds.push_back(mix_seed(settings_.seed, epoch, index));
        w.labels.push_back(labels[index]);
        w.weights.push_back(sample_weight[index]);
      }
      w.pass.set_batch(w.seqs);
      draw_dropout_masks(arch, w.pass.shape(), w.seeds, w.masks);
      w.pass.forward(params, &w.masks);
      w.loss =
          w.pass.backward(params, w.labels.data(), w.weights.data(), scale, w.grads.flat().data());
      w.touched_from = std::min(w.touched_from, w.pass.dense1_first_column());
    } catch (...) {
      errors[part] = std::current_exception();
    }
  });
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);

  Worker& sum = *workers_[0];
  double batch_loss = sum.loss;
  for (int part = 1; part < parts; ++part) {
    Worker& w = *workers_[part];
    batch_loss += w.loss;
    sum.touched_from = std::min(sum.touched_from, w.touched_from);
    sum.grads.add(w.grads, w.touched_from);
  }
  loss_sum += batch_loss * static_cast<double>(size);
  const std::span<const float> grads = sum.grads.flat();
  adam_.begin_step(net_.flat(), grads);
  team_->run([&](int part) { adam_.update_part(net_.flat(), grads, part, parts); });
  if (!average_.empty()) {
    const float rate = 1.0f - settings_.weight_average;
    const std::span<const float> weights = net_.flat();
    float* average = average_.data();
    for (std::size_t i = 0; i < average_.size(); ++i) average[i] += rate * (weights[i] - average[i]);
  }
}

std::vector<ParamView> Trainer::state_tensors() {
  std::vector<ParamView> views;
  for (const auto& info : net_.layout())
    views.push_back(
        {"adam.m." + info.name, info.shape, adam_.first_moment().data() + info.offset, info.size});
  for (const auto& info : net_.layout())
    views.push_back(
        {"adam.v." + info.name, info.shape, adam_.second_moment().data() + info.offset, info.size});
  if (!average_.empty())
    for (const auto& info : net_.layout())
      views.push_back({"average." + info.name, info.shape, average_.data() + info.offset, info.size});
  return views;
}

std::map<std::string, std::string> Trainer::state_scalars() const {
  std::ostringstream generator;
  generator << rng_;
  return {{"adam.step", std::to_string(adam_.steps())},
          {"epochs_done", std::to_string(epochs_done_)},
          {"rng", generator.str()}};
}

namespace {

std::int64_t parse_count(const std::map<std::string, std::string>& scalars,
                         const std::string& key) {
  const auto it = scalars.find(key);
  if (it == scalars.end()) throw Error("trainer state: missing scalar '" + key + "'");
  std::size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(it->second, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != it->second.size() || value < 0)
    throw Error("trainer state: scalar '" + key + "' is not a non-negative integer: '" +
                it->second + "'");
  return value;
}

}  // namespace

void Trainer::restore_scalars(const std::map<std::string, std::string>& scalars) {
  const std::int64_t steps = parse_count(scalars, "adam.step");
  const std::int64_t epochs = parse_count(scalars, "epochs_done");
  if (epochs > std::numeric_limits<int>::max())
    throw Error("trainer state: epochs_done out of range");
  const auto it = scalars.find("rng");
  if (it == scalars.end()) throw Error("trainer state: missing scalar 'rng'");
  std::istringstream in(it->second);
  std::mt19937_64 generator;
  in >> generator;
  if (in.fail() || !(in >> std::ws).eof())
    throw Error("trainer state: scalar 'rng' is not a valid generator state");
  adam_.set_steps(steps);
  epochs_done_ = static_cast<int>(epochs);
  rng_ = generator;
}

}  // namespace mirgene::nn
