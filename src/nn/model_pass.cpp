#include "nn/model_pass.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"
#include "nn/layers.hpp"
#include "nn/softmax_ce.hpp"
#include "nn/workspace.hpp"

namespace mirgene::nn {

template <class T>
ModelPass<T>::ModelPass(const Architecture& arch) : arch_(arch), width_(nn::feature_width(arch)) {
  const std::vector<LayerSpec> layers = layer_specs(arch);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerSpec& l = layers[i];
    const auto offset = [&l](std::size_t tensor) { return l.tensors.at(tensor).param.offset; };
    switch (l.kind) {
      case LayerKind::kConv:
        conv_.push_back({Conv1d<T>(l.in, l.out, l.kernel), i, offset(0), offset(1)});
        break;
      case LayerKind::kLstm:
        // A reverse direction joins the forward one listed just before it.
        if (!l.reverse) recurrent_.push_back({{}, l.out, {}, {}});
        recurrent_.back().directions.push_back(
            {Lstm<T>(l.in, l.out, arch.input, l.reverse), i, offset(0), offset(1), offset(2)});
        break;
      case LayerKind::kAttention:
        attention_.emplace(l.in);
        attention_weight_ = offset(0);
        attention_bias_ = offset(1);
        break;
      case LayerKind::kDense:
      case LayerKind::kOutput:
        dense_.push_back({Dense<T>(l.out, l.in,
                                   l.kind == LayerKind::kOutput ? Activation::kIdentity
                                                                : Activation::kSigmoid),
                          i,
                          offset(0),
                          offset(1),
                          l.dropout == DropoutRule::kInput,
                          {},
                          {}});
        break;
    }
  }
  d_stage_.resize(conv_.size() + recurrent_.size());
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
      throw Error("network input: sequence " + std::to_string(b) + " has " + std::to_string(len) +
                  " positions, more than the maximum " + std::to_string(arch_.max_len));
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
      if (tok >= kTokenLimit)
        throw Error("network input: sequence " + std::to_string(b) + " has token " +
                    std::to_string(tok) + " at position " + std::to_string(t) + " (tokens are 0.." +
                    std::to_string(kTokenLimit - 1) + ")");
      tokens_[static_cast<std::size_t>(start + t) * batch + b] = tok;
    }
  }
}

template <class T>
void ModelPass<T>::expand_tokens() {
  const int n = shape_.steps * shape_.batch;
  auto x = shaped(input_, input_width(arch_.input), n);
  x.setZero();
  int slots[kMaxTokenSlots];
  float values[kMaxTokenSlots];
  for (int c = 0; c < n; ++c) {
    if (tokens_[c] == kPadToken) continue;
    const int count = token_slots(arch_.input, tokens_[c], slots, values);
    for (int k = 0; k < count; ++k) x(slots[k], c) = T(values[k]);
  }
}

template <class T>
ConstMatMap<T> ModelPass<T>::stage_output(std::size_t stage) const {
  const int n = shape_.steps * shape_.batch;
  if (stage < conv_.size()) return conv_[stage].layer.output();
  const RecurrentStage& r = recurrent_[stage - conv_.size()];
  if (r.directions.size() == 1) return r.directions[0].lstm.output();
  return ConstMatMap<T>(r.concat.data(), 2 * r.units, n);
}

template <class T>
void ModelPass<T>::forward(const T* params, const DropoutMasks<T>* masks) {
  masks_ = masks;
  const int batch = shape_.batch, steps = shape_.steps, n = steps * batch;
  if (!conv_.empty()) expand_tokens();
  // x: the current layer's input. Placement new re-seats the map on the next layer's output
  // (Eigen's documented way to point a Map at other memory).
  ConstMatMap<T> x(input_.data(), input_width(arch_.input), conv_.empty() ? 0 : n);
  for (std::size_t i = 0; i < conv_.size(); ++i) {
    conv_[i].layer.forward(params + conv_[i].weight, params + conv_[i].bias, shape_, x,
                           masks ? &masks->input[conv_[i].spec] : nullptr);
    new (&x) ConstMatMap<T>(stage_output(i));
  }
  for (std::size_t i = 0; i < recurrent_.size(); ++i) {
    RecurrentStage& stage = recurrent_[i];
    for (Direction& d : stage.directions) {
      const LstmParams<const T> w{params + d.w_ih, params + d.w_hh, params + d.bias};
      const Mat<T>* input_keep = masks ? &masks->input[d.spec] : nullptr;
      const Mat<T>* state_keep = masks ? &masks->state[d.spec] : nullptr;
      if (i == 0 && conv_.empty())
        d.lstm.forward_tokens(w, shape_, tokens_.data(), input_keep, state_keep);
      else
        d.lstm.forward_dense(w, shape_, x, input_keep, state_keep);
    }
    if (stage.directions.size() == 2) {
      auto both = shaped(stage.concat, 2 * stage.units, n);
      both.topRows(stage.units) = stage.directions[0].lstm.output();
      both.bottomRows(stage.units) = stage.directions[1].lstm.output();
    }
    new (&x) ConstMatMap<T>(stage_output(conv_.size() + i));
  }
  if (attention_) {
    attention_->forward(params + attention_weight_, params + attention_bias_, shape_, x);
    new (&x) ConstMatMap<T>(attention_->output());
  }
  // Flatten: step s of sequence b is row block s of column b (positions before the batch's
  // first step are zero for every sequence and are skipped by the flatten reader).
  const int w = width_;
  auto flat = shaped(flat_, steps * w, batch);
  for (int s = 0; s < steps; ++s)
    for (int b = 0; b < batch; ++b) flat.col(b).segment(s * w, w) = x.col(s * batch + b);
  if (masks) flat.array() *= masks->input[dense_[0].spec].array();
  dense_[0].layer.forward(params + dense_[0].weight, params + dense_[0].bias, flat,
                          dense1_first_column());
  const std::size_t last = dense_.size() - 1;
  for (std::size_t i = 1; i <= last; ++i) {
    DenseStage& d = dense_[i];
    const auto previous = dense_[i - 1].layer.output();
    if (masks && d.dropout) {
      auto kept = shaped(d.kept, d.layer.in(), batch);
      kept.array() = previous.array() * masks->input[d.spec].array();
      d.layer.forward(params + d.weight, params + d.bias, kept);
    } else {
      d.layer.forward(params + d.weight, params + d.bias, previous);
    }
  }
  softmax<T>(dense_[last].layer.output(), shaped(probs_, kClasses, batch));
}

template <class T>
ConstMatMap<T> ModelPass<T>::probabilities() const {
  return ConstMatMap<T>(probs_.data(), kClasses, shape_.batch);
}

template <class T>
const T* ModelPass<T>::attention_weights() const {
  return attention_ ? attention_->weights() : nullptr;
}

template <class T>
ConstMatMap<T> ModelPass<T>::position_features() const {
  if (attention_) return attention_->output();
  return stage_output(conv_.size() + recurrent_.size() - 1);
}

template <class T>
T ModelPass<T>::loss(const int* labels, const T* weights, T scale) {
  return softmax_cross_entropy<T>(dense_.back().layer.output(), labels, weights, scale,
                                  shaped(probs_, kClasses, shape_.batch), nullptr);
}

template <class T>
T ModelPass<T>::backward(const T* params, const int* labels, const T* weights, T scale, T* grads) {
  const int batch = shape_.batch, steps = shape_.steps, n = steps * batch, w = width_;
  auto d_logits = shaped(d_logits_, kClasses, batch);
  const T loss = softmax_cross_entropy<T>(dense_.back().layer.output(), labels, weights, scale,
                                          shaped(probs_, kClasses, batch), &d_logits);
  const std::size_t last = dense_.size() - 1;
  ConstMatMap<T> d_out(d_logits_.data(), kClasses, batch);
  for (std::size_t i = last; i >= 1; --i) {
    DenseStage& d = dense_[i];
    auto d_in = shaped(d.d_in, d.layer.in(), batch);
    d.layer.backward(params + d.weight, grads + d.weight, grads + d.bias, d_out, &d_in);
    if (masks_ && d.dropout) d_in.array() *= masks_->input[d.spec].array();
    new (&d_out) ConstMatMap<T>(d.d_in.data(), d.layer.in(), batch);
  }
  auto d_flat = shaped(d_flat_, steps * w, batch);
  dense_[0].layer.backward(params + dense_[0].weight, grads + dense_[0].weight,
                           grads + dense_[0].bias, d_out, &d_flat);
  if (masks_) d_flat.array() *= masks_->input[dense_[0].spec].array();

  const std::size_t stages = d_stage_.size();
  // Without attention the flatten read the last stage directly.
  auto d_hatt = shaped(attention_ ? d_hatt_ : d_stage_[stages - 1], w, n);
  for (int s = 0; s < steps; ++s)
    for (int b = 0; b < batch; ++b) d_hatt.col(s * batch + b) = d_flat.col(b).segment(s * w, w);
  if (attention_)
    attention_->backward(params + attention_weight_, grads + attention_weight_,
                         grads + attention_bias_, d_hatt, shaped(d_stage_[stages - 1], w, n));

  for (std::size_t i = recurrent_.size(); i-- > 0;) {
    RecurrentStage& stage = recurrent_[i];
    const std::size_t at = conv_.size() + i;
    const int out_rows = static_cast<int>(stage.directions.size()) * stage.units;
    const ConstMatMap<T> d_stage(d_stage_[at].data(), out_rows, n);
    const bool tokens = i == 0 && conv_.empty();
    const int in = stage.directions[0].lstm.input();
    for (std::size_t k = 0; k < stage.directions.size(); ++k) {
      Direction& d = stage.directions[k];
      const LstmParams<const T> wp{params + d.w_ih, params + d.w_hh, params + d.bias};
      const LstmParams<T> gp{grads + d.w_ih, grads + d.w_hh, grads + d.bias};
      const auto d_part = d_stage.middleRows(k * stage.units, stage.units);
      if (tokens)
        d.lstm.backward_tokens(wp, gp, d_part);
      else
        d.lstm.backward_dense(wp, gp, d_part,
                              shaped(k == 0 ? d_stage_[at - 1] : stage.d_other, in, n));
    }
    if (!tokens && stage.directions.size() == 2)
      shaped(d_stage_[at - 1], in, n) += shaped(stage.d_other, in, n);
  }
  for (std::size_t i = conv_.size(); i-- > 0;) {
    ConvStage& c = conv_[i];
    const ConstMatMap<T> d_conv(d_stage_[i].data(), c.layer.filters(), n);
    if (i == 0) {
      c.layer.backward(grads + c.weight, grads + c.bias, d_conv, nullptr);
    } else {
      auto d_x = shaped(d_stage_[i - 1], c.layer.in(), n);
      c.layer.backward(grads + c.weight, grads + c.bias, d_conv, &d_x);
    }
  }
  return loss;
}

template class ModelPass<float>;
template class ModelPass<double>;

}  // namespace mirgene::nn
