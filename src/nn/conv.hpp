#pragma once
// 1D convolution over a time-major, right-aligned batch (see batch.hpp), ReLU activation, no
// pooling. 'same' zero padding over each sequence's real positions only: a tap that falls
// before a sequence's first base or after its last reads zero, and outputs on padding steps
// are exactly zero, so a sequence gives the same result alone or in any batch. Even widths
// put the extra tap on the right (PyTorch's and Keras' 'same').
// Weight layout [filters, in, width] (PyTorch's Conv1d).
// Dropout (training): one input mask per sequence, fixed over positions (in x B).
#include "nn/aligned.hpp"
#include "nn/batch.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

template <class T>
class Conv1d {
 public:
  Conv1d(int in, int filters, int width);

  // x: in x (steps*batch), exactly zero on padding steps; must stay alive until backward.
  void forward(const T* weight, const T* bias, const BatchShape& shape, const ConstRef<T>& x,
               const Mat<T>* input_keep);
  ConstMatMap<T> output() const;  // filters x (steps*batch)

  // Adds to g_weight and g_bias; writes d loss / d x (zero on padding) when d_x is not null.
  void backward(T* g_weight, T* g_bias, const ConstRef<T>& d_out, MatMap<T>* d_x);

  int filters() const { return filters_; }
  int in() const { return in_; }

 private:
  // Step offset of tap k: output step s reads input step s + offset(k).
  int offset(int k) const { return k - left_; }

  int in_;
  int filters_;
  int width_;
  int left_;  // taps before the centre
  BatchShape shape_;
  const T* x_ = nullptr;
  const Mat<T>* input_keep_ = nullptr;
  Mat<T> taps_;              // filters x (width*in): block k is tap k's (filters x in) matrix
  Mat<T> g_taps_;            // same layout, gradient of one backward
  AlignedVector<T> x_kept_;  // in x n, input after dropout (training)
  AlignedVector<T> y_;       // filters x n
  AlignedVector<T> dpre_;    // filters x n
};

}  // namespace mirgene::nn
