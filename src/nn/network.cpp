#include "nn/network.hpp"

#include <random>

#include "common/error.hpp"
#include "nn/random.hpp"

namespace mirgene::nn {

std::vector<ParamInfo> parameter_layout(const Architecture& arch) {
  std::vector<ParamInfo> layout;
  for (LayerSpec& layer : layer_specs(arch))
    for (TensorSpec& t : layer.tensors) layout.push_back(std::move(t.param));
  return layout;
}

std::size_t parameter_count(const Architecture& arch) {
  const auto layout = parameter_layout(arch);
  return layout.back().offset + layout.back().size;
}

std::size_t flat_reader_index(const Architecture& arch) {
  std::size_t index = 0;
  for (const LayerSpec& layer : layer_specs(arch)) {
    if (layer.dropout == DropoutRule::kFlat) return index;
    index += layer.tensors.size();
  }
  throw Error("network: no layer reads the flattened features");
}

std::size_t tensor_index(const std::vector<ParamInfo>& layout, std::string_view name) {
  for (std::size_t i = 0; i < layout.size(); ++i)
    if (layout[i].name == name) return i;
  throw Error("network: no tensor named '" + std::string(name) + "' in this architecture");
}

Network::Network(const Architecture& arch)
    : arch_(arch), layout_(parameter_layout(arch)), values_(parameter_count(arch), 0.0f) {}

std::vector<ParamView> Network::parameters() {
  std::vector<ParamView> views;
  views.reserve(layout_.size());
  for (const auto& info : layout_)
    views.push_back({info.name, info.shape, values_.data() + info.offset, info.size});
  return views;
}

std::span<float> Network::tensor(std::string_view name) {
  const auto& info = layout_[tensor_index(layout_, name)];
  return {values_.data() + info.offset, info.size};
}

std::span<const float> Network::tensor(std::string_view name) const {
  const auto& info = layout_[tensor_index(layout_, name)];
  return {values_.data() + info.offset, info.size};
}

void Network::init_uniform(std::uint64_t seed, float limit) {
  std::mt19937_64 rng(seed);
  for (float& v : values_) v = limit * (2.0f * unit_float(rng) - 1.0f);
}

}  // namespace mirgene::nn
