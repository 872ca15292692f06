#pragma once
// Reusable scratch storage: a buffer grows to the largest shape it has held and is then
// reused, so a steady stream of batches allocates nothing.
#include <vector>

#include "nn/aligned.hpp"

#include "nn/eigen.hpp"

namespace mirgene::nn {

template <class T>
MatMap<T> shaped(AlignedVector<T>& buffer, int rows, int cols) {
  const std::size_t need = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  if (buffer.size() < need) buffer.resize(need);
  return MatMap<T>(buffer.data(), rows, cols);
}

}  // namespace mirgene::nn
