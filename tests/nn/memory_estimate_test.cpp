// Issue 15, item 4: `--arch` with 15,000 LSTM units ended in "unexpected failure:
// std::bad_alloc". Training memory is now estimated and checked before any work.
#include "nn/memory_estimate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "nn/network.hpp"

namespace mirgene::nn {
namespace {

using ::testing::HasSubstr;

constexpr double kGiB = 1024.0 * 1024 * 1024;

Architecture huge_lstm() {
  Architecture arch;
  arch.recurrent = {{15000, false}};
  arch.dense = {};
  return arch;
}

TEST(MemoryEstimate, CountsWeightsAdamStateAndOneGradientPerThread) {
  const Architecture arch;
  const double parameters = static_cast<double>(parameter_count(arch));
  const double one = training_memory_bytes(arch, 1, 1);
  const double two = training_memory_bytes(arch, 1, 2);
  EXPECT_DOUBLE_EQ(two - one, 4.0 * parameters);
  EXPECT_GE(one, 4.0 * 5.0 * parameters);
  // Activations grow with the batch.
  EXPECT_GT(training_memory_bytes(arch, 128, 1), one);
}

TEST(MemoryEstimate, ThePapersNetworkFitsInAGibibyte) {
  EXPECT_LT(training_memory_bytes(Architecture{}, 128, 2), 1.0 * kGiB);
  EXPECT_NO_THROW(check_training_memory(Architecture{}, 128, 2, "default", 1.0 * kGiB));
}

TEST(MemoryEstimate, AHugeNetworkIsRefusedWithItsNameAndWhatToChange) {
  std::string message;
  try {
    check_training_memory(huge_lstm(), 128, 2, "huge.json", 21.0 * kGiB);
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_THAT(message, HasSubstr("huge.json: training this network needs about "));
  EXPECT_THAT(message, HasSubstr("only 21 GiB available"));
  EXPECT_THAT(message, HasSubstr("fewer units"));
  EXPECT_THAT(message, HasSubstr("--batch-size"));
  // With a batch of one and one thread it would fit in 64 GiB.
  EXPECT_NO_THROW(check_training_memory(huge_lstm(), 1, 1, "huge.json", 64.0 * kGiB));
}

}  // namespace
}  // namespace mirgene::nn
