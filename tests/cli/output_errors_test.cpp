// Output that cannot be written is an error: a full disk must not pass as a finished run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;

class OutputErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  }
  std::string bin = test::mirgene_bin();
};

// `command_line` with its standard output on a device that is always full (in a subshell, so
// that run()'s own redirection does not replace it).
test::RunResult run_to_full_disk(const std::string& command_line) {
  return test::run("( " + command_line + " >/dev/full )");
}

TEST_F(OutputErrors, PerRecordCommandsFailOnAFullDisk) {
  const std::string input = test::data_path("mirboost/test/human/human_pos_test.fa.gz");
  for (const std::string& command :
       {"predict " + input, "explain " + input, "fold " + input, "predict -f json " + input}) {
    const test::RunResult r = run_to_full_disk(bin + " " + command + " -j 2");
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_THAT(r.err, HasSubstr("error: writing standard output failed (No space left on device)"))
        << command;
  }
}

TEST_F(OutputErrors, OtherCommandsFailOnAFullDiskToo) {
  const test::RunResult energy =
      run_to_full_disk(bin + " energy -s GGGGAAAACCCC -d '((((....))))'");
  EXPECT_EQ(energy.status, 1);
  EXPECT_THAT(energy.err, HasSubstr("writing standard output failed"));

  const test::RunResult evaluate = run_to_full_disk(
      bin + " evaluate --no-fold-cache -j 2 --pos " + test::fixture_path("train/tiny_val_pos.fa") +
      " --neg " + test::fixture_path("train/tiny_val_neg.fa"));
  EXPECT_EQ(evaluate.status, 1);
  EXPECT_THAT(evaluate.err, HasSubstr("writing standard output failed"));
}

TEST_F(OutputErrors, AClosedPipeEndsQuietly) {
  const test::RunResult r =
      test::run(bin + " fold -j 2 " + test::data_path("mirboost/test/human/human_neg_test.fa.gz") +
                " | head -n 2");
  EXPECT_EQ(r.status, 0);  // the pipeline's status is head's
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace mirgene
