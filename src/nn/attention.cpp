#include "nn/attention.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "nn/workspace.hpp"

namespace mirgene::nn {
namespace {
template <class T>
using RowArrayOf = Eigen::Array<T, 1, Eigen::Dynamic>;
}  // namespace

template <class T>
void Attention<T>::forward(const T* weight, const T* bias, const BatchShape& shape,
                           const ConstRef<T>& h) {
  shape_ = shape;
  h_ = h.data();
  const int batch = shape.batch, steps = shape.steps, n = steps * batch;
  auto a = shaped(a_, 1, n);
  a.noalias() = ConstVecMap<T>(weight, hidden_).transpose() * h;
  a.array() += bias[0];
  auto seq_max = shaped(seq_sum_, 1, batch);
  seq_max.setConstant(-std::numeric_limits<T>::infinity());
  for (int s = 0; s < steps; ++s)
    for (int b = 0; b < batch; ++b)
      if (shape.active(s, b)) seq_max(b) = std::max(seq_max(b), a(shape.col(s, b)));
  for (int s = 0; s < steps; ++s) {
    auto block = a.middleCols(s * batch, batch);
    block.array() = (block.array() - seq_max.array()).exp();
    for (int b = 0; b < batch; ++b)
      if (!shape.active(s, b)) block(b) = T(0);
  }
  auto& seq_total = seq_max;  // reuse: max no longer needed
  seq_total.setZero();
  for (int s = 0; s < steps; ++s) seq_total += a.middleCols(s * batch, batch);
  seq_total = seq_total.cwiseInverse();
  for (int s = 0; s < steps; ++s) a.middleCols(s * batch, batch).array() *= seq_total.array();
  auto out = shaped(out_, hidden_, n);
  out.array() = h.array().rowwise() * Eigen::Map<const RowArrayOf<T>>(a_.data(), n);
}

template <class T>
ConstMatMap<T> Attention<T>::output() const {
  return ConstMatMap<T>(out_.data(), hidden_, shape_.steps * shape_.batch);
}

template <class T>
void Attention<T>::backward(const T* weight, T* g_weight, T* g_bias, const ConstRef<T>& d_out,
                            MatMap<T> d_h) {
  const int batch = shape_.batch, steps = shape_.steps, n = steps * batch;
  const ConstMatMap<T> h(h_, hidden_, n);
  const ConstMatMap<T> a(a_.data(), 1, n);
  auto de = shaped(de_, 1, n);
  // d loss / d a_t, then through the softmax: de_t = a_t (da_t - sum_u a_u da_u).
  de.noalias() = (d_out.array() * h.array()).colwise().sum().matrix();
  auto expected = shaped(seq_sum_, 1, batch);
  expected.setZero();
  for (int s = 0; s < steps; ++s)
    expected.array() += a.middleCols(s * batch, batch).array() * de.middleCols(s * batch, batch).array();
  for (int s = 0; s < steps; ++s) {
    auto block = de.middleCols(s * batch, batch);
    block.array() = a.middleCols(s * batch, batch).array() * (block.array() - expected.array());
  }
  d_h.array() = d_out.array().rowwise() * Eigen::Map<const RowArrayOf<T>>(a_.data(), n);
  d_h.noalias() += ConstVecMap<T>(weight, hidden_) * de;
  VecMap<T>(g_weight, hidden_).noalias() += h * de.transpose();
  g_bias[0] += de.sum();
}

template class Attention<float>;
template class Attention<double>;

}  // namespace mirgene::nn
