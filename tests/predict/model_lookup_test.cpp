#include "predict/model_lookup.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::predict {
namespace {

// Restores $MIRGENE_MODEL after a test changes it.
class ModelLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("MIRGENE_MODEL");
    had_env_ = env != nullptr;
    if (env) saved_ = env;
    ::unsetenv("MIRGENE_MODEL");
  }
  void TearDown() override {
    if (had_env_)
      ::setenv("MIRGENE_MODEL", saved_.c_str(), 1);
    else
      ::unsetenv("MIRGENE_MODEL");
  }
  bool had_env_ = false;
  std::string saved_;
};

TEST_F(ModelLookup, LooksBesideTheExecutableInOrder) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "bin");
  std::filesystem::create_directories(dir.path() / "share/mirgene/models");
  const std::string bin = dir.file("bin");
  const auto candidates = default_model_candidates(bin);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], dir.file("models/mirgene-whole.safetensors"));
  EXPECT_EQ(candidates[1], dir.file("share/mirgene/models/mirgene-whole.safetensors"));

  std::ofstream(candidates[1]) << "x";
  EXPECT_EQ(find_default_model(bin), candidates[1]);
  std::filesystem::create_directories(dir.path() / "models");
  std::ofstream(candidates[0]) << "x";
  EXPECT_EQ(find_default_model(bin), candidates[0]);
}

TEST_F(ModelLookup, EnvironmentVariableWinsAlone) {
  test::TempDir dir;
  ::setenv("MIRGENE_MODEL", dir.file("m.safetensors").c_str(), 1);
  EXPECT_EQ(default_model_candidates("/somewhere/bin"),
            std::vector<std::string>{dir.file("m.safetensors")});
  EXPECT_THROW(find_default_model("/somewhere/bin"), Error);
  std::ofstream(dir.file("m.safetensors")) << "x";
  EXPECT_EQ(find_default_model("/somewhere/bin"), dir.file("m.safetensors"));
}

TEST_F(ModelLookup, ErrorListsEveryPlaceLookedAt) {
  test::TempDir dir;
  try {
    find_default_model(dir.file("bin"));
    FAIL() << "no model should be found";
  } catch (const Error& e) {
    const std::string what = e.what();
    for (const auto& place : default_model_candidates(dir.file("bin")))
      EXPECT_NE(what.find(place), std::string::npos) << what;
    EXPECT_NE(what.find("--model"), std::string::npos) << what;
  }
}

TEST_F(ModelLookup, ExecutableDirIsThisTestsDirectory) {
  const std::string dir = executable_dir();
  ASSERT_FALSE(dir.empty());
  EXPECT_TRUE(std::filesystem::is_directory(dir));
}

TEST(ArchitectureConfigLookup, BareNamesResolveToTheShippedConfigsBesideTheExecutable) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "bin");
  std::filesystem::create_directories(dir.path() / "share/mirgene/models/configs");
  std::ofstream(dir.file("share/mirgene/models/configs/tiny.json")) << "{}";
  const std::string bin = dir.file("bin");
  EXPECT_EQ(find_architecture_config("tiny", bin),
            (dir.path() / "share/mirgene/models/configs/tiny.json").string());
  // The repository layout (bin/../models/configs) comes first.
  std::filesystem::create_directories(dir.path() / "models/configs");
  std::ofstream(dir.file("models/configs/tiny.json")) << "{}";
  EXPECT_EQ(find_architecture_config("tiny", bin), dir.file("models/configs/tiny.json"));
  try {
    find_architecture_config("huge", bin);
    FAIL() << "an unknown name was accepted";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no architecture config named 'huge'"), std::string::npos) << message;
    EXPECT_NE(message.find("shipped configs: tiny"), std::string::npos) << message;
  }
}

TEST(ArchitectureConfigLookup, PathsAreTakenAsGiven) {
  test::TempDir dir;
  std::ofstream(dir.file("mine.json")) << "{}";
  EXPECT_EQ(find_architecture_config(dir.file("mine.json"), ""), dir.file("mine.json"));
  EXPECT_THROW(find_architecture_config(dir.file("absent.json"), ""), Error);
  EXPECT_THROW(find_architecture_config("absent.json", dir.file("bin")), Error);
  EXPECT_THROW(find_architecture_config("", dir.file("bin")), Error);
}

}  // namespace
}  // namespace mirgene::predict
