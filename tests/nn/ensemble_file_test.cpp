#include "nn/ensemble_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "nn/random.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::nn {
namespace {

using ::testing::HasSubstr;

ModelFile model(const Architecture& arch, std::uint64_t seed, const std::string& note) {
  ModelFile m{Network(arch), {{"seed", std::to_string(seed)}, {"note", note}}};
  m.net.init_uniform(seed, 0.1f);
  return m;
}

const Architecture kSmall{.recurrent = {{4}, {3}}, .dense = {8, 4}};
const Architecture kBidirectional{.recurrent = {{3, true}}, .attention = true, .dense = {5}};

std::vector<float> values_of(Network& net) {
  std::vector<float> all;
  for (const ParamView& p : net.parameters()) all.insert(all.end(), p.data, p.data + p.size);
  return all;
}

TEST(EnsembleFile, MembersComeBackWithTheirWeightsArchitecturesAndMetadata) {
  test::TempDir dir;
  std::vector<ModelFile> members;
  members.push_back(model(kSmall, 1, "first"));
  members.push_back(model(kSmall, 2, "second"));
  members.push_back(model(kBidirectional, 3, "third"));
  save_ensemble(dir.file("e.safetensors"), members, {{"trained_on", "test"}});

  Ensemble e = load_ensemble(dir.file("e.safetensors"));
  ASSERT_EQ(e.members.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(e.members[k].architecture(), members[k].net.architecture());
    EXPECT_EQ(values_of(e.members[k]), values_of(members[k].net));
  }
  EXPECT_EQ(e.metadata.at("format"), "mirgene-ensemble");
  EXPECT_EQ(e.metadata.at("members"), "3");
  EXPECT_EQ(e.metadata.at("trained_on"), "test");
  EXPECT_EQ(e.metadata.at("member2/note"), "second");
  EXPECT_EQ(e.metadata.at("member3/seed"), "3");
  EXPECT_EQ(member_prefix(12), "member12/");
}

TEST(EnsembleFile, APlainModelIsAnEnsembleOfOne) {
  test::TempDir dir;
  ModelFile m = model(kSmall, 4, "alone");
  save_model(dir.file("m.safetensors"), m.net, m.metadata);
  Ensemble e = load_ensemble(dir.file("m.safetensors"));
  ASSERT_EQ(e.members.size(), 1u);
  EXPECT_EQ(values_of(e.members[0]), values_of(m.net));
  EXPECT_EQ(e.metadata.at("format"), "mirgene-model");
  EXPECT_EQ(e.metadata.at("note"), "alone");
}

TEST(EnsembleFile, OneMemberIsNotAnEnsemble) {
  test::TempDir dir;
  std::vector<ModelFile> one;
  one.push_back(model(kSmall, 1, ""));
  EXPECT_THROW(save_ensemble(dir.file("e.safetensors"), one, {}), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.file("e.safetensors")));
}

// Rewrites an ensemble's tensors and metadata, to make broken files.
void write_altered(const std::string& from, const std::string& to,
                   const std::function<void(TensorFileContents&)>& alter) {
  TensorFileContents c = read_safetensors(from);
  alter(c);
  std::vector<TensorToWrite> tensors;
  for (const StoredTensor& t : c.tensors) tensors.push_back({t.name, t.shape, t.values});
  write_safetensors(to, tensors, c.metadata, Dtype::F32);
}

TEST(EnsembleFile, BrokenFilesAreRefusedWithTheReason) {
  test::TempDir dir;
  std::vector<ModelFile> members;
  members.push_back(model(kSmall, 1, ""));
  members.push_back(model(kSmall, 2, ""));
  const std::string good = dir.file("e.safetensors");
  save_ensemble(good, members, {});
  const std::string bad = dir.file("bad.safetensors");
  auto expect_error = [&](const std::function<void(TensorFileContents&)>& alter,
                          const std::string& message) {
    write_altered(good, bad, alter);
    try {
      load_ensemble(bad);
      ADD_FAILURE() << "accepted; expected: " << message;
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), HasSubstr(bad));
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  };
  expect_error([](TensorFileContents& c) { c.metadata["members"] = "3"; }, "member3/architecture");
  expect_error([](TensorFileContents& c) { c.metadata["members"] = "two"; },
               "expected a count from 1 to 1000");
  expect_error([](TensorFileContents& c) { c.metadata["members"] = "1"; },
               "unexpected tensor member2/");
  expect_error([](TensorFileContents& c) { c.tensors.pop_back(); }, "is missing");
  expect_error([](TensorFileContents& c) { c.metadata["encoding"] = "other"; },
               "different input encoding");
}

}  // namespace
}  // namespace mirgene::nn
