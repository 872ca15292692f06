#pragma once
// Where tests find their data. ctest runs every test from the repository root, so the
// repository's data/ (benchmark, paper figures, reference outputs; each folder has a
// README) and tests/fixtures are relative to it. Nothing outside the clone is read: a
// missing file is a failed test, never a skipped one.
#include <cstdlib>
#include <string>

namespace mirgene::test {

inline std::string data_path(const std::string& rel) { return "data/" + rel; }

inline std::string fixture_path(const std::string& rel) { return "tests/fixtures/" + rel; }

// The paper's published figures (data/paper/).
inline std::string paper_file() { return data_path("paper/deepmirgene-nips2017.json"); }

// The mirgene executable under test (set by CMake for every test).
inline std::string mirgene_bin() {
  const char* env = std::getenv("MIRGENE_BIN");
  return env ? env : "build/mirgene";
}

}  // namespace mirgene::test
