#include "train/checkpoint.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "nn/architecture.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::train {
namespace {

using Json = nlohmann::ordered_json;

nn::Architecture small() {
  return nn::Architecture{.recurrent = {{4}, {3}}, .dense = {8, 4}, .max_len = 30};
}

Json settings_with(const Json& architecture) {
  return {{"architecture", architecture}, {"seed", 1}};
}

// A checkpoint written before architectures were configurable spells the same network in the
// old form; resuming it with the new form must work, and a different network must not.
TEST(Checkpoint, OldArchitectureFormResumesTheSameNetworkOnly) {
  test::TempDir tmp;
  const std::string path = tmp.file("old.checkpoint.safetensors");
  nn::Network net(small());
  net.init_uniform(3);
  nn::Trainer trainer(net, nn::TrainingSettings{});
  const Json old_form = {{"lstm1", 4}, {"lstm2", 3},   {"dense1", 8},
                         {"dense2", 4}, {"max_len", 30}, {"dropout", 0.1}};
  write_checkpoint(path, net, trainer, settings_with(old_form), Json::array());

  nn::Network resumed(small());
  nn::Trainer resumed_trainer(resumed, nn::TrainingSettings{});
  const Json new_form = Json::parse(nn::architecture_to_json(small()));
  EXPECT_NO_THROW(restore_checkpoint(path, resumed, resumed_trainer, settings_with(new_form)));
  EXPECT_TRUE(std::equal(net.flat().begin(), net.flat().end(), resumed.flat().begin()));

  nn::Architecture other = small();
  other.dense = {8, 5};
  nn::Network different(other);
  nn::Trainer different_trainer(different, nn::TrainingSettings{});
  try {
    restore_checkpoint(path, different, different_trainer,
                       settings_with(Json::parse(nn::architecture_to_json(other))));
    FAIL() << "a different architecture resumed";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("settings differ"));
  }
}

}  // namespace
}  // namespace mirgene::train
