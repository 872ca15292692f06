#include "report/colour_scale.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace mirgene::report {
namespace {

struct Rgb {
  double r, g, b;
};

// Anchor colours (ColorBrewer RdBu / Reds end points), interpolated linearly in between.
constexpr std::array<Rgb, 5> kDiverging = {
    {{33, 102, 172}, {146, 197, 222}, {247, 247, 247}, {244, 165, 130}, {178, 24, 43}}};
constexpr std::array<Rgb, 3> kSequential = {{{255, 245, 240}, {251, 106, 74}, {103, 0, 13}}};

template <std::size_t N>
std::string interpolate(const std::array<Rgb, N>& anchors, double f) {
  const double x = std::clamp(f, 0.0, 1.0) * (N - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(x), N - 2);
  const double t = x - static_cast<double>(i);
  const Rgb& a = anchors[i];
  const Rgb& b = anchors[i + 1];
  auto channel = [t](double u, double v) { return static_cast<int>(std::lround(u + t * (v - u))); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", channel(a.r, b.r), channel(a.g, b.g),
                channel(a.b, b.b));
  return buf;
}

}  // namespace

ColourScale::ColourScale(float limit, bool diverging)
    : limit_(limit > 0.0f && std::isfinite(limit) ? limit : 1.0f), diverging_(diverging) {}

ColourScale ColourScale::fit(std::span<const float> values) {
  float largest = 0.0f;
  bool negative = false;
  for (const float v : values) {
    if (!std::isfinite(v)) continue;
    largest = std::max(largest, std::fabs(v));
    negative = negative || v < 0.0f;
  }
  return ColourScale(largest, negative);
}

double ColourScale::fraction(float value) const {
  if (!std::isfinite(value)) return diverging_ ? 0.5 : 0.0;
  const double f = diverging_ ? (value + limit_) / (2.0 * limit_) : value / limit_;
  return std::clamp(f, 0.0, 1.0);
}

std::string ColourScale::colour(float value) const {
  const double f = fraction(value);
  return diverging_ ? interpolate(kDiverging, f) : interpolate(kSequential, f);
}

std::vector<std::string> ColourScale::palette(int steps) const {
  std::vector<std::string> out;
  const int n = std::max(steps, 2);
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    const double f = static_cast<double>(i) / (n - 1);
    out.push_back(diverging_ ? interpolate(kDiverging, f) : interpolate(kSequential, f));
  }
  return out;
}

}  // namespace mirgene::report
