#include "predict/scorer.hpp"

#include <span>
#include <vector>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "fold/params.hpp"
#include "predict/member_average.hpp"

namespace mirgene::predict {

Scorer::Scorer(std::span<const nn::Network> members, Detail detail)
    : members_(members), detail_(detail), folder_(fold::turner2004()) {}

ScoredSequence Scorer::score(const seqio::Record& record) {
  ScoredSequence s;
  s.id = record.id;
  s.sequence = record.seq;
  s.length = record.seq.size();
  try {
    s.fold = folder_.fold(record.seq);
    // Checked after folding so that the output still carries the structure.
    s.status = encode::length_problem(record.seq.size());
    if (!s.status.empty()) return s;
    s.status = "ok";
    const std::vector<std::uint8_t> tokens = encode::encode(record.seq, s.fold->structure);
    if (detail_ == Detail::kPositions) {
      explain::PositionScores scores = mean_position_scores(members_, tokens);
      s.attention = std::move(scores.attention);
      s.cam = std::move(scores.cam);
      s.probability = scores.probability;
    } else {
      s.probability = mean_probabilities(members_, std::span(&tokens, 1), 1).front();
    }
  } catch (const Error& e) {
    // A sequence the folder or the encoder refuses is reported without a structure.
    s.fold.reset();
    s.status = e.what();
  }
  return s;
}

}  // namespace mirgene::predict
