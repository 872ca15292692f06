#include "nn/network.hpp"

#include <random>

#include "common/error.hpp"
#include "nn/random.hpp"

namespace mirgene::nn {

std::vector<ParamInfo> parameter_layout(const Architecture& arch) {
  const int h1 = arch.lstm1, h2 = arch.lstm2, flat = arch.max_len * arch.lstm2;
  const std::vector<std::pair<const char*, std::vector<int>>> shapes = {
      {"lstm1.weight_ih", {4 * h1, kInputWidth}},
      {"lstm1.weight_hh", {4 * h1, h1}},
      {"lstm1.bias", {4 * h1}},
      {"lstm2.weight_ih", {4 * h2, h1}},
      {"lstm2.weight_hh", {4 * h2, h2}},
      {"lstm2.bias", {4 * h2}},
      {"attention.weight", {h2}},
      {"attention.bias", {1}},
      {"dense1.weight", {arch.dense1, flat}},
      {"dense1.bias", {arch.dense1}},
      {"dense2.weight", {arch.dense2, arch.dense1}},
      {"dense2.bias", {arch.dense2}},
      {"output.weight", {kClasses, arch.dense2}},
      {"output.bias", {kClasses}},
  };
  std::vector<ParamInfo> layout;
  std::size_t offset = 0;
  for (const auto& [name, shape] : shapes) {
    std::size_t size = 1;
    for (int d : shape) {
      if (d <= 0) throw Error("network architecture: tensor " + std::string(name) + " has a non-positive dimension");
      size *= static_cast<std::size_t>(d);
    }
    layout.push_back({name, shape, offset, size});
    offset += size;
  }
  return layout;
}

std::size_t parameter_count(const Architecture& arch) {
  const auto layout = parameter_layout(arch);
  return layout.back().offset + layout.back().size;
}

Network::Network(const Architecture& arch)
    : arch_(arch), layout_(parameter_layout(arch)), values_(parameter_count(arch), 0.0f) {
  if (arch.dropout < 0.0f || arch.dropout >= 1.0f)
    throw Error("network architecture: dropout must be in [0, 1)");
}

std::vector<ParamView> Network::parameters() {
  std::vector<ParamView> views;
  views.reserve(layout_.size());
  for (const auto& info : layout_)
    views.push_back({info.name, info.shape, values_.data() + info.offset, info.size});
  return views;
}

std::span<float> Network::tensor(ParamId id) {
  const auto& info = layout_[id];
  return {values_.data() + info.offset, info.size};
}

std::span<const float> Network::tensor(ParamId id) const {
  const auto& info = layout_[id];
  return {values_.data() + info.offset, info.size};
}

void Network::init_uniform(std::uint64_t seed, float limit) {
  std::mt19937_64 rng(seed);
  for (float& v : values_) v = limit * (2.0f * unit_float(rng) - 1.0f);
}

}  // namespace mirgene::nn
