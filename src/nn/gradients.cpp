#include "nn/gradients.hpp"

#include <algorithm>

namespace mirgene::nn {

Gradients::Gradients(const Architecture& arch)
    : arch_(arch),
      layout_(parameter_layout(arch)),
      flat_reader_(flat_reader_index(arch)),
      values_(parameter_count(arch), 0.0f) {}

std::span<float> Gradients::tensor(std::string_view name) {
  const ParamInfo& info = layout_[tensor_index(layout_, name)];
  return {values_.data() + info.offset, info.size};
}

std::vector<ParamView> Gradients::views() {
  std::vector<ParamView> out;
  for (const auto& info : layout_)
    out.push_back({info.name, info.shape, values_.data() + info.offset, info.size});
  return out;
}

void Gradients::zero() {
  std::fill(values_.begin(), values_.end(), 0.0f);
}

// Calls op(first, count) on the contiguous ranges a batch can touch.
template <class Op>
void Gradients::for_each_touched(int dense1_first_column, Op&& op) {
  const auto& d1 = layout_[flat_reader_];
  op(std::size_t{0}, d1.offset);
  const std::size_t width = d1.shape[1];
  const std::size_t first = std::clamp<std::size_t>(dense1_first_column, 0, width);
  for (int row = 0; row < d1.shape[0]; ++row) op(d1.offset + row * width + first, width - first);
  const std::size_t rest = d1.offset + d1.size;
  op(rest, values_.size() - rest);
}

void Gradients::zero_touched(int dense1_first_column) {
  for_each_touched(dense1_first_column, [&](std::size_t first, std::size_t count) {
    std::fill_n(values_.data() + first, count, 0.0f);
  });
}

void Gradients::add(const Gradients& other, int dense1_first_column) {
  const float* src = other.values_.data();
  float* dst = values_.data();
  for_each_touched(dense1_first_column, [&](std::size_t first, std::size_t count) {
    for (std::size_t i = first; i < first + count; ++i) dst[i] += src[i];
  });
}

}  // namespace mirgene::nn
