#include "explain/cam.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"

namespace mirgene::explain {
namespace {

void check_matrix(std::span<const float> h_att, std::size_t length, std::size_t width) {
  if (length == 0 || width == 0) throw Error("class activation map: empty H_att");
  if (h_att.size() != length * width) {
    throw Error("class activation map: H_att has " + std::to_string(h_att.size()) +
                " values, expected " + std::to_string(length) + " x " + std::to_string(width));
  }
}

}  // namespace

std::vector<float> gap_weights(std::span<const float> h_att, std::size_t length,
                               std::size_t width) {
  check_matrix(h_att, length, width);
  // Summed in double: a long sequence of small values would lose digits in float.
  std::vector<double> sums(width, 0.0);
  for (std::size_t t = 0; t < length; ++t) {
    const float* row = h_att.data() + t * width;
    for (std::size_t k = 0; k < width; ++k) sums[k] += row[k];
  }
  std::vector<float> w(width);
  for (std::size_t k = 0; k < width; ++k) w[k] = static_cast<float>(sums[k] / length);
  return w;
}

std::vector<float> class_activation_map(std::span<const float> h_att, std::size_t length,
                                        std::size_t width) {
  const std::vector<float> w = gap_weights(h_att, length, width);
  std::vector<float> cam(length);
  for (std::size_t t = 0; t < length; ++t) {
    const float* row = h_att.data() + t * width;
    double dot = 0.0;
    for (std::size_t k = 0; k < width; ++k) dot += static_cast<double>(row[k]) * w[k];
    cam[t] = static_cast<float>(dot);
  }
  return cam;
}

std::vector<float> class_activation_map(const nn::Explanation& e) {
  if (e.width > 0) {
    const auto width = static_cast<std::size_t>(e.width);
    if (e.h_att.empty() || e.h_att.size() % width != 0) {
      throw Error("class activation map: H_att has " + std::to_string(e.h_att.size()) +
                  " values, not a positive multiple of the width " + std::to_string(width));
    }
    return class_activation_map(e.h_att, e.h_att.size() / width, width);
  }
  const std::size_t length = e.attention.size();
  if (length == 0) throw Error("class activation map: explanation of an empty sequence");
  if (e.h_att.size() % length != 0) {
    throw Error("class activation map: H_att has " + std::to_string(e.h_att.size()) +
                " values, not a multiple of the " + std::to_string(length) + " positions");
  }
  return class_activation_map(e.h_att, length, e.h_att.size() / length);
}

std::vector<float> to_percent_bins(std::span<const float> values, int bins) {
  if (values.empty()) throw Error("percent bins: no values");
  if (bins < 1) throw Error("percent bins: need at least one bin, got " + std::to_string(bins));
  const std::size_t length = values.size();
  const auto nbins = static_cast<std::size_t>(bins);
  std::vector<double> sums(nbins, 0.0);
  std::vector<int> counts(nbins, 0);
  for (std::size_t t = 0; t < length; ++t) {
    // bin = floor((t + 0.5) / L * bins), in integers so that exact bin edges do not wobble.
    const std::size_t b = std::min((2 * t + 1) * nbins / (2 * length), nbins - 1);
    sums[b] += values[t];
    ++counts[b];
  }
  std::vector<float> out(nbins);
  std::size_t previous = nbins;  // last filled bin seen, nbins = none yet
  for (std::size_t b = 0; b < nbins; ++b) {
    if (counts[b] == 0) continue;
    out[b] = static_cast<float>(sums[b] / counts[b]);
    if (previous == nbins) {
      std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(b), out[b]);
    } else {
      const double span = static_cast<double>(b - previous);
      for (std::size_t g = previous + 1; g < b; ++g) {
        const double f = static_cast<double>(g - previous) / span;
        out[g] = static_cast<float>(out[previous] + f * (out[b] - out[previous]));
      }
    }
    previous = b;
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(previous) + 1, out.end(), out[previous]);
  return out;
}

std::vector<float> mean_profile(std::span<const std::vector<float>> rows) {
  if (rows.empty()) return {};
  const std::size_t width = rows.front().size();
  std::vector<double> sums(width, 0.0);
  for (const auto& row : rows) {
    if (row.size() != width) {
      throw Error("mean profile: rows of " + std::to_string(width) + " and " +
                  std::to_string(row.size()) + " values");
    }
    for (std::size_t k = 0; k < width; ++k) sums[k] += row[k];
  }
  std::vector<float> mean(width);
  for (std::size_t k = 0; k < width; ++k) mean[k] = static_cast<float>(sums[k] / rows.size());
  return mean;
}

}  // namespace mirgene::explain
