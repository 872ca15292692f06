#include "predict/prediction_rows.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/number_text.hpp"
#include "predict/locus_columns.hpp"

namespace mirgene::predict {
namespace {

using Json = nlohmann::ordered_json;

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

std::string prediction_header(RowFormat format, bool coordinates) {
  if (format == RowFormat::kJsonLines) return "";
  return std::string("id") + (coordinates ? std::string("\t") + kLocusTsvHeader : "") +
         "\tlength\tprob_premirna\tlabel\tmfe\tstructure\tstatus\n";
}

std::string prediction_row(const ScoredSequence& s, double threshold, RowFormat format,
                           bool coordinates) {
  const char* label = s.probability ? class_label(*s.probability, threshold) : nullptr;
  const double mfe_kcal = s.fold ? s.fold->energy / 100.0 : 0.0;

  if (format == RowFormat::kJsonLines) {
    Json j;
    j["id"] = s.id;
    if (coordinates) add_locus_json(j, s.locus);
    j["length"] = s.length ? Json(*s.length) : Json(nullptr);
    j["prob_premirna"] = s.probability ? Json(rounded(*s.probability, 1e6)) : Json(nullptr);
    j["label"] = label ? Json(label) : Json(nullptr);
    j["mfe"] = s.fold ? Json(rounded(mfe_kcal, 100.0)) : Json(nullptr);
    j["structure"] = s.fold ? Json(s.fold->structure) : Json(nullptr);
    j["status"] = s.status;
    // Invalid UTF-8 in an id or message is replaced rather than aborting the whole output.
    return j.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
  }

  std::string line = escape_tsv_field(s.id);
  if (coordinates) line += locus_tsv_fields(s.locus);
  line += '\t';
  line += s.length ? std::to_string(*s.length) : "-";
  line += '\t';
  line += s.probability ? fixed(*s.probability, 6) : "-";
  line += '\t';
  line += label ? label : "-";
  line += '\t';
  line += s.fold ? fixed(mfe_kcal, 2) : "-";
  line += '\t';
  line += s.fold ? s.fold->structure : "-";
  line += '\t';
  line += escape_tsv_field(s.status);
  line += '\n';
  return line;
}

}  // namespace mirgene::predict
