#pragma once
// Scoring many sequences from Python: the loop of `mirgene predict` and `mirgene explain`
// (predict::score_in_order), run with the GIL released, keeping for every sequence the message
// the CLI prints on stderr when it cannot be scored.
#include <span>
#include <string>
#include <vector>

#include "nn/network.hpp"
#include "predict/scored_sequence.hpp"
#include "predict/sequence_source.hpp"

namespace mirgene::python {

struct ScoreRun {
  std::vector<predict::ScoredSequence> results;  // one per record, in input order
  std::vector<std::string> errors;               // the CLI's message for each, "" when scored
};

// Worker threads for a `threads` argument: 0 means every core. Throws mirgene::Error with the
// CLI's wording of --threads for a count out of range.
int thread_count(int threads);

// Scores every record of `source` (caller holds the GIL; it is released while scoring and
// taken back every few hundred records to see Ctrl-C, which raises KeyboardInterrupt). A
// failure of the input as a whole throws mirgene::Error after the run.
ScoreRun score_source(predict::SequenceSource& source, std::span<const nn::Network> members,
                      predict::Detail detail, int threads);

}  // namespace mirgene::python
