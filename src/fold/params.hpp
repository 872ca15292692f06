#pragma once
// The energy parameters of the folding model as flat integer tables (dcal/mol) with
// computed indices, and a strict reader of ViennaRNA v2.0 parameter files.
//
// Every pair-type axis has kNumPairTypes entries (code 0 unused, filled with kInf) and
// every nucleotide axis kNumBases entries (N, A, C, G, U), so an index is a plain
// row-major combination of codes; see the *_index helpers below.
#include <iosfwd>
#include <string>
#include <vector>

#include "fold/alphabet.hpp"

namespace mirgene::fold {

// The value of the token INF in parameter files: marks loop sizes that cannot occur.
inline constexpr int kInf = 10000000;
// DEF in parameter files.
inline constexpr int kDef = -50;
// Interior and bulge loops have at most this many unpaired bases in folding, and the
// length tables end here; longer loops are extrapolated logarithmically.
inline constexpr int kMaxLoop = 30;

struct SpecialHairpin {
  std::string sequence;  // closing pair plus loop, e.g. "CUCAGG" for a tetraloop
  int energy = 0;
  int enthalpy = 0;
  bool operator==(const SpecialHairpin&) const = default;
};

struct EnergyParams {
  std::vector<int> stack;                 // [type][type]
  std::vector<int> mismatch_hairpin;      // [type][base][base]
  std::vector<int> mismatch_internal;     // [type][base][base]
  std::vector<int> mismatch_internal_1n;  // [type][base][base]
  std::vector<int> mismatch_internal_23;  // [type][base][base]
  std::vector<int> mismatch_multi;        // [type][base][base]
  std::vector<int> mismatch_exterior;     // [type][base][base]
  std::vector<int> dangle5;               // [type][base]
  std::vector<int> dangle3;               // [type][base]
  std::vector<int> int11;                 // [type][type][base][base]
  std::vector<int> int21;                 // [type][type][base][base][base]
  std::vector<int> int22;                 // [type][type][base][base][base][base]
  std::vector<int> hairpin;               // [unpaired 0..30]
  std::vector<int> bulge;                 // [unpaired 0..30]
  std::vector<int> internal;              // [unpaired 0..30]
  // mismatch_multi, mismatch_exterior, dangle5 and dangle3 as the file gives them, before positive
  // entries are clamped to 0. RNAfold's partition function smooths these values instead of clamping
  // them (see fold/boltzmann.hpp), so it needs them as read.
  std::vector<int> mismatch_multi_unclamped;
  std::vector<int> mismatch_exterior_unclamped;
  std::vector<int> dangle5_unclamped;
  std::vector<int> dangle3_unclamped;
  int ml_base = 0;
  int ml_closing = 0;
  int ml_intern = 0;
  int ninio = 0;
  int max_ninio = 0;
  int duplex_init = 0;
  int terminal_au = 0;
  double lxc = 0.0;
  std::vector<SpecialHairpin> tetraloops;  // 6-letter keys
  std::vector<SpecialHairpin> triloops;    // 5-letter keys
  std::vector<SpecialHairpin> hexaloops;   // 8-letter keys

  bool operator==(const EnergyParams&) const = default;
};

constexpr int stack_index(int t1, int t2) {
  return t1 * kNumPairTypes + t2;
}
constexpr int mismatch_index(int t, int a, int b) {
  return (t * kNumBases + a) * kNumBases + b;
}
constexpr int dangle_index(int t, int a) {
  return t * kNumBases + a;
}
constexpr int int11_index(int t1, int t2, int a, int b) {
  return (stack_index(t1, t2) * kNumBases + a) * kNumBases + b;
}
constexpr int int21_index(int t1, int t2, int a, int b, int c) {
  return int11_index(t1, t2, a, b) * kNumBases + c;
}
constexpr int int22_index(int t1, int t2, int a, int b, int c, int d) {
  return int21_index(t1, t2, a, b, c) * kNumBases + d;
}

// Reads a ViennaRNA v2.0 parameter file. Throws mirgene::Error naming the source, the
// section and the line for a wrong header, an unknown, repeated or missing section, a
// wrong number of values, a malformed token or text after "# END".
EnergyParams parse_params(std::istream& in, const std::string& source_name);
EnergyParams load_params_file(const std::string& path);

// RNAfold 2.7.1's default parameters (Turner 2004), compiled in: no file is read.
const EnergyParams& turner2004();

}  // namespace mirgene::fold
