#include "nn/dense.hpp"

#include "common/error.hpp"
#include "nn/workspace.hpp"

namespace mirgene::nn {

template <class T>
void Dense<T>::forward(const T* weight, const T* bias, const ConstRef<T>& x, int offset) {
  if (offset < 0 || offset + x.rows() > in_)
    throw Error("dense layer: input rows exceed the layer's input width");
  x_ = x.data();
  x_rows_ = static_cast<int>(x.rows());
  batch_ = static_cast<int>(x.cols());
  offset_ = offset;
  auto y = shaped(y_, out_, batch_);
  const auto w_t = weight_t(weight, out_, in_).middleRows(offset, x_rows_);
  y.noalias() = w_t.transpose() * x;
  y.colwise() += ConstVecMap<T>(bias, out_);
  if (act_ == Activation::kSigmoid) y.array() = sigmoid(y.array());
}

template <class T>
ConstMatMap<T> Dense<T>::output() const {
  return ConstMatMap<T>(y_.data(), out_, batch_);
}

template <class T>
void Dense<T>::backward(const T* weight, T* g_weight, T* g_bias, const ConstRef<T>& d_out,
                        MatMap<T>* d_x) {
  const ConstMatMap<T> x(x_, x_rows_, batch_);
  auto dz = shaped(dz_, out_, batch_);
  if (act_ == Activation::kSigmoid) {
    const auto y = output().array();
    dz.array() = d_out.array() * y * (T(1) - y);
  } else {
    dz = d_out;
  }
  auto g_t = weight_t(g_weight, out_, in_).middleRows(offset_, x_rows_);
  g_t.noalias() += x * dz.transpose();
  VecMap<T>(g_bias, out_) += dz.rowwise().sum();
  if (d_x != nullptr)
    d_x->noalias() = weight_t(weight, out_, in_).middleRows(offset_, x_rows_) * dz;
}

template class Dense<float>;
template class Dense<double>;

}  // namespace mirgene::nn
