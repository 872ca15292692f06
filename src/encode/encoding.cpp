#include "encode/encoding.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"

namespace mirgene::encode {

namespace {

constexpr std::int8_t kNotALetter = -1;
constexpr std::int8_t kUnknownNucleotide = 4;

constexpr std::array<std::int8_t, 256> make_nucleotide_codes() {
  std::array<std::int8_t, 256> codes{};
  codes.fill(kNotALetter);
  for (int c = 'A'; c <= 'Z'; ++c) codes[c] = kUnknownNucleotide;
  for (int c = 'a'; c <= 'z'; ++c) codes[c] = kUnknownNucleotide;
  const auto set = [&codes](char upper, std::int8_t code) {
    codes[static_cast<unsigned char>(upper)] = code;
    codes[static_cast<unsigned char>(upper - 'A' + 'a')] = code;
  };
  set('A', 0);
  set('C', 1);
  set('G', 2);
  set('U', 3);
  set('T', 3);
  return codes;
}

constexpr std::array<std::int8_t, 256> kNucleotideCode = make_nucleotide_codes();

constexpr std::int8_t kNotAStructure = -1;

constexpr std::array<std::int8_t, 256> make_structure_codes() {
  std::array<std::int8_t, 256> codes{};
  codes.fill(kNotAStructure);
  codes['('] = 0;
  codes[')'] = 1;
  codes['.'] = 2;
  codes[':'] = 3;
  return codes;
}

constexpr std::array<std::int8_t, 256> kStructureCode = make_structure_codes();

std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  return "byte " + std::to_string(u);
}

}  // namespace

std::string length_problem(std::size_t length) {
  if (length <= static_cast<std::size_t>(kMaxLen)) return "";
  return "too long: " + std::to_string(length) + " nt > " + std::to_string(kMaxLen);
}

std::string too_short_problem(std::size_t length) {
  if (length >= static_cast<std::size_t>(kMinScoredLen)) return "";
  return "too short: " + std::to_string(length) + " nt < " + std::to_string(kMinScoredLen) +
         " (the shortest training pre-miRNA)";
}

std::string ambiguity_note(std::string_view seq) {
  std::size_t count = 0;
  std::string codes;
  for (const char c : seq) {
    if (kNucleotideCode[static_cast<unsigned char>(c)] != kUnknownNucleotide) continue;
    ++count;
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (codes.find(upper) == std::string::npos) codes += upper;
  }
  if (count == 0) return "";
  std::string listed;
  for (const char c : codes) listed += (listed.empty() ? "" : " ") + std::string(1, c);
  return "flagged: " + std::to_string(count) + (count == 1 ? " ambiguous base (" : " ambiguous bases (") +
         listed + "), none in the training data";
}

std::vector<std::uint8_t> encode(std::string_view seq, std::string_view dot_bracket) {
  if (seq.size() != dot_bracket.size()) {
    throw Error("sequence of " + std::to_string(seq.size()) + " nt has a structure of " +
                std::to_string(dot_bracket.size()) + " characters");
  }
  if (seq.empty()) throw Error("empty sequence cannot be encoded");
  if (seq.size() > static_cast<std::size_t>(kMaxLen)) {
    throw Error("sequence of " + std::to_string(seq.size()) + " nt is longer than the " +
                std::to_string(kMaxLen) + " nt the model reads");
  }
  std::array<char, kMaxLen> structure;
  for (std::size_t i = 0; i < dot_bracket.size(); ++i) {
    if (kStructureCode[static_cast<unsigned char>(dot_bracket[i])] == kNotAStructure) {
      throw Error("structure has invalid character " + describe_char(dot_bracket[i]) +
                  " at position " + std::to_string(i + 1) + " (expected ( ) . :)");
    }
    structure[i] = dot_bracket[i];
  }
  mark_hairpin_loops_in_place(std::span<char>(structure.data(), dot_bracket.size()));

  std::vector<std::uint8_t> tokens(seq.size());
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const std::int8_t nucleotide = kNucleotideCode[static_cast<unsigned char>(seq[i])];
    if (nucleotide == kNotALetter) {
      throw Error("sequence has invalid character " + describe_char(seq[i]) + " at position " +
                  std::to_string(i + 1) + " (expected a nucleotide letter)");
    }
    const int structure_code = kStructureCode[static_cast<unsigned char>(structure[i])];
    const int base = nucleotide == kUnknownNucleotide ? kUnknownToken : 4 * nucleotide;
    tokens[i] = static_cast<std::uint8_t>(base + structure_code);
  }
  return tokens;
}

int energy_bin(int energy_dcal, std::size_t length) {
  if (length == 0) return 0;
  // energy / length <= edge  <=>  energy <= edge * length (length > 0), exact in integers.
  const auto energy = static_cast<long long>(energy_dcal);
  const auto nt = static_cast<long long>(length);
  int bin = 0;
  while (bin < kEnergyEdges &&
         energy <= static_cast<long long>(kFirstEnergyEdge + kEnergyEdgeStep * bin) * nt)
    ++bin;
  return bin;
}

std::vector<std::uint8_t> with_energy(std::vector<std::uint8_t> tokens, int bin) {
  if (bin < 0 || bin > kEnergyEdges)
    throw Error("energy bin " + std::to_string(bin) + " is outside 0.." +
                std::to_string(kEnergyEdges));
  for (std::uint8_t& t : tokens) {
    if (t >= kVocab) throw Error("token " + std::to_string(t) + " already carries an energy bin");
    t = static_cast<std::uint8_t>(t + kVocab * bin);
  }
  return tokens;
}

int pairing_bin(double probability) {
  // floor(11 p) of a p that lies in [0, 1] up to rounding: 1 - 1e-12 stays in bin 10.
  const double p = std::clamp(probability, 0.0, 1.0);
  return std::min(kPairingLevels, static_cast<int>(std::floor(p * kPairingLevels)));
}

std::vector<std::uint8_t> with_pairing(std::vector<std::uint8_t> tokens,
                                       const std::vector<double>& paired) {
  if (paired.size() != tokens.size())
    throw Error(std::to_string(paired.size()) + " pairing probabilities for " +
                std::to_string(tokens.size()) + " bases");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const double p = paired[i];
    if (!(p >= -1e-9 && p <= 1.0 + 1e-9))
      throw Error("pairing probability " + std::to_string(p) + " of base " +
                  std::to_string(i + 1) + " is not in [0, 1]");
    if (tokens[i] >= kVocab)
      throw Error("token " + std::to_string(tokens[i]) + " already carries a bin");
    tokens[i] = static_cast<std::uint8_t>(tokens[i] + kVocab * pairing_bin(p));
  }
  return tokens;
}

std::vector<std::uint8_t> encode(std::string_view seq, std::string_view dot_bracket,
                                 int energy_dcal) {
  return with_energy(encode(seq, dot_bracket), energy_bin(energy_dcal, seq.size()));
}

std::array<float, kInputDim> token_vector(std::uint8_t token) {
  if (token >= kVocab) {
    throw Error("token " + std::to_string(token) + " is outside the vocabulary of " +
                std::to_string(kVocab) + " tokens");
  }
  std::array<float, kInputDim> x{};
  if (token < kUnknownToken) {
    x[token] = 1.0f;
    return x;
  }
  const int structure_code = token - kUnknownToken;
  for (int nucleotide = 0; nucleotide < 4; ++nucleotide) {
    x[kStructureCodes * nucleotide + structure_code] = 0.25f;
  }
  return x;
}

}  // namespace mirgene::encode
