#pragma once
// Free energy of a given secondary structure, loop by loop, as RNAeval -v reports it.
#include <string>
#include <string_view>
#include <vector>

#include "fold/params.hpp"

namespace mirgene::fold {

struct LoopEnergy {
  enum class Kind { Exterior, Interior, Hairpin, Multi } kind;
  int i, j;    // closing pair, 1-based (0 for the exterior loop)
  int k, l;    // inner pair of an interior loop (stack, bulge, interior), else 0
  int energy;  // dcal/mol
};

struct StructureEnergy {
  int energy;                     // dcal/mol, the sum over loops
  std::vector<LoopEnergy> loops;  // exterior first, then each pair's loop depth-first, 5'->3'
};

// Throws mirgene::Error for a length mismatch, unbalanced brackets, a character other
// than "()." in the structure, a pair that cannot form (non-canonical or with a base that
// is not A/C/G/U/T) or a hairpin of fewer than 3 unpaired bases. The sequence may be in
// any case; T is read as U.
StructureEnergy structure_energy(const EnergyParams& params, std::string_view seq,
                              std::string_view structure);

// RNAeval -v's line for one loop, e.g. "Interior loop (  2, 86) UA; (  3, 85) GC:  -210".
std::string format_loop(const LoopEnergy& loop, std::string_view seq);

}  // namespace mirgene::fold
