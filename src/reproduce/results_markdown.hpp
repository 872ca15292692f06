#pragma once
// docs/results.md, rendered from the measured parts (docs/results/*.json written by
// `mirgene reproduce`) beside the published figures. The file is generated: it says which
// command made it, so that nobody edits numbers by hand.
#include <nlohmann/json.hpp>
#include <string>

#include "reproduce/paper_results.hpp"

namespace mirgene::reproduce {

struct ResultParts {
  nlohmann::ordered_json tables23;       // null when not measured yet
  nlohmann::ordered_json architectures;  // Table 4 and Figure 3; null when not measured yet
};

// The whole Markdown document. Throws mirgene::Error when a part lacks a field it needs.
std::string render_results_markdown(const ResultParts& parts, const PaperResults& paper);

}  // namespace mirgene::reproduce
