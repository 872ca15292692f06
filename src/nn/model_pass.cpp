#include "nn/model_pass.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"
#include "nn/softmax_ce.hpp"
#include "nn/workspace.hpp"

namespace mirgene::nn {

template <class T>
ModelPass<T>::ModelPass(const Architecture& arch)
    : arch_(arch),
      lstm1_(kInputWidth, arch.lstm1),
      lstm2_(arch.lstm1, arch.lstm2),
      attention_(arch.lstm2),
      dense1_(arch.dense1, arch.max_len * arch.lstm2, Activation::kSigmoid),
      dense2_(arch.dense2, arch.dense1, Activation::kSigmoid),
      output_(kClasses, arch.dense2, Activation::kIdentity) {
  for (const auto& info : parameter_layout(arch)) offset_.push_back(info.offset);
}

template <class T>
void ModelPass<T>::set_batch(std::span<const std::span<const std::uint8_t>> seqs) {
  const int batch = static_cast<int>(seqs.size());
  if (batch == 0) throw Error("network batch: no sequences");
  int steps = 0;
  for (int b = 0; b < batch; ++b) {
    const auto len = seqs[b].size();
    if (len == 0) throw Error("network input: sequence " + std::to_string(b) + " is empty");
    if (len > static_cast<std::size_t>(arch_.max_len))
      throw Error("network input: sequence " + std::to_string(b) + " has " +
                  std::to_string(len) + " positions, more than the maximum " +
                  std::to_string(arch_.max_len));
    steps = std::max(steps, static_cast<int>(len));
  }
  shape_.steps = steps;
  shape_.batch = batch;
  shape_.start.resize(batch);
  tokens_.assign(static_cast<std::size_t>(steps) * batch, kPadToken);
  for (int b = 0; b < batch; ++b) {
    const int start = steps - static_cast<int>(seqs[b].size());
    shape_.start[b] = start;
    for (int t = 0; t < static_cast<int>(seqs[b].size()); ++t) {
      const std::uint8_t tok = seqs[b][t];
      if (tok >= kTokenCount)
        throw Error("network input: sequence " + std::to_string(b) + " has token " +
                    std::to_string(tok) + " at position " + std::to_string(t) +
                    " (tokens are 0.." + std::to_string(kTokenCount - 1) + ")");
      tokens_[static_cast<std::size_t>(start + t) * batch + b] = tok;
    }
  }
}

template <class T>
LstmParams<const T> ModelPass<T>::lstm_params(const T* params, ParamId first) const {
  return {params + offset_[first], params + offset_[first + 1], params + offset_[first + 2]};
}

template <class T>
LstmParams<T> ModelPass<T>::lstm_grads(T* grads, ParamId first) const {
  return {grads + offset_[first], grads + offset_[first + 1], grads + offset_[first + 2]};
}

template <class T>
void ModelPass<T>::forward(const T* params, const DropoutMasks<T>* masks) {
  masks_ = masks;
  const int batch = shape_.batch, steps = shape_.steps, h2 = arch_.lstm2;
  lstm1_.forward_tokens(lstm_params(params, kLstm1WeightIh), shape_, tokens_.data(),
                        masks ? &masks->lstm1_input : nullptr,
                        masks ? &masks->lstm1_recurrent : nullptr);
  lstm2_.forward_dense(lstm_params(params, kLstm2WeightIh), shape_, lstm1_.output(),
                       masks ? &masks->lstm2_input : nullptr,
                       masks ? &masks->lstm2_recurrent : nullptr);
  attention_.forward(params + offset_[kAttentionWeight], params + offset_[kAttentionBias], shape_,
                     lstm2_.output());
  // Flatten: step s of sequence b is row block s of column b (positions before the batch's
  // first step are zero for every sequence and are skipped by dense1).
  const auto hatt = attention_.output();
  auto flat = shaped(flat_, steps * h2, batch);
  for (int s = 0; s < steps; ++s)
    for (int b = 0; b < batch; ++b) flat.col(b).segment(s * h2, h2) = hatt.col(s * batch + b);
  if (masks) flat.array() *= masks->flat.array();
  dense1_.forward(params + offset_[kDense1Weight], params + offset_[kDense1Bias], flat,
                  dense1_first_column());
  if (masks) {
    auto kept = shaped(dense1_kept_, arch_.dense1, batch);
    kept.array() = dense1_.output().array() * masks->dense1.array();
    dense2_.forward(params + offset_[kDense2Weight], params + offset_[kDense2Bias], kept);
  } else {
    dense2_.forward(params + offset_[kDense2Weight], params + offset_[kDense2Bias],
                    dense1_.output());
  }
  output_.forward(params + offset_[kOutputWeight], params + offset_[kOutputBias],
                  dense2_.output());
  softmax<T>(output_.output(), shaped(probs_, kClasses, batch));
}

template <class T>
ConstMatMap<T> ModelPass<T>::probabilities() const {
  return ConstMatMap<T>(probs_.data(), kClasses, shape_.batch);
}

template <class T>
T ModelPass<T>::loss(const int* labels, const T* weights, T scale) {
  return softmax_cross_entropy<T>(output_.output(), labels, weights, scale,
                                  shaped(probs_, kClasses, shape_.batch), nullptr);
}

template <class T>
T ModelPass<T>::backward(const T* params, const int* labels, const T* weights, T scale,
                         T* grads) {
  const int batch = shape_.batch, steps = shape_.steps, n = steps * batch;
  const int h1 = arch_.lstm1, h2 = arch_.lstm2;
  auto d_logits = shaped(d_logits_, kClasses, batch);
  const T loss = softmax_cross_entropy<T>(output_.output(), labels, weights, scale,
                                          shaped(probs_, kClasses, batch), &d_logits);
  auto d_a2 = shaped(d_a2_, arch_.dense2, batch);
  output_.backward(params + offset_[kOutputWeight], grads + offset_[kOutputWeight],
                   grads + offset_[kOutputBias], d_logits, &d_a2);
  auto d_a1 = shaped(d_a1_, arch_.dense1, batch);
  dense2_.backward(params + offset_[kDense2Weight], grads + offset_[kDense2Weight],
                   grads + offset_[kDense2Bias], d_a2, &d_a1);
  if (masks_) d_a1.array() *= masks_->dense1.array();
  auto d_flat = shaped(d_flat_, steps * h2, batch);
  dense1_.backward(params + offset_[kDense1Weight], grads + offset_[kDense1Weight],
                   grads + offset_[kDense1Bias], d_a1, &d_flat);
  if (masks_) d_flat.array() *= masks_->flat.array();
  auto d_hatt = shaped(d_hatt_, h2, n);
  for (int s = 0; s < steps; ++s)
    for (int b = 0; b < batch; ++b) d_hatt.col(s * batch + b) = d_flat.col(b).segment(s * h2, h2);
  auto d_h2 = shaped(d_h2_, h2, n);
  attention_.backward(params + offset_[kAttentionWeight], grads + offset_[kAttentionWeight],
                      grads + offset_[kAttentionBias], d_hatt, d_h2);
  auto d_h1 = shaped(d_h1_, h1, n);
  lstm2_.backward_dense(lstm_params(params, kLstm2WeightIh), lstm_grads(grads, kLstm2WeightIh),
                        d_h2, d_h1);
  lstm1_.backward_tokens(lstm_params(params, kLstm1WeightIh), lstm_grads(grads, kLstm1WeightIh),
                         d_h1);
  return loss;
}

template class ModelPass<float>;
template class ModelPass<double>;

}  // namespace mirgene::nn
