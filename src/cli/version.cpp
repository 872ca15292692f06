#include "cli/version.hpp"

#include <cstdlib>

#include "common/error.hpp"
#include "predict/model_lookup.hpp"

namespace mirgene::cli {

std::string version_text() {
  std::string model;
  const char* env = std::getenv("MIRGENE_MODEL");
  try {
    model = predict::find_default_model(predict::executable_dir());
    if (env && *env) model += " (from $MIRGENE_MODEL)";
  } catch (const Error&) {
    // The lookup's own message lists every place it looked; --version stays short.
    model = env && *env ? std::string(env) + " (from $MIRGENE_MODEL: no such file)"
                        : "none found (give --model FILE or set MIRGENE_MODEL)";
  }
  return std::string("mirgene ") + MIRGENE_VERSION + "\ncommit: " + kGitCommit +
         "\nmodel: " + model;
}

}  // namespace mirgene::cli
