#include "predict/explanation_rows.hpp"

#include <nlohmann/json.hpp>

#include "common/number_text.hpp"
#include "encode/hairpin_loops.hpp"
#include "predict/locus_columns.hpp"

namespace mirgene::predict {

std::string explanation_tsv_header(bool coordinates) {
  return std::string("id") + (coordinates ? std::string("\t") + kLocusTsvHeader : "") +
         "\tpos\tbase\tstruct\tattention\tcam\tprob_premirna\n";
}

std::string explanation_tsv_rows(const ScoredSequence& s, bool coordinates) {
  const std::string structure = encode::mark_hairpin_loops(s.fold->structure);
  const std::string prob = general(*s.probability);
  const std::string where = coordinates ? locus_tsv_fields(s.locus) : "";
  std::string out;
  for (std::size_t t = 0; t < s.sequence.size(); ++t) {
    out += s.id;
    out += where;
    out += '\t' + std::to_string(t + 1) + '\t' + s.sequence[t] + '\t' + structure[t] + '\t';
    // A model without attention has no attention weights.
    out += s.attention.empty() ? std::string("NA") : general(s.attention[t]);
    out += '\t' + general(s.cam[t]) + '\t' + prob + '\n';
  }
  return out;
}

std::string explanation_json_line(const ScoredSequence& s, double threshold) {
  // Keys in alphabetical order (nlohmann::json's own), as explain has always written them.
  nlohmann::json j;
  j["id"] = s.id;
  j["length"] = s.sequence.size();
  j["prob_premirna"] = *s.probability;
  j["label"] = class_label(*s.probability, threshold);
  j["mfe"] = s.fold->energy / 100.0;
  j["sequence"] = s.sequence;
  j["structure"] = encode::mark_hairpin_loops(s.fold->structure);
  j["attention"] = s.attention.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.attention);
  j["cam"] = s.cam;
  if (s.locus) add_locus_json(j, s.locus);
  // Invalid UTF-8 in an id is replaced (U+FFFD) rather than aborting the whole output.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace mirgene::predict
