#include "reproduce/markdown_cells.hpp"

#include <cmath>
#include <cstdio>

#include "common/error.hpp"

namespace mirgene::reproduce {

using Json = nlohmann::ordered_json;

std::string scientific(double value) {
  if (value == 0) return "< 1e-300";
  char text[64];
  std::snprintf(text, sizeof text, "%.2e", value);
  return text;
}

std::string signed_fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", decimals, value);
  return text;
}

void add_cell(std::string& row, std::string_view text) {
  row += ' ';
  row += text;
  row += " |";
}

const Json& need(const Json& j, std::string_view key, std::string_view where) {
  if (!j.is_object() || !j.contains(key))
    throw Error("results: " + std::string(where) + " has no '" + std::string(key) + "'");
  return j.at(std::string(key));
}

double number(const Json& j) {
  return j.is_number() ? j.get<double>() : std::nan("");
}

std::string mean_sd(const Json& summary, const char* key) {
  const double mean = number(summary["mean"][key]);
  if (std::isnan(mean)) return "n/a";
  std::string text = fixed(mean, 3);
  if (summary["count"].get<int>() > 1) text += " ± " + fixed(number(summary["sd"][key]), 3);
  return text;
}

}  // namespace mirgene::reproduce
