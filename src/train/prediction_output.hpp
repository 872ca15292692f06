#pragma once
// The rows `mirgene predict` writes: one per input record, scored or not, as TSV (with a
// header line) or as JSON Lines (one object per record, same fields; see docs/prediction.md).
#include <cstddef>
#include <optional>
#include <string>

namespace mirgene::train {

struct PredictionRow {
  std::string id;
  std::optional<std::size_t> length;  // nucleotides; empty for an unreadable record
  std::optional<float> probability;   // P(pre-miRNA); empty when not scored
  std::optional<int> mfe;             // dcal/mol; empty when not folded
  std::string structure;              // dot-bracket; "" when not folded
  std::string status = "ok";          // "ok" or why the record was not scored
};

enum class OutputFormat { kTsv, kJsonLines };

// "id	length	prob_premirna	label	mfe	structure	status\n" for TSV, "" for JSON
// Lines.
std::string output_header(OutputFormat format);

// One line (with its newline). Label: "pre-miRNA" when probability >= threshold, else
// "other"; "-" (TSV) or null (JSON) when not scored. Probability with 6 decimals, MFE in
// kcal/mol with 2 decimals.
std::string format_row(const PredictionRow& row, double threshold, OutputFormat format);

}  // namespace mirgene::train
