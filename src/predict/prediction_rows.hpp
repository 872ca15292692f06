#pragma once
// The rows `mirgene predict` writes: one per input record, scored or not, as TSV (with a
// header line) or as JSON Lines (one object per record, same fields; see docs/prediction.md).
#include <string>

#include "predict/scored_sequence.hpp"

namespace mirgene::predict {

enum class RowFormat { kTsv, kJsonLines };

// "id	length	prob_premirna	label	mfe	structure	status\n" for TSV, "" for JSON
// Lines. `coordinates` (runs on genome loci): chrom, start, end and strand after the id.
std::string prediction_header(RowFormat format, bool coordinates = false);

// One line (with its newline). Label: "pre-miRNA" when probability >= threshold, else
// "other"; "-" (TSV) or null (JSON) when not scored. Probability with 6 decimals, MFE in
// kcal/mol with 2 decimals. `coordinates`: as in the header (locus_columns.hpp).
std::string prediction_row(const ScoredSequence& s, double threshold, RowFormat format,
                           bool coordinates = false);

}  // namespace mirgene::predict
