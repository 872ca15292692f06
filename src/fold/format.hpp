#pragma once
// RNAfold's printed form of an energy.
#include <string>

namespace mirgene::fold {

// dcal/mol as RNAfold prints kcal/mol after a structure: "( -5.40)", "(-26.30)",
// "(  0.00)", "(-100.00)" -- C's "%6.2f" inside parentheses.
std::string format_energy(int dcal);

}  // namespace mirgene::fold

namespace mirgene::fold {

struct Centroid;

// The lines RNAfold -p prints after the MFE line, without the newline:
//   "<pair-probability symbols> [ -5.95]"     (ensemble free energy, kcal/mol)
//   "<centroid structure> { -4.50 d=3.94}"    (its energy and distance)
//   " frequency of mfe structure in ensemble 0.0957245; ensemble diversity 6.38  "
std::string format_ensemble_line(const std::string& symbols, double ensemble_energy_kcal);
std::string format_centroid_line(const std::string& structure, int energy_dcal, double distance);
std::string format_frequency_line(double mfe_frequency, double diversity);

}  // namespace mirgene::fold
