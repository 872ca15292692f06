#pragma once
// Geometry of a time-major batch: B sequences right-aligned to the longest (S steps), so
// column block s of every per-step matrix holds step s of all B sequences, and sequence b
// starts (its first base) at step start[b] = S - L_b. Steps before start[b] are padding.
#include <cstdint>
#include <vector>

namespace mirgene::nn {

struct BatchShape {
  int steps = 0;
  int batch = 0;
  std::vector<int> start;  // per sequence, first real step

  int length(int b) const { return steps - start[b]; }
  bool active(int s, int b) const { return s >= start[b]; }
  // Column of step s, sequence b in a (rows x steps*batch) matrix.
  int col(int s, int b) const { return s * batch + b; }
};

// Token codes of a batch in time-major order (steps x batch), kPadToken on padding.
inline constexpr std::uint8_t kPadToken = 0xFF;

}  // namespace mirgene::nn
