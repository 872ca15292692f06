#pragma once
// Boltzmann weights of loop energies at 37 °C, as RNAfold 2.7.1's partition function takes
// them. Energies are the integer dcal/mol of loop_energy.hpp; weights are doubles.
#include <cmath>
#include <vector>

#include "fold/params.hpp"

namespace mirgene::fold {

// RT at 37 °C in cal/mol, with the gas constant and 0 °C that RNAfold uses.
inline constexpr double kGasConstant = 1.98717;  // cal/(mol K)
inline constexpr double kZeroCelsius = 273.15;   // K
inline constexpr double kFoldTemperature = 37.0;
inline constexpr double kBoltzmannRT = (kFoldTemperature + kZeroCelsius) * kGasConstant;

// exp(-E / RT) for E in dcal/mol (hence the factor 10 to cal/mol).
inline double boltzmann_weight(double dcal) {
  return std::exp(-dcal * 10.0 / kBoltzmannRT);
}

// RNAfold's partition function does not clamp the dangle and terminal-mismatch energies of
// the exterior loop and of multiloops to <= 0 as its MFE does; it passes -E (dcal/mol)
// through a smooth step instead: 0 far below zero, unchanged above 8.66 dcal, and
// a*(sin(x/10 - b) + 1)^2 * 10 in between (a = 0.38490018, b = 0.34242663). Weights of
// such terms are exp(smoothed(-E) / RT). Energies of -0.09 kcal/mol or lower are
// unchanged; 0 becomes -0.017 kcal/mol.
inline double rnafold_smoothed_stabilisation(double minus_dcal) {
  constexpr double kScale = 10.0;
  const double x = minus_dcal / kScale;
  if (x < -1.2283697) return 0.0;
  if (x > 0.8660254) return minus_dcal;
  const double s = std::sin(x - 0.34242663) + 1.0;
  return kScale * 0.38490018 * s * s;
}

// Weights of the integer energies in [kLowest, kHighest] by table lookup (the fill asks for
// the weight of every interior loop it visits), by exp() outside that range.
class BoltzmannTable {
 public:
  static constexpr int kLowest = -4000;
  static constexpr int kHighest = 6000;

  BoltzmannTable() : weights_(kHighest - kLowest + 1) {
    for (int e = kLowest; e <= kHighest; ++e) weights_[e - kLowest] = boltzmann_weight(e);
  }
  double operator()(int dcal) const {
    if (dcal < kLowest || dcal > kHighest) return boltzmann_weight(dcal);
    return weights_[dcal - kLowest];
  }

 private:
  std::vector<double> weights_;
};

}  // namespace mirgene::fold
