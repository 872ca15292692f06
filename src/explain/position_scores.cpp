#include "explain/position_scores.hpp"

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "explain/cam.hpp"

namespace mirgene::explain {

PositionScores score_positions(const nn::Network& net, std::span<const std::uint8_t> tokens) {
  nn::Explanation e = nn::explain(net, tokens);
  PositionScores out;
  out.probability = e.prob;
  out.cam = class_activation_map(e);
  out.attention = std::move(e.attention);
  return out;
}

PositionScores score_sequence(const nn::Network& net, std::string_view seq,
                              std::string_view dot_bracket, int energy_dcal) {
  if (nn::reads_pairing(net.architecture().input))
    throw Error("score_sequence: a both+pairing network needs the pairing probabilities");
  const std::vector<std::uint8_t> tokens = encode::encode(seq, dot_bracket, energy_dcal);
  return score_positions(net, tokens);
}

}  // namespace mirgene::explain
