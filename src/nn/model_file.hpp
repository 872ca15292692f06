#pragma once
// The mirgene model file: a safetensors file (nn/safetensors.hpp) holding every tensor of a
// Network under its parameter name, plus metadata naming the format, the architecture and the
// input encoding. docs/model-format.md describes it for readers outside mirgene.
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// load_model on contents already read from `path`.
ModelFile model_from_contents(TensorFileContents&& contents, const std::string& path);

// The index of the first NaN or infinity in `values`, or values.size() when all are finite.
std::size_t first_non_finite(std::span<const float> values);

// The pieces shared with ensemble files (nn/ensemble_file.hpp), whose members' tensors are
// stored under a name prefix ("member1/", ...):
// every parameter of `net` as a tensor named PREFIX + parameter name (views into `net`);
// throws mirgene::Error when one holds a non-finite value;
std::vector<TensorToWrite> parameter_tensors(Network& net, std::string_view prefix);
// the names parameter_tensors gives;
std::set<std::string> parameter_names(Network& net, std::string_view prefix);
// copies every parameter of `net` from the tensor PREFIX + its name in `contents`. Throws
// mirgene::Error naming `path` and the tensor when one is missing, has another shape or holds
// a non-finite value.
void read_parameters(Network& net, const TensorFileContents& contents, std::string_view prefix,
                     const std::string& path);
// the metadata value of `key`, or mirgene::Error "PATH: not a mirgene model (no 'KEY' ...)";
const std::string& required_metadata(const TensorFileContents& contents, const std::string& key,
                                     const std::string& path);
// the same, required to equal `expected` (`why` explains the requirement in the error);
void expect_metadata(const TensorFileContents& contents, const std::string& key,
                     std::string_view expected, const std::string& path, const char* why);
// a Network built from architecture JSON metadata, errors naming `path`.
Network network_of(const std::string& architecture_json, const std::string& path);

}  // namespace mirgene::nn
