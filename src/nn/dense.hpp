#pragma once
// Fully connected layer y = act(W x + b) on a batch (features x B). The input may be the
// trailing part of a wider, otherwise-zero input (the right-aligned flattened attention
// output): only weight columns [offset, offset + x.rows()) take part, forward and backward.
#include <vector>

#include "nn/aligned.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

enum class Activation { kSigmoid, kIdentity };

template <class T>
class Dense {
 public:
  Dense(int out, int in, Activation act) : out_(out), in_(in), act_(act) {}

  // x must stay alive until backward.
  void forward(const T* weight, const T* bias, const ConstRef<T>& x, int offset = 0);
  ConstMatMap<T> output() const;  // out x B

  // Adds to the gradients of the used weight columns and the bias; writes d loss / d x when
  // d_x is not null.
  void backward(const T* weight, T* g_weight, T* g_bias, const ConstRef<T>& d_out, MatMap<T>* d_x);

  int out() const { return out_; }
  int in() const { return in_; }

 private:
  int out_;
  int in_;
  Activation act_;
  const T* x_ = nullptr;
  int x_rows_ = 0;
  int batch_ = 0;
  int offset_ = 0;
  AlignedVector<T> y_;   // out x B
  AlignedVector<T> dz_;  // out x B
};

}  // namespace mirgene::nn
