#pragma once
// Sequence + structure encoding read by the network (see docs/model-format.md, "Encoding").
//
// Each base becomes one token = 4 * nucleotide + structure, with nucleotide A=0, C=1, G=2, U=3
// and structure '('=0, ')'=1, '.'=2, ':'=3 (':' = unpaired base of a hairpin loop). A base that
// is a letter other than A, C, G, U, T (N or another IUPAC code) gets token 16 + structure: the
// network sees it as uniform over the four nucleotides with its structure kept.
//
// Energy (input mode both+energy): a token may also carry the whole sequence's folding
// energy, token = base token + kVocab * energy bin, where the base token (0..19) is the one
// above and the bin (0..kEnergyEdges) counts the edges the MFE per nucleotide has passed. The
// other input modes read only the base token, so one encoding serves every model.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encode/hairpin_loops.hpp"

namespace mirgene::encode {

constexpr int kMaxLen = 400;        // longest encodable sequence
// Shortest sequence the scorer gives a probability: the shortest pre-miRNA of the training
// data (45 nt, data/mirboost/sequences/human_pos.fa.gz; every other training and test file
// starts at 51 nt or more). Shorter inputs used to come out at ~0.99 pre-miRNA.
constexpr int kMinScoredLen = 45;
constexpr int kInputDim = 16;       // length of the network's input vector per base
constexpr int kVocab = 20;          // 16 one-hot tokens + 4 unknown-nucleotide tokens
constexpr int kUnknownToken = 16;   // first unknown-nucleotide token (16 + structure)
constexpr int kStructureCodes = 4;  // ( ) . :

// Energy bins. Edge b (0..10) is -(10 + 5 b) dcal/mol per nt, i.e. -0.10, -0.15, ..., -0.60
// kcal/mol/nt: from barely folded to beyond the strongest pre-miRNAs (real precursors fold at
// about -0.40 kcal/mol/nt, genomic false calls at about -0.25). Integers, so that the bin of an
// energy exactly on an edge does not depend on floating-point rounding.
constexpr int kEnergyEdges = 11;
constexpr int kEnergyBins = kEnergyEdges + 1;  // 0 = no edge passed ... 11 = every edge
constexpr int kFirstEnergyEdge = -10;          // dcal/mol/nt
constexpr int kEnergyEdgeStep = -5;            // dcal/mol/nt
// Every token value below this is legal: base tokens of every energy bin (255 stays free for
// the network's padding).
constexpr int kTokenValues = kVocab * kEnergyBins;
static_assert(kTokenValues <= 255, "tokens are bytes and 255 pads");

// The base token (nucleotide and structure) and the energy bin of a token.
constexpr int base_token(std::uint8_t token) { return token % kVocab; }
constexpr int energy_bin_of(std::uint8_t token) { return token / kVocab; }

// Tokens of a sequence with its dot-bracket structure. Hairpin loops are marked here
// (mark_hairpin_loops is idempotent), so RNAfold's plain dot-bracket and an already marked
// structure give the same tokens. The sequence may be in any case; T/t reads as U.
// "too long: N nt > 400" when a sequence of `length` nt is longer than kMaxLen, else "": the
// one wording of this limit in every command (checked before folding or after, as suits).
std::string length_problem(std::size_t length);

// "too short: N nt < 45 (the shortest training pre-miRNA)" when `length` is below
// kMinScoredLen, else "": why the scorer (predict, explain, report) gives no probability.
std::string too_short_problem(std::size_t length);

// "" for a sequence of A, C, G, U, T only (any case); otherwise a flag for its score, e.g.
// "flagged: 4 ambiguous bases (N), none in the training data". The network reads such a base
// as uniform over the four nucleotides, which it never saw in training.
std::string ambiguity_note(std::string_view seq);

// Throws mirgene::Error if the sequence is empty, longer than kMaxLen, contains a non-letter,
// if the lengths differ, or if the structure has a character other than ( ) . :
std::vector<std::uint8_t> encode(std::string_view seq, std::string_view dot_bracket);

// The energy bin of a sequence of `length` nt folding with `energy_dcal` dcal/mol: the number
// of edges b with energy_dcal / length <= edge b (kcal/mol/nt: MFE / length <= -0.10 - 0.05 b).
// 0 for length 0 (no sequence, no energy).
int energy_bin(int energy_dcal, std::size_t length);

// `tokens` (base tokens from encode) carrying energy bin `bin`. Throws mirgene::Error for a bin
// outside 0..kEnergyEdges or a token that already carries a bin.
std::vector<std::uint8_t> with_energy(std::vector<std::uint8_t> tokens, int bin);

// Pairing probabilities (input mode both+pairing): the same field carries, per position, the
// base's probability of being paired in the ensemble (fold::paired_probabilities) in
// elevenths: bin = floor(11 p), 0..11, so the bin counts the levels 1/11, 2/11, ..., 1 that p
// reaches and the network reads it through the energy input's eleven thermometer slots.
constexpr int kPairingLevels = kEnergyEdges;
int pairing_bin(double probability);

// `tokens` (base tokens from encode), position i carrying pairing_bin(paired[i]). Throws
// mirgene::Error if the lengths differ, a probability is not a number in [0, 1] (a rounding
// excess up to 1e-9 is accepted) or a token already carries a bin.
std::vector<std::uint8_t> with_pairing(std::vector<std::uint8_t> tokens,
                                       const std::vector<double>& paired);

// encode(seq, dot_bracket) with the energy bin of the sequence's MFE `energy_dcal` (dcal/mol):
// what the scorer, the scanner, training and explain feed every network.
std::vector<std::uint8_t> encode(std::string_view seq, std::string_view dot_bracket,
                                 int energy_dcal);

// The kInputDim-long input vector of a base token (input mode "both"). Throws mirgene::Error
// for token >= kVocab.
std::array<float, kInputDim> token_vector(std::uint8_t token);

}  // namespace mirgene::encode
