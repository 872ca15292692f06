#pragma once
// Numbers as mirgene's text outputs print them, in one place so every table agrees.
#include <cstdio>
#include <string>

namespace mirgene {

// Fixed-point with `decimals` digits after the point ("%.*f").
inline std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Six significant digits, the shorter of fixed and exponent form ("%.6g").
inline std::string general(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace mirgene
