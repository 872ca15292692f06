#pragma once
// One LSTM layer over a time-major, right-aligned batch (see batch.hpp), PyTorch gate order
// [i, f, g, o]. The input is either token codes (first layer: the input projection of a
// one-hot vector is a column lookup) or a dense matrix (the previous layer's outputs).
// Dropout (training): one input mask and one recurrent mask per sequence, fixed over time,
// given as (width x B) matrices of 0 or 1/(1-p). State is exactly zero on padding steps.
// A reverse layer runs from the last step to the first: with right-aligned sequences every
// sequence's last base is the batch's last step, so each starts from a zero state at its own
// last base and its outputs stay aligned with the forward layer's (same columns).
#include <cstdint>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/aligned.hpp"
#include "nn/architecture.hpp"
#include "nn/batch.hpp"
#include "nn/eigen.hpp"

namespace mirgene::nn {

// Views into the flat parameter (or gradient) array, PyTorch (out, in) row-major layout.
template <class T>
struct LstmParams {
  T* w_ih;  // [4H, input]
  T* w_hh;  // [4H, H]
  T* bias;  // [4H]
};

template <class T>
class Lstm {
 public:
  // mode: how tokens map to input slots (forward_tokens); input must then be its width.
  Lstm(int input, int hidden, InputMode mode = InputMode::kBoth, bool reverse = false);

  // tokens: steps*batch codes, time-major, kPadToken on padding.
  // Masks may be null (no dropout). All inputs must stay alive until backward.
  void forward_tokens(const LstmParams<const T>& w, const BatchShape& shape,
                      const std::uint8_t* tokens, const Mat<T>* input_keep,
                      const Mat<T>* recurrent_keep);
  // x: input x (steps*batch).
  void forward_dense(const LstmParams<const T>& w, const BatchShape& shape, const ConstRef<T>& x,
                     const Mat<T>* input_keep, const Mat<T>* recurrent_keep);

  // hidden x (steps*batch); zero columns on padding steps.
  ConstMatMap<T> output() const;

  // d_out: d loss / d output(). Gradients are added to g.
  void backward_tokens(const LstmParams<const T>& w, const LstmParams<T>& g,
                       const ConstRef<T>& d_out);
  // Also writes d loss / d x (input x steps*batch) into d_x.
  void backward_dense(const LstmParams<const T>& w, const LstmParams<T>& g,
                      const ConstRef<T>& d_out, MatMap<T> d_x);

  int hidden() const { return hidden_; }
  int input() const { return input_; }

 private:
  void prepare(const LstmParams<const T>& w, const BatchShape& shape, const Mat<T>* input_keep,
               const Mat<T>* recurrent_keep);
  void recur();
  void backward_recurrence(const LstmParams<const T>& w, const LstmParams<T>& g,
                           const ConstRef<T>& d_out);

  int input_;
  int hidden_;
  InputMode mode_;
  bool reverse_;
  BatchShape shape_;
  const std::uint8_t* tokens_ = nullptr;
  const T* dense_input_ = nullptr;
  const Mat<T>* input_keep_ = nullptr;
  const Mat<T>* recurrent_keep_ = nullptr;

  // Weights with the sigmoid-gate rows halved, so one tanh over all 4H rows gives every gate
  // (sigmoid(z) = 0.5 + 0.5 tanh(z / 2)).
  Mat<T> w_ih_scaled_;  // 4H x input
  Mat<T> w_hh_scaled_;  // 4H x H
  Vec<T> bias_scaled_;  // 4H
  // 4H x kTokenLimit: scaled W_ih x(token) + bias (no input dropout), filled for the tokens
  // of the batch only
  Mat<T> token_table_;
  Vec<T> gate_alpha_;  // per row: 0.5 (sigmoid gates) or 1 (g)
  Vec<T> gate_beta_;   // per row: 0.5 or 0

  AlignedVector<T> gates_;   // 4H x n: activated gates
  AlignedVector<T> cell_;    // H x n
  AlignedVector<T> tanh_c_;  // H x n
  AlignedVector<T> h_;       // H x n
  AlignedVector<T> x_kept_;  // input x n: dense input after dropout (training only)
  AlignedVector<T> h_kept_;  // H x B (forward) / H x n (backward): h_{t-1} after dropout
  AlignedVector<T> dz_;      // 4H x n
  AlignedVector<T> dh_;      // H x B
  AlignedVector<T> dc_;      // H x B
  Mat<T> g_ih_cols_;         // 4H x input: token-mode W_ih gradient, column per input slot
};

// Most slots a token sets: an unknown nucleotide's 4 plus every energy slot.
inline constexpr int kMaxTokenSlots = 4 + encode::kEnergyEdges;

// Input slots and values (at most kMaxTokenSlots) of a token's input vector in the given mode:
// the one place where tokens become input vectors. Token = base + 20 e (encode::encode), base
// 4 n + s (nucleotide n, structure s) or 16 + s (unknown nucleotide), e the energy bin:
//   both:        slot 4n + s = 1;  16 + s spreads 0.25 over slots {4n + s}
//   sequence:    slot n = 1;       16 + s spreads 0.25 over slots 0..3
//   structure:   slot s = 1;       16 + s has slot s = 1
//   both+energy: the slots of both, and slots 16 .. 16 + e - 1 = 1 (a thermometer code)
//   both+pairing: the same, e being the base's pairing-probability bin (encode::with_pairing)
// Every mode but those two ignores e. Returns the slot count.
int token_slots(InputMode mode, std::uint8_t token, int* slots, float* values);

}  // namespace mirgene::nn
