#pragma once
// Training-mode dropout masks for one batch. Every sequence draws its masks from its own
// seed (derived by the trainer from run seed, epoch and sequence index), so a sequence gets
// the same masks whichever batch, worker or thread count it lands in. Values are 0 or
// 1/(1-p) (inverted dropout).
#include <cstdint>
#include <span>

#include "nn/batch.hpp"
#include "nn/eigen.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {

template <class T>
struct DropoutMasks {
  Mat<T> lstm1_input;      // kInputWidth x B, one mask per sequence for every step
  Mat<T> lstm1_recurrent;  // lstm1 x B
  Mat<T> lstm2_input;      // lstm1 x B
  Mat<T> lstm2_recurrent;  // lstm2 x B
  Mat<T> flat;             // (steps * lstm2) x B: the active part of the flattened vector
  Mat<T> dense1;           // dense1 x B
};

// seeds: one per sequence of the batch.
template <class T>
void draw_dropout_masks(const Architecture& arch, const BatchShape& shape,
                        std::span<const std::uint64_t> seeds, DropoutMasks<T>& masks);

}  // namespace mirgene::nn
