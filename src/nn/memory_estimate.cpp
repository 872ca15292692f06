#include "nn/memory_estimate.hpp"

#include <algorithm>

#include "common/available_memory.hpp"
#include "common/error.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {
namespace {

// Floats one sequence position keeps through the forward pass for the backward pass, and the
// same again for the gradients flowing back.
double floats_per_position(const Architecture& arch) {
  double floats = input_width(arch.input);
  for (const ConvLayer& c : arch.conv) floats += 2.0 * c.filters;
  for (const RecurrentLayer& r : arch.recurrent) {
    // four gates, cell, cell tanh and output per direction
    floats += (r.bidirectional ? 2.0 : 1.0) * 7.0 * r.units;
  }
  if (arch.attention) floats += 2.0 * feature_width(arch) + 2.0;
  return 2.0 * floats;
}

}  // namespace

double training_memory_bytes(const Architecture& arch, int batch_size, int threads) {
  const double parameters = static_cast<double>(parameter_count(arch));
  const double state = (4.0 + std::max(threads, 1)) * parameters;
  double per_sequence = floats_per_position(arch) * arch.max_len;
  for (int width : arch.dense) per_sequence += 4.0 * width;
  return 4.0 * (state + static_cast<double>(std::max(batch_size, 1)) * per_sequence);
}

void check_training_memory(const Architecture& arch, int batch_size, int threads,
                           const std::string& name, double available_bytes) {
  const double needed = training_memory_bytes(arch, batch_size, threads);
  if (needed <= available_bytes) return;
  const double parameters = static_cast<double>(parameter_count(arch));
  throw Error(name + ": training this network needs about " + gib_text(needed) + " GiB (" +
              std::to_string(static_cast<long long>(parameters)) + " parameters with Adam state and " +
              std::to_string(std::max(threads, 1)) + " gradient buffers: " +
              gib_text(4.0 * (4.0 + std::max(threads, 1)) * parameters) +
              " GiB; activations of a batch of " + std::to_string(batch_size) + ": " +
              gib_text(needed - 4.0 * (4.0 + std::max(threads, 1)) * parameters) + " GiB); only " +
              gib_text(available_bytes) +
              " GiB available: use fewer units, layers or dense widths, a smaller --batch-size "
              "or fewer --threads");
}

}  // namespace mirgene::nn
