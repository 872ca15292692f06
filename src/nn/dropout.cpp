#include "nn/dropout.hpp"

#include "common/error.hpp"
#include "nn/layers.hpp"

namespace mirgene::nn {
namespace {

// SplitMix64: a tiny, fast stream; quality is ample for dropout masks.
class MaskStream {
 public:
  explicit MaskStream(std::uint64_t seed) : state_(seed) {}
  float uniform() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<float>(z >> 40) * (1.0f / 16777216.0f);
  }

 private:
  std::uint64_t state_;
};

template <class T, class Column>
void fill_keep(MaskStream& stream, float rate, T keep_value, Column&& column) {
  for (Eigen::Index r = 0; r < column.size(); ++r)
    column(r) = stream.uniform() < rate ? T(0) : keep_value;
}

}  // namespace

template <class T>
void draw_dropout_masks(const Architecture& arch, const BatchShape& shape,
                        std::span<const std::uint64_t> seeds, DropoutMasks<T>& masks) {
  const int batch = shape.batch, width = feature_width(arch);
  if (static_cast<int>(seeds.size()) != batch)
    throw Error("dropout masks: need one seed per sequence of the batch");
  const float rate = arch.dropout;
  const T keep_value = T(1) / (T(1) - T(rate));

  const std::vector<LayerSpec> layers = layer_specs(arch);
  // resize, not rebuild: the masks of the previous batch keep their storage.
  masks.input.resize(layers.size());
  masks.state.resize(layers.size());
  std::size_t flat = layers.size();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    switch (layers[i].dropout) {
      case DropoutRule::kNone:
        masks.input[i].resize(0, batch);
        masks.state[i].resize(0, batch);
        break;
      case DropoutRule::kInputAndState:
        masks.input[i].resize(layers[i].in, batch);
        masks.state[i].resize(layers[i].out, batch);
        break;
      case DropoutRule::kInput:
        masks.input[i].resize(layers[i].in, batch);
        masks.state[i].resize(0, batch);
        break;
      case DropoutRule::kFlat:
        masks.input[i].resize(shape.steps * width, batch);
        masks.state[i].resize(0, batch);
        flat = i;
        break;
    }
  }

  for (int b = 0; b < batch; ++b) {
    MaskStream stream(seeds[b]);
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (i == flat) continue;
      fill_keep(stream, rate, keep_value, masks.input[i].col(b));
      fill_keep(stream, rate, keep_value, masks.state[i].col(b));
    }
    if (flat == layers.size()) continue;
    auto column = masks.input[flat].col(b);
    const int pad_rows = shape.start[b] * width;
    column.head(pad_rows).setZero();
    fill_keep(stream, rate, keep_value, column.tail(shape.steps * width - pad_rows));
  }
}

template void draw_dropout_masks<float>(const Architecture&, const BatchShape&,
                                        std::span<const std::uint64_t>, DropoutMasks<float>&);
template void draw_dropout_masks<double>(const Architecture&, const BatchShape&,
                                         std::span<const std::uint64_t>, DropoutMasks<double>&);

}  // namespace mirgene::nn
