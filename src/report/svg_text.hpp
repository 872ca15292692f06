#pragma once
// Text helpers shared by the SVG and HTML writers.
#include <string>
#include <string_view>

namespace mirgene::report {

// Escapes & < > " ' so that `text` is safe in XML/HTML text and in quoted attributes; bytes
// that are not UTF-8 become U+FFFD (common/utf8.hpp).
std::string xml_escape(std::string_view text);

// A coordinate or value with at most `decimals` decimals, trailing zeros dropped
// ("12.5", "3", "-0.25"); never "-0".
std::string num(double value, int decimals = 2);

// A value for a label, with 3 significant digits whatever its magnitude ("0.999", "3.5e-07").
std::string short_num(double value);

}  // namespace mirgene::report
