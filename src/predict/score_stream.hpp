#pragma once
// Scoring a stream of sequences: one Scorer per worker, results in input order.
#include <functional>
#include <ostream>
#include <span>

#include "nn/network.hpp"
#include "predict/record_stream.hpp"
#include "predict/scored_sequence.hpp"

namespace mirgene::predict {

// Scores every item of `source` with the model's `members` (averaged) on `threads` workers and
// hands each result to `deliver` in input order: scored or not (status says why), unreadable
// records included (id as far as the reader knew it, "" when none; status "invalid record: ...").
// Each failure is also reported on `err` as stream_in_order does. The caller then calls
// source.rethrow_input_error().
RecordCounts score_in_order(SequenceSource& source, std::span<const nn::Network> members,
                            Detail detail, int threads,
                            const std::function<void(ScoredSequence&&)>& deliver, std::ostream& out,
                            std::ostream& err);

}  // namespace mirgene::predict
