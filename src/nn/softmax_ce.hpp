#pragma once
// Softmax over class scores and weighted cross-entropy:
// loss = scale * sum_i w_i * (-log p_i[label_i]); scale is 1 / (full mini-batch size), so
// parts of a batch computed separately add up to the batch mean.
#include "nn/eigen.hpp"

namespace mirgene::nn {

// logits: classes x B. Writes probabilities (classes x B) and, when d_logits is not null,
// d loss / d logits. weights may be null (all 1). Returns the loss.
template <class T>
T softmax_cross_entropy(const ConstRef<T>& logits, const int* labels, const T* weights, T scale,
                        MatMap<T> probs, MatMap<T>* d_logits);

// Probabilities only (inference).
template <class T>
void softmax(const ConstRef<T>& logits, MatMap<T> probs);

}  // namespace mirgene::nn
