#pragma once
// The mirgene executable run as a user runs it, for the end-to-end CLI tests.
#include <filesystem>
#include <string>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene::test {

// A path made absolute and quoted for the shell.
inline std::string quoted(const std::string& path) {
  return shell_quoted(std::filesystem::absolute(path).string());
}

// `mirgene ARGS` (ARGS as a shell command line), its output and exit status.
inline RunResult mirgene(const std::string& args) {
  return run(quoted(mirgene_bin()) + " " + args);
}

}  // namespace mirgene::test
