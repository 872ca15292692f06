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
