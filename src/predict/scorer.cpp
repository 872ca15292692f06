#include "predict/scorer.hpp"

#include <span>
#include <vector>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "fold/params.hpp"
#include "predict/member_average.hpp"

namespace mirgene::predict {

Scorer::Scorer(std::span<const nn::Network> members, Detail detail)
    : members_(members),
      detail_(detail),
      folder_(fold::turner2004()),
      make_tokens_(train::token_mode(members)) {}

ScoredSequence Scorer::score(const seqio::Record& record) {
  ScoredSequence s;
  s.id = record.id;
  s.sequence = record.seq;
  s.length = record.seq.size();
  // Checked before folding: a record that will not be scored is not folded either (a 50 kb
  // record would take GiBs and hours for nothing).
  s.status = encode::length_problem(record.seq.size());
  if (s.status.empty()) s.status = encode::too_short_problem(record.seq.size());
  if (!s.status.empty()) return s;
  try {
    s.fold = folder_.fold(record.seq);
    s.status = "ok";
    if (const std::string note = encode::ambiguity_note(record.seq); !note.empty())
      s.status += "; " + note;
    // With the fold's energy (both+energy models read it, the others ignore it), or the
    // pairing probabilities for both+pairing models.
    const std::vector<std::uint8_t> tokens =
        make_tokens_(record.seq, s.fold->structure, s.fold->energy);
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
