#pragma once
// Cells of the generated results pages: numbers formatted one way everywhere, and fields
// read from the measured JSON with an error that names what is missing.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/number_text.hpp"  // fixed(value, decimals): "0.912" for (0.912345, 3)

namespace mirgene::reproduce {

// "1.23e-45"; "< 1e-300" for 0, where a p-value underflowed.
std::string scientific(double value);

// "+0.012" / "-0.004": a difference, always signed.
std::string signed_fixed(double value, int decimals);

// Appends " text |" to a Markdown table row.
void add_cell(std::string& row, std::string_view text);

// j[key], or mirgene::Error "results: <where> has no '<key>'".
const nlohmann::ordered_json& need(const nlohmann::ordered_json& j, std::string_view key,
                                   std::string_view where);

// The JSON number, or NaN for null (an undefined metric) and anything else.
double number(const nlohmann::ordered_json& j);

// "0.912 ± 0.011" from a Summary's JSON ({"count", "mean", "sd"}); "n/a" when undefined.
std::string mean_sd(const nlohmann::ordered_json& summary, const char* key);

}  // namespace mirgene::reproduce
