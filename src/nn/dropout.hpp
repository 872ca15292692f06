#pragma once
// Training-mode dropout masks for one batch. Every sequence draws its masks from its own
// seed (derived by the trainer from run seed, epoch and sequence index), so a sequence gets
// the same masks whichever batch, worker or thread count it lands in. Values are 0 or
// 1/(1-p) (inverted dropout). Every layer's input is masked (one mask per sequence, the same
// at every position) except the output layer's; recurrent layers also mask their state.
#include <cstdint>
#include <span>
#include <vector>

#include "nn/batch.hpp"
#include "nn/eigen.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {

template <class T>
struct DropoutMasks {
  std::vector<Mat<T>> conv_input;  // per conv layer: in x B
  // Per recurrent direction, layer by layer (forward, then reverse when bidirectional).
  std::vector<Mat<T>> recurrent_input;  // in x B
  std::vector<Mat<T>> recurrent_state;  // units x B
  std::vector<Mat<T>> dense_input;      // per dense layer; [0] is unused (flat masks it)
  Mat<T> flat;  // (steps * feature_width) x B: the active part of the flattened vector
};

// seeds: one per sequence of the batch. Per sequence the masks are drawn in the order conv
// inputs, recurrent (input, state) per direction, dense inputs from the second layer on,
// flat; for the default architecture this is the order of the first mirgene releases.
template <class T>
void draw_dropout_masks(const Architecture& arch, const BatchShape& shape,
                        std::span<const std::uint64_t> seeds, DropoutMasks<T>& masks);

}  // namespace mirgene::nn
