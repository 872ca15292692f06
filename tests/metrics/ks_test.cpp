// Kolmogorov-Smirnov pieces checked against closed forms and structural properties
// (scipy agreement is in reference_test.cpp).
#include "metrics/ks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

TEST(SmirnovSf, ClosedFormsForTinySamples) {
  // n = 1: D+ = 1 - U, so P(D+ >= x) = 1 - x.
  EXPECT_NEAR(smirnov_sf(1, 0.3), 0.7, 1e-15);
  // n = 2, x > 1/2: only the larger point can be x below its step, so both points lie
  // below 1 - x: (1 - x)^2.
  EXPECT_NEAR(smirnov_sf(2, 0.6), 0.16, 1e-15);
  EXPECT_EQ(smirnov_sf(5, 0.0), 1.0);
  EXPECT_EQ(smirnov_sf(5, 1.0), 0.0);
  EXPECT_TRUE(std::isnan(smirnov_sf(0, 0.5)));
}

TEST(SmirnovSf, TinyTailKeepsRelativePrecision) {
  // For x > 1 - 1/n only the j = 0 term is left: (1 - x)^n, here 0.005^100 ~ 7.9e-231.
  const double expected = std::pow(0.005, 100);
  EXPECT_GT(expected, 0.0);
  EXPECT_NEAR(smirnov_sf(100, 0.995) / expected, 1.0, 1e-10);
}

TEST(KolmogorovSf, ClosedFormRegions) {
  EXPECT_EQ(kolmogorov_sf(10, 0.0), 1.0);
  EXPECT_EQ(kolmogorov_sf(10, 1.0), 0.0);
  EXPECT_EQ(kolmogorov_sf(10, 0.04), 1.0);  // nx <= 1/2: D_n >= 1/(2n) always
  // 1/2 < nx <= 1: P(D_n <= x) = n!/n^n (2nx - 1)^n; n = 3, x = 0.3: 6/27 * 0.8^3.
  EXPECT_NEAR(kolmogorov_sf(3, 0.3), 1.0 - 6.0 / 27 * 0.512, 1e-14);
  // nx >= n - 1: P(D_n >= x) = 2 (1 - x)^n; tiny values stay exact rather than 0.
  EXPECT_NEAR(kolmogorov_sf(3, 0.9), 2 * 0.001, 1e-15);
  EXPECT_NEAR(kolmogorov_sf(100, 0.995) / (2 * std::pow(0.005, 100)), 1.0, 1e-10);
  // x >= 1/2: the two one-sided tails are disjoint.
  EXPECT_NEAR(kolmogorov_sf(40, 0.55), 2 * smirnov_sf(40, 0.55), 1e-300);
  EXPECT_TRUE(std::isnan(kolmogorov_sf(0, 0.5)));
}

TEST(KolmogorovSf, MonotoneAcrossMethodBoundaries) {
  // Each n crosses several regions (Durbin matrix, Pelz-Good, 2 * Smirnov, closed forms);
  // a wrong branch would show up as a jump up or a value outside [0, 1].
  struct Sweep {
    long n;
    double x_max;  // the largest n only to nx^2 = 2.43, just past Pelz-Good: Smirnov sums are O(n)
  };
  for (const Sweep& sweep : {Sweep{7, 1}, Sweep{60, 1}, Sweep{140, 1}, Sweep{141, 1}, Sweep{400, 1},
                             Sweep{3000, 1}, Sweep{120000, 0.0045}}) {
    const long n = sweep.n;
    double previous = 1.0;
    for (int step = 1; step < 2000; ++step) {
      const double x = step * sweep.x_max / 2000.0;
      const double sf = kolmogorov_sf(n, x);
      ASSERT_GE(sf, 0.0) << n << " " << x;
      ASSERT_LE(sf, previous + 1e-9) << "n " << n << " x " << x;
      previous = sf;
    }
  }
}

TEST(KolmogorovSf, TailAgreesWithAsymptoticKolmogorovForLargeN) {
  // For large n, P(sqrt(n) D_n >= z) tends to 2 sum (-1)^(k-1) exp(-2 k^2 z^2).
  const long n = 1000000;
  for (double z : {0.8, 1.0, 1.36, 2.0}) {
    double limit = 0;
    for (int k = 1; k < 100; ++k) limit += (k % 2 ? 2 : -2) * std::exp(-2.0 * k * k * z * z);
    EXPECT_NEAR(kolmogorov_sf(n, z / std::sqrt(static_cast<double>(n))), limit, 2e-3) << z;
  }
}

TEST(Ks2Samp, StatisticAndPvalueOfSmallSamples) {
  // a = {1, 2, 3}, b = {2.5, 4, 5, 6}: ECDF gaps after 1, 2, 2.5, 3: 1/3, 2/3, 2/3 - 1/4,
  // 1 - 1/4 -> D = 3/4.
  const std::vector<float> a = {3.0f, 1.0f, 2.0f};
  const std::vector<float> b = {6.0f, 2.5f, 5.0f, 4.0f};
  const KsResult r = ks_2samp(a, b);
  EXPECT_NEAR(r.statistic, 0.75, 1e-15);
  // n = round(12/7) = 2; nD = 1.5 >= n - 1, so p = 2 (1 - 3/4)^2 = 1/8.
  EXPECT_NEAR(r.pvalue, 0.125, 1e-15);
  const KsResult swapped = ks_2samp(b, a);
  EXPECT_EQ(swapped.statistic, r.statistic);
  EXPECT_EQ(swapped.pvalue, r.pvalue);
}

TEST(Ks2Samp, IdenticalSamplesAndEmptySample) {
  const std::vector<float> a = {0.1f, 0.2f, 0.2f, 0.9f};
  const KsResult same = ks_2samp(a, a);
  EXPECT_EQ(same.statistic, 0.0);
  EXPECT_EQ(same.pvalue, 1.0);
  const KsResult empty = ks_2samp(a, {});
  EXPECT_TRUE(std::isnan(empty.statistic));
  EXPECT_TRUE(std::isnan(empty.pvalue));
  const std::vector<float> with_nan = {0.5f, std::numeric_limits<float>::quiet_NaN()};
  EXPECT_THROW(ks_2samp(a, with_nan), Error);
}

TEST(Ks2Samp, EffectiveSizeRoundsHalfToEven) {
  // n_a = n_b = 5 gives 25/10 = 2.5, rounded to 2 (numpy's rule), not 3.
  EXPECT_EQ(ks_2samp_pvalue(0.6, 5, 5), kolmogorov_sf(2, 0.6));
  EXPECT_NE(ks_2samp_pvalue(0.6, 5, 5), kolmogorov_sf(3, 0.6));
  // n_a = n_b = 1: 1/2 rounds to 0, which has no distribution.
  EXPECT_TRUE(std::isnan(ks_2samp_pvalue(1.0, 1, 1)));
}

}  // namespace
}  // namespace mirgene::metrics
