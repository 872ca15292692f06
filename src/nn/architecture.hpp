#pragma once
// What network to build: input mode -> conv layers -> recurrent layers -> optional attention
// -> flatten (max_len x width) -> sigmoid dense layers -> Dense(2, softmax). The default value
// is deepMiRGene's model: LSTM(20) -> LSTM(10) -> attention -> dense 400, 100.
// docs/architectures.md describes the JSON form and the shipped variants.
#include <string>
#include <string_view>
#include <vector>

namespace mirgene::nn {

// How an encoder token (encode::encode: base token 0..19 + 20 x energy bin) becomes the first
// layer's input vector (nn::token_slots). Only both+energy and both+pairing read the bin.
enum class InputMode {
  kBoth,        // 16 slots: nucleotide x structure one-hot
  kSequence,    // 4 slots: nucleotide one-hot (unknown nucleotide: 0.25 on each)
  kStructure,   // 4 slots: structure symbol one-hot ( ) . :
  kBothEnergy,  // 27 slots: those of kBoth, then the sequence's MFE per nt as a thermometer
  kBothPairing,  // 27 slots: those of kBoth, then the base's pairing probability, likewise
};

// Whether tokens for this mode carry pairing probabilities (encode::with_pairing) rather than
// the MFE's energy bin: their makers must run the partition function.
inline bool reads_pairing(InputMode mode) { return mode == InputMode::kBothPairing; }

struct ConvLayer {
  int filters = 32;
  int width = 5;
  bool operator==(const ConvLayer&) const = default;
};

struct RecurrentLayer {
  int units = 20;
  bool bidirectional = false;
  bool operator==(const RecurrentLayer&) const = default;
};

struct Architecture {
  InputMode input = InputMode::kBoth;
  std::vector<ConvLayer> conv = {};
  std::vector<RecurrentLayer> recurrent = {{20, false}, {10, false}};
  bool attention = true;
  std::vector<int> dense = {400, 100};
  int max_len = 400;
  float dropout = 0.1f;
  bool operator==(const Architecture&) const = default;
};

// Width of the first layer's input vector.
int input_width(InputMode mode);
// Per-position width of the last conv or recurrent layer (what attention and flatten see).
int feature_width(const Architecture& arch);
// Throws mirgene::Error naming the problem when the architecture cannot be built.
void validate(const Architecture& arch);

std::string_view input_mode_name(InputMode mode);

// The architecture as a JSON object, every field written (docs/architectures.md).
std::string architecture_to_json(const Architecture& arch);
// Reads the JSON form; missing fields keep the defaults of the paper's model. Also reads the
// form of files written before architectures were configurable
// ({"lstm1","lstm2","dense1","dense2","max_len","dropout"}). Unknown fields, wrong types or
// values the network cannot be built with throw mirgene::Error prefixed with `source`.
Architecture architecture_from_json(std::string_view json, const std::string& source);
// Reads a config file in the JSON form. Throws mirgene::Error naming the file and the problem.
Architecture architecture_from_file(const std::string& path);

}  // namespace mirgene::nn
