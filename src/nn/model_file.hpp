#pragma once
// The mirgene model file: a safetensors file (nn/safetensors.hpp) holding every tensor of a
// Network under its parameter name, plus metadata naming the format, the architecture and the
// input encoding. docs/model-format.md describes it for readers outside mirgene.
#include <map>
#include <string>
#include <string_view>

#include "nn/architecture.hpp"  // architecture_to_json / _from_json
#include "nn/network.hpp"
#include "nn/safetensors.hpp"

namespace mirgene::nn {

inline constexpr std::string_view kModelFormat = "mirgene-model";
inline constexpr std::string_view kModelFormatVersion = "1";
inline constexpr std::string_view kModelEncoding = "mirgene-onehot16-v1";

struct ModelFile {
  Network net;
  std::map<std::string, std::string> metadata;  // everything in the file, reserved keys included
};

// Writes every tensor of net.parameters() plus `metadata` and the reserved keys "format",
// "format_version", "architecture" (JSON) and "encoding" (which replace any caller values of
// the same name). Atomic: a temporary file is renamed over `path`. Throws mirgene::Error.
void save_model(const std::string& path, Network& net, std::map<std::string, std::string> metadata,
                Dtype dtype = Dtype::F32);

// Reads a file written by save_model (F32 or F16). Checks format, version and encoding,
// rebuilds the Network from the architecture metadata and requires exactly its tensors, each
// with its exact shape. Throws mirgene::Error naming the file and the problem.
ModelFile load_model(const std::string& path);

}  // namespace mirgene::nn
