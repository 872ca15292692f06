#include "nn/conv.hpp"

#include <algorithm>
#include <cstdlib>

#include "nn/workspace.hpp"

namespace mirgene::nn {

template <class T>
Conv1d<T>::Conv1d(int in, int filters, int width)
    : in_(in), filters_(filters), width_(width), left_((width - 1) / 2) {}

template <class T>
void Conv1d<T>::forward(const T* weight, const T* bias, const BatchShape& shape,
                        const ConstRef<T>& x, const Mat<T>* input_keep) {
  shape_ = shape;
  input_keep_ = input_keep;
  const int batch = shape.batch, steps = shape.steps, n = steps * batch;
  // [filters, in, width] row-major -> one contiguous (filters x in) block per tap.
  taps_.resize(filters_, width_ * in_);
  for (int f = 0; f < filters_; ++f)
    for (int c = 0; c < in_; ++c)
      for (int k = 0; k < width_; ++k)
        taps_(f, k * in_ + c) = weight[(static_cast<std::size_t>(f) * in_ + c) * width_ + k];
  if (input_keep == nullptr) {
    x_ = x.data();
  } else {
    auto kept = shaped(x_kept_, in_, n);
    for (int s = 0; s < steps; ++s)
      kept.middleCols(s * batch, batch).array() =
          x.middleCols(s * batch, batch).array() * input_keep->array();
    x_ = x_kept_.data();
  }
  const ConstMatMap<T> input(x_, in_, n);
  auto y = shaped(y_, filters_, n);
  y.colwise() = ConstVecMap<T>(bias, filters_);
  // Padding steps of the input are zero, so each tap is one product over the step range
  // where both its input and output steps lie inside the batch.
  for (int k = 0; k < width_; ++k) {
    const int o = offset(k), count = steps - std::abs(o);
    if (count <= 0) continue;
    y.middleCols(std::max(0, -o) * batch, count * batch).noalias() +=
        taps_.middleCols(k * in_, in_) * input.middleCols(std::max(0, o) * batch, count * batch);
  }
  y = y.cwiseMax(T(0));
  for (int b = 0; b < batch; ++b)
    for (int s = 0; s < shape.start[b]; ++s) y.col(shape.col(s, b)).setZero();
}

template <class T>
ConstMatMap<T> Conv1d<T>::output() const {
  return ConstMatMap<T>(y_.data(), filters_, shape_.steps * shape_.batch);
}

template <class T>
void Conv1d<T>::backward(T* g_weight, T* g_bias, const ConstRef<T>& d_out, MatMap<T>* d_x) {
  const int batch = shape_.batch, steps = shape_.steps, n = steps * batch;
  const ConstMatMap<T> input(x_, in_, n);
  const auto y = output();
  auto dpre = shaped(dpre_, filters_, n);
  // ReLU: no gradient where the output is 0, which includes every padding step.
  dpre.array() = (y.array() > T(0)).select(d_out.array(), T(0));
  VecMap<T>(g_bias, filters_) += dpre.rowwise().sum();
  g_taps_.setZero(filters_, width_ * in_);
  if (d_x != nullptr) d_x->setZero();
  for (int k = 0; k < width_; ++k) {
    const int o = offset(k), count = steps - std::abs(o);
    if (count <= 0) continue;
    const auto out_cols = dpre.middleCols(std::max(0, -o) * batch, count * batch);
    g_taps_.middleCols(k * in_, in_).noalias() +=
        out_cols * input.middleCols(std::max(0, o) * batch, count * batch).transpose();
    if (d_x != nullptr)
      d_x->middleCols(std::max(0, o) * batch, count * batch).noalias() +=
          taps_.middleCols(k * in_, in_).transpose() * out_cols;
  }
  for (int f = 0; f < filters_; ++f)
    for (int c = 0; c < in_; ++c)
      for (int k = 0; k < width_; ++k)
        g_weight[(static_cast<std::size_t>(f) * in_ + c) * width_ + k] += g_taps_(f, k * in_ + c);
  if (d_x == nullptr) return;
  if (input_keep_ != nullptr)
    for (int s = 0; s < steps; ++s)
      d_x->middleCols(s * batch, batch).array() *= input_keep_->array();
  for (int b = 0; b < batch; ++b)
    for (int s = 0; s < shape_.start[b]; ++s) d_x->col(shape_.col(s, b)).setZero();
}

template class Conv1d<float>;
template class Conv1d<double>;

}  // namespace mirgene::nn
