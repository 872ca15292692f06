#include "reproduce/rerun_command.hpp"

#include <filesystem>
#include <sstream>
#include <vector>

namespace mirgene::reproduce {
namespace {

// A relative path ending in data/mirboost: the repository's own benchmark, or the team's
// copy beside the checkout that runs used before the move. Absolute paths are someone's
// own data and stay in the command.
bool is_benchmark_copy(const std::string& dir) {
  const std::filesystem::path p = std::filesystem::path(dir).lexically_normal();
  const std::filesystem::path name = p.has_filename() ? p : p.parent_path();
  return p.is_relative() && name.filename() == "mirboost" &&
         name.parent_path().filename() == "data";
}

}  // namespace

std::string rerun_command(const std::string& recorded) {
  // Recorded command lines are space-separated words without quoting (paths with blanks
  // would be quoted, and are then kept word for word, as is everything else).
  std::istringstream in(recorded);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--data" && i + 1 < words.size() && is_benchmark_copy(words[i + 1])) {
      ++i;
      continue;
    }
    out += (out.empty() ? "" : " ") + words[i];
  }
  return out;
}

}  // namespace mirgene::reproduce
