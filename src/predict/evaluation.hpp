#pragma once
// Scoring a trained model on labelled data (`mirgene evaluate`): P(pre-miRNA) for every used
// record of a positive and a negative set, and the metrics of those scores.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "metrics/bootstrap.hpp"
#include "metrics/metrics.hpp"
#include "metrics/shortcut_strata.hpp"
#include "nn/network.hpp"
#include "train/dataset.hpp"

namespace mirgene::predict {

struct Evaluation {
  std::vector<std::string> ids;  // positives' used records, then negatives', in file order
  std::vector<int> is_positive;  // 1 = pre-miRNA, 0 = other
  std::vector<float> scores;     // P(pre-miRNA): the members' mean, nn::predict in eval mode
  metrics::Metrics metrics;      // compute_metrics(scores, is_positive, threshold)
};

// Scores both sets with `members` (a model's networks; their probabilities averaged). Throws
// mirgene::Error naming the file when a set has no usable record (as label_sets does).
Evaluation evaluate_model(std::span<const nn::Network> members, const train::EncodedSet& positives,
                          const train::EncodedSet& negatives, double threshold, int threads);

// "id<TAB>class<TAB>score\n" header, then one line per record; class is "pre-miRNA" or
// "other", score with 6 decimals.
std::string format_scores_tsv(const Evaluation& e);

// The metrics table (metrics::format_table), the confusion matrix and the KS test of the two
// classes' scores spelt out, the bootstrap intervals when there are any, then the metrics
// within length strata beside the length-only baseline, and within GC strata beside the
// GC-only baseline when `gc` is given.
std::string format_evaluation(const metrics::Metrics& m, const metrics::LengthReport& strata,
                              const metrics::MetricIntervals* intervals = nullptr,
                              const metrics::GcReport* gc = nullptr);

// Everything `mirgene evaluate` reports on one pair of sets.
struct EvaluationSettings {
  double threshold = 0.5;
  std::vector<int> length_cuts = {80, 100};    // metrics::length_report's strata
  std::vector<double> gc_cuts = {0.45, 0.55};  // metrics::gc_report's strata
  int bootstrap = 0;                           // replicates; 0 = no intervals
  std::uint64_t bootstrap_seed = 1;
  int threads = 1;
};

struct EvaluationReport {
  Evaluation evaluation;
  metrics::LengthReport strata;                       // the shortcut checks: length
  metrics::GcReport gc_strata;                        // and GC content
  std::optional<metrics::MetricIntervals> intervals;  // when bootstrap > 0
};

EvaluationReport evaluate_sets(std::span<const nn::Network> members,
                               const train::EncodedSet& positives,
                               const train::EncodedSet& negatives,
                               const EvaluationSettings& settings);

// The JSON document of a report: model, both files with their record counts, metrics,
// length and GC strata and (when computed) bootstrap intervals.
nlohmann::ordered_json evaluation_json(const EvaluationReport& r, const std::string& model_path,
                                       const train::EncodedSet& positives,
                                       const train::EncodedSet& negatives);

}  // namespace mirgene::predict
