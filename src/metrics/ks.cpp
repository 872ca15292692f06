#include "metrics/ks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "metrics/ranking.hpp"

namespace mirgene::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// exp() of anything below this is zero in double precision (subnormals aside).
constexpr double kNegligibleLog = -745.0;

double clamp_probability(double p) {
  return std::clamp(p, 0.0, 1.0);
}

// P(D_n <= x) for 1/(2n) < x <= 1/n, where only one path shape is possible (Ruben & Gambino
// 1982): n!/n^n * (2nx - 1)^n. Every factor is <= 1, so the product can stop once negligible.
double kolmogorov_cdf_smallest(long n, double t) {
  const double base = 2.0 * t - 1.0;
  double p = 1.0;
  for (long i = 1; i <= n && p > 1e-300; ++i) p *= static_cast<double>(i) / n * base;
  return p;
}

// A square matrix stored row-major with a power-of-two scale: value = v * 2^exponent. The
// scale keeps H^n finite; its central entry grows like e^n.
struct ScaledMatrix {
  int size;
  std::vector<double> v;
  long exponent = 0;
};

void rescale(ScaledMatrix& a) {
  double largest = 0;
  for (double x : a.v) largest = std::max(largest, std::abs(x));
  if (largest == 0) return;
  int e = 0;
  std::frexp(largest, &e);
  for (double& x : a.v) x = std::ldexp(x, -e);
  a.exponent += e;
}

// out = a * b (out must not alias a or b).
void multiply(const ScaledMatrix& a, const ScaledMatrix& b, ScaledMatrix& out) {
  const int m = a.size;
  std::fill(out.v.begin(), out.v.end(), 0.0);
  for (int i = 0; i < m; ++i) {
    double* out_row = &out.v[static_cast<std::size_t>(i) * m];
    for (int l = 0; l < m; ++l) {
      const double a_il = a.v[static_cast<std::size_t>(i) * m + l];
      if (a_il == 0) continue;
      const double* b_row = &b.v[static_cast<std::size_t>(l) * m];
      for (int j = 0; j < m; ++j) out_row[j] += a_il * b_row[j];
    }
  }
  out.exponent = a.exponent + b.exponent;
  rescale(out);
}

// Exact P(D_n <= x) by Durbin's matrix method in the form of Marsaglia, Tsang & Wang (2003):
// write nx = k - h with integer k and 0 <= h < 1; then P = n!/n^n * (H^n)[k-1][k-1] for an
// m x m matrix H, m = 2k - 1. Cost O(m^3 log n), meant for small nx.
double kolmogorov_cdf_durbin(long n, double x) {
  const double nx = n * x;
  const int k = static_cast<int>(std::ceil(nx));
  const double h = k - nx;
  const int m = 2 * k - 1;

  std::vector<double> inv_factorial(m + 1);
  inv_factorial[0] = 1.0;
  for (int i = 1; i <= m; ++i) inv_factorial[i] = inv_factorial[i - 1] / i;

  ScaledMatrix hm{m, std::vector<double>(static_cast<std::size_t>(m) * m)};
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < m; ++j) {
      const int steps = i - j + 1;
      hm.v[static_cast<std::size_t>(i) * m + j] = steps >= 0 ? inv_factorial[steps] : 0.0;
    }
  }
  // The first column and last row lose the paths that start (end) beyond the band.
  for (int i = 0; i < m; ++i) {
    hm.v[static_cast<std::size_t>(i) * m] -= std::pow(h, i + 1) * inv_factorial[i + 1];
    hm.v[static_cast<std::size_t>(m - 1) * m + i] -= std::pow(h, m - i) * inv_factorial[m - i];
  }
  if (2 * h - 1 > 0) {
    hm.v[static_cast<std::size_t>(m - 1) * m] += std::pow(2 * h - 1, m) * inv_factorial[m];
  }

  ScaledMatrix power{m, std::vector<double>(static_cast<std::size_t>(m) * m)};
  for (int i = 0; i < m; ++i) power.v[static_cast<std::size_t>(i) * m + i] = 1.0;
  ScaledMatrix scratch{m, std::vector<double>(static_cast<std::size_t>(m) * m)};
  for (long bits = n; bits > 0; bits >>= 1) {
    if (bits & 1) {
      multiply(power, hm, scratch);
      std::swap(power, scratch);
    }
    if (bits > 1) {
      multiply(hm, hm, scratch);
      std::swap(hm, scratch);
    }
  }

  const double centre = power.v[static_cast<std::size_t>(k - 1) * m + (k - 1)];
  if (centre <= 0) return 0.0;
  double log_nfact_over_npow = 0;  // log(n! / n^n)
  for (long i = 1; i <= n; ++i) log_nfact_over_npow += std::log(static_cast<double>(i) / n);
  return std::exp(std::log(centre) + power.exponent * std::numbers::ln2 + log_nfact_over_npow);
}

// Pelz & Good (1976) asymptotic expansion of P(D_n <= x) in z = x sqrt(n), accurate for
// large n and small to moderate z: K0 + K1/sqrt(n) + K2/n + K3/n^1.5, each K a theta-type
// series over half-integers (k - 1/2) plus, for K2 and K3, one over integers k.
double kolmogorov_cdf_pelz_good(long n, double x) {
  constexpr double pi2 = std::numbers::pi * std::numbers::pi;
  constexpr double pi4 = pi2 * pi2;
  constexpr double pi6 = pi4 * pi2;
  const double sqrt_2pi = std::sqrt(2 * std::numbers::pi);
  const double z = std::sqrt(static_cast<double>(n)) * x;
  const double z2 = z * z, z4 = z2 * z2, z6 = z4 * z2, z8 = z4 * z4;
  if (-pi2 / (8 * z2) < kNegligibleLog) return 0.0;

  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int k = 1;; ++k) {
    const double half = k - 0.5;
    const double log_weight = -pi2 * half * half / (2 * z2);
    if (log_weight < kNegligibleLog) break;
    const double w = std::exp(log_weight);
    const double a2 = half * half, a4 = a2 * a2, a6 = a4 * a2;
    s0 += w;
    s1 += (pi2 * a2 - z2) * w;
    s2 += (6 * z6 + 2 * z4 + pi2 * (2 * z4 - 5 * z2) * a2 + pi4 * (1 - 2 * z2) * a4) * w;
    s3 += (-30 * z6 - 90 * z8 + pi2 * (135 * z4 - 96 * z6) * a2 + pi4 * (212 * z4 - 60 * z2) * a4 +
           pi6 * (5 - 30 * z2) * a6) *
          w;
  }
  double t2 = 0, t3 = 0;
  for (int k = 1;; ++k) {
    const double k2 = static_cast<double>(k) * k;
    const double log_weight = -pi2 * k2 / (2 * z2);
    if (log_weight < kNegligibleLog) break;
    const double w = std::exp(log_weight);
    t2 += k2 * w;
    t3 += k2 * (3 * z2 - pi2 * k2) * w;
  }
  const double k0 = sqrt_2pi / z * s0;
  const double k1 = sqrt_2pi / (6 * z4) * s1;
  const double k2 = sqrt_2pi / (72 * z6 * z) * s2 - sqrt_2pi * pi2 / (36 * z2 * z) * t2;
  const double k3 = sqrt_2pi / (6480 * z8 * z2) * s3 + sqrt_2pi * pi2 / (216 * z6) * t3;
  const double root_n = std::sqrt(static_cast<double>(n));
  return k0 + k1 / root_n + k2 / n + k3 / (n * root_n);
}

}  // namespace

double smirnov_sf(long n, double x) {
  if (n < 1 || std::isnan(x)) return kNaN;
  if (x <= 0) return 1.0;
  if (x >= 1) return 0.0;
  // Birnbaum & Tingey (1951): P(D_n+ >= x) =
  //   x * sum_{j=0}^{floor(n(1-x))} C(n,j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j).
  // All terms are positive; summing them in log space (running log-sum-exp) keeps the
  // relative precision (about 1e-11 at n = 20000) far below the underflow of any factor.
  const double nd = static_cast<double>(n);
  const double t = nd * x;
  const long j_max = static_cast<long>(std::floor(nd - t));
  double log_binomial = 0;  // log C(n, j), updated incrementally
  double log_max = -std::numeric_limits<double>::infinity();
  double scaled_sum = 0;  // sum of exp(log_term - log_max)
  for (long j = 0; j <= j_max; ++j) {
    if (j > 0) log_binomial += std::log((nd - (j - 1)) / j);
    const double upper = (nd - j - t) / nd;  // 1 - x - j/n
    if (upper <= 0) continue;
    const double lower = (t + j) / nd;  // x + j/n
    const double log_term = log_binomial + (j - 1) * std::log(lower) + (nd - j) * std::log(upper);
    if (log_term > log_max) {
      scaled_sum = scaled_sum * std::exp(log_max - log_term) + 1.0;
      log_max = log_term;
    } else {
      scaled_sum += std::exp(log_term - log_max);
    }
  }
  if (scaled_sum == 0) return 0.0;
  return clamp_probability(std::exp(std::log(x) + log_max + std::log(scaled_sum)));
}

double kolmogorov_sf(long n, double x) {
  if (n < 1 || std::isnan(x)) return kNaN;
  if (x >= 1) return 0.0;
  if (x <= 0) return 1.0;
  // Region boundaries as chosen by Simard & L'Ecuyer (2011) and scipy's kstwo, so that results
  // agree with scipy; each region uses a method that is exact or accurate enough there.
  const double t = n * x;
  if (t <= 1.0) {
    if (t <= 0.5) return 1.0;
    return clamp_probability(1.0 - kolmogorov_cdf_smallest(n, t));
  }
  if (t >= n - 1) return clamp_probability(2 * std::pow(1 - x, static_cast<double>(n)));
  // From x >= 0.5 on, D_n+ >= x and D_n- >= x cannot both happen: the two tails just add.
  // Elsewhere 2 * smirnov is the upper-tail approximation Simard & L'Ecuyer use where that
  // overlap is negligible.
  if (x >= 0.5) return clamp_probability(2 * smirnov_sf(n, x));
  const double nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4.0) return clamp_probability(1.0 - kolmogorov_cdf_durbin(n, x));
    return clamp_probability(2 * smirnov_sf(n, x));
  }
  if (nx2 >= 2.2) return clamp_probability(2 * smirnov_sf(n, x));
  if (n <= 100000 && n * std::pow(x, 1.5) <= 1.4) {
    return clamp_probability(1.0 - kolmogorov_cdf_durbin(n, x));
  }
  return clamp_probability(1.0 - kolmogorov_cdf_pelz_good(n, x));
}

double ks_2samp_pvalue(double d, long n_a, long n_b) {
  if (n_a < 1 || n_b < 1 || std::isnan(d)) return kNaN;
  const double m = static_cast<double>(std::max(n_a, n_b));
  const double n = static_cast<double>(std::min(n_a, n_b));
  // Effective sample size, rounded half to even like numpy.round (default FE_TONEAREST).
  const long n_eff = static_cast<long>(std::nearbyint(m * n / (m + n)));
  if (n_eff < 1) return kNaN;
  return kolmogorov_sf(n_eff, d);
}

KsResult ks_2samp(std::span<const float> a, std::span<const float> b) {
  if (a.empty() || b.empty()) return {kNaN, kNaN};
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]))
      throw Error("ks_2samp: value " + std::to_string(i) + " of sample a is NaN");
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (std::isnan(b[i]))
      throw Error("ks_2samp: value " + std::to_string(i) + " of sample b is NaN");
  }
  std::vector<float> scores(a.begin(), a.end());
  scores.insert(scores.end(), b.begin(), b.end());
  std::vector<int> from_a(scores.size(), 0);
  std::fill(from_a.begin(), from_a.begin() + static_cast<std::ptrdiff_t>(a.size()), 1);
  const std::vector<TieGroup> groups = group_ties_ascending(scores, from_a);
  const double d = ks_statistic_from_groups(groups);
  return {d, ks_2samp_pvalue(d, static_cast<long>(a.size()), static_cast<long>(b.size()))};
}

}  // namespace mirgene::metrics
