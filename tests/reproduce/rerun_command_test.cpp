#include "reproduce/rerun_command.hpp"

#include <gtest/gtest.h>

namespace mirgene::reproduce {
namespace {

TEST(RerunCommand, RelativeCopiesOfTheBenchmarkBecomeTheInRepositoryDefault) {
  EXPECT_EQ(rerun_command("mirgene reproduce --data ../team/data/mirboost --seeds 1,2,3 --select aupr"),
            "mirgene reproduce --seeds 1,2,3 --select aupr");
  EXPECT_EQ(rerun_command("mirgene reproduce --part architectures --data data/mirboost/ --seeds 1"),
            "mirgene reproduce --part architectures --seeds 1");
}

TEST(RerunCommand, OtherDataDirectoriesAndEverythingElseAreKept) {
  for (const char* line : {"mirgene reproduce --data /home/me/data/mirboost --seeds 1",
                           "mirgene reproduce --data my/mirboost --seeds 1",
                           "mirgene reproduce --data ../data/other --arch lstm2",
                           "mirgene reproduce --seeds 1 --max-epochs 100 --select aupr --data"})
    EXPECT_EQ(rerun_command(line), line);
}

}  // namespace
}  // namespace mirgene::reproduce
