#include "train/initialisation.hpp"

#include <Eigen/QR>
#include <cmath>
#include <numbers>
#include <random>

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

void init_lstm(nn::Network& net, nn::ParamId ih, nn::ParamId hh, nn::ParamId bias, int hidden,
               int inputs, std::mt19937_64& rng) {
  glorot_uniform(net.tensor(ih), 4 * hidden, inputs, rng);
  orthogonal(net.tensor(hh), 4 * hidden, hidden, rng);
  std::span<float> b = net.tensor(bias);
  std::fill(b.begin(), b.end(), 0.0f);
  // Gate order i, f, g, o: a forget bias of 1 lets early gradients flow through time.
  std::fill(b.begin() + hidden, b.begin() + 2 * hidden, 1.0f);
}

void zero(std::span<float> t) {
  std::fill(t.begin(), t.end(), 0.0f);
}

}  // namespace

void init_for_training(nn::Network& net, std::uint64_t seed) {
  const nn::Architecture& a = net.architecture();
  std::mt19937_64 rng(seed);
  init_lstm(net, nn::kLstm1WeightIh, nn::kLstm1WeightHh, nn::kLstm1Bias, a.lstm1, nn::kInputWidth,
            rng);
  init_lstm(net, nn::kLstm2WeightIh, nn::kLstm2WeightHh, nn::kLstm2Bias, a.lstm2, a.lstm1, rng);
  glorot_uniform(net.tensor(nn::kAttentionWeight), 1, a.lstm2, rng);
  zero(net.tensor(nn::kAttentionBias));
  glorot_uniform(net.tensor(nn::kDense1Weight), a.dense1, a.max_len * a.lstm2, rng);
  zero(net.tensor(nn::kDense1Bias));
  glorot_uniform(net.tensor(nn::kDense2Weight), a.dense2, a.dense1, rng);
  zero(net.tensor(nn::kDense2Bias));
  glorot_uniform(net.tensor(nn::kOutputWeight), nn::kClasses, a.dense2, rng);
  zero(net.tensor(nn::kOutputBias));
}

}  // namespace mirgene::train
