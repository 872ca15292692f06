#pragma once
// Initial weights for training, as Keras initialises the layers deepMiRGene was built from:
// Glorot-uniform input, conv and dense weights, orthogonal recurrent weights, zero biases except a
// forget-gate bias of 1. With Network::init_uniform's small uniform weights the sigmoid
// layers start nearly flat and training spends dozens of epochs leaving the plateau.
#include <cstdint>

#include "nn/network.hpp"

namespace mirgene::train {

// Deterministic for a given seed on every platform (raw 64-bit generator output only).
void init_for_training(nn::Network& net, std::uint64_t seed);

}  // namespace mirgene::train
