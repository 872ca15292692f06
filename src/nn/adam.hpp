#pragma once
// Adam (Kingma & Ba) on a flat parameter vector, in PyTorch's form:
// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
#include <cstdint>
#include <span>
#include <vector>

#include "nn/aligned.hpp"

namespace mirgene::nn {

struct AdamOptions {
  float learning_rate = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float epsilon = 1e-7f;
};

class Adam {
 public:
  Adam(std::size_t size, const AdamOptions& opt = {});

  // One update of params with grads (both of the optimiser's size), on the calling thread.
  void step(std::span<float> params, std::span<const float> grads);

  // The same update split for callers that own threads: begin_step() once, then
  // update_part(p, parts) for every p in 0..parts-1, in any order or concurrently. Parts are
  // fixed 64-element-aligned ranges, so results do not depend on the split.
  void begin_step(std::span<float> params, std::span<const float> grads);
  void update_part(std::span<float> params, std::span<const float> grads, int part, int parts);

  std::int64_t steps() const { return steps_; }
  void set_steps(std::int64_t steps) { steps_ = steps; }
  std::span<float> first_moment() { return m_; }
  std::span<float> second_moment() { return v_; }
  const AdamOptions& options() const { return opt_; }
  // Takes effect from the next step (a schedule sets it between epochs).
  void set_learning_rate(float learning_rate) { opt_.learning_rate = learning_rate; }

 private:
  AdamOptions opt_;
  std::int64_t steps_ = 0;
  float step_size_ = 0;    // lr / (1 - b1^t) of the current step
  float inv_sqrt_c2_ = 0;  // 1 / sqrt(1 - b2^t) of the current step
  AlignedVector<float> m_;
  AlignedVector<float> v_;
};

}  // namespace mirgene::nn
