#pragma once
// Column 9 of GFF3: `key=value` pairs separated by ';', values percent-encoded (%3B for ';'
// and so on). Bytes that are not UTF-8 are kept as they are: the writers of JSON and HTML
// replace them later, and an id must stay the same bytes in TSV output.
#include <optional>
#include <string>
#include <string_view>

namespace mirgene::genome {

// The decoded value of attribute `key` in `column9`, or nothing when absent. A '%' not
// followed by two hex digits is kept literally (files in the wild hold such text).
std::optional<std::string> gff3_attribute(std::string_view column9, std::string_view key);

// `text` with every %XX escape decoded.
std::string percent_decoded(std::string_view text);

}  // namespace mirgene::genome
