#pragma once
// Where tests find their data. ctest runs every test from the repository root, so
// ../shared (the team's read-only data) and tests/fixtures are relative to it.
// MIRGENE_SHARED_DIR overrides the location of shared/ when running a test by hand.
#include <cstdlib>
#include <string>

namespace mirgene::test {

inline std::string shared_dir() {
  const char* env = std::getenv("MIRGENE_SHARED_DIR");
  return env ? env : "../shared";
}

inline std::string shared_path(const std::string& rel) { return shared_dir() + "/" + rel; }

inline std::string fixture_path(const std::string& rel) { return "tests/fixtures/" + rel; }

// The repository's data/ (each folder has a README).
inline std::string data_path(const std::string& rel) { return "data/" + rel; }

// The paper's published figures (data/paper/).
inline std::string paper_file() { return data_path("paper/deepmirgene-nips2017.json"); }

// The mirgene executable under test (set by CMake for every test).
inline std::string mirgene_bin() {
  const char* env = std::getenv("MIRGENE_BIN");
  return env ? env : "build/mirgene";
}

}  // namespace mirgene::test
