#pragma once
// The pair probabilities the report's dot plots show: for every folded sequence of the page,
// its pairs with p >= cutoff as flat (i, j, p in per mille) triples, 1-based. Computed only
// for the records on the page, in parallel; a sequence that cannot be folded gets none.
#include <span>
#include <vector>

#include "predict/scored_sequence.hpp"

namespace mirgene::report {

std::vector<std::vector<int>> report_pair_probabilities(
    std::span<const predict::ScoredSequence> sequences, double cutoff, int threads);

}  // namespace mirgene::report
