// Inference: predict() and explain() from network.hpp.
#include <algorithm>
#include <exception>
#include <memory>
#include <numeric>
#include <omp.h>

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
    if (seq[t] >= kTokenCount)
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
  std::vector<std::unique_ptr<ModelPass<float>>> passes(workers);
  std::vector<std::exception_ptr> errors(workers);
  const float* params = net.flat().data();

#pragma omp parallel num_threads(workers)
  {
    const int me = omp_get_thread_num();
    std::vector<std::span<const std::uint8_t>> batch;
#pragma omp for schedule(dynamic, 1)
    for (int k = 0; k < batches; ++k) {
      if (errors[me]) continue;
      try {
        if (!passes[me]) passes[me] = std::make_unique<ModelPass<float>>(arch);
        const std::size_t first = k * kPredictBatch;
        const std::size_t last = std::min(seqs.size(), first + kPredictBatch);
        batch.clear();
        for (std::size_t i = first; i < last; ++i) batch.emplace_back(seqs[order[i]]);
        passes[me]->set_batch(batch);
        passes[me]->forward(params, nullptr);
        const auto probs = passes[me]->probabilities();
        for (std::size_t i = first; i < last; ++i) scores[order[i]] = probs(0, i - first);
      } catch (...) {
        errors[me] = std::current_exception();
      }
    }
  }
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
  const float* weights = pass.attention().weights();
  out.attention.assign(weights, weights + len);
  // Batch of one: column t of the (lstm2 x L) output is position t, i.e. row t of L x lstm2.
  const auto h_att = pass.attention().output();
  out.h_att.assign(h_att.data(), h_att.data() + static_cast<std::size_t>(len) * arch.lstm2);
  return out;
}

}  // namespace mirgene::nn
