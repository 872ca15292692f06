#include "nn/initialisation.hpp"

// nn/eigen.hpp before any other Eigen header: every TU of the module must see Eigen with the
// same (non-parallel) configuration, or the linker may pick template instantiations built
// with Eigen's OpenMP threading for the passes too.
#include "nn/eigen.hpp"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "common/error.hpp"
#include "nn/layers.hpp"
#include "nn/random.hpp"

namespace mirgene::nn {
namespace {

void glorot_uniform(std::span<float> w, int fan_out, int fan_in, std::mt19937_64& rng) {
  const float limit = std::sqrt(6.0f / static_cast<float>(fan_in + fan_out));
  for (float& v : w) v = limit * (2.0f * unit_float(rng) - 1.0f);
}

// Standard normal by Box-Muller from the generator's raw bits.
double standard_normal(std::mt19937_64& rng) {
  const double u1 = 1.0 - static_cast<double>(rng() >> 11) * 0x1.0p-53;  // (0, 1]
  const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// A rows x cols (rows >= cols) matrix with orthonormal columns, row-major into `w`.
void orthogonal(std::span<float> w, int rows, int cols, std::mt19937_64& rng) {
  Eigen::MatrixXd a(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) a(r, c) = standard_normal(rng);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
  const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
  const Eigen::MatrixXd r = qr.matrixQR().topRows(cols).triangularView<Eigen::Upper>();
  // Fixing the signs by R's diagonal makes Q uniformly distributed over orthogonal matrices.
  for (int c = 0; c < cols; ++c) {
    const double sign = r(c, c) < 0 ? -1.0 : 1.0;
    for (int row = 0; row < rows; ++row)
      w[static_cast<std::size_t>(row) * cols + c] = static_cast<float>(sign * q(row, c));
  }
}

void apply(const TensorSpec& t, std::span<float> w, std::mt19937_64& rng) {
  switch (t.init) {
    case InitRule::kGlorotUniform:
      glorot_uniform(w, t.fan_out, t.fan_in, rng);
      return;
    case InitRule::kOrthogonal:
      orthogonal(w, t.param.shape[0], t.param.shape[1], rng);
      return;
    case InitRule::kZero:
      std::fill(w.begin(), w.end(), 0.0f);
      return;
    case InitRule::kForgetGateBias: {
      // Gate order i, f, g, o: a forget bias of 1 lets early gradients flow through time.
      const std::size_t units = w.size() / 4;
      std::fill(w.begin(), w.end(), 0.0f);
      std::fill(w.begin() + units, w.begin() + 2 * units, 1.0f);
      return;
    }
  }
}

}  // namespace

const std::vector<std::string>& init_scheme_names() {
  static const std::vector<std::string> names = {"keras", "uniform"};
  return names;
}

std::string_view init_scheme_name(InitScheme scheme) {
  return init_scheme_names()[scheme == InitScheme::kKeras ? 0 : 1];
}

InitScheme init_scheme_from_name(std::string_view name) {
  if (name == init_scheme_names()[0]) return InitScheme::kKeras;
  if (name == init_scheme_names()[1]) return InitScheme::kUniform;
  throw Error("training: unknown initialisation '" + std::string(name) + "' (keras or uniform)");
}

// Tensors are drawn in layout order (conv, recurrent, attention, dense, output) and zero rules
// draw nothing, so for the default architecture the draws are those of the releases before
// configurable networks and a seed gives the same initial weights.
void init_for_training(Network& net, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::span<float> flat = net.flat();
  for (const LayerSpec& layer : layer_specs(net.architecture()))
    for (const TensorSpec& t : layer.tensors)
      apply(t, flat.subspan(t.param.offset, t.param.size), rng);
}

void initialise(Network& net, InitScheme scheme, std::uint64_t seed) {
  if (scheme == InitScheme::kUniform)
    net.init_uniform(seed, 0.05f);
  else
    init_for_training(net, seed);
}

}  // namespace mirgene::nn
