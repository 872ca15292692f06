#pragma once
// The shortcut detector: metrics within strata of length and of GC content, each beside a
// score that knows nothing but that property. miRBoost's negatives are longer than its
// positives, and poorer in G and C (under 1 % of its negatives have GC > 55 %, against a
// third of human pre-miRNAs), so a model can reach a high AUROC by ranking short or GC-rich
// sequences first; within a stratum of similar values that shortcut is gone, and the
// baseline shows how far the property alone gets on the whole set.
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

struct GcStratum {
  double min_gc = 0, max_gc = 1;     // [min_gc, max_gc), the last one with 1 included
  Metrics model;                     // the model's metrics on this stratum's items
  double gc_auroc = 0, gc_aupr = 0;  // the GC-only score on the same items
  std::string label() const;         // "<0.45", "0.45-0.55", ">=0.55"
};

struct GcReport {
  double gc_auroc = 0, gc_aupr = 0;  // GC-only score on every item
  std::vector<GcStratum> strata;
};

// Strata of the fraction of G and C among a sequence's bases, cut at `cuts` (ascending, in
// (0, 1)): {0.45, 0.55} gives [0, 0.45), [0.45, 0.55) and [0.55, 1]. The GC-only baseline
// ranks GC-richer sequences as more pre-miRNA-like. Throws mirgene::Error for bad cuts and
// for spans of different lengths.
GcReport gc_report(std::span<const float> scores, std::span<const int> is_positive,
                   std::span<const double> gc, double threshold, std::span<const double> cuts);

// "0.45,0.55" -> {0.45, 0.55}; throws mirgene::Error naming the text when it is not
// ascending numbers strictly between 0 and 1.
std::vector<double> parse_gc_cuts(const std::string& text);

// A table: stratum, n pre-miRNA/other, SE, SP, F1, AUROC, AUPR, GC-only AUROC.
std::string format_gc_report(const GcReport& r);
nlohmann::ordered_json to_json(const GcReport& r);

}  // namespace mirgene::metrics
