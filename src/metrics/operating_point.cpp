#include "metrics/operating_point.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

#include "metrics/ranking.hpp"

namespace mirgene::metrics {

double threshold_for_max_f1(std::span<const float> scores, std::span<const int> is_positive) {
  check_scored_labels(scores, is_positive);
  const long positives = std::count(is_positive.begin(), is_positive.end(), 1);
  if (positives == 0) return std::numeric_limits<double>::quiet_NaN();

  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] > scores[b];
  });
  // Walk the thresholds from high to low; each distinct score adds its whole tie group.
  long tp = 0, fp = 0;
  double best_f = -1;
  std::size_t best_end = 0;  // items [0, best_end) of `order` are called positive
  for (std::size_t i = 0; i < order.size();) {
    const float value = scores[order[i]];
    for (; i < order.size() && scores[order[i]] == value; ++i) (is_positive[order[i]] ? tp : fp) += 1;
    const double f = 2.0 * tp / static_cast<double>(2 * tp + fp + (positives - tp));
    if (f > best_f) {
      best_f = f;
      best_end = i;
    }
  }
  const double lowest_called = scores[order[best_end - 1]];
  if (best_end == order.size()) return lowest_called;
  return 0.5 * (lowest_called + static_cast<double>(scores[order[best_end]]));
}

}  // namespace mirgene::metrics
