#pragma once
// 64-byte aligned vectors. Vectorised reductions peel unaligned leading elements, so the
// summation order (and the last bit of a result) would depend on where malloc put a buffer;
// with every buffer aligned, results depend only on the data and the batch shape, which keeps
// training and inference bit-reproducible across runs and thread counts.
#include <cstddef>
#include <new>
#include <vector>

namespace mirgene::nn {

inline constexpr std::size_t kBufferAlignment = 64;

template <class T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{kBufferAlignment}));
  }
  void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{kBufferAlignment}); }
  template <class U>
  bool operator==(const AlignedAllocator<U>&) const {
    return true;
  }
};

template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

}  // namespace mirgene::nn
