#include "nn/softmax_ce.hpp"

#include <cmath>

#include "common/error.hpp"

namespace mirgene::nn {

template <class T>
void softmax(const ConstRef<T>& logits, MatMap<T> probs) {
  for (Eigen::Index b = 0; b < logits.cols(); ++b) {
    const T top = logits.col(b).maxCoeff();
    probs.col(b) = (logits.col(b).array() - top).exp();
    probs.col(b) /= probs.col(b).sum();
  }
}

template <class T>
T softmax_cross_entropy(const ConstRef<T>& logits, const int* labels, const T* weights, T scale,
                        MatMap<T> probs, MatMap<T>* d_logits) {
  const Eigen::Index classes = logits.rows();
  T loss = 0;
  for (Eigen::Index b = 0; b < logits.cols(); ++b) {
    const int label = labels[b];
    if (label < 0 || label >= classes)
      throw Error("softmax cross-entropy: label " + std::to_string(label) + " out of range");
    const T top = logits.col(b).maxCoeff();
    const T log_total = std::log((logits.col(b).array() - top).exp().sum()) + top;
    probs.col(b) = (logits.col(b).array() - log_total).exp();
    const T w = weights ? weights[b] : T(1);
    loss += w * (log_total - logits(label, b));
    if (d_logits) {
      d_logits->col(b) = probs.col(b) * (w * scale);
      (*d_logits)(label, b) -= w * scale;
    }
  }
  return loss * scale;
}

template void softmax<float>(const ConstRef<float>&, MatMap<float>);
template void softmax<double>(const ConstRef<double>&, MatMap<double>);
template float softmax_cross_entropy<float>(const ConstRef<float>&, const int*, const float*, float,
                                            MatMap<float>, MatMap<float>*);
template double softmax_cross_entropy<double>(const ConstRef<double>&, const int*, const double*,
                                              double, MatMap<double>, MatMap<double>*);

}  // namespace mirgene::nn
