#pragma once
// The shortcut detector: metrics within length strata, beside a score that knows nothing but
// length. miRBoost's negatives are longer than its positives, so a model can reach a high
// AUROC by ranking short sequences first; within a stratum of similar lengths that shortcut
// is gone, and the length-only baseline shows how far length alone gets on the whole set.
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "metrics/metrics.hpp"

namespace mirgene::metrics {

struct LengthStratum {
  int min_length = 0, max_length = 0;        // inclusive; max_length -1 = no upper bound
  Metrics model;                             // the model's metrics on this stratum's items
  double length_auroc = 0, length_aupr = 0;  // the length-only score on the same items
  std::string label() const;                 // "<80", "80-100", ">100"
};

struct LengthReport {
  double length_auroc = 0, length_aupr = 0;  // length-only score on every item
  std::vector<LengthStratum> strata;
};

// The length-only baseline's score: shorter ranks as more pre-miRNA-like.
float length_only_score(int length);

// Strata cut at `cuts` (ascending, e.g. {80, 100} gives <80, 80-100, >100: a cut c closes a
// stratum below c and the next one starts at c, except that the middle strata include their
// upper cut, so 100 nt falls into 80-100). Throws mirgene::Error for unsorted or
// non-positive cuts and for spans of different lengths.
LengthReport length_report(std::span<const float> scores, std::span<const int> is_positive,
                           std::span<const int> lengths, double threshold,
                           std::span<const int> cuts);

// "80,100" -> {80, 100}; throws mirgene::Error naming the text when it is not ascending
// positive integers.
std::vector<int> parse_length_cuts(const std::string& text);

// A table: stratum, n pre-miRNA/other, SE, SP, F1, AUROC, AUPR, length-only AUROC.
std::string format_length_report(const LengthReport& r);
nlohmann::ordered_json to_json(const LengthReport& r);

}  // namespace mirgene::metrics
