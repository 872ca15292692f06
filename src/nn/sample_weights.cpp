#include "nn/sample_weights.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "common/error.hpp"
#include "encode/encoding.hpp"

namespace mirgene::nn {

std::vector<float> class_weights(std::span<const int> labels, bool balanced) {
  std::vector<float> weights(labels.size(), 1.0f);
  if (!balanced) return weights;
  std::size_t count[2] = {0, 0};
  for (int label : labels) ++count[label];
  float weight[2] = {1.0f, 1.0f};
  for (int k = 0; k < 2; ++k)
    if (count[k] > 0) weight[k] = static_cast<float>(labels.size()) / (2.0f * count[k]);
  for (std::size_t i = 0; i < labels.size(); ++i) weights[i] = weight[labels[i]];
  return weights;
}

std::vector<float> extra_share_weights(std::span<const int> labels,
                                       std::span<const std::uint8_t> is_extra, float extra_share) {
  if (is_extra.size() != labels.size())
    throw Error("extra-share weights: flags and labels differ in number");
  if (!(extra_share >= 0.0f && extra_share <= 1.0f))
    throw Error("extra-share weights: the share must be in [0, 1]");
  std::vector<float> weights = class_weights(labels, true);
  // Label 1 is the negative class (the trainer's convention).
  std::size_t count[2] = {0, 0};  // [plain, extra] negatives
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == 1) ++count[is_extra[i] ? 1 : 0];
  if (count[0] == 0 || count[1] == 0) return weights;
  const double class_total = static_cast<double>(labels.size()) / 2.0;
  const double share[2] = {1.0 - extra_share, extra_share};
  float weight[2];
  for (int k = 0; k < 2; ++k)
    weight[k] = static_cast<float>(class_total * share[k] / static_cast<double>(count[k]));
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == 1) weights[i] = weight[is_extra[i] ? 1 : 0];
  return weights;
}

std::vector<float> bin_balanced_weights(std::span<const int> bins, std::span<const int> labels) {
  if (bins.size() != labels.size())
    throw Error("bin-balanced weights: bins and labels differ in number");
  const std::vector<float> balanced = class_weights(labels, true);
  std::map<int, std::array<std::size_t, 2>> count;
  for (std::size_t i = 0; i < labels.size(); ++i) ++count[bins[i]][labels[i]];

  std::vector<float> weights(labels.size());
  double sum = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::array<std::size_t, 2>& n = count[bins[i]];
    float w = balanced[i];
    if (n[0] > 0 && n[1] > 0) {
      w = static_cast<float>(n[0] + n[1]) / (2.0f * static_cast<float>(n[labels[i]]));
      w = std::clamp(w, balanced[i] / kMaxBinWeightRatio, balanced[i] * kMaxBinWeightRatio);
    }
    weights[i] = w;
    sum += w;
  }
  const float scale = sum > 0 ? static_cast<float>(labels.size() / sum) : 1.0f;
  for (float& w : weights) w *= scale;
  return weights;
}

std::vector<float> length_balanced_weights(std::span<const int> lengths,
                                           std::span<const int> labels, int bin_width) {
  if (lengths.size() != labels.size())
    throw Error("length-balanced weights: lengths and labels differ in number");
  if (bin_width < 1) throw Error("length-balanced weights: the bin width must be positive");
  std::vector<int> bins(lengths.size());
  for (std::size_t i = 0; i < lengths.size(); ++i) bins[i] = lengths[i] / bin_width;
  return bin_balanced_weights(bins, labels);
}

int gc_bin(std::span<const std::uint8_t> tokens) {
  if (tokens.empty()) return 0;
  std::size_t gc = 0;
  for (std::uint8_t t : tokens) {
    // The base token (an energy bin does not change the nucleotide); 16 and up: unknown.
    const int base = encode::base_token(t);
    const int nucleotide = base < encode::kUnknownToken ? base / encode::kStructureCodes : -1;
    gc += nucleotide == 1 || nucleotide == 2;
  }
  const int bin = static_cast<int>(gc * kGcBins / tokens.size());
  return std::min(bin, kGcBins - 1);
}

}  // namespace mirgene::nn
