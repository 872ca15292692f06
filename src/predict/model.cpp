#include "predict/model.hpp"

#include "predict/model_lookup.hpp"

namespace mirgene::predict {

Model load_model(const std::string& path) {
  Model m;
  m.path = path.empty() ? predict::find_default_model(predict::executable_dir()) : path;
  m.file = nn::load_ensemble(m.path);
  return m;
}

}  // namespace mirgene::predict
