#include "decoys/hairpin_criteria.hpp"

#include "decoys/stem_loops.hpp"

namespace mirgene::decoys {

bool is_premirna_like(std::string_view structure, int energy, const HairpinCriteria& criteria) {
  if (energy > criteria.max_energy) return false;
  const std::vector<StemLoop> loops = find_stem_loops(structure);
  if (loops.size() != 1) return false;
  const StemLoop& s = loops.front();
  const int tail_3 = static_cast<int>(structure.size()) - 1 - s.end;
  return s.pairs >= criteria.min_pairs && s.start <= criteria.max_tail &&
         tail_3 <= criteria.max_tail;
}

}  // namespace mirgene::decoys
