#include "predict/model.hpp"

#include "common/error.hpp"
#include "predict/model_lookup.hpp"
#include "train/model_tokens.hpp"

namespace mirgene::predict {

Model load_model(const std::string& path, const std::string& default_name) {
  Model m;
  m.path = path.empty() ? find_default_model(executable_dir(), default_name) : path;
  m.file = nn::load_ensemble(m.path);
  // Refused here, before any work, rather than in a worker: members wanting other tokens.
  try {
    train::token_mode(m.members());
  } catch (const Error& e) {
    throw Error(m.path + ": " + e.what());
  }
  return m;
}

}  // namespace mirgene::predict
