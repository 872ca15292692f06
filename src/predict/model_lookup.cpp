#include "predict/model_lookup.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "common/error.hpp"

namespace mirgene::predict {

std::vector<std::string> default_model_candidates(const std::string& exe_dir,
                                                  const std::string& name) {
  const char* env = std::getenv("MIRGENE_MODEL");
  if (env && *env) return {env};
  if (exe_dir.empty()) return {};
  const std::filesystem::path dir(exe_dir);
  return {(dir / ".." / "models" / name).lexically_normal().string(),
          (dir / ".." / "share" / "mirgene" / "models" / name)
              .lexically_normal()
              .string()};
}

std::string find_default_model(const std::string& exe_dir, const std::string& name) {
  const std::vector<std::string> candidates = default_model_candidates(exe_dir, name);
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

std::string find_architecture_config(const std::string& name_or_path, const std::string& exe_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool path_like = name_or_path.find('/') != std::string::npos ||
                         name_or_path.ends_with(".json") || fs::is_regular_file(name_or_path, ec);
  if (path_like) {
    if (!fs::is_regular_file(name_or_path, ec))
      throw Error(name_or_path + ": architecture config file not found");
    return name_or_path;
  }
  if (name_or_path.empty()) throw Error("--arch: empty architecture name");
  std::vector<fs::path> dirs;
  if (!exe_dir.empty()) {
    dirs.push_back((fs::path(exe_dir) / ".." / "models" / "configs").lexically_normal());
    dirs.push_back(
        (fs::path(exe_dir) / ".." / "share" / "mirgene" / "models" / "configs").lexically_normal());
  }
  std::string looked;
  std::set<std::string> names;
  for (const fs::path& dir : dirs) {
    const fs::path candidate = dir / (name_or_path + ".json");
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    looked += "\n  " + candidate.string();
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".json") names.insert(entry.path().stem().string());
  }
  std::string known;
  for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
  throw Error("no architecture config named '" + name_or_path +
              "'; looked at:" + (looked.empty() ? std::string(" (nowhere)") : looked) +
              (known.empty() ? std::string() : "\nshipped configs: " + known) +
              "\ngive a config file path or one of the shipped names");
}

std::string executable_dir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "" : exe.parent_path().string();
}

}  // namespace mirgene::predict
