#pragma once
// Fold -> encode -> network for one sequence. One Scorer per worker thread: it owns the
// folding tables it reuses from sequence to sequence; the networks are shared read-only.
#include <span>
#include <string>

#include "fold/mfe.hpp"
#include "nn/network.hpp"
#include "predict/scored_sequence.hpp"
#include "seqio/fasta_reader.hpp"
#include "train/model_tokens.hpp"

namespace mirgene::predict {

class Scorer {
 public:
  // `members`: the model's networks (one, or an ensemble's), averaged.
  Scorer(std::span<const nn::Network> members, Detail detail);

  // Never throws for a problem of the sequence: a sequence that cannot be folded, encoded
  // or scored comes back with its reason in `status` (and, when it was folded, its fold).
  // Sequences outside the lengths the model knows (encode::length_problem,
  // encode::too_short_problem) are neither folded nor scored; a scored sequence with
  // ambiguity codes has status "ok; flagged: ..." (encode::ambiguity_note).
  ScoredSequence score(const seqio::Record& record);

 private:
  std::span<const nn::Network> members_;
  Detail detail_;
  fold::Folder folder_;
  train::TokenMaker make_tokens_;
};

}  // namespace mirgene::predict
