#include "train/model_lookup.hpp"

#include <cstdlib>
#include <filesystem>

#include "common/error.hpp"

namespace mirgene::train {

namespace {
constexpr const char* kDefaultModelName = "mirgene-whole.safetensors";
}

std::vector<std::string> default_model_candidates(const std::string& exe_dir) {
  const char* env = std::getenv("MIRGENE_MODEL");
  if (env && *env) return {env};
  if (exe_dir.empty()) return {};
  const std::filesystem::path dir(exe_dir);
  return {(dir / ".." / "models" / kDefaultModelName).lexically_normal().string(),
          (dir / ".." / "share" / "mirgene" / "models" / kDefaultModelName)
              .lexically_normal()
              .string()};
}

std::string find_default_model(const std::string& exe_dir) {
  const std::vector<std::string> candidates = default_model_candidates(exe_dir);
  std::string looked;
  for (const std::string& path : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path;
    looked += "\n  " + path;
  }
  const bool from_env = std::getenv("MIRGENE_MODEL") && *std::getenv("MIRGENE_MODEL");
  throw Error(std::string("no model file found") + (from_env ? " ($MIRGENE_MODEL)" : "") +
              "; looked at:" + (looked.empty() ? std::string(" (nowhere)") : looked) +
              "\ngive one with --model FILE or set MIRGENE_MODEL");
}

std::string executable_dir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "" : exe.parent_path().string();
}

}  // namespace mirgene::train
