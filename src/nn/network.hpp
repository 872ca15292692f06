#pragma once
// The deepMiRGene network: LSTM(20) -> LSTM(10) -> attention -> flatten(400 x 10)
// -> dense(400, sigmoid) -> dense(100, sigmoid) -> dense(2, softmax); P(class 0) = pre-miRNA.
// Parameters live in one flat float32 array in the fixed order of parameter_layout(), each
// tensor row-major in PyTorch's (out, in) convention, so checkpoints and the optimiser can
// treat the model as one vector.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nn/aligned.hpp"

namespace mirgene::nn {

struct Architecture {
  int lstm1 = 20;
  int lstm2 = 10;
  int dense1 = 400;
  int dense2 = 100;
  int max_len = 400;
  float dropout = 0.1f;
};

// Input width of LSTM1: 4 nucleotides x 4 structure symbols, one-hot (tokens 16..19 spread
// 0.25 over the four nucleotide slots of their structure symbol).
inline constexpr int kInputWidth = 16;
inline constexpr int kTokenCount = 20;
inline constexpr int kClasses = 2;

// Indices into parameter_layout(); the order is the weights-file order.
enum ParamId : int {
  kLstm1WeightIh,
  kLstm1WeightHh,
  kLstm1Bias,
  kLstm2WeightIh,
  kLstm2WeightHh,
  kLstm2Bias,
  kAttentionWeight,
  kAttentionBias,
  kDense1Weight,
  kDense1Bias,
  kDense2Weight,
  kDense2Bias,
  kOutputWeight,
  kOutputBias,
  kParamCount
};

struct ParamInfo {
  std::string name;        // e.g. "lstm1.weight_ih"
  std::vector<int> shape;  // PyTorch convention, e.g. {80, 16}
  std::size_t offset;      // first element in the flat array
  std::size_t size;        // product of shape
};

// Names, shapes and offsets of every tensor, in ParamId order.
std::vector<ParamInfo> parameter_layout(const Architecture& arch);
// Total number of floats in the flat parameter array.
std::size_t parameter_count(const Architecture& arch);

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
  // Fixed order = ParamId order; views into storage owned by this Network.
  std::vector<ParamView> parameters();
  // Every weight and bias uniform in [-limit, limit], from a generator seeded with `seed`.
  void init_uniform(std::uint64_t seed, float limit = 0.05f);

  // The whole flat parameter array and one tensor of it.
  std::span<float> flat() { return values_; }
  std::span<const float> flat() const { return values_; }
  std::span<float> tensor(ParamId id);
  std::span<const float> tensor(ParamId id) const;
  const std::vector<ParamInfo>& layout() const { return layout_; }

 private:
  Architecture arch_;
  std::vector<ParamInfo> layout_;
  AlignedVector<float> values_;
};

// Eval-mode scores P(pre-miRNA) for encoded sequences (tokens from mirgene::encode), in input
// order. Sequences are grouped by length internally. Throws mirgene::Error for an empty
// sequence, one longer than max_len, or a token >= kTokenCount.
std::vector<float> predict(const Network& net, std::span<const std::vector<std::uint8_t>> seqs,
                           int threads = 1);

// Per-position outputs for one sequence, for interpretation.
struct Explanation {
  float prob;                   // P(pre-miRNA)
  std::vector<float> attention;  // L attention weights (sum to 1)
  std::vector<float> h_att;      // L x lstm2, row-major: attention-weighted LSTM2 outputs
};
Explanation explain(const Network& net, std::span<const std::uint8_t> seq);

}  // namespace mirgene::nn
