#pragma once
// Everything `mirgene explain` reports for one sequence: the network's probability and the
// two per-position maps (attention weights and class activation map).
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "nn/network.hpp"

namespace mirgene::explain {

struct PositionScores {
  float probability = 0.0f;      // P(pre-miRNA)
  std::vector<float> attention;  // one weight per position, summing to 1
  std::vector<float> cam;        // class activation map, one value per position
};

// Runs the network on encoded tokens (see encode::encode). Throws mirgene::Error for tokens
// the network rejects (empty, too long, unknown token).
PositionScores score_positions(const nn::Network& net, std::span<const std::uint8_t> tokens);

// Encodes a sequence with its dot-bracket structure and its MFE `energy_dcal` (dcal/mol;
// encode::encode) and scores it, as the scorer does for every input mode but both+pairing
// (whose tokens need the partition function: train::TokenMaker). Throws mirgene::Error for
// what the encoder or the network rejects, and for a both+pairing network.
PositionScores score_sequence(const nn::Network& net, std::string_view seq,
                              std::string_view dot_bracket, int energy_dcal);

}  // namespace mirgene::explain
