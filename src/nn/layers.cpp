#include "nn/layers.hpp"

namespace mirgene::nn {
namespace {

// Appends layers and gives their tensors consecutive offsets in the flat array.
class LayerList {
 public:
  LayerSpec& add(LayerKind kind, std::string name, int in, int out, DropoutRule dropout) {
    layers_.push_back({kind, std::move(name), in, out, 0, false, dropout, {}});
    return layers_.back();
  }

  void tensor(const char* suffix, std::vector<int> shape, InitRule init, int fan_in = 0,
              int fan_out = 0) {
    LayerSpec& layer = layers_.back();
    std::size_t size = 1;
    for (int d : shape) size *= static_cast<std::size_t>(d);
    layer.tensors.push_back({{layer.name + suffix, std::move(shape), offset_, size},
                             init, fan_in, fan_out});
    offset_ += size;
  }

  std::vector<LayerSpec> take() { return std::move(layers_); }

 private:
  std::vector<LayerSpec> layers_;
  std::size_t offset_ = 0;
};

// Keras' fan of a conv kernel. Computed wide: validate() asks for the layers of an
// architecture before it has ruled out sizes beyond int (it then rejects them).
int fan(int a, int b) {
  return static_cast<int>(static_cast<long long>(a) * b);
}

}  // namespace

std::vector<LayerSpec> unchecked_layer_specs(const Architecture& arch) {
  LayerList list;
  int width = input_width(arch.input);
  for (std::size_t i = 0; i < arch.conv.size(); ++i) {
    const ConvLayer& c = arch.conv[i];
    list.add(LayerKind::kConv, "conv" + std::to_string(i + 1), width, c.filters,
             DropoutRule::kInput)
        .kernel = c.width;
    // Keras' fans of a convolution kernel: width x input channels, width x filters.
    list.tensor(".weight", {c.filters, width, c.width}, InitRule::kGlorotUniform,
                fan(c.width, width), fan(c.width, c.filters));
    list.tensor(".bias", {c.filters}, InitRule::kZero);
    width = c.filters;
  }
  for (std::size_t i = 0; i < arch.recurrent.size(); ++i) {
    const RecurrentLayer& r = arch.recurrent[i];
    const std::string name = "lstm" + std::to_string(i + 1);
    for (const bool reverse : {false, true}) {
      if (reverse && !r.bidirectional) break;
      list.add(LayerKind::kLstm, reverse ? name + "_reverse" : name, width, r.units,
               DropoutRule::kInputAndState)
          .reverse = reverse;
      list.tensor(".weight_ih", {4 * r.units, width}, InitRule::kGlorotUniform, width,
                  4 * r.units);
      list.tensor(".weight_hh", {4 * r.units, r.units}, InitRule::kOrthogonal);
      list.tensor(".bias", {4 * r.units}, InitRule::kForgetGateBias);
    }
    width = r.bidirectional ? 2 * r.units : r.units;
  }
  if (arch.attention) {
    list.add(LayerKind::kAttention, "attention", width, width, DropoutRule::kNone);
    list.tensor(".weight", {width}, InitRule::kGlorotUniform, width, 1);
    list.tensor(".bias", {1}, InitRule::kZero);
  }
  // validate() keeps max_len x width within int before asking for the layers.
  int in = arch.max_len * width;
  for (std::size_t i = 0; i <= arch.dense.size(); ++i) {
    const bool output = i == arch.dense.size();
    const int out = output ? kClasses : arch.dense[i];
    // The flatten reader's input is masked over real positions only; the output layer's input
    // is not masked.
    const DropoutRule dropout = i == 0 ? DropoutRule::kFlat
                                : output ? DropoutRule::kNone
                                         : DropoutRule::kInput;
    list.add(output ? LayerKind::kOutput : LayerKind::kDense,
             output ? "output" : "dense" + std::to_string(i + 1), in, out, dropout);
    list.tensor(".weight", {out, in}, InitRule::kGlorotUniform, in, out);
    list.tensor(".bias", {out}, InitRule::kZero);
    in = out;
  }
  return list.take();
}

std::vector<LayerSpec> layer_specs(const Architecture& arch) {
  validate(arch);
  return unchecked_layer_specs(arch);
}

}  // namespace mirgene::nn
