#include "predict/model.hpp"

#include "train/model_lookup.hpp"

namespace mirgene::predict {

Model load_model(const std::string& path) {
  Model m;
  m.path = path.empty() ? train::find_default_model(train::executable_dir()) : path;
  m.file = nn::load_ensemble(m.path);
  return m;
}

}  // namespace mirgene::predict
