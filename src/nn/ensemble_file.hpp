#pragma once
// An ensemble: several networks trained alike (different seeds, or architectures) whose
// probabilities are averaged. One file holds them all, so that users still copy and name a
// single model: a safetensors file with format "mirgene-ensemble", each member's tensors
// under "memberK/" and its metadata (architecture, training provenance) under the same
// prefix. A plain model file reads as an ensemble of one. docs/model-format.md has the layout.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nn/model_file.hpp"

namespace mirgene::nn {

inline constexpr std::string_view kEnsembleFormat = "mirgene-ensemble";
inline constexpr std::string_view kEnsembleFormatVersion = "1";

struct Ensemble {
  std::vector<Network> members;                 // at least one
  std::map<std::string, std::string> metadata;  // the file's, members' keys under "memberK/"
};

// The tensor and metadata name prefix of member `k` (1-based): "memberK/".
std::string member_prefix(std::size_t k);

// Writes `members` (two or more; each keeps its own metadata under its prefix) plus
// `metadata` and the reserved keys "format", "format_version", "encoding" and "members".
// Atomic, as save_model. Throws mirgene::Error.
void save_ensemble(const std::string& path, std::span<ModelFile> members,
                   std::map<std::string, std::string> metadata, Dtype dtype = Dtype::F32);

// Reads an ensemble file, or a model file as an ensemble of one (its metadata as it is).
// Checks what load_model checks, for every member, and that no tensor is left over. Throws
// mirgene::Error naming the file and the problem.
Ensemble load_ensemble(const std::string& path);

}  // namespace mirgene::nn
