#pragma once
// `mirgene --version`: what is running and what it would use, for bug reports and for
// checking an installation.
#include <string>

namespace mirgene::cli {

// The commit the binary was built from (written by cmake/git_commit.cmake at build time),
// "unknown" when the sources were not a git checkout.
extern const char* const kGitCommit;

// "mirgene VERSION\ncommit: HASH\nmodel: PATH" where PATH is the model predict would load
// without --model (or why there is none).
std::string version_text();

}  // namespace mirgene::cli
