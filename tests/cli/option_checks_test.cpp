// Options are checked before any work: --threshold is a probability ("nan" and numbers
// outside [0, 1] are refused), --threads a count from 0 (all cores) to 1024.
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

TEST(ThreadsOption, NegativeHugeOrNonNumericCountsAreRefusedInOneLine) {
  const std::string bin = test::mirgene_bin();
  const std::string ex = "examples/example.fa";
  for (const std::string& command :
       {"predict " + ex, "fold " + ex, "explain " + ex,
        "train --pos " + ex + " --neg " + ex + " -o /dev/null --epochs 1",
        "cv --pos " + ex + " --neg " + ex + " --epochs 1"}) {
    for (const char* value : {"-1", "100000", "x"}) {
      const test::RunResult r = test::run(bin + " " + command + " -j " + value);
      EXPECT_NE(r.status, 0) << command << " -j " << value;
      EXPECT_THAT(r.err, HasSubstr("--threads: must be 0 (all cores) or a count from 1 to 1024, not "))
          << command << " -j " << value;
      EXPECT_LT(r.err.size(), 300u) << r.err;
      EXPECT_EQ(r.out, "");
    }
  }
}

}  // namespace
}  // namespace mirgene
