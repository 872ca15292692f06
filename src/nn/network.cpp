#include "nn/network.hpp"

#include <random>

#include "common/error.hpp"
#include "nn/random.hpp"

namespace mirgene::nn {

std::vector<ParamInfo> parameter_layout(const Architecture& arch) {
  validate(arch);
  std::vector<std::pair<std::string, std::vector<int>>> shapes;
  int width = input_width(arch.input);
  for (std::size_t i = 0; i < arch.conv.size(); ++i) {
    const std::string name = "conv" + std::to_string(i + 1);
    const ConvLayer& c = arch.conv[i];
    shapes.push_back({name + ".weight", {c.filters, width, c.width}});
    shapes.push_back({name + ".bias", {c.filters}});
    width = c.filters;
  }
  for (std::size_t i = 0; i < arch.recurrent.size(); ++i) {
    const RecurrentLayer& r = arch.recurrent[i];
    const std::string name = "lstm" + std::to_string(i + 1);
    for (const std::string& direction : {name, name + "_reverse"}) {
      shapes.push_back({direction + ".weight_ih", {4 * r.units, width}});
      shapes.push_back({direction + ".weight_hh", {4 * r.units, r.units}});
      shapes.push_back({direction + ".bias", {4 * r.units}});
      if (!r.bidirectional) break;
    }
    width = r.bidirectional ? 2 * r.units : r.units;
  }
  if (arch.attention) {
    shapes.push_back({"attention.weight", {width}});
    shapes.push_back({"attention.bias", {1}});
  }
  int in = arch.max_len * width;
  for (std::size_t i = 0; i < arch.dense.size(); ++i) {
    const std::string name = "dense" + std::to_string(i + 1);
    shapes.push_back({name + ".weight", {arch.dense[i], in}});
    shapes.push_back({name + ".bias", {arch.dense[i]}});
    in = arch.dense[i];
  }
  shapes.push_back({"output.weight", {kClasses, in}});
  shapes.push_back({"output.bias", {kClasses}});

  std::vector<ParamInfo> layout;
  std::size_t offset = 0;
  for (auto& [name, shape] : shapes) {
    std::size_t size = 1;
    for (int d : shape) size *= static_cast<std::size_t>(d);
    layout.push_back({std::move(name), std::move(shape), offset, size});
    offset += size;
  }
  return layout;
}

std::size_t parameter_count(const Architecture& arch) {
  const auto layout = parameter_layout(arch);
  return layout.back().offset + layout.back().size;
}

std::size_t flat_reader_index(const Architecture& arch) {
  // Dense layers and the output layer come last, two tensors each.
  return parameter_layout(arch).size() - 2 * (arch.dense.size() + 1);
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
