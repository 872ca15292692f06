#pragma once
// What counts as a pre-miRNA-like hairpin: the folding filter of the triplet-SVM study's
// pseudo-hairpins (Xue et al. 2005): one stem-loop (no multiloop), at least 18 base pairs in
// it, and a minimum free energy of at most -15 kcal/mol. Decoys must pass it, so that they
// differ from pre-miRNAs in what the network should learn, not in being hairpins at all.
#include <string_view>

namespace mirgene::decoys {

struct HairpinCriteria {
  int min_pairs = 18;
  int max_energy = -1500;  // dcal/mol
  // Unpaired bases allowed outside the stem-loop at each end.
  int max_tail = 20;
};

// True when `structure` (the MFE structure of the piece, energy in dcal/mol) is one
// stem-loop meeting `criteria`.
bool is_premirna_like(std::string_view structure, int energy, const HairpinCriteria& criteria);

}  // namespace mirgene::decoys
