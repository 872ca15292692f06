// Lays parameter-file values out into EnergyParams, and the public entry points.
#include "fold/params.hpp"

#include <algorithm>
#include <fstream>

#include "common/error.hpp"
#include "fold/param_sections.hpp"

namespace mirgene::fold {
namespace {

constexpr int kFileTypes = 7;       // CG GC GU UG AU UA NS
constexpr int kInt22FileTypes = 6;  // int22 has no NS blocks
constexpr int kInt22FileBases = 4;  // nor N rows

const std::vector<int>& section(const ParamSections& s, std::string_view name) {
  const auto it = s.values.find(std::string(name));
  if (it == s.values.end()) throw Error("parameter section '# " + std::string(name) + "' missing");
  for (const SectionShape& shape : used_integer_sections()) {
    if (shape.name == name && static_cast<int>(it->second.size()) != shape.count) {
      throw Error("parameter section '# " + std::string(name) + "' has the wrong size");
    }
  }
  return it->second;
}

// Values in file order fill the pair-type codes 1..7 of an array whose first axis has
// kNumPairTypes entries; code 0 keeps kInf.
std::vector<int> by_pair_type(const std::vector<int>& values, int per_type_size) {
  std::vector<int> table(static_cast<std::size_t>(kNumPairTypes) * per_type_size, kInf);
  std::copy(values.begin(), values.end(), table.begin() + per_type_size);
  return table;
}

// Tables with two pair-type axes ([t1][t2][rest]) come from a file that only holds
// codes 1..7 on both axes.
std::vector<int> by_two_pair_types(const std::vector<int>& values, int rest_size) {
  std::vector<int> table(static_cast<std::size_t>(kNumPairTypes) * kNumPairTypes * rest_size, kInf);
  for (int t1 = 1; t1 <= kFileTypes; ++t1) {
    for (int t2 = 1; t2 <= kFileTypes; ++t2) {
      const auto from = values.begin() + ((t1 - 1) * kFileTypes + (t2 - 1)) * rest_size;
      std::copy(from, from + rest_size, table.begin() + stack_index(t1, t2) * rest_size);
    }
  }
  return table;
}

// The file's int22 covers types 1..6 and bases A..U only. An entry with N at some
// positions gets the largest file value over all A/C/G/U substitutions, as RNAfold does.
std::vector<int> build_int22(const std::vector<int>& values) {
  std::vector<int> table(static_cast<std::size_t>(kNumPairTypes) * kNumPairTypes * 625, kInf);
  auto file_value = [&](int t1, int t2, int a, int b, int c, int d) {
    const int block = (t1 - 1) * kInt22FileTypes + (t2 - 1);
    const int inner = (((a - 1) * 4 + (b - 1)) * 4 + (c - 1)) * 4 + (d - 1);
    return values[block * 256 + inner];
  };
  auto options = [](int code, int* out) {
    if (code != kBaseN) {
      out[0] = code;
      return 1;
    }
    for (int x = 0; x < kInt22FileBases; ++x) out[x] = x + 1;
    return kInt22FileBases;
  };
  for (int t1 = 1; t1 <= kInt22FileTypes; ++t1) {
    for (int t2 = 1; t2 <= kInt22FileTypes; ++t2) {
      for (int a = 0; a < kNumBases; ++a) {
        for (int b = 0; b < kNumBases; ++b) {
          for (int c = 0; c < kNumBases; ++c) {
            for (int d = 0; d < kNumBases; ++d) {
              int as[4], bs[4], cs[4], ds[4];
              const int na = options(a, as), nb = options(b, bs), nc = options(c, cs),
                        nd = options(d, ds);
              int best = -kInf;
              for (int ia = 0; ia < na; ++ia)
                for (int ib = 0; ib < nb; ++ib)
                  for (int ic = 0; ic < nc; ++ic)
                    for (int id = 0; id < nd; ++id)
                      best = std::max(best, file_value(t1, t2, as[ia], bs[ib], cs[ic], ds[id]));
              table[int22_index(t1, t2, a, b, c, d)] = best;
            }
          }
        }
      }
    }
  }
  return table;
}

// With dangles on, stabilising-only tables: RNAfold never lets them raise an energy.
void clamp_positive_to_zero(std::vector<int>& table) {
  for (int t = 1; t < kNumPairTypes; ++t) {
    const std::size_t per_type = table.size() / kNumPairTypes;
    for (std::size_t x = t * per_type; x < (t + 1) * per_type; ++x) {
      table[x] = std::min(table[x], 0);
    }
  }
}

}  // namespace

const std::vector<SectionShape>& used_integer_sections() {
  static const std::vector<SectionShape> shapes = {
      {"stack", 49},
      {"mismatch_hairpin", 175},
      {"mismatch_internal", 175},
      {"mismatch_internal_1n", 175},
      {"mismatch_internal_23", 175},
      {"mismatch_multi", 175},
      {"mismatch_exterior", 175},
      {"dangle5", 35},
      {"dangle3", 35},
      {"int11", 1225},
      {"int21", 6125},
      {"int22", 9216},
      {"hairpin", 31},
      {"bulge", 31},
      {"internal", 31},
      {"ML_params", 6},
      {"NINIO", 3},
  };
  return shapes;
}

EnergyParams build_energy_params(const ParamSections& s) {
  constexpr int kMismatchSize = kNumBases * kNumBases;
  EnergyParams p;
  p.stack = by_two_pair_types(section(s, "stack"), 1);
  p.mismatch_hairpin = by_pair_type(section(s, "mismatch_hairpin"), kMismatchSize);
  p.mismatch_internal = by_pair_type(section(s, "mismatch_internal"), kMismatchSize);
  p.mismatch_internal_1n = by_pair_type(section(s, "mismatch_internal_1n"), kMismatchSize);
  p.mismatch_internal_23 = by_pair_type(section(s, "mismatch_internal_23"), kMismatchSize);
  p.mismatch_multi = by_pair_type(section(s, "mismatch_multi"), kMismatchSize);
  p.mismatch_exterior = by_pair_type(section(s, "mismatch_exterior"), kMismatchSize);
  p.dangle5 = by_pair_type(section(s, "dangle5"), kNumBases);
  p.dangle3 = by_pair_type(section(s, "dangle3"), kNumBases);
  p.int11 = by_two_pair_types(section(s, "int11"), kMismatchSize);
  p.int21 = by_two_pair_types(section(s, "int21"), kMismatchSize * kNumBases);
  p.int22 = build_int22(section(s, "int22"));
  p.hairpin = section(s, "hairpin");
  p.bulge = section(s, "bulge");
  p.internal = section(s, "internal");

  const std::vector<int>& ml = section(s, "ML_params");  // cu, cu_dH, cc, cc_dH, ci, ci_dH
  p.ml_base = ml[0];
  p.ml_closing = ml[2];
  p.ml_intern = ml[4];
  const std::vector<int>& ninio = section(s, "NINIO");  // m, m_dH, max
  p.ninio = ninio[0];
  p.max_ninio = ninio[2];
  const auto misc = s.values.find("Misc");  // DuplexInit, dH, TerminalAU, dH, (lxc), last
  if (misc == s.values.end() || misc->second.size() != 5) {
    throw Error("parameter section '# Misc' missing or of the wrong size");
  }
  p.duplex_init = misc->second[0];
  p.terminal_au = misc->second[2];
  p.lxc = s.lxc;
  p.tetraloops = s.tetraloops;
  p.triloops = s.triloops;
  p.hexaloops = s.hexaloops;

  p.mismatch_multi_unclamped = p.mismatch_multi;
  p.mismatch_exterior_unclamped = p.mismatch_exterior;
  p.dangle5_unclamped = p.dangle5;
  p.dangle3_unclamped = p.dangle3;
  clamp_positive_to_zero(p.mismatch_multi);
  clamp_positive_to_zero(p.mismatch_exterior);
  clamp_positive_to_zero(p.dangle5);
  clamp_positive_to_zero(p.dangle3);
  return p;
}

EnergyParams parse_params(std::istream& in, const std::string& source_name) {
  return build_energy_params(read_param_sections(in, source_name));
}

EnergyParams load_params_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open the parameter file");
  return parse_params(in, path);
}

const EnergyParams& turner2004() {
  static const EnergyParams params = build_energy_params(turner2004_sections());
  return params;
}

}  // namespace mirgene::fold
