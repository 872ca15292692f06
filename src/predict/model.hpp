#pragma once
// The model a scoring command uses: the file given, or the default one found beside the
// installed program (model_lookup), loaded once and shared read-only by every worker. A model
// file holds one network or an ensemble of several (nn/ensemble_file.hpp), averaged.
#include <span>
#include <string>

#include "nn/ensemble_file.hpp"
#include "predict/model_lookup.hpp"

namespace mirgene::predict {

struct Model {
  std::string path;  // the file loaded, as found or given
  nn::Ensemble file;

  std::span<const nn::Network> members() const { return file.members; }
};

// `path` "" means the default model ($MIRGENE_MODEL, else the installed `default_name`,
// model_lookup.hpp). Throws mirgene::Error naming the file, or every place looked at when
// there is none.
Model load_model(const std::string& path, const std::string& default_name = kHairpinModelName);

}  // namespace mirgene::predict
