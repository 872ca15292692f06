#include "fold/format.hpp"

#include <cstdio>
#include <cstdlib>

namespace mirgene::fold {

std::string format_energy(int dcal) {
  // Integer formatting avoids any binary-fraction rounding of dcal / 100.
  const long magnitude = std::labs(static_cast<long>(dcal));
  char number[32];
  std::snprintf(number, sizeof number, "%s%ld.%02ld", dcal < 0 ? "-" : "", magnitude / 100,
                magnitude % 100);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "(%6s)", number);
  return buffer;
}

}  // namespace mirgene::fold

namespace mirgene::fold {

// RNAfold holds the ensemble energy as a float when printing it; so do these lines.
std::string format_ensemble_line(const std::string& symbols, double ensemble_energy_kcal) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, " [%6.2f]",
                static_cast<double>(static_cast<float>(ensemble_energy_kcal)));
  return symbols + buffer;
}

std::string format_centroid_line(const std::string& structure, int energy_dcal, double distance) {
  const std::string energy = format_energy(energy_dcal);  // "( -4.50)": "%6.2f" in brackets
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, " d=%.2f}", distance);
  return structure + " {" + energy.substr(1, energy.size() - 2) + buffer;
}

std::string format_frequency_line(double mfe_frequency, double diversity) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer,
                " frequency of mfe structure in ensemble %g; ensemble diversity %-6.2f",
                mfe_frequency, diversity);
  return buffer;
}

}  // namespace mirgene::fold
