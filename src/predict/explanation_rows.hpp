#pragma once
// The output of `mirgene explain` (docs/interpretation.md): per scored sequence its
// probability with the attention weights and class activation map of every position, as TSV
// (one row per position, after a header line) or JSON Lines (one object per sequence).
#include <string>

#include "predict/scored_sequence.hpp"

namespace mirgene::predict {

// "id	pos	base	struct	attention	cam	prob_premirna\n". `coordinates` (runs on
// genome loci): chrom, start, end and strand of the locus after the id (locus_columns.hpp).
std::string explanation_tsv_header(bool coordinates = false);

// One row per position; struct is the structure as the network reads it (hairpin-loop bases
// ':'); attention "NA" for a model without attention. `s` must be scored with
// Detail::kPositions. pos counts from 1 along the sequence 5'->3' on its strand.
std::string explanation_tsv_rows(const ScoredSequence& s, bool coordinates = false);

// One JSON object with its newline: id, length, prob_premirna, label (at `threshold`), mfe,
// sequence, structure, attention (null without attention) and cam; chrom, start, end and
// strand too when the sequence is a genome locus.
std::string explanation_json_line(const ScoredSequence& s, double threshold);

}  // namespace mirgene::predict
