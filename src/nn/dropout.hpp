#pragma once
// Training-mode dropout masks for one batch. Every sequence draws its masks from its own
// seed (derived by the trainer from run seed, epoch and sequence index), so a sequence gets
// the same masks whichever batch, worker or thread count it lands in. Values are 0 or
// 1/(1-p) (inverted dropout). Which layer gets which mask is its LayerSpec::dropout
// (nn/layers.hpp): one mask per sequence over a layer's input, the same at every position,
// plus the state of every LSTM direction.
#include <cstdint>
#include <span>
#include <vector>

#include "nn/batch.hpp"
#include "nn/eigen.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {

template <class T>
struct DropoutMasks {
  // Per layer of layer_specs(), same index; empty for a layer without that mask.
  std::vector<Mat<T>> input;  // in x B; for the flatten reader (steps * feature_width) x B,
                              // the active part of the flattened vector
  std::vector<Mat<T>> state;  // LSTM direction: units x B
};

// seeds: one per sequence of the batch. Per sequence the masks are drawn layer by layer
// (input, then state), the flatten reader's last; for the default architecture this is the
// order of the first mirgene releases.
template <class T>
void draw_dropout_masks(const Architecture& arch, const BatchShape& shape,
                        std::span<const std::uint64_t> seeds, DropoutMasks<T>& masks);

}  // namespace mirgene::nn
