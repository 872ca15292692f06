#pragma once
// Initial weights for training. `keras` (the default) as Keras initialises the layers
// deepMiRGene was built from: each tensor by the rule its layer description gives
// (nn/layers.hpp: Glorot-uniform input, conv, attention and dense weights, orthogonal
// recurrent weights, zero biases except a forget-gate bias of 1). `uniform` is the paper's
// stated rule (every weight in [-0.05, 0.05]); its small weights leave the sigmoid layers
// nearly flat, so training spends dozens of epochs leaving the plateau.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nn/network.hpp"

namespace mirgene::nn {

enum class InitScheme { kKeras, kUniform };

// The names `--init` accepts, in help order; the only place they are spelt.
const std::vector<std::string>& init_scheme_names();
std::string_view init_scheme_name(InitScheme scheme);
// Throws mirgene::Error naming the choices for any other name.
InitScheme init_scheme_from_name(std::string_view name);

// Deterministic for a given seed on every platform (raw 64-bit generator output only).
void init_for_training(Network& net, std::uint64_t seed);
// init_for_training, or Network::init_uniform(seed, 0.05).
void initialise(Network& net, InitScheme scheme, std::uint64_t seed);

}  // namespace mirgene::nn
