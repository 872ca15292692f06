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
  const int batch = shape.batch, h2 = arch.lstm2;
  if (static_cast<int>(seeds.size()) != batch)
    throw Error("dropout masks: need one seed per sequence of the batch");
  const float rate = arch.dropout;
  const T keep_value = T(1) / (T(1) - T(rate));
  masks.lstm1_input.resize(kInputWidth, batch);
  masks.lstm1_recurrent.resize(arch.lstm1, batch);
  masks.lstm2_input.resize(arch.lstm1, batch);
  masks.lstm2_recurrent.resize(h2, batch);
  masks.dense1.resize(arch.dense1, batch);
  masks.flat.resize(shape.steps * h2, batch);
  for (int b = 0; b < batch; ++b) {
    MaskStream stream(seeds[b]);
    fill_keep(stream, rate, keep_value, masks.lstm1_input.col(b));
    fill_keep(stream, rate, keep_value, masks.lstm1_recurrent.col(b));
    fill_keep(stream, rate, keep_value, masks.lstm2_input.col(b));
    fill_keep(stream, rate, keep_value, masks.lstm2_recurrent.col(b));
    fill_keep(stream, rate, keep_value, masks.dense1.col(b));
    const int pad_rows = shape.start[b] * h2;
    masks.flat.col(b).head(pad_rows).setZero();
    fill_keep(stream, rate, keep_value, masks.flat.col(b).tail(shape.steps * h2 - pad_rows));
  }
}

template void draw_dropout_masks<float>(const Architecture&, const BatchShape&,
                                        std::span<const std::uint64_t>, DropoutMasks<float>&);
template void draw_dropout_masks<double>(const Architecture&, const BatchShape&,
                                         std::span<const std::uint64_t>, DropoutMasks<double>&);

}  // namespace mirgene::nn
