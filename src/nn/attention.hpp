#pragma once
// Attention over the steps of each sequence: e_t = w . h_t + b, a = softmax of e over the
// sequence's real steps (padding gets exactly 0), output_t = a_t * h_t.
#include <vector>

#include "nn/aligned.hpp"
#include "nn/batch.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

template <class T>
class Attention {
 public:
  explicit Attention(int hidden) : hidden_(hidden) {}

  // h: hidden x (steps*batch); must stay alive until backward.
  void forward(const T* weight, const T* bias, const BatchShape& shape, const ConstRef<T>& h);
  ConstMatMap<T> output() const;            // hidden x n
  const T* weights() const { return a_.data(); }  // n attention weights, time-major

  // Adds to g_weight[hidden], g_bias[1]; writes d loss / d h into d_h.
  void backward(const T* weight, T* g_weight, T* g_bias, const ConstRef<T>& d_out, MatMap<T> d_h);

 private:
  int hidden_;
  BatchShape shape_;
  const T* h_ = nullptr;
  AlignedVector<T> a_;       // n
  AlignedVector<T> out_;     // hidden x n
  AlignedVector<T> de_;      // n
  AlignedVector<T> seq_sum_;  // batch
};

}  // namespace mirgene::nn
