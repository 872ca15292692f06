#pragma once
// What scoring one sequence gives: its fold, P(pre-miRNA) and, on request, the per-position
// maps behind it; or why it was not scored. Every output format reads this.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "fold/mfe.hpp"
#include "genome/locus.hpp"

namespace mirgene::predict {

// How much the scorer computes per sequence.
enum class Detail {
  kProbability,  // fold, encode, one network pass
  kPositions,    // also attention weights and the class activation map (explain, report)
};

struct ScoredSequence {
  std::string id;
  std::string sequence;                  // as read ("" for an unreadable record)
  std::optional<std::size_t> length;     // nucleotides; empty for an unreadable record
  std::optional<fold::FoldResult> fold;  // MFE structure and energy; empty when not folded
  std::optional<float> probability;      // P(pre-miRNA); empty when not scored
  std::vector<float> attention;          // Detail::kPositions; empty for models without one
  std::vector<float> cam;                // Detail::kPositions: class activation map
  // Where the sequence was fetched from (flanks included), for loci of a genome; strand '.'
  // when the regions file gave none that could be used.
  std::optional<genome::Coordinates> locus;
  std::string status = "ok";  // "ok" ("ok; flagged: ..." with ambiguity codes), or why not scored

  bool scored() const { return probability.has_value(); }
};

// The label of a probability at a threshold: "pre-miRNA" when probability >= threshold.
inline const char* class_label(double probability, double threshold) {
  return probability >= threshold ? "pre-miRNA" : "other";
}

}  // namespace mirgene::predict
