#include "predict/model.hpp"

#include "predict/model_lookup.hpp"

namespace mirgene::predict {

Model load_model(const std::string& path, const std::string& default_name) {
  Model m;
  m.path = path.empty() ? find_default_model(executable_dir(), default_name) : path;
  m.file = nn::load_ensemble(m.path);
  return m;
}

}  // namespace mirgene::predict
