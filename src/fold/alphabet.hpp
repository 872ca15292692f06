#pragma once
// Integer codes for bases and base pairs, shared by the parameter tables, the loop-energy
// functions, the evaluator and the folder. The orders are those of ViennaRNA's parameter
// files (see docs/folding.md), so table indices can be computed from the codes directly.
#include <array>
#include <cstdint>

namespace mirgene::fold {

// Nucleotide codes: 0 = anything that is not A/C/G/U (acts as N), 1..4 = A, C, G, U.
inline constexpr int kBaseN = 0;
inline constexpr int kBaseA = 1;
inline constexpr int kBaseC = 2;
inline constexpr int kBaseG = 3;
inline constexpr int kBaseU = 4;
inline constexpr int kNumBases = 5;

// Pair-type codes for (5' base, 3' base): 0 = cannot pair, then CG GC GU UG AU UA, and
// 7 = non-standard (a row the files carry but folding never uses).
inline constexpr int kNoPair = 0;
inline constexpr int kPairCG = 1;
inline constexpr int kPairGC = 2;
inline constexpr int kPairGU = 3;
inline constexpr int kPairUG = 4;
inline constexpr int kPairAU = 5;
inline constexpr int kPairUA = 6;
inline constexpr int kPairNS = 7;
inline constexpr int kNumPairTypes = 8;  // table axes include the unused code 0

// Lower case is folded like upper case and T like U, as RNAfold does.
constexpr int base_code(char c) {
  switch (c) {
    case 'A':
    case 'a':
      return kBaseA;
    case 'C':
    case 'c':
      return kBaseC;
    case 'G':
    case 'g':
      return kBaseG;
    case 'U':
    case 'u':
    case 'T':
    case 't':
      return kBaseU;
    default:
      return kBaseN;
  }
}

// The letter the model sees at a position: upper case, T read as U, other characters kept.
constexpr char normalized_base(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return c == 'T' ? 'U' : c;
}

inline constexpr std::array<std::array<std::uint8_t, kNumBases>, kNumBases> kPairTypeTable = {{
    //  N  A  C  G  U   (3' base)
    {{0, 0, 0, 0, 0}},  // N
    {{0, 0, 0, 0, 5}},  // A: AU
    {{0, 0, 0, 1, 0}},  // C: CG
    {{0, 0, 2, 0, 3}},  // G: GC GU
    {{0, 6, 0, 4, 0}},  // U: UA UG
}};

constexpr int pair_type(int five_prime_base, int three_prime_base) {
  return kPairTypeTable[five_prime_base][three_prime_base];
}

}  // namespace mirgene::fold
