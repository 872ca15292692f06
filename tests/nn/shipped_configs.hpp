#pragma once
// The architecture configs shipped in models/configs (tests run from the repository root),
// and a shrunken copy of each for tests that need tiny networks.
#include <string>
#include <vector>

#include "nn/architecture.hpp"

namespace mirgene::nn::test_support {

// The paper's networks (bilstm2-att-energy, not in the paper, has tests of its own: its layout
// is bilstm2-att's with 27 input slots).
inline const std::vector<std::string>& shipped_config_names() {
  static const std::vector<std::string> names = {
      "cnn2",      "cnn2-lstm2",  "cnn2-lstm2-att", "lstm2",          "lstm1-att",
      "lstm2-att", "bilstm1-att", "bilstm2-att",    "input-sequence", "input-structure"};
  return names;
}

inline std::string shipped_config_path(const std::string& name) {
  return "models/configs/" + name + ".json";
}

inline Architecture shipped_config(const std::string& name) {
  return architecture_from_file(shipped_config_path(name));
}

// The same layer stack with a few units per layer and a short max_len, small enough for
// finite differences over every tensor.
inline Architecture shrunk(Architecture arch) {
  int units = 4;
  for (ConvLayer& c : arch.conv) c.filters = 3;
  for (RecurrentLayer& r : arch.recurrent) r.units = units--;
  for (int& d : arch.dense) d = 5;
  arch.max_len = 9;
  return arch;
}

}  // namespace mirgene::nn::test_support
