#pragma once
// RNAfold's printed form of an energy.
#include <string>

namespace mirgene::fold {

// dcal/mol as RNAfold prints kcal/mol after a structure: "( -5.40)", "(-26.30)",
// "(  0.00)", "(-100.00)" -- C's "%6.2f" inside parentheses.
std::string format_energy(int dcal);

}  // namespace mirgene::fold
