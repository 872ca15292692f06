#pragma once
// The Table 4 and Figure 3 sections of docs/results.md, from docs/results/architectures.json:
// each variant's cross-validation beside the paper's row, and which variant is best by how
// much, both from the means and run by run against the others on the same folds.
#include <nlohmann/json.hpp>
#include <string>

#include "reproduce/paper_results.hpp"

namespace mirgene::reproduce {

// Throws mirgene::Error when the JSON lacks a field it needs.
std::string render_architecture_sections(const nlohmann::ordered_json& architectures,
                                         const PaperResults& paper);

}  // namespace mirgene::reproduce
