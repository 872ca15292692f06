#pragma once
// Gradient storage with the network's shapes: one flat float array in parameter_layout order.
#include <span>
#include <string_view>
#include <vector>

#include "nn/network.hpp"

namespace mirgene::nn {

class Gradients {
 public:
  explicit Gradients(const Architecture& arch);

  std::span<float> flat() { return values_; }
  std::span<const float> flat() const { return values_; }
  std::span<float> tensor(std::string_view name);
  std::vector<ParamView> views();  // same names and shapes as Network::parameters()
  const std::vector<ParamInfo>& layout() const { return layout_; }

  void zero();
  // Zeroes everything a batch may have written: all tensors, but of the flatten reader
  // (dense1.weight) only the columns from dense1_first_column on (a batch never writes the
  // columns before).
  void zero_touched(int dense1_first_column);
  // this += other, tensor by tensor, restricted like zero_touched.
  void add(const Gradients& other, int dense1_first_column);

 private:
  template <class Op>
  void for_each_touched(int dense1_first_column, Op&& op);

  Architecture arch_;
  std::vector<ParamInfo> layout_;
  std::size_t flat_reader_;  // layout index of the flatten reader's weight
  AlignedVector<float> values_;
};

}  // namespace mirgene::nn
