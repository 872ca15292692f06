#pragma once
// The model a scoring command uses: the file given, or the default one found beside the
// installed program (model_lookup), loaded once and shared read-only by every worker.
#include <string>

#include "nn/model_file.hpp"

namespace mirgene::predict {

struct Model {
  std::string path;  // the file loaded, as found or given
  nn::ModelFile file;

  const nn::Network& network() const { return file.net; }
};

// `path` "" means the default model ($MIRGENE_MODEL, else the installed one). Throws
// mirgene::Error naming the file, or every place looked at when there is none.
Model load_model(const std::string& path);

}  // namespace mirgene::predict
