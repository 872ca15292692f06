#pragma once
// Synthetic report input: hairpins of random length with bulges and interior loops, smooth
// CAM and attention profiles, a few records that were not scored, and awkward ids.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "report/html_report.hpp"

namespace mirgene::report::test {

inline ReportSequence synthetic_sequence(int index, std::mt19937& rng) {
  std::uniform_int_distribution<int> stem_len(18, 40), loop_len(4, 14), tail(0, 6), coin(0, 9);
  const char* letters = "ACGU";
  std::string left, right;
  const int stem = stem_len(rng);
  for (int k = 0; k < stem; ++k) {
    left += '(';
    right.insert(right.begin(), ')');
    if (coin(rng) == 0) left += '.';                       // bulge on the 5' arm
    if (coin(rng) == 1) right.insert(right.begin(), '.');  // bulge on the 3' arm
  }
  ReportSequence s;
  const std::string structure = std::string(tail(rng), '.') + left +
                                std::string(loop_len(rng), '.') + right +
                                std::string(tail(rng), '.');
  for (std::size_t i = 0; i < structure.size(); ++i) s.sequence += letters[rng() % 4];
  s.id = "seq" + std::to_string(index);
  if (index % 50 == 7) s.id += "<&>\"";
  s.length = s.sequence.size();
  s.fold = fold::FoldResult{structure, -static_cast<int>(rng() % 6000)};
  if (index % 40 == 39) {
    s.status = "too long: 512 nt > 400";
    return s;
  }
  const float prob = std::uniform_real_distribution<float>(0, 1)(rng);
  s.probability = prob;
  const double n = static_cast<double>(s.sequence.size());
  double total = 0;
  for (std::size_t i = 0; i < s.sequence.size(); ++i) {
    const double r = i / n;
    // Positives peak on the 5' arm, as the paper reports; others are flatter.
    const double bump = std::exp(-std::pow((r - 0.3) / 0.12, 2));
    s.cam.push_back(static_cast<float>((prob > 0.5 ? 1.0 : 0.2) * bump - 0.3 * std::sin(6 * r)));
    s.attention.push_back(static_cast<float>(0.2 + bump));
    total += s.attention.back();
  }
  for (float& a : s.attention) a = static_cast<float>(a / total);
  return s;
}

inline std::vector<ReportSequence> synthetic_sequences(int count, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::vector<ReportSequence> out;
  for (int i = 0; i < count; ++i) out.push_back(synthetic_sequence(i, rng));
  return out;
}

}  // namespace mirgene::report::test
