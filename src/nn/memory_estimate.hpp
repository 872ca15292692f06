#pragma once
// What training a network costs in memory, checked before any of it is allocated: a config
// too large for the machine (an LSTM of 15,000 units) is refused with its name, the figures
// and what to change, instead of ending in std::bad_alloc hours later or at once.
#include <cstddef>
#include <string>

#include "nn/architecture.hpp"

namespace mirgene::nn {

// A lower estimate of the bytes training needs: weights, Adam's two moments, one summed
// gradient and one gradient buffer per thread (4 + threads floats per parameter), plus the
// activations a batch of `batch_size` sequences of arch.max_len keeps for its backward pass.
double training_memory_bytes(const Architecture& arch, int batch_size, int threads);

// Throws mirgene::Error "NAME: training this network needs about X GiB ...; only Y GiB
// available: ..." when training_memory_bytes exceeds `available_bytes`.
void check_training_memory(const Architecture& arch, int batch_size, int threads,
                           const std::string& name, double available_bytes);

}  // namespace mirgene::nn
