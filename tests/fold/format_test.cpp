#include "fold/format.hpp"

#include <gtest/gtest.h>

namespace mirgene::fold {
namespace {

TEST(FormatEnergy, MatchesRnafoldsPercentSixPointTwoF) {
  EXPECT_EQ(format_energy(-540), "( -5.40)");
  EXPECT_EQ(format_energy(-2630), "(-26.30)");
  EXPECT_EQ(format_energy(-1887), "(-18.87)");
  EXPECT_EQ(format_energy(0), "(  0.00)");
  EXPECT_EQ(format_energy(-10000), "(-100.00)");
  EXPECT_EQ(format_energy(-123456), "(-1234.56)");
  EXPECT_EQ(format_energy(-5), "( -0.05)");
  EXPECT_EQ(format_energy(-99), "( -0.99)");
  EXPECT_EQ(format_energy(120), "(  1.20)");
  EXPECT_EQ(format_energy(100000), "(1000.00)");
}

}  // namespace
}  // namespace mirgene::fold
