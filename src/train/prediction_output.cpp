#include "train/prediction_output.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace mirgene::train {
namespace {

constexpr const char* kPositiveLabel = "pre-miRNA";
constexpr const char* kNegativeLabel = "other";

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Rounded so that JSON's shortest round-trip form shows the same digits as the TSV.
double rounded(double value, double scale) {
  return std::round(value * scale) / scale;
}

std::string escape_tsv_field(std::string text) {
  // Ids come from FASTA headers without blanks; the status text may hold anything.
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

std::string output_header(OutputFormat format) {
  if (format == OutputFormat::kJsonLines) return "";
  return "id\tlength\tprob_premirna\tlabel\tmfe\tstructure\tstatus\n";
}

std::string format_row(const PredictionRow& row, double threshold, OutputFormat format) {
  const char* label = nullptr;
  if (row.probability) label = *row.probability >= threshold ? kPositiveLabel : kNegativeLabel;
  const double mfe_kcal = row.mfe ? *row.mfe / 100.0 : 0.0;

  if (format == OutputFormat::kJsonLines) {
    nlohmann::ordered_json j;
    j["id"] = row.id;
    j["length"] =
        row.length ? nlohmann::ordered_json(*row.length) : nlohmann::ordered_json(nullptr);
    j["prob_premirna"] = row.probability ? nlohmann::ordered_json(rounded(*row.probability, 1e6))
                                         : nlohmann::ordered_json(nullptr);
    j["label"] = label ? nlohmann::ordered_json(label) : nlohmann::ordered_json(nullptr);
    j["mfe"] = row.mfe ? nlohmann::ordered_json(rounded(mfe_kcal, 100.0))
                       : nlohmann::ordered_json(nullptr);
    j["structure"] =
        row.mfe ? nlohmann::ordered_json(row.structure) : nlohmann::ordered_json(nullptr);
    j["status"] = row.status;
    // Invalid UTF-8 in an id or message is replaced rather than aborting the whole output.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  }

  std::string line = escape_tsv_field(row.id);
  line += '\t';
  line += row.length ? std::to_string(*row.length) : "-";
  line += '\t';
  line += row.probability ? fixed(*row.probability, 6) : "-";
  line += '\t';
  line += label ? label : "-";
  line += '\t';
  line += row.mfe ? fixed(mfe_kcal, 2) : "-";
  line += '\t';
  line += row.mfe ? row.structure : "-";
  line += '\t';
  line += escape_tsv_field(row.status);
  line += '\n';
  return line;
}

}  // namespace mirgene::train
