#pragma once
// What a model says is what its members say on average: an ensemble's probability is the
// mean of its members' probabilities, its attention and class activation map the means of
// theirs. A model of one member gives exactly that member's numbers.
#include <cstdint>
#include <span>
#include <vector>

#include "explain/position_scores.hpp"
#include "nn/network.hpp"

namespace mirgene::predict {

// P(pre-miRNA) of every encoded sequence (nn::predict of each member, averaged).
std::vector<float> mean_probabilities(std::span<const nn::Network> members,
                                      std::span<const std::vector<std::uint8_t>> seqs, int threads);

// Probability, attention and CAM of one encoded sequence, averaged over the members;
// attention only when every member has an attention layer (else empty).
explain::PositionScores mean_position_scores(std::span<const nn::Network> members,
                                             std::span<const std::uint8_t> tokens);

}  // namespace mirgene::predict
