#pragma once
// Kolmogorov-Smirnov two-sample test, computed as scipy.stats.ks_2samp(method='asymp',
// alternative='two-sided') does: D = sup |F_a - F_b| over the pooled data, and
// p = P(D_n >= D) under the two-sided one-sample Kolmogorov distribution with
// n = round(n_a * n_b / (n_a + n_b)). Tail probabilities come from the exact one-sided
// Smirnov sum in log space, so p-values such as 1e-100 keep full relative precision.
#include <span>

namespace mirgene::metrics {

struct KsResult {
  double statistic, pvalue;
};

// NaN statistic and p-value if either sample is empty; throws mirgene::Error on a NaN value.
KsResult ks_2samp(std::span<const float> a, std::span<const float> b);

// The p-value for statistic d of samples of sizes n_a and n_b (as above).
double ks_2samp_pvalue(double d, long n_a, long n_b);

// P(D_n >= x) for the two-sided one-sample statistic D_n = sup |F_n - F| (scipy kstwo.sf).
// The method per (n, x) region follows Simard & L'Ecuyer (2011). NaN for n < 1.
double kolmogorov_sf(long n, double x);

// P(D_n+ >= x) for the one-sided statistic D_n+ = sup (F_n - F), exact (Birnbaum-Tingey sum;
// scipy.special.smirnov).
double smirnov_sf(long n, double x);

}  // namespace mirgene::metrics
