#include "predict/member_average.hpp"

#include <cstddef>

namespace mirgene::predict {
namespace {

void add_into(std::vector<float>& sum, const std::vector<float>& values) {
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += values[i];
}

void divide(std::vector<float>& values, std::size_t k) {
  const float n = static_cast<float>(k);
  for (float& v : values) v /= n;
}

}  // namespace

std::vector<float> mean_probabilities(std::span<const nn::Network> members,
                                      std::span<const std::vector<std::uint8_t>> seqs,
                                      int threads) {
  std::vector<float> mean = nn::predict(members[0], seqs, threads);
  for (std::size_t k = 1; k < members.size(); ++k)
    add_into(mean, nn::predict(members[k], seqs, threads));
  divide(mean, members.size());
  return mean;
}

explain::PositionScores mean_position_scores(std::span<const nn::Network> members,
                                             std::span<const std::uint8_t> tokens) {
  explain::PositionScores mean = explain::score_positions(members[0], tokens);
  for (std::size_t k = 1; k < members.size(); ++k) {
    const explain::PositionScores s = explain::score_positions(members[k], tokens);
    mean.probability += s.probability;
    add_into(mean.cam, s.cam);
    if (s.attention.empty()) {
      mean.attention.clear();
    } else if (!mean.attention.empty()) {
      add_into(mean.attention, s.attention);
    }
  }
  mean.probability /= static_cast<float>(members.size());
  divide(mean.cam, members.size());
  divide(mean.attention, members.size());
  return mean;
}

}  // namespace mirgene::predict
