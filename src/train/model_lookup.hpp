#pragma once
// Where `mirgene predict` finds its model when --model is not given.
#include <string>
#include <vector>

namespace mirgene::train {

// The places looked at, in order: $MIRGENE_MODEL when set (then nothing else), else
// EXE_DIR/../models/mirgene-whole.safetensors and
// EXE_DIR/../share/mirgene/models/mirgene-whole.safetensors.
std::vector<std::string> default_model_candidates(const std::string& exe_dir);

// The first candidate that is an existing file. Throws mirgene::Error listing every place
// looked at when there is none.
std::string find_default_model(const std::string& exe_dir);

// The directory of the running executable (from /proc/self/exe), or "" when unknown.
std::string executable_dir();

}  // namespace mirgene::train
