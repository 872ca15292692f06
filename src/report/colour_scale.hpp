#pragma once
// Maps values to colours for the figures. Values that change sign get a diverging scale
// centred at 0 (blue - white - red), so "for" and "against" a class read at a glance; values
// that are all >= 0 get a sequential scale (white - dark red) from 0.
#include <span>
#include <string>
#include <vector>

namespace mirgene::report {

class ColourScale {
 public:
  // Diverging over [-limit, limit], or sequential over [0, limit]. limit <= 0 becomes 1.
  ColourScale(float limit, bool diverging);

  // Diverging when any value is < 0; limit = the largest |value| (1 when all are 0).
  static ColourScale fit(std::span<const float> values);

  float limit() const { return limit_; }
  bool diverging() const { return diverging_; }
  float low() const { return diverging_ ? -limit_ : 0.0f; }
  // "#rrggbb"; values beyond the range take the end colours.
  std::string colour(float value) const;
  // Position of `value` in the range, clamped to [0, 1].
  double fraction(float value) const;

  // `steps` evenly spaced colours from low() to limit(), for colour bars and page scripts.
  std::vector<std::string> palette(int steps) const;

 private:
  float limit_;
  bool diverging_;
};

}  // namespace mirgene::report
