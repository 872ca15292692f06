#include "nn/model_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "support/rnafold_reference.hpp"

namespace mirgene::nn {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ModelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mirgene_model_file_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // Saves a valid model, lets `mutate` damage its contents and writes them back.
  std::string damaged_model(const std::function<void(TensorFileContents&)>& mutate) {
    const std::string path = file("model.safetensors");
    Network net;
    net.init_uniform(3);
    save_model(path, net, {});
    TensorFileContents contents = read_safetensors(path);
    mutate(contents);
    std::vector<TensorToWrite> tensors;
    for (const StoredTensor& t : contents.tensors) tensors.push_back({t.name, t.shape, t.values});
    write_safetensors(path, tensors, contents.metadata, Dtype::F32);
    return path;
  }

  std::string load_error(const std::string& path) {
    try {
      load_model(path);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }

  fs::path dir_;
};

// Real hairpins from the benchmark, so predictions see realistic inputs.
std::vector<std::vector<std::uint8_t>> some_encoded_sequences(int count) {
  std::vector<std::vector<std::uint8_t>> seqs;
  for (const test::RnafoldRecord& r : test::rnafold_reference("human_pos")) {
    if (static_cast<int>(seqs.size()) == count) break;
    seqs.push_back(encode::encode(r.sequence, r.structure));
  }
  return seqs;
}

TEST_F(ModelFileTest, F32RoundTripIsExactAndKeepsMetadata) {
  Network net;
  net.init_uniform(11, 0.5f);
  save_model(file("m.safetensors"), net, {{"seed", "11"}, {"command", "mirgene train x.fa"}});
  const ModelFile loaded = load_model(file("m.safetensors"));

  ASSERT_EQ(loaded.net.flat().size(), net.flat().size());
  EXPECT_TRUE(std::equal(net.flat().begin(), net.flat().end(), loaded.net.flat().begin()));
  EXPECT_EQ(loaded.metadata.at("seed"), "11");
  EXPECT_EQ(loaded.metadata.at("command"), "mirgene train x.fa");
  EXPECT_EQ(loaded.metadata.at("format"), "mirgene-model");
  EXPECT_EQ(loaded.metadata.at("format_version"), "1");
  EXPECT_EQ(loaded.metadata.at("encoding"), "mirgene-onehot16-v1");
  EXPECT_EQ(loaded.metadata.at("architecture"),
            R"({"input":"both","conv":[],"recurrent":[{"units":20,"bidirectional":false},)"
            R"({"units":10,"bidirectional":false}],"attention":true,"dense":[400,100],)"
            R"("max_len":400,"dropout":0.1})");
}

TEST_F(ModelFileTest, FileHoldsEveryParameterUnderItsName) {
  Network net;
  net.init_uniform(5);
  save_model(file("m.safetensors"), net, {});
  const TensorFileContents contents = read_safetensors(file("m.safetensors"));
  const auto params = net.parameters();
  ASSERT_EQ(contents.tensors.size(), params.size());
  for (const ParamView& p : params) {
    const StoredTensor* t = contents.find(p.name);
    ASSERT_NE(t, nullptr) << p.name;
    EXPECT_EQ(t->shape, std::vector<std::int64_t>(p.shape.begin(), p.shape.end())) << p.name;
    EXPECT_TRUE(std::equal(t->values.begin(), t->values.end(), p.data)) << p.name;
  }
  EXPECT_EQ(contents.find("dense1.weight")->shape, (std::vector<std::int64_t>{400, 4000}));
}

TEST_F(ModelFileTest, NonDefaultArchitectureRoundTrips) {
  const Architecture arch{
      .recurrent = {{8}, {6}}, .dense = {30, 12}, .max_len = 50, .dropout = 0.25f};
  Network net(arch);
  net.init_uniform(2);
  save_model(file("small.safetensors"), net, {});
  const ModelFile loaded = load_model(file("small.safetensors"));
  const Architecture& got = loaded.net.architecture();
  EXPECT_EQ(got, arch);
  EXPECT_TRUE(std::equal(net.flat().begin(), net.flat().end(), loaded.net.flat().begin()));
}

TEST_F(ModelFileTest, ReservedMetadataKeysCannotBeOverriddenByTheCaller) {
  Network net;
  save_model(file("m.safetensors"), net, {{"format", "other"}, {"encoding", "x"}});
  const ModelFile loaded = load_model(file("m.safetensors"));
  EXPECT_EQ(loaded.metadata.at("format"), "mirgene-model");
  EXPECT_EQ(loaded.metadata.at("encoding"), "mirgene-onehot16-v1");
}

TEST_F(ModelFileTest, F16RoundTripHalvesTheFileAndBarelyMovesPredictions) {
  Network net;
  net.init_uniform(17, 0.5f);
  save_model(file("f32.safetensors"), net, {});
  save_model(file("f16.safetensors"), net, {}, Dtype::F16);
  EXPECT_LT(fs::file_size(file("f16.safetensors")), fs::file_size(file("f32.safetensors")) * 0.51);

  const ModelFile half = load_model(file("f16.safetensors"));
  for (std::size_t i = 0; i < net.flat().size(); ++i) {
    // Half precision keeps 11 significant bits.
    ASSERT_NEAR(half.net.flat()[i], net.flat()[i], std::abs(net.flat()[i]) * 0x1p-11f + 1e-7f);
  }
  const auto seqs = some_encoded_sequences(60);
  const std::vector<float> before = predict(net, seqs);
  const std::vector<float> after = predict(half.net, seqs);
  float largest_change = 0.0f;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    largest_change = std::max(largest_change, std::abs(before[i] - after[i]));
  }
  EXPECT_LT(largest_change, 1e-2f);
  std::printf("F16 round trip: largest change of P over %zu sequences = %.3g\n", seqs.size(),
              largest_change);
  EXPECT_GT(largest_change, 0.0f) << "F16 rounding should be visible in some prediction";
}

TEST_F(ModelFileTest, RejectsWrongShape) {
  const std::string path = damaged_model([](TensorFileContents& c) {
    for (StoredTensor& t : c.tensors) {
      if (t.name != "dense1.weight") continue;
      t.shape = {400, 3999};
      t.values.resize(400 * 3999);
    }
  });
  EXPECT_EQ(load_error(path),
            path + ": tensor dense1.weight has shape [400,3999], expected [400,4000]");
}

TEST_F(ModelFileTest, RejectsMissingTensor) {
  const std::string path = damaged_model([](TensorFileContents& c) {
    std::erase_if(c.tensors, [](const StoredTensor& t) { return t.name == "attention.bias"; });
  });
  EXPECT_EQ(load_error(path), path + ": tensor attention.bias is missing");
}

TEST_F(ModelFileTest, RefusesNonFiniteWeightsOnLoadAndOnSave) {
  for (const float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    const std::string path =
        damaged_model([&](TensorFileContents& c) { c.tensors[2].values[5] = bad; });
    try {
      load_model(path);
      ADD_FAILURE() << "a model with " << bad << " loaded";
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), HasSubstr(path));
      EXPECT_THAT(e.what(), HasSubstr("non-finite value"));
      EXPECT_THAT(e.what(), HasSubstr("index 5"));
    }
  }
  Network net;
  net.init_uniform(3);
  net.parameters()[1].data[0] = std::numeric_limits<float>::quiet_NaN();
  const std::string path = file("nan.safetensors");
  try {
    save_model(path, net, {});
    ADD_FAILURE() << "a model with NaN was saved";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr(path));
    EXPECT_THAT(e.what(), HasSubstr("not saving a broken model"));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(first_non_finite(std::vector<float>{1, 2, 3}), 3u);
}

TEST_F(ModelFileTest, RejectsUnknownTensor) {
  const std::string path = damaged_model([](TensorFileContents& c) {
    c.tensors.push_back({"extra.weight", {2}, Dtype::F32, {1, 2}});
  });
  EXPECT_THAT(load_error(path), HasSubstr(": unexpected tensor extra.weight"));
}

TEST_F(ModelFileTest, RejectsFileWithoutModelMetadata) {
  const std::string path = damaged_model([](TensorFileContents& c) { c.metadata.clear(); });
  EXPECT_EQ(load_error(path), path + ": not a mirgene model (no 'format' metadata)");
}

TEST_F(ModelFileTest, RejectsOtherFormat) {
  const std::string path =
      damaged_model([](TensorFileContents& c) { c.metadata["format"] = "pytorch"; });
  EXPECT_THAT(load_error(path),
              HasSubstr("metadata 'format' is 'pytorch', expected 'mirgene-model'"));
}

TEST_F(ModelFileTest, RejectsNewerFormatVersion) {
  const std::string path =
      damaged_model([](TensorFileContents& c) { c.metadata["format_version"] = "2"; });
  EXPECT_THAT(load_error(path), HasSubstr("metadata 'format_version' is '2', expected '1'"));
}

TEST_F(ModelFileTest, RejectsOtherEncoding) {
  const std::string path =
      damaged_model([](TensorFileContents& c) { c.metadata["encoding"] = "onehot12"; });
  EXPECT_THAT(load_error(path), HasSubstr("metadata 'encoding' is 'onehot12'"));
}

TEST_F(ModelFileTest, RejectsBadArchitectureMetadata) {
  const auto with_architecture = [this](const std::string& json) {
    return load_error(
        damaged_model([&json](TensorFileContents& c) { c.metadata["architecture"] = json; }));
  };
  EXPECT_THAT(with_architecture("{"), HasSubstr("architecture metadata: invalid JSON"));
  EXPECT_THAT(with_architecture(R"({"lstm1":20,"heads":4})"), HasSubstr("unknown field 'heads'"));
  EXPECT_THAT(with_architecture(R"({"lstm1":-3})"),
              HasSubstr("'lstm1' must be a positive integer"));
  EXPECT_THAT(with_architecture(R"({"dense1":"400"})"), HasSubstr("'dense1' must be a positive"));
  EXPECT_THAT(with_architecture(R"({"dropout":1.5})"), HasSubstr("dropout"));
  // A valid architecture that disagrees with the tensors is caught by the shape check.
  EXPECT_THAT(with_architecture(R"({"dense2":50})"),
              HasSubstr("tensor dense2.weight has shape [100,400], expected [50,400]"));
}

TEST_F(ModelFileTest, RejectsMissingFileWithItsPath) {
  EXPECT_THAT(load_error(file("absent.safetensors")), HasSubstr("absent.safetensors: cannot open"));
}

TEST(ArchitectureJson, MissingLegacyFieldsKeepDefaults) {
  const Architecture arch = architecture_from_json(R"({"lstm1":32})", "m");
  EXPECT_EQ(arch.recurrent, (std::vector<RecurrentLayer>{{32, false}, {10, false}}));
  EXPECT_EQ(arch.dense, (std::vector<int>{400, 100}));
  EXPECT_EQ(arch.dropout, 0.1f);
}

TEST(ArchitectureJson, DropoutIsWrittenInShortestForm) {
  EXPECT_THAT(architecture_to_json(Architecture{.dropout = 0.3f}), HasSubstr(R"("dropout":0.3})"));
  EXPECT_EQ(
      architecture_from_json(architecture_to_json(Architecture{.dropout = 0.3f}), "m").dropout,
      0.3f);
}

}  // namespace
}  // namespace mirgene::nn
