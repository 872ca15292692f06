#pragma once
// Forward and backward pass of the whole network for one batch, on a flat parameter array
// (parameter_layout order). Templated on the scalar so gradients can be checked in double;
// the library runs it in float. One ModelPass per worker: it owns all workspaces and reuses
// them from batch to batch.
#include <cstdint>
#include <span>
#include <vector>

#include "nn/attention.hpp"
#include "nn/aligned.hpp"
#include "nn/batch.hpp"
#include "nn/dense.hpp"
#include "nn/dropout.hpp"
#include "nn/eigen.hpp"
#include "nn/lstm.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {

template <class T>
class ModelPass {
 public:
  explicit ModelPass(const Architecture& arch);

  // Lays the sequences out as a right-aligned, time-major batch. Throws mirgene::Error for an
  // empty sequence, one longer than max_len, or a token >= kTokenCount.
  void set_batch(std::span<const std::span<const std::uint8_t>> seqs);
  const BatchShape& shape() const { return shape_; }

  // Eval mode when masks is null; otherwise training mode with these dropout masks.
  void forward(const T* params, const DropoutMasks<T>* masks);
  // classes x B softmax output of the last forward; row 0 = P(pre-miRNA).
  ConstMatMap<T> probabilities() const;

  // After forward: loss = scale * sum_b w_b CE_b (weights may be null = all 1) and its
  // gradient, added to grads (flat, parameter_layout order). Returns the loss.
  T backward(const T* params, const int* labels, const T* weights, T scale, T* grads);
  // Loss only (no gradient), after forward.
  T loss(const int* labels, const T* weights, T scale);

  // Per-step internals of the last forward (time-major columns), for explain().
  const Attention<T>& attention() const { return attention_; }

  // First weight column of dense1 touched by the last batch (columns before it get no
  // gradient): (max_len - steps) * lstm2.
  int dense1_first_column() const { return (arch_.max_len - shape_.steps) * arch_.lstm2; }

 private:
  LstmParams<const T> lstm_params(const T* params, ParamId first) const;
  LstmParams<T> lstm_grads(T* grads, ParamId first) const;

  Architecture arch_;
  std::vector<std::size_t> offset_;
  BatchShape shape_;
  std::vector<std::uint8_t> tokens_;  // steps x batch, time-major
  const DropoutMasks<T>* masks_ = nullptr;

  Lstm<T> lstm1_;
  Lstm<T> lstm2_;
  Attention<T> attention_;
  Dense<T> dense1_;
  Dense<T> dense2_;
  Dense<T> output_;

  AlignedVector<T> flat_;         // (steps*lstm2) x B, after dropout
  AlignedVector<T> dense1_kept_;  // dense1 x B, after dropout (training)
  AlignedVector<T> probs_;        // classes x B
  AlignedVector<T> d_logits_;
  AlignedVector<T> d_a2_;
  AlignedVector<T> d_a1_;
  AlignedVector<T> d_flat_;
  AlignedVector<T> d_hatt_;
  AlignedVector<T> d_h2_;
  AlignedVector<T> d_h1_;
};

}  // namespace mirgene::nn
