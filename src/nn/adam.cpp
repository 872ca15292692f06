#include "nn/adam.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

Adam::Adam(std::size_t size, const AdamOptions& opt) : opt_(opt), m_(size, 0.0f), v_(size, 0.0f) {}

void Adam::begin_step(std::span<float> params, std::span<const float> grads) {
  if (params.size() != m_.size() || grads.size() != m_.size())
    throw Error("adam: parameter/gradient size does not match the optimiser");
  ++steps_;
  const double t = static_cast<double>(steps_);
  step_size_ = static_cast<float>(opt_.learning_rate / (1.0 - std::pow(opt_.beta1, t)));
  inv_sqrt_c2_ = static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(opt_.beta2, t)));
}

void Adam::update_part(std::span<float> params, std::span<const float> grads, int part, int parts) {
  const std::int64_t size = static_cast<std::int64_t>(m_.size());
  parts = std::max(1, parts);
  const std::int64_t chunk = ((size + parts - 1) / parts + 63) / 64 * 64;
  const std::int64_t first = std::min<std::int64_t>(size, part * chunk);
  const std::int64_t count = std::min<std::int64_t>(size, first + chunk) - first;
  if (count <= 0) return;
  const float b1 = opt_.beta1, b2 = opt_.beta2, eps = opt_.epsilon;
  const float step_size = step_size_, inv_sqrt_c2 = inv_sqrt_c2_;
  // Blocks small enough to stay in L1, so the three statements make one pass over memory.
  constexpr std::int64_t kBlock = 1024;
  for (std::int64_t at = first; at < first + count; at += kBlock) {
    const std::int64_t len = std::min(kBlock, first + count - at);
    Eigen::Map<const Eigen::ArrayXf> g(grads.data() + at, len);
    Eigen::Map<Eigen::ArrayXf> m(m_.data() + at, len);
    Eigen::Map<Eigen::ArrayXf> v(v_.data() + at, len);
    m = b1 * m + (1.0f - b1) * g;
    v = b2 * v + (1.0f - b2) * g.square();
    // Not Eigen's v.sqrt(): its vectorised square root is an approximation (EIGEN_FAST_MATH)
    // while the unaligned ends of a block are done exactly, so the result depended on memory
    // alignment and on where the parts start, i.e. on the thread count. std::sqrt is exact
    // in both forms; adam.cpp is compiled with -fno-math-errno so that GCC still vectorises
    // this loop.
    float* p = params.data() + at;
    const float* mv = m_.data() + at;
    const float* vv = v_.data() + at;
    for (std::int64_t i = 0; i < len; ++i)
      p[i] -= step_size * mv[i] / (std::sqrt(vv[i]) * inv_sqrt_c2 + eps);
  }
}

void Adam::step(std::span<float> params, std::span<const float> grads) {
  begin_step(params, grads);
  update_part(params, grads, 0, 1);
}

}  // namespace mirgene::nn
