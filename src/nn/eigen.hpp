#pragma once
// Eigen as the nn module uses it. Parallelism is ours (one worker per part of a batch), so
// Eigen's own OpenMP threading is switched off: it would oversubscribe the cores and make a
// "1 thread" run use several.
#ifndef EIGEN_DONT_PARALLELIZE
#define EIGEN_DONT_PARALLELIZE
#endif
#include <Eigen/Core>

namespace mirgene::nn {

template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using MatMap = Eigen::Map<Mat<T>>;
template <class T>
using ConstMatMap = Eigen::Map<const Mat<T>>;
// Read-only matrix argument: binds to Mat, Map or column blocks without copying.
template <class T>
using ConstRef = Eigen::Ref<const Mat<T>>;
template <class T>
using VecMap = Eigen::Map<Vec<T>>;
template <class T>
using ConstVecMap = Eigen::Map<const Vec<T>>;

// A PyTorch (out, in) row-major weight seen as the column-major (in x out) matrix W^T,
// which is the same memory; products use .transpose() without copying.
template <class T>
ConstMatMap<T> weight_t(const T* data, int out, int in) {
  return ConstMatMap<T>(data, in, out);
}
template <class T>
MatMap<T> weight_t(T* data, int out, int in) {
  return MatMap<T>(data, in, out);
}

// Sigmoid through tanh, which Eigen vectorises: s(x) = 0.5 + 0.5 tanh(x / 2).
template <class Derived>
auto sigmoid(const Eigen::ArrayBase<Derived>& x) {
  using T = typename Derived::Scalar;
  return T(0.5) + T(0.5) * (T(0.5) * x).tanh();
}

}  // namespace mirgene::nn
