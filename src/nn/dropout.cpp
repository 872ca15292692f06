#include "nn/dropout.hpp"

#include "common/error.hpp"

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

  int in = input_width(arch.input);
  masks.conv_input.resize(arch.conv.size());
  for (std::size_t i = 0; i < arch.conv.size(); ++i) {
    masks.conv_input[i].resize(in, batch);
    in = arch.conv[i].filters;
  }
  std::size_t directions = 0;
  for (const RecurrentLayer& r : arch.recurrent) directions += r.bidirectional ? 2 : 1;
  // resize, not rebuild: the masks of the previous batch keep their storage.
  masks.recurrent_input.resize(directions);
  masks.recurrent_state.resize(directions);
  std::size_t d = 0;
  for (const RecurrentLayer& r : arch.recurrent) {
    for (int direction = 0; direction < (r.bidirectional ? 2 : 1); ++direction, ++d) {
      masks.recurrent_input[d].resize(in, batch);
      masks.recurrent_state[d].resize(r.units, batch);
    }
    in = r.bidirectional ? 2 * r.units : r.units;
  }
  masks.dense_input.resize(arch.dense.size());
  for (std::size_t i = 1; i < arch.dense.size(); ++i)
    masks.dense_input[i].resize(arch.dense[i - 1], batch);
  masks.flat.resize(shape.steps * width, batch);

  for (int b = 0; b < batch; ++b) {
    MaskStream stream(seeds[b]);
    for (auto& m : masks.conv_input) fill_keep(stream, rate, keep_value, m.col(b));
    for (std::size_t d = 0; d < masks.recurrent_input.size(); ++d) {
      fill_keep(stream, rate, keep_value, masks.recurrent_input[d].col(b));
      fill_keep(stream, rate, keep_value, masks.recurrent_state[d].col(b));
    }
    for (std::size_t i = 1; i < masks.dense_input.size(); ++i)
      fill_keep(stream, rate, keep_value, masks.dense_input[i].col(b));
    const int pad_rows = shape.start[b] * width;
    masks.flat.col(b).head(pad_rows).setZero();
    fill_keep(stream, rate, keep_value, masks.flat.col(b).tail(shape.steps * width - pad_rows));
  }
}

template void draw_dropout_masks<float>(const Architecture&, const BatchShape&,
                                        std::span<const std::uint64_t>, DropoutMasks<float>&);
template void draw_dropout_masks<double>(const Architecture&, const BatchShape&,
                                         std::span<const std::uint64_t>, DropoutMasks<double>&);

}  // namespace mirgene::nn
