#pragma once
// Forward and backward pass of a whole network (any Architecture) for one batch, on a flat
// parameter array (parameter_layout order). Templated on the scalar so gradients can be
// checked in double; the library runs it in float. One ModelPass per worker: it owns all
// workspaces and reuses them from batch to batch.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "nn/aligned.hpp"
#include "nn/attention.hpp"
#include "nn/batch.hpp"
#include "nn/conv.hpp"
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
  // empty sequence, one longer than max_len, or a token >= kTokenLimit.
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

  // Internals of the last forward, for explain(): attention weights (steps*batch,
  // time-major; null without attention) and the per-position features the flatten read
  // (feature_width x steps*batch: attention-weighted when the model has attention).
  const T* attention_weights() const;
  ConstMatMap<T> position_features() const;
  int feature_width() const { return width_; }

  // First weight column of the flatten reader (dense1) touched by the last batch (columns
  // before it get no gradient): (max_len - steps) * feature_width.
  int dense1_first_column() const { return (arch_.max_len - shape_.steps) * width_; }

 private:
  // `spec` of each stage: its index in layer_specs(), which also indexes its dropout masks.
  struct ConvStage {
    Conv1d<T> layer;
    std::size_t spec, weight, bias;
  };
  struct Direction {
    Lstm<T> lstm;
    std::size_t spec, w_ih, w_hh, bias;
  };
  struct RecurrentStage {
    std::vector<Direction> directions;  // forward, then reverse when bidirectional
    int units;
    AlignedVector<T> concat;   // 2H x n: both directions' outputs (bidirectional only)
    AlignedVector<T> d_other;  // input x n: the reverse direction's input gradient
  };
  struct DenseStage {
    Dense<T> layer;
    std::size_t spec, weight, bias;
    bool dropout;           // its input is masked in training (not the flatten reader's)
    AlignedVector<T> kept;  // input after dropout (training)
    AlignedVector<T> d_in;  // d loss / d input
  };

  void expand_tokens();
  ConstMatMap<T> stage_output(std::size_t stage) const;  // conv stages, then recurrent

  Architecture arch_;
  int width_;  // feature_width(arch_)
  BatchShape shape_;
  std::vector<std::uint8_t> tokens_;  // steps x batch, time-major
  const DropoutMasks<T>* masks_ = nullptr;

  std::vector<ConvStage> conv_;
  std::vector<RecurrentStage> recurrent_;
  std::optional<Attention<T>> attention_;
  std::size_t attention_weight_ = 0, attention_bias_ = 0;
  std::vector<DenseStage> dense_;  // the sigmoid layers, then the output layer

  AlignedVector<T> input_;  // input width x n: token inputs of a first conv layer
  AlignedVector<T> flat_;   // (steps*width) x B, after dropout
  AlignedVector<T> probs_;  // classes x B
  AlignedVector<T> d_logits_;
  AlignedVector<T> d_flat_;
  AlignedVector<T> d_hatt_;
  std::vector<AlignedVector<T>> d_stage_;  // per conv/recurrent stage: d loss / d output
};

}  // namespace mirgene::nn
