#include "nn/lstm.hpp"

#include <array>

#include "nn/network.hpp"
#include "nn/workspace.hpp"

namespace mirgene::nn {

int token_slots(InputMode mode, std::uint8_t token, int* slots, float* values) {
  const int base = encode::base_token(token);
  const bool known = base < encode::kUnknownToken;
  const int structure = known ? base % encode::kStructureCodes : base - encode::kUnknownToken;
  int count = 0;
  if (mode == InputMode::kStructure) {
    slots[count] = structure;
    values[count++] = 1.0f;
  } else if (known) {
    slots[count] = mode == InputMode::kSequence ? base / encode::kStructureCodes : base;
    values[count++] = 1.0f;
  } else {
    for (int n = 0; n < 4; ++n) {
      slots[count] = mode == InputMode::kSequence ? n : encode::kStructureCodes * n + structure;
      values[count++] = 0.25f;
    }
  }
  if (mode == InputMode::kBothEnergy || mode == InputMode::kBothPairing) {
    // Thermometer: bin e sets the first e slots, so a stronger fold (a likelier pair) keeps
    // every slot a weaker one sets and the network sees the bins' order.
    for (int e = 0; e < encode::energy_bin_of(token); ++e) {
      slots[count] = encode::kInputDim + e;
      values[count++] = 1.0f;
    }
  }
  return count;
}

template <class T>
Lstm<T>::Lstm(int input, int hidden, InputMode mode, bool reverse)
    : input_(input), hidden_(hidden), mode_(mode), reverse_(reverse) {
  const int g = 4 * hidden;
  gate_alpha_.setConstant(g, T(0.5));
  gate_beta_.setConstant(g, T(0.5));
  gate_alpha_.segment(2 * hidden, hidden).setOnes();
  gate_beta_.segment(2 * hidden, hidden).setZero();
}

template <class T>
void Lstm<T>::prepare(const LstmParams<const T>& w, const BatchShape& shape,
                      const Mat<T>* input_keep, const Mat<T>* recurrent_keep) {
  shape_ = shape;
  input_keep_ = input_keep;
  recurrent_keep_ = recurrent_keep;
  const int g = 4 * hidden_;
  w_ih_scaled_ = weight_t(w.w_ih, g, input_).transpose();
  w_hh_scaled_ = weight_t(w.w_hh, g, hidden_).transpose();
  bias_scaled_ = ConstVecMap<T>(w.bias, g);
  w_ih_scaled_.array().colwise() *= gate_alpha_.array();
  w_hh_scaled_.array().colwise() *= gate_alpha_.array();
  bias_scaled_.array() *= gate_alpha_.array();
}

template <class T>
void Lstm<T>::forward_tokens(const LstmParams<const T>& w, const BatchShape& shape,
                             const std::uint8_t* tokens, const Mat<T>* input_keep,
                             const Mat<T>* recurrent_keep) {
  prepare(w, shape, input_keep, recurrent_keep);
  tokens_ = tokens;
  dense_input_ = nullptr;
  const int g = 4 * hidden_, batch = shape.batch, n = shape.steps * batch;
  auto gates = shaped(gates_, g, n);
  int slots[kMaxTokenSlots];
  float values[kMaxTokenSlots];
  if (input_keep == nullptr) {
    // A column per token value the batch holds, computed on first use: there are 240 values
    // but a batch holds few (one energy bin per sequence).
    token_table_.resize(g, kTokenLimit);
    std::array<bool, kTokenLimit> filled{};
    for (int c = 0; c < n; ++c) {
      const std::uint8_t tok = tokens[c];
      if (tok == kPadToken) {
        gates.col(c) = bias_scaled_;
        continue;
      }
      if (!filled[tok]) {
        token_table_.col(tok) = bias_scaled_;
        const int count = token_slots(mode_, tok, slots, values);
        for (int k = 0; k < count; ++k)
          token_table_.col(tok) += T(values[k]) * w_ih_scaled_.col(slots[k]);
        filled[tok] = true;
      }
      gates.col(c) = token_table_.col(tok);
    }
  } else {
    for (int c = 0; c < n; ++c) {
      gates.col(c) = bias_scaled_;
      const std::uint8_t tok = tokens[c];
      if (tok == kPadToken) continue;
      const int count = token_slots(mode_, tok, slots, values);
      for (int k = 0; k < count; ++k) {
        const T coef = T(values[k]) * (*input_keep)(slots[k], c % batch);
        if (coef != T(0)) gates.col(c) += coef * w_ih_scaled_.col(slots[k]);
      }
    }
  }
  recur();
}

template <class T>
void Lstm<T>::forward_dense(const LstmParams<const T>& w, const BatchShape& shape,
                            const ConstRef<T>& x, const Mat<T>* input_keep,
                            const Mat<T>* recurrent_keep) {
  prepare(w, shape, input_keep, recurrent_keep);
  tokens_ = nullptr;
  dense_input_ = x.data();
  const int g = 4 * hidden_, batch = shape.batch, n = shape.steps * batch;
  auto gates = shaped(gates_, g, n);
  if (input_keep == nullptr) {
    gates.noalias() = w_ih_scaled_ * x;
  } else {
    auto kept = shaped(x_kept_, input_, n);
    for (int s = 0; s < shape.steps; ++s)
      kept.middleCols(s * batch, batch).array() =
          x.middleCols(s * batch, batch).array() * input_keep->array();
    gates.noalias() = w_ih_scaled_ * kept;
  }
  gates.colwise() += bias_scaled_;
  recur();
}

template <class T>
void Lstm<T>::recur() {
  const int h = hidden_, g = 4 * h, batch = shape_.batch, steps = shape_.steps;
  const int n = steps * batch;
  auto gates = shaped(gates_, g, n);
  auto cell = shaped(cell_, h, n);
  auto tanh_c = shaped(tanh_c_, h, n);
  auto out = shaped(h_, h, n);
  auto h_kept = shaped(h_kept_, h, batch);
  for (int k = 0; k < steps; ++k) {
    // Step s is the k-th processed; prev the one processed before it.
    const int s = reverse_ ? steps - 1 - k : k;
    const int prev = reverse_ ? s + 1 : s - 1;
    auto z = gates.middleCols(s * batch, batch);
    if (k > 0) {
      auto h_prev = out.middleCols(prev * batch, batch);
      if (recurrent_keep_ == nullptr) {
        z.noalias() += w_hh_scaled_ * h_prev;
      } else {
        h_kept.array() = h_prev.array() * recurrent_keep_->array();
        z.noalias() += w_hh_scaled_ * h_kept;
      }
    }
    z.array() = z.array().tanh();
    z.array().colwise() *= gate_alpha_.array();
    z.array().colwise() += gate_beta_.array();
    auto c = cell.middleCols(s * batch, batch);
    auto i_gate = z.topRows(h).array();
    auto f_gate = z.middleRows(h, h).array();
    auto g_gate = z.middleRows(2 * h, h).array();
    auto o_gate = z.bottomRows(h).array();
    if (k > 0)
      c.array() = f_gate * cell.middleCols(prev * batch, batch).array() + i_gate * g_gate;
    else
      c.array() = i_gate * g_gate;
    auto tc = tanh_c.middleCols(s * batch, batch);
    tc.array() = c.array().tanh();
    auto hs = out.middleCols(s * batch, batch);
    hs.array() = o_gate * tc.array();
    for (int b = 0; b < batch; ++b) {
      if (shape_.start[b] <= s) continue;
      c.col(b).setZero();
      tc.col(b).setZero();
      hs.col(b).setZero();
    }
  }
}

template <class T>
ConstMatMap<T> Lstm<T>::output() const {
  return ConstMatMap<T>(h_.data(), hidden_, shape_.steps * shape_.batch);
}

template <class T>
void Lstm<T>::backward_recurrence(const LstmParams<const T>& w, const LstmParams<T>& grad,
                                  const ConstRef<T>& d_out) {
  const int h = hidden_, g = 4 * h, batch = shape_.batch, steps = shape_.steps;
  const int n = steps * batch;
  auto gates = shaped(gates_, g, n);
  auto cell = shaped(cell_, h, n);
  auto tanh_c = shaped(tanh_c_, h, n);
  auto out = shaped(h_, h, n);
  auto dz = shaped(dz_, g, n);
  auto dh = shaped(dh_, h, batch);
  auto dc = shaped(dc_, h, batch);
  const auto w_hh_t = weight_t(w.w_hh, g, h);  // H x 4H
  dc.setZero();
  dh.setZero();
  for (int k = steps - 1; k >= 0; --k) {
    const int s = reverse_ ? steps - 1 - k : k;
    const int prev = reverse_ ? s + 1 : s - 1;
    // dh holds the recurrent part from the step processed after s; add what the layer above
    // sends.
    dh += d_out.middleCols(s * batch, batch);
    for (int b = 0; b < batch; ++b) {
      if (shape_.start[b] <= s) continue;
      dh.col(b).setZero();
      dc.col(b).setZero();
    }
    auto z = gates.middleCols(s * batch, batch);
    auto i_gate = z.topRows(h).array();
    auto f_gate = z.middleRows(h, h).array();
    auto g_gate = z.middleRows(2 * h, h).array();
    auto o_gate = z.bottomRows(h).array();
    auto tc = tanh_c.middleCols(s * batch, batch).array();
    auto d = dz.middleCols(s * batch, batch);
    dc.array() += dh.array() * o_gate * (T(1) - tc.square());
    d.bottomRows(h).array() = dh.array() * tc * o_gate * (T(1) - o_gate);
    d.topRows(h).array() = dc.array() * g_gate * i_gate * (T(1) - i_gate);
    d.middleRows(2 * h, h).array() = dc.array() * i_gate * (T(1) - g_gate.square());
    if (k > 0) {
      d.middleRows(h, h).array() =
          dc.array() * cell.middleCols(prev * batch, batch).array() * f_gate * (T(1) - f_gate);
      dc.array() *= f_gate;
      dh.noalias() = w_hh_t * d;
      if (recurrent_keep_ != nullptr) dh.array() *= recurrent_keep_->array();
    } else {
      d.middleRows(h, h).setZero();
    }
  }
  VecMap<T>(grad.bias, g) += dz.rowwise().sum();
  if (steps > 1) {
    // Column c of dz pairs with the previous state at column c - batch (forward) or
    // c + batch (reverse).
    const int m = n - batch;
    const int h_first = reverse_ ? batch : 0, dz_first = reverse_ ? 0 : batch;
    auto g_hh_t = weight_t(grad.w_hh, g, h);  // H x 4H
    if (recurrent_keep_ == nullptr) {
      g_hh_t.noalias() += out.middleCols(h_first, m) * dz.middleCols(dz_first, m).transpose();
    } else {
      auto kept = shaped(h_kept_, h, m);
      for (int s = 0; s + 1 < steps; ++s)
        kept.middleCols(s * batch, batch).array() =
            out.middleCols(h_first + s * batch, batch).array() * recurrent_keep_->array();
      g_hh_t.noalias() += kept * dz.middleCols(dz_first, m).transpose();
    }
  }
}

template <class T>
void Lstm<T>::backward_tokens(const LstmParams<const T>& w, const LstmParams<T>& grad,
                              const ConstRef<T>& d_out) {
  backward_recurrence(w, grad, d_out);
  const int g = 4 * hidden_, batch = shape_.batch, n = shape_.steps * batch;
  auto dz = shaped(dz_, g, n);
  g_ih_cols_.setZero(g, input_);
  int slots[kMaxTokenSlots];
  float values[kMaxTokenSlots];
  for (int c = 0; c < n; ++c) {
    const std::uint8_t tok = tokens_[c];
    if (tok == kPadToken) continue;
    const int count = token_slots(mode_, tok, slots, values);
    for (int k = 0; k < count; ++k) {
      T coef = T(values[k]);
      if (input_keep_ != nullptr) coef *= (*input_keep_)(slots[k], c % batch);
      if (coef != T(0)) g_ih_cols_.col(slots[k]) += coef * dz.col(c);
    }
  }
  weight_t(grad.w_ih, g, input_) += g_ih_cols_.transpose();
}

template <class T>
void Lstm<T>::backward_dense(const LstmParams<const T>& w, const LstmParams<T>& grad,
                             const ConstRef<T>& d_out, MatMap<T> d_x) {
  backward_recurrence(w, grad, d_out);
  const int g = 4 * hidden_, batch = shape_.batch, n = shape_.steps * batch;
  auto dz = shaped(dz_, g, n);
  auto g_ih_t = weight_t(grad.w_ih, g, input_);  // input x 4H
  if (input_keep_ == nullptr) {
    // Without dropout the input is not copied: the caller keeps x alive until backward.
    g_ih_t.noalias() += ConstMatMap<T>(dense_input_, input_, n) * dz.transpose();
  } else {
    g_ih_t.noalias() += shaped(x_kept_, input_, n) * dz.transpose();
  }
  d_x.noalias() = weight_t(w.w_ih, g, input_) * dz;
  if (input_keep_ != nullptr)
    for (int s = 0; s < shape_.steps; ++s)
      d_x.middleCols(s * batch, batch).array() *= input_keep_->array();
}

template class Lstm<float>;
template class Lstm<double>;

}  // namespace mirgene::nn
