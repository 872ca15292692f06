#pragma once
// Energies (dcal/mol) of single loops, as small pure functions of integer codes. The
// evaluator and the folder (fill and backtracking) use the same functions, so a folded
// structure always re-evaluates to its reported energy. Positions in the comments are
// those of the loop's closing pair (i,j) and inner pair (k,l), i < k < l < j.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "fold/params.hpp"

namespace mirgene::fold {

// A stem at a sequence end has no neighbour on that side.
inline constexpr int kNoNeighbour = -1;

// The AU/GU closure penalty: GU and UG pairs are penalised like AU and UA.
inline int terminal_penalty(const EnergyParams& p, int type) {
  return (type >= kPairGU && type <= kPairUA) ? p.terminal_au : 0;
}

// Loops longer than the tables grow logarithmically; the increment is truncated before
// it is added, as RNAfold does (a 31-base hairpin costs 3 more than a 30-base one).
inline int loop_length_energy(const EnergyParams& p, const std::vector<int>& table, int u) {
  if (u <= kMaxLoop) return table[u];
  return table[kMaxLoop] + static_cast<int>(p.lxc * std::log(u / static_cast<double>(kMaxLoop)));
}

inline int ninio_energy(const EnergyParams& p, int asymmetry) {
  return std::min(p.max_ninio, asymmetry * p.ninio);
}

// Listed energy of a special hairpin (tri-, tetra- or hexaloop) whose closing pair plus
// loop spell `key`, or kInf when the key is not listed.
inline int special_hairpin_energy(const EnergyParams& p, std::string_view key) {
  const std::vector<SpecialHairpin>* list = nullptr;
  switch (key.size()) {
    case 5:
      list = &p.triloops;
      break;
    case 6:
      list = &p.tetraloops;
      break;
    case 8:
      list = &p.hexaloops;
      break;
    default:
      return kInf;
  }
  for (const SpecialHairpin& loop : *list) {
    if (loop.sequence == key) return loop.energy;
  }
  return kInf;
}

// Hairpin of u >= 3 unpaired bases closed by a pair of `type`; a = code at i+1, b = code
// at j-1, key = bases i..j (upper case, T as U). A listed special loop replaces the
// whole energy; size-3 loops take no mismatch but the terminal penalty.
inline int hairpin_energy(const EnergyParams& p, int type, int u, int a, int b,
                          std::string_view key) {
  if (u == 3 || u == 4 || u == 6) {
    const int special = special_hairpin_energy(p, key);
    if (special != kInf) return special;
  }
  if (u == 3) return p.hairpin[3] + terminal_penalty(p, type);
  return loop_length_energy(p, p.hairpin, u) + p.mismatch_hairpin[mismatch_index(type, a, b)];
}

// Stack, bulge or interior loop with u1 unpaired bases on the 5' side and u2 on the 3'
// side. t1 = type of (i,j); t2 = type of the inner pair read from inside, i.e. (l,k).
// a = code at i+1, b = at j-1, c = at k-1, d = at l+1.
inline int interior_energy(const EnergyParams& p, int t1, int t2, int u1, int u2, int a, int b,
                           int c, int d) {
  if (u1 == 0 && u2 == 0) return p.stack[stack_index(t1, t2)];
  if (u1 == 0 || u2 == 0) {
    const int size = u1 + u2;
    if (size == 1) return p.bulge[1] + p.stack[stack_index(t1, t2)];
    return loop_length_energy(p, p.bulge, size) + terminal_penalty(p, t1) + terminal_penalty(p, t2);
  }
  const int shorter = std::min(u1, u2);
  const int longer = std::max(u1, u2);
  if (longer <= 2) {
    if (u1 == 1 && u2 == 1) return p.int11[int11_index(t1, t2, a, b)];
    if (u1 == 1) return p.int21[int21_index(t1, t2, a, d, b)];
    if (u2 == 1) return p.int21[int21_index(t2, t1, d, a, c)];
    return p.int22[int22_index(t1, t2, a, c, d, b)];
  }
  const int size = u1 + u2;
  if (shorter == 1) {
    return loop_length_energy(p, p.internal, size) + ninio_energy(p, longer - 1) +
           p.mismatch_internal_1n[mismatch_index(t1, a, b)] +
           p.mismatch_internal_1n[mismatch_index(t2, d, c)];
  }
  if (shorter == 2 && longer == 3) {
    return p.internal[5] + ninio_energy(p, 1) + p.mismatch_internal_23[mismatch_index(t1, a, b)] +
           p.mismatch_internal_23[mismatch_index(t2, d, c)];
  }
  return loop_length_energy(p, p.internal, size) + ninio_energy(p, longer - shorter) +
         p.mismatch_internal[mismatch_index(t1, a, b)] +
         p.mismatch_internal[mismatch_index(t2, d, c)];
}

// The part of a multiloop stem's energy that does not depend on its neighbours.
inline int multi_stem_base_energy(const EnergyParams& p, int type) {
  return p.ml_intern + terminal_penalty(p, type);
}

// One stem (p,q) of a multiloop, seen from the loop: type = pt(p,q), five = code at p-1,
// three = code at q+1. Under -d2 both neighbours are always used, paired or not.
inline int multi_stem_energy(const EnergyParams& p, int type, int five, int three) {
  return multi_stem_base_energy(p, type) + p.mismatch_multi[mismatch_index(type, five, three)];
}

// The closing part of a multiloop closed by (i,j): the closing pair is a stem (j,i) of
// the loop, so type = pt(j,i), five = code at j-1, three = code at i+1.
inline int multi_closing_energy(const EnergyParams& p, int type, int five, int three) {
  return p.ml_closing + multi_stem_energy(p, type, five, three);
}

// Which neighbour term a stem of the exterior loop takes under -d2: a mismatch when both
// neighbours exist, a dangle at a sequence end, nothing for a stem spanning the sequence.
enum class ExteriorNeighbours { Both, FiveOnly, ThreeOnly, None };
inline ExteriorNeighbours exterior_neighbours(int five, int three) {
  if (five != kNoNeighbour && three != kNoNeighbour) return ExteriorNeighbours::Both;
  if (five != kNoNeighbour) return ExteriorNeighbours::FiveOnly;
  if (three != kNoNeighbour) return ExteriorNeighbours::ThreeOnly;
  return ExteriorNeighbours::None;
}

// One stem (p,q) of the exterior loop: five = code at p-1 and three = code at q+1, or
// kNoNeighbour at a sequence end.
inline int exterior_stem_energy(const EnergyParams& p, int type, int five, int three) {
  const int energy = terminal_penalty(p, type);
  switch (exterior_neighbours(five, three)) {
    case ExteriorNeighbours::Both:
      return energy + p.mismatch_exterior[mismatch_index(type, five, three)];
    case ExteriorNeighbours::FiveOnly:
      return energy + p.dangle5[dangle_index(type, five)];
    case ExteriorNeighbours::ThreeOnly:
      return energy + p.dangle3[dangle_index(type, three)];
    case ExteriorNeighbours::None:
      break;
  }
  return energy;
}

}  // namespace mirgene::fold
