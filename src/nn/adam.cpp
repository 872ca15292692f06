#include "nn/adam.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

Adam::Adam(std::size_t size, const AdamOptions& opt) : opt_(opt), m_(size, 0.0f), v_(size, 0.0f) {}

void Adam::step(std::span<float> params, std::span<const float> grads, int threads) {
  if (params.size() != m_.size() || grads.size() != m_.size())
    throw Error("adam: parameter/gradient size does not match the optimiser");
  ++steps_;
  const double t = static_cast<double>(steps_);
  const float step_size = static_cast<float>(opt_.learning_rate / (1.0 - std::pow(opt_.beta1, t)));
  const float inv_sqrt_c2 = static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(opt_.beta2, t)));
  const float b1 = opt_.beta1, b2 = opt_.beta2, eps = opt_.epsilon;
  const std::int64_t size = static_cast<std::int64_t>(m_.size());
  const int parts = std::max(1, threads);
  // Fixed, 64-element-aligned chunks: every element sees the same arithmetic whatever the split.
  const std::int64_t chunk = ((size + parts - 1) / parts + 63) / 64 * 64;
#pragma omp parallel for num_threads(parts) schedule(static, 1)
  for (int part = 0; part < parts; ++part) {
    const std::int64_t first = std::min<std::int64_t>(size, part * chunk);
    const std::int64_t count = std::min<std::int64_t>(size, first + chunk) - first;
    if (count <= 0) continue;
    Eigen::Map<Eigen::ArrayXf> p(params.data() + first, count);
    Eigen::Map<const Eigen::ArrayXf> g(grads.data() + first, count);
    Eigen::Map<Eigen::ArrayXf> m(m_.data() + first, count);
    Eigen::Map<Eigen::ArrayXf> v(v_.data() + first, count);
    m = b1 * m + (1.0f - b1) * g;
    v = b2 * v + (1.0f - b2) * g.square();
    p -= step_size * m / (v.sqrt() * inv_sqrt_c2 + eps);
  }
}

}  // namespace mirgene::nn
