#pragma once
// Where a command finds its model when --model is not given, and where
// `mirgene train --arch NAME` finds a shipped architecture config.
#include <string>
#include <vector>

namespace mirgene::predict {

// The shipped default models: scoring hairpins (predict, explain, report, evaluate) and
// scanning genomes (scan, calibrate). They differ because the model trained on genome-scale
// negatives calls far fewer genomic stem-loops but separates curated precursors from
// pseudo-hairpins less well (docs/robustness.md, genome-scale training).
inline constexpr const char* kHairpinModelName = "mirgene-whole.safetensors";
inline constexpr const char* kScanModelName = "mirgene-genome.safetensors";

// The places looked at, in order: $MIRGENE_MODEL when set (then nothing else), else
// EXE_DIR/../models/NAME and EXE_DIR/../share/mirgene/models/NAME.
std::vector<std::string> default_model_candidates(const std::string& exe_dir,
                                                  const std::string& name = kHairpinModelName);

// The first candidate that is an existing file. Throws mirgene::Error listing every place
// looked at when there is none.
std::string find_default_model(const std::string& exe_dir,
                               const std::string& name = kHairpinModelName);

// The file an --arch value names: `name_or_path` itself when it is an existing file or looks
// like a path (contains '/' or ends in ".json"); otherwise the shipped config NAME.json in
// EXE_DIR/../models/configs or EXE_DIR/../share/mirgene/models/configs. Throws
// mirgene::Error listing the places looked at and the names found there.
std::string find_architecture_config(const std::string& name_or_path, const std::string& exe_dir);

// The directory of the running executable (from /proc/self/exe), or "" when unknown.
std::string executable_dir();

}  // namespace mirgene::predict
