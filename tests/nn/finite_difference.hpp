#pragma once
// Finite-difference gradient checks in double, shared by the layer and network tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "nn/batch.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn::test_support {

using D = double;

inline std::vector<D> random_values(std::size_t n, std::mt19937_64& rng, D limit) {
  std::uniform_real_distribution<D> dist(-limit, limit);
  std::vector<D> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

// Checks analytic[i] against the central difference of loss() in values[i] for the given
// coordinates (all when empty).
inline void expect_gradient(std::vector<D>& values, const std::vector<D>& analytic,
                            const std::function<D()>& loss, const char* what,
                            std::vector<std::size_t> coords = {}) {
  if (coords.empty())
    for (std::size_t i = 0; i < values.size(); ++i) coords.push_back(i);
  const D eps = 1e-6;
  for (std::size_t i : coords) {
    const D saved = values[i];
    values[i] = saved + eps;
    const D up = loss();
    values[i] = saved - eps;
    const D down = loss();
    values[i] = saved;
    const D numeric = (up - down) / (2 * eps);
    const D scale = std::max({std::abs(numeric), std::abs(analytic[i]), D(1e-4)});
    EXPECT_LT(std::abs(numeric - analytic[i]) / scale, 1e-5)
        << what << "[" << i << "]: numeric " << numeric << " analytic " << analytic[i];
  }
}

inline BatchShape make_shape(std::vector<int> lengths) {
  BatchShape shape;
  shape.batch = static_cast<int>(lengths.size());
  for (int len : lengths) shape.steps = std::max(shape.steps, len);
  for (int len : lengths) shape.start.push_back(shape.steps - len);
  return shape;
}

inline Mat<D> random_keep(int rows, int cols, std::mt19937_64& rng) {
  Mat<D> keep(rows, cols);
  std::bernoulli_distribution drop(0.3);
  for (int c = 0; c < cols; ++c)
    for (int r = 0; r < rows; ++r) keep(r, c) = drop(rng) ? 0.0 : 1.0 / 0.9;
  return keep;
}

// sum(R .* out) as the loss, so d loss / d out = R.
inline D weighted_sum(const ConstMatMap<D>& out, const Mat<D>& r) {
  return (out.array() * r.array()).sum();
}

}  // namespace mirgene::nn::test_support
