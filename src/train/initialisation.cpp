#include "train/initialisation.hpp"

#include <Eigen/QR>
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "nn/random.hpp"

namespace mirgene::train {
namespace {

void glorot_uniform(std::span<float> w, int fan_out, int fan_in, std::mt19937_64& rng) {
  const float limit = std::sqrt(6.0f / static_cast<float>(fan_in + fan_out));
  for (float& v : w) v = limit * (2.0f * nn::unit_float(rng) - 1.0f);
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

void init_lstm(std::span<float> w_ih, std::span<float> w_hh, std::span<float> bias, int hidden,
               int inputs, std::mt19937_64& rng) {
  glorot_uniform(w_ih, 4 * hidden, inputs, rng);
  orthogonal(w_hh, 4 * hidden, hidden, rng);
  std::fill(bias.begin(), bias.end(), 0.0f);
  // Gate order i, f, g, o: a forget bias of 1 lets early gradients flow through time.
  std::fill(bias.begin() + hidden, bias.begin() + 2 * hidden, 1.0f);
}

void zero(std::span<float> t) {
  std::fill(t.begin(), t.end(), 0.0f);
}

}  // namespace

// Tensors are drawn in layout order (conv, recurrent, attention, dense, output), so for the
// default architecture the draws are those of the releases before configurable networks and a
// seed gives the same initial weights.
void init_for_training(nn::Network& net, std::uint64_t seed) {
  const nn::Architecture& a = net.architecture();
  const auto tensor = [&net](const std::string& name) { return net.tensor(name); };
  std::mt19937_64 rng(seed);
  int width = nn::input_width(a.input);
  for (std::size_t i = 0; i < a.conv.size(); ++i) {
    const std::string name = "conv" + std::to_string(i + 1);
    const nn::ConvLayer& c = a.conv[i];
    // Keras' fans of a convolution kernel: width x input channels, width x filters.
    glorot_uniform(tensor(name + ".weight"), c.width * c.filters, c.width * width, rng);
    zero(tensor(name + ".bias"));
    width = c.filters;
  }
  for (std::size_t i = 0; i < a.recurrent.size(); ++i) {
    const nn::RecurrentLayer& r = a.recurrent[i];
    const std::string name = "lstm" + std::to_string(i + 1);
    for (const std::string& direction : {name, name + "_reverse"}) {
      init_lstm(tensor(direction + ".weight_ih"), tensor(direction + ".weight_hh"),
                tensor(direction + ".bias"), r.units, width, rng);
      if (!r.bidirectional) break;
    }
    width = r.bidirectional ? 2 * r.units : r.units;
  }
  if (a.attention) {
    glorot_uniform(tensor("attention.weight"), 1, width, rng);
    zero(tensor("attention.bias"));
  }
  int in = a.max_len * width;
  for (std::size_t i = 0; i < a.dense.size(); ++i) {
    const std::string name = "dense" + std::to_string(i + 1);
    glorot_uniform(tensor(name + ".weight"), a.dense[i], in, rng);
    zero(tensor(name + ".bias"));
    in = a.dense[i];
  }
  glorot_uniform(tensor("output.weight"), nn::kClasses, in, rng);
  zero(tensor("output.bias"));
}

}  // namespace mirgene::train
