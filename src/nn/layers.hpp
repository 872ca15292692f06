#pragma once
// The layers of an Architecture as data: one LayerSpec per layer, in weights-file order, each
// with its tensors (name, shape, offset, initialisation rule) and where dropout masks it.
// Everything that depends on which layers a network has reads this one list: the parameter
// layout (network.cpp), the forward/backward set-up (model_pass.cpp), the dropout masks
// (dropout.cpp), the initial weights (initialisation.cpp) and the size check of validate().
// A new layer is described here once; only its computation goes elsewhere (ModelPass).
#include <cstddef>
#include <string>
#include <vector>

#include "nn/architecture.hpp"

namespace mirgene::nn {

inline constexpr int kClasses = 2;

struct ParamInfo {
  std::string name;        // e.g. "lstm1.weight_ih"
  std::vector<int> shape;  // PyTorch convention, e.g. {80, 16}
  std::size_t offset;      // first element in the flat array
  std::size_t size;        // product of shape
};

enum class LayerKind {
  kConv,       // 1D convolution, ReLU, 'same' padding over the real positions
  kLstm,       // one direction of a recurrent layer
  kAttention,  // e_t = w.h_t + b, softmax over the real positions
  kDense,      // sigmoid dense layer after the flatten
  kOutput,     // Dense(2), softmax
};

// How `--init keras` draws a tensor (Keras' initialisers of the layers deepMiRGene used).
enum class InitRule {
  kGlorotUniform,   // uniform in +-sqrt(6 / (fan_in + fan_out))
  kOrthogonal,      // orthonormal columns (recurrent weights)
  kZero,            // biases
  kForgetGateBias,  // zero except 1 on the forget gate (gate order i, f, g, o)
};

// Which training-mode dropout masks a layer's input gets (one mask per sequence, the same at
// every position; values 0 or 1/(1-p)).
enum class DropoutRule {
  kNone,           // attention and output layer
  kInput,          // the input vector (conv layers, dense layers after the first)
  kInputAndState,  // LSTM direction: its input and its recurrent state
  kFlat,           // the flattened features, over each sequence's real positions only
};

struct TensorSpec {
  ParamInfo param;
  InitRule init;
  int fan_in = 0, fan_out = 0;  // of kGlorotUniform (Keras' fans)
};

struct LayerSpec {
  LayerKind kind;
  std::string name;  // "conv1", "lstm2", "lstm2_reverse", "attention", "dense1", "output"
  // Input and output width: per position for conv, LSTM and attention (attention keeps the
  // width), per sequence for dense and output layers (the flatten reader's input is
  // max_len x feature_width).
  int in = 0, out = 0;
  int kernel = 0;        // conv: kernel width
  bool reverse = false;  // LSTM: runs from the last base; joins the direction listed before it
  DropoutRule dropout = DropoutRule::kNone;
  std::vector<TensorSpec> tensors;  // in weights-file order
};

// The layers, in order: conv layers, recurrent layers (each direction: weight_ih, weight_hh,
// bias), attention, dense layers, output. Throws mirgene::Error for an architecture
// validate() rejects.
std::vector<LayerSpec> layer_specs(const Architecture& arch);

// The same for an architecture whose fields validate() has checked one by one but whose size
// it has yet to check (tensor offsets may wrap; shapes are exact).
std::vector<LayerSpec> unchecked_layer_specs(const Architecture& arch);

}  // namespace mirgene::nn
