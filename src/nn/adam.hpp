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

  // One update of params with grads (both of the optimiser's size). The elementwise work is
  // split over `threads` (results do not depend on the split).
  void step(std::span<float> params, std::span<const float> grads, int threads = 1);

  std::int64_t steps() const { return steps_; }
  void set_steps(std::int64_t steps) { steps_ = steps; }
  std::span<float> first_moment() { return m_; }
  std::span<float> second_moment() { return v_; }
  const AdamOptions& options() const { return opt_; }

 private:
  AdamOptions opt_;
  std::int64_t steps_ = 0;
  AlignedVector<float> m_;
  AlignedVector<float> v_;
};

}  // namespace mirgene::nn
