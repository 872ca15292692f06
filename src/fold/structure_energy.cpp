// Structure evaluation: decomposes a dot-bracket structure into loops and sums the loop
// energies of loop_energy.hpp.
#include "fold/structure_energy.hpp"

#include <cstdio>

#include "common/error.hpp"
#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"
#include "fold/pair_table.hpp"

namespace mirgene::fold {
namespace {

// partner[p] = 1-based partner of p, or 0 if unpaired (index 0 unused), as the loop
// decomposition below counts positions.
std::vector<int> one_based_pair_table(std::string_view structure) {
  const std::vector<int> zero_based = pair_table(structure);
  std::vector<int> partner(zero_based.size() + 1, 0);
  for (std::size_t i = 0; i < zero_based.size(); ++i) partner[i + 1] = zero_based[i] + 1;
  return partner;
}

class Evaluator {
 public:
  Evaluator(const EnergyParams& params, std::string_view seq, std::string_view structure)
      : p_(params), n_(static_cast<int>(seq.size())), partner_(one_based_pair_table(structure)) {
    bases_.assign(n_ + 2, ' ');
    codes_.assign(n_ + 2, kBaseN);
    for (int x = 1; x <= n_; ++x) {
      bases_[x] = normalized_base(seq[x - 1]);
      codes_[x] = base_code(seq[x - 1]);
    }
    for (int x = 1; x <= n_; ++x) {
      const int y = partner_[x];
      if (y > x && type(x, y) == kNoPair) {
        throw Error("structure: bases " + std::string(1, bases_[x]) + std::to_string(x) + " and " +
                    std::string(1, bases_[y]) + std::to_string(y) + " cannot pair");
      }
    }
  }

  StructureEnergy run() {
    StructureEnergy result{0, {}};
    result.loops.push_back({LoopEnergy::Kind::Exterior, 0, 0, 0, 0, exterior_loop()});
    // Depth-first over the pairs, 5' branch first, without recursion (deep stems).
    std::vector<std::pair<int, int>> pending;
    push_branches_reversed(0, n_ + 1, pending);
    while (!pending.empty()) {
      const auto [i, j] = pending.back();
      pending.pop_back();
      result.loops.push_back(loop_closed_by(i, j));
      push_branches_reversed(i, j, pending);
    }
    for (const LoopEnergy& loop : result.loops) result.energy += loop.energy;
    return result;
  }

 private:
  int type(int x, int y) const { return pair_type(codes_[x], codes_[y]); }

  std::vector<std::pair<int, int>> branches(int i, int j) const {
    std::vector<std::pair<int, int>> out;
    for (int x = i + 1; x < j; ++x) {
      if (partner_[x] > x) {
        out.emplace_back(x, partner_[x]);
        x = partner_[x];
      }
    }
    return out;
  }

  void push_branches_reversed(int i, int j, std::vector<std::pair<int, int>>& pending) const {
    const auto inner = branches(i, j);
    pending.insert(pending.end(), inner.rbegin(), inner.rend());
  }

  int exterior_loop() const {
    int energy = 0;
    for (const auto& [x, y] : branches(0, n_ + 1)) {
      const int five = x > 1 ? codes_[x - 1] : kNoNeighbour;
      const int three = y < n_ ? codes_[y + 1] : kNoNeighbour;
      energy += exterior_stem_energy(p_, type(x, y), five, three);
    }
    return energy;
  }

  LoopEnergy loop_closed_by(int i, int j) const {
    const auto inner = branches(i, j);
    if (inner.empty()) {
      const int u = j - i - 1;
      if (u < 3) {
        throw Error("structure: hairpin closed by (" + std::to_string(i) + "," + std::to_string(j) +
                    ") has " + std::to_string(u) + " unpaired bases, at least 3 are needed");
      }
      const std::string_view key(bases_.data() + i, j - i + 1);
      const int e = hairpin_energy(p_, type(i, j), u, codes_[i + 1], codes_[j - 1], key);
      return {LoopEnergy::Kind::Hairpin, i, j, 0, 0, e};
    }
    if (inner.size() == 1) {
      const auto [k, l] = inner.front();
      const int e = interior_energy(p_, type(i, j), type(l, k), k - i - 1, j - l - 1, codes_[i + 1],
                                    codes_[j - 1], codes_[k - 1], codes_[l + 1]);
      return {LoopEnergy::Kind::Interior, i, j, k, l, e};
    }
    int e = multi_closing_energy(p_, type(j, i), codes_[j - 1], codes_[i + 1]);
    int unpaired = j - i - 1;
    for (const auto& [x, y] : inner) {
      e += multi_stem_energy(p_, type(x, y), codes_[x - 1], codes_[y + 1]);
      unpaired -= y - x + 1;
    }
    e += unpaired * p_.ml_base;
    return {LoopEnergy::Kind::Multi, i, j, 0, 0, e};
  }

  const EnergyParams& p_;
  int n_;
  std::vector<int> partner_;
  std::string bases_;       // 1-based, upper case, T as U
  std::vector<int> codes_;  // 1-based
};

}  // namespace

StructureEnergy structure_energy(const EnergyParams& params, std::string_view seq,
                                 std::string_view structure) {
  if (seq.size() != structure.size()) {
    throw Error("structure has " + std::to_string(structure.size()) +
                " characters but the sequence has " + std::to_string(seq.size()));
  }
  return Evaluator(params, seq, structure).run();
}

std::string format_loop(const LoopEnergy& loop, std::string_view seq) {
  auto base = [&](int position) { return normalized_base(seq[position - 1]); };
  char buffer[128];
  switch (loop.kind) {
    case LoopEnergy::Kind::Exterior:
      std::snprintf(buffer, sizeof buffer, "External loop                           : %5d",
                    loop.energy);
      break;
    case LoopEnergy::Kind::Interior:
      std::snprintf(buffer, sizeof buffer, "Interior loop (%3d,%3d) %c%c; (%3d,%3d) %c%c: %5d",
                    loop.i, loop.j, base(loop.i), base(loop.j), loop.k, loop.l, base(loop.k),
                    base(loop.l), loop.energy);
      break;
    case LoopEnergy::Kind::Hairpin:
      std::snprintf(buffer, sizeof buffer, "Hairpin  loop (%3d,%3d) %c%c              : %5d",
                    loop.i, loop.j, base(loop.i), base(loop.j), loop.energy);
      break;
    case LoopEnergy::Kind::Multi:
      std::snprintf(buffer, sizeof buffer, "Multi    loop (%3d,%3d) %c%c              : %5d",
                    loop.i, loop.j, base(loop.i), base(loop.j), loop.energy);
      break;
  }
  return buffer;
}

}  // namespace mirgene::fold
