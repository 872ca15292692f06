#pragma once
// The network of an Architecture (nn/architecture.hpp); by default deepMiRGene's
// LSTM(20) -> LSTM(10) -> attention -> flatten(400 x 10) -> dense(400, sigmoid)
// -> dense(100, sigmoid) -> dense(2, softmax); P(class 0) = pre-miRNA.
// Parameters live in one flat float32 array in the fixed order of parameter_layout(), each
// tensor row-major in PyTorch's (out, in) convention, so checkpoints and the optimiser can
// treat the model as one vector.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "encode/encoding.hpp"
#include "nn/aligned.hpp"
#include "nn/architecture.hpp"
#include "nn/layers.hpp"  // ParamInfo, kClasses

namespace mirgene::nn {

// Input width of the "both" input mode: 4 nucleotides x 4 structure symbols, one-hot (tokens
// 16..19 spread 0.25 over the four nucleotide slots of their structure symbol).
inline constexpr int kInputWidth = 16;
// Base tokens (nucleotide x structure, unknown nucleotides; encode::kVocab).
inline constexpr int kTokenCount = encode::kVocab;
// Every token value below this is legal input: a base token with an energy bin
// (encode::kTokenValues). Input modes other than both+energy ignore the bin.
inline constexpr int kTokenLimit = encode::kTokenValues;

// Names, shapes and offsets of every tensor, in weights-file order: the tensors of
// layer_specs(arch), layer by layer (nn/layers.hpp). Throws mirgene::Error for an architecture
// validate() rejects.
std::vector<ParamInfo> parameter_layout(const Architecture& arch);
// Total number of floats in the flat parameter array.
std::size_t parameter_count(const Architecture& arch);
// Index in parameter_layout() of the weight that reads the flattened per-position features
// (dense1.weight, or output.weight without dense layers): a batch of S steps only touches its
// last S * feature_width columns.
std::size_t flat_reader_index(const Architecture& arch);
// Index of the tensor called `name`; throws mirgene::Error when there is none.
std::size_t tensor_index(const std::vector<ParamInfo>& layout, std::string_view name);

struct ParamView {
  std::string name;
  std::vector<int> shape;
  float* data;
  std::size_t size;
};

class Network {
 public:
  explicit Network(const Architecture& arch = {});

  const Architecture& architecture() const { return arch_; }
  // Fixed order = parameter_layout order; views into storage owned by this Network.
  std::vector<ParamView> parameters();
  // Every weight and bias uniform in [-limit, limit], from a generator seeded with `seed`.
  void init_uniform(std::uint64_t seed, float limit = 0.05f);

  // The whole flat parameter array and one tensor of it (by name; throws mirgene::Error for
  // a name the architecture does not have).
  std::span<float> flat() { return values_; }
  std::span<const float> flat() const { return values_; }
  std::span<float> tensor(std::string_view name);
  std::span<const float> tensor(std::string_view name) const;
  const std::vector<ParamInfo>& layout() const { return layout_; }

 private:
  Architecture arch_;
  std::vector<ParamInfo> layout_;
  AlignedVector<float> values_;
};

// Eval-mode scores P(pre-miRNA) for encoded sequences (tokens from mirgene::encode), in input
// order. Sequences are grouped by length internally. Throws mirgene::Error for an empty
// sequence, one longer than max_len, or a token >= kTokenLimit.
std::vector<float> predict(const Network& net, std::span<const std::vector<std::uint8_t>> seqs,
                           int threads = 1);

// Per-position outputs for one sequence, for interpretation.
struct Explanation {
  float prob;                    // P(pre-miRNA)
  std::vector<float> attention;  // L attention weights (sum to 1); empty without attention
  // L x width, row-major: the per-position features the flatten reads, i.e. the
  // attention-weighted outputs of the last layer (or its plain outputs without attention).
  std::vector<float> h_att;
  int width = 0;  // columns of h_att; 0 = take L from attention.size()
};
Explanation explain(const Network& net, std::span<const std::uint8_t> seq);

}  // namespace mirgene::nn
