// --threshold is a probability: "nan" and numbers outside [0, 1] are refused by every command
// that takes one, before any work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;

TEST(ThresholdOption, NonNumbersAndNumbersOutsideZeroToOneAreRefused) {
  const std::string bin = test::mirgene_bin();
  const std::string ex = "examples/example.fa";
  for (const std::string& command :
       {"predict " + ex, "explain -f json " + ex, "report -o /dev/null " + ex}) {
    for (const char* value : {"nan", "NaN", "-0.1", "1.5", "inf", "x"}) {
      const test::RunResult r = test::run(bin + " " + command + " -t " + value);
      EXPECT_NE(r.status, 0) << command << " -t " << value;
      EXPECT_THAT(r.err, HasSubstr("threshold")) << command << " -t " << value;
      EXPECT_EQ(r.out, "") << command << " -t " << value;
    }
    EXPECT_EQ(test::run(bin + " " + command + " -t 0.25").status, 0) << command;
  }
}

}  // namespace
}  // namespace mirgene
