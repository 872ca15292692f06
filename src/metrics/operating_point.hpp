#pragma once
// Choosing a decision threshold from scored, labelled data (typically the pooled validation
// scores of a cross-validation), so that a test set can be called at an operating point
// that was fixed on training data alone.
#include <span>

namespace mirgene::metrics {

// The threshold (for score >= threshold) with the highest F-score on these scores. Only
// thresholds between distinct scores matter; the result lies halfway between the lowest
// score still called positive and the next lower distinct score (or at the lowest score
// when every item is called positive), so that a new score equal to a boundary score is
// not decided by rounding. On equal F-scores the higher threshold wins (fewer calls).
// NaN when there is no positive. Throws mirgene::Error on mismatched sizes, labels other
// than 0/1 or NaN scores.
double threshold_for_max_f1(std::span<const float> scores, std::span<const int> is_positive);

}  // namespace mirgene::metrics
