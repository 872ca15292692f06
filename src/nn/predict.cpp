// Inference: predict() and explain() from network.hpp.
#include <algorithm>
#include <atomic>
#include <exception>
#include <numeric>
#include <thread>

#include "common/error.hpp"
#include "nn/model_pass.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {
namespace {

constexpr std::size_t kPredictBatch = 256;

void check_sequence(std::span<const std::uint8_t> seq, std::size_t index, int max_len) {
  if (seq.empty()) throw Error("network input: sequence " + std::to_string(index) + " is empty");
  if (seq.size() > static_cast<std::size_t>(max_len))
    throw Error("network input: sequence " + std::to_string(index) + " has " +
                std::to_string(seq.size()) + " positions, more than the maximum " +
                std::to_string(max_len));
  for (std::size_t t = 0; t < seq.size(); ++t)
    if (seq[t] >= kTokenLimit)
      throw Error("network input: sequence " + std::to_string(index) + " has token " +
                  std::to_string(seq[t]) + " at position " + std::to_string(t));
}

}  // namespace

std::vector<float> predict(const Network& net, std::span<const std::vector<std::uint8_t>> seqs,
                           int threads) {
  const Architecture& arch = net.architecture();
  for (std::size_t i = 0; i < seqs.size(); ++i) check_sequence(seqs[i], i, arch.max_len);
  std::vector<float> scores(seqs.size());
  if (seqs.empty()) return scores;
  // Similar lengths together keep padding (wasted steps) small.
  std::vector<std::size_t> order(seqs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return seqs[a].size() < seqs[b].size(); });
  const int batches = static_cast<int>((seqs.size() + kPredictBatch - 1) / kPredictBatch);
  const int workers = std::clamp(threads, 1, batches);
  std::vector<std::exception_ptr> errors(workers);
  const float* params = net.flat().data();
  // Each worker takes whole batches from a shared counter: a batch's scores do not depend on
  // which worker ran it, and plain threads sleep when done instead of spinning.
  std::atomic<int> next_batch{0};
  auto work = [&](int me) {
    try {
      ModelPass<float> pass(arch);
      std::vector<std::span<const std::uint8_t>> batch;
      for (int k = next_batch++; k < batches; k = next_batch++) {
        const std::size_t first = k * kPredictBatch;
        const std::size_t last = std::min(seqs.size(), first + kPredictBatch);
        batch.clear();
        for (std::size_t i = first; i < last; ++i) batch.emplace_back(seqs[order[i]]);
        pass.set_batch(batch);
        pass.forward(params, nullptr);
        const auto probs = pass.probabilities();
        for (std::size_t i = first; i < last; ++i) scores[order[i]] = probs(0, i - first);
      }
    } catch (...) {
      errors[me] = std::current_exception();
      next_batch = batches;
    }
  };
  std::vector<std::thread> helpers;
  for (int me = 1; me < workers; ++me) helpers.emplace_back(work, me);
  work(0);
  for (auto& helper : helpers) helper.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  return scores;
}

Explanation explain(const Network& net, std::span<const std::uint8_t> seq) {
  const Architecture& arch = net.architecture();
  check_sequence(seq, 0, arch.max_len);
  ModelPass<float> pass(arch);
  const std::span<const std::uint8_t> one[] = {seq};
  pass.set_batch(one);
  pass.forward(net.flat().data(), nullptr);
  const int len = static_cast<int>(seq.size());
  Explanation out;
  out.prob = pass.probabilities()(0, 0);
  if (const float* weights = pass.attention_weights()) out.attention.assign(weights, weights + len);
  // Batch of one: column t of the (width x L) features is position t, i.e. row t of L x width.
  const auto features = pass.position_features();
  out.width = pass.feature_width();
  out.h_att.assign(features.data(), features.data() + static_cast<std::size_t>(len) * out.width);
  return out;
}

}  // namespace mirgene::nn
