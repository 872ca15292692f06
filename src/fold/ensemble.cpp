#include "fold/ensemble.hpp"

#include <cmath>

namespace mirgene::fold {
namespace {

char tendency_symbol(double unpaired, double downstream, double upstream) {
  constexpr double kClear = 0.667;
  if (unpaired > kClear) return '.';
  if (downstream > kClear) return '(';
  if (upstream > kClear) return ')';
  const double paired = downstream + upstream;
  if (paired > unpaired) {
    if (downstream / paired > kClear) return '{';
    if (upstream / paired > kClear) return '}';
    return '|';
  }
  if (unpaired > paired) return ',';
  return ':';
}

}  // namespace

std::string pair_probability_symbols(const PairProbabilities& p) {
  const int n = p.size();
  std::string symbols(static_cast<std::size_t>(n), '.');
  for (int x = 1; x <= n; ++x) {
    double upstream = 0.0;  // x pairs with some i < x
    double downstream = 0.0;
    for (int i = 1; i < x; ++i) upstream += p(i, x);
    for (int j = x + 1; j <= n; ++j) downstream += p(x, j);
    symbols[x - 1] = tendency_symbol(1.0 - upstream - downstream, downstream, upstream);
  }
  return symbols;
}

Centroid centroid_structure(const PairProbabilities& p) {
  const int n = p.size();
  Centroid c{std::string(static_cast<std::size_t>(n), '.'), 0.0};
  for (int i = 1; i <= n; ++i) {
    for (int j = i + 1; j <= n; ++j) {
      const double q = p(i, j);
      if (q > 0.5) {  // two such pairs never share a base, so they form a structure
        c.structure[i - 1] = '(';
        c.structure[j - 1] = ')';
        c.distance += 1.0 - q;
      } else {
        c.distance += q;
      }
    }
  }
  return c;
}

std::vector<double> paired_probabilities(const PairProbabilities& p) {
  const int n = p.size();
  std::vector<double> paired(static_cast<std::size_t>(n), 0.0);
  for (int i = 1; i <= n; ++i) {
    for (int j = i + 1; j <= n; ++j) {
      paired[static_cast<std::size_t>(i - 1)] += p(i, j);
      paired[static_cast<std::size_t>(j - 1)] += p(i, j);
    }
  }
  return paired;
}

double ensemble_diversity(const PairProbabilities& p) {
  const int n = p.size();
  double sum = 0.0;
  for (int i = 1; i <= n; ++i) {
    for (int j = i + 1; j <= n; ++j) sum += p(i, j) * (1.0 - p(i, j));
  }
  return 2.0 * sum;
}

double mfe_frequency(int mfe_dcal, double ensemble_energy_kcal) {
  const double mfe = static_cast<float>(mfe_dcal / 100.0);
  const double ensemble = ensemble_energy_kcal;
  return std::exp((ensemble - mfe) / (kBoltzmannRT / 1000.0));
}

std::vector<PairProbability> pairs_at_least(const PairProbabilities& p, double cutoff) {
  std::vector<PairProbability> pairs;
  const int n = p.size();
  for (int i = 1; i <= n; ++i) {
    for (int j = i + 1; j <= n; ++j) {
      if (p(i, j) >= cutoff) pairs.push_back({i, j, p(i, j)});
    }
  }
  return pairs;
}

}  // namespace mirgene::fold
