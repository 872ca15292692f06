#pragma once
// The "Re-run with:" command of the results pages: the recorded command line, as typed from
// the repository root today.
#include <string>

namespace mirgene::reproduce {

// `recorded` without a "--data DIR" whose DIR is a relative path ending in data/mirboost:
// runs recorded before the benchmark moved into the repository named the team's copy beside
// the checkout, whose files are the ones in data/mirboost (the default --data; identical
// once decompressed, see data/mirboost/README.md). Any other --data is kept.
std::string rerun_command(const std::string& recorded);

}  // namespace mirgene::reproduce
