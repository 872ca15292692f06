#include "nn/safetensors.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::nn {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// A file from a hand-written header and data section, for the malformed cases.
std::string file_bytes(const std::string& header, const std::string& data) {
  std::string bytes(8, '\0');
  const std::uint64_t n = header.size();
  std::memcpy(bytes.data(), &n, 8);
  return bytes + header + data;
}

std::string parse_error(const std::string& bytes) {
  try {
    parse_safetensors(bytes, "bad.safetensors");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

const std::string kTwoFloats(8, '\0');

TEST(Safetensors, F32RoundTripKeepsNamesShapesValuesOrderAndMetadata) {
  const std::vector<float> a = {1.5f, -2.25f, 3.0e-8f, 7.0f, 0.0f, -0.0f};
  const std::vector<float> b = {42.0f};
  const std::vector<TensorToWrite> tensors = {{"z.first", {2, 3}, a}, {"a.second", {1}, b}};
  const std::map<std::string, std::string> metadata = {{"format", "x"}, {"note", "ü \"q\""}};

  const auto contents =
      parse_safetensors(serialize_safetensors(tensors, metadata, Dtype::F32), "mem");
  ASSERT_EQ(contents.tensors.size(), 2u);
  EXPECT_EQ(contents.tensors[0].name, "z.first");
  EXPECT_EQ(contents.tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(contents.tensors[0].dtype, Dtype::F32);
  EXPECT_EQ(contents.tensors[0].values, a);
  EXPECT_TRUE(std::signbit(contents.tensors[0].values[5]));
  EXPECT_EQ(contents.tensors[1].values, b);
  EXPECT_EQ(contents.metadata, metadata);
  ASSERT_NE(contents.find("a.second"), nullptr);
  EXPECT_EQ(contents.find("a.second")->values, b);
  EXPECT_EQ(contents.find("missing"), nullptr);
}

TEST(Safetensors, LayoutIsLengthPrefixedJsonThenAlignedContiguousData) {
  const std::vector<float> a = {1.0f, 2.0f, 3.0f};
  const std::vector<float> b = {4.0f, 5.0f};
  const std::vector<TensorToWrite> tensors = {{"a", {3}, a}, {"b", {2, 1}, b}};
  const std::string bytes = serialize_safetensors(tensors, {{"k", "v"}}, Dtype::F32);

  std::uint64_t n;
  std::memcpy(&n, bytes.data(), 8);
  EXPECT_EQ((8 + n) % 8, 0u);
  ASSERT_EQ(bytes.size(), 8 + n + 5 * sizeof(float));
  const auto header = nlohmann::json::parse(bytes.substr(8, n));
  EXPECT_EQ(header["a"]["dtype"], "F32");
  EXPECT_EQ(header["a"]["data_offsets"], nlohmann::json::parse("[0, 12]"));
  EXPECT_EQ(header["b"]["shape"], nlohmann::json::parse("[2, 1]"));
  EXPECT_EQ(header["b"]["data_offsets"], nlohmann::json::parse("[12, 20]"));
  EXPECT_EQ(header["__metadata__"]["k"], "v");
  float fifth;
  std::memcpy(&fifth, bytes.data() + 8 + n + 16, 4);
  EXPECT_EQ(fifth, 5.0f);
}

// The header text and the data section of safetensors bytes.
std::string header_text(const std::string& bytes) {
  std::uint64_t n;
  std::memcpy(&n, bytes.data(), 8);
  return bytes.substr(8, n);
}
std::string data_section(const std::string& bytes) {
  return bytes.substr(8 + header_text(bytes).size());
}

TEST(Safetensors, NewMetadataKeepsTensorBytesEntriesAndOrder) {
  // F16 values that would not survive a decode and re-encode unchanged if anything went
  // through floats: a NaN payload and a subnormal, beside ordinary weights.
  const std::vector<float> a = {1.0f / 3.0f, -2.5f, 6.0e-8f, 65504.0f};
  const std::vector<float> b = {0.1f, 0.2f};
  const std::vector<TensorToWrite> tensors = {{"z.first", {2, 2}, a}, {"a.second", {2}, b}};
  std::string bytes = serialize_safetensors(tensors, {{"format", "x"}}, Dtype::F16);
  const std::uint16_t nan_bits = 0x7e01;  // a quiet NaN with a payload
  std::memcpy(bytes.data() + bytes.size() - 2, &nan_bits, 2);

  const std::map<std::string, std::string> metadata = {
      {"format", "x"}, {"scan_fp_per_mb", std::string(300, 'j')}};
  const std::string copy = with_metadata(bytes, metadata, "mem");
  EXPECT_EQ(data_section(copy), data_section(bytes));
  EXPECT_EQ((8 + header_text(copy).size()) % 8, 0u);
  const auto header = nlohmann::ordered_json::parse(header_text(copy));
  const auto old_header = nlohmann::ordered_json::parse(header_text(bytes));
  std::vector<std::string> names;
  for (const auto& [key, value] : header.items()) {
    names.push_back(key);
    if (key != "__metadata__") {
      EXPECT_EQ(value, old_header[key]) << key;
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"__metadata__", "z.first", "a.second"}));
  const TensorFileContents contents = parse_safetensors(copy, "copy");
  EXPECT_EQ(contents.metadata, metadata);
  EXPECT_EQ(contents.tensors[0].dtype, Dtype::F16);
  // And back to the first metadata: the very same file.
  EXPECT_EQ(with_metadata(copy, {{"format", "x"}}, "mem"), bytes);
}

TEST(Safetensors, CopyWithMetadataWritesAnotherFileOrReplacesInPlace) {
  test::TempDir dir;
  const std::vector<float> a = {1.0f, 2.0f, 3.0f};
  const std::vector<TensorToWrite> tensors = {{"a", {3}, a}};
  write_safetensors(dir.file("m.safetensors"), tensors, {{"k", "v"}}, Dtype::F16);
  copy_with_metadata(dir.file("m.safetensors"), dir.file("out.safetensors"), {{"k", "w"}});
  EXPECT_EQ(read_safetensors(dir.file("m.safetensors")).metadata.at("k"), "v");
  EXPECT_EQ(read_safetensors(dir.file("out.safetensors")).metadata.at("k"), "w");
  copy_with_metadata(dir.file("m.safetensors"), dir.file("m.safetensors"), {{"k", "x"}});
  EXPECT_EQ(read_safetensors(dir.file("m.safetensors")).metadata.at("k"), "x");
  EXPECT_EQ(read_safetensors(dir.file("m.safetensors")).tensors[0].values, a);
  // Only the two files: no temporary left beside them.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2);
  // A damaged file is not copied.
  std::ofstream(dir.file("bad.safetensors"), std::ios::binary) << "short";
  EXPECT_THROW(copy_with_metadata(dir.file("bad.safetensors"), dir.file("x.safetensors"), {}),
               Error);
  EXPECT_FALSE(fs::exists(dir.file("x.safetensors")));
}

TEST(Safetensors, F16RoundsToNearestEven) {
  const float one_ulp = std::ldexp(1.0f, -10);  // spacing of half values in [1, 2)
  const std::vector<float> values = {
      1.0f + one_ulp / 2,      // tie between 1 (even) and 1 + ulp (odd): goes to 1
      1.0f + 3 * one_ulp / 2,  // tie between 1 + ulp (odd) and 1 + 2 ulp (even): goes up
      1.0f + one_ulp * 0.51f,  // above the tie: goes up
      std::ldexp(1.0f, -24),   // smallest subnormal half, exact
      65504.0f,                // largest half, exact
      -0.0f,
      std::numeric_limits<float>::infinity(),
      0.1f};
  const std::vector<TensorToWrite> tensors = {{"h", {8}, values}};
  const auto t =
      parse_safetensors(serialize_safetensors(tensors, {}, Dtype::F16), "mem").tensors[0];
  EXPECT_EQ(t.dtype, Dtype::F16);
  EXPECT_EQ(t.values[0], 1.0f);
  EXPECT_EQ(t.values[1], 1.0f + 2 * one_ulp);
  EXPECT_EQ(t.values[2], 1.0f + one_ulp);
  EXPECT_EQ(t.values[3], std::ldexp(1.0f, -24));
  EXPECT_EQ(t.values[4], 65504.0f);
  EXPECT_TRUE(std::signbit(t.values[5]) && t.values[5] == 0.0f);
  EXPECT_TRUE(std::isinf(t.values[6]));
  EXPECT_NEAR(t.values[7], 0.1f, 0.1f * std::ldexp(1.0f, -11));
  EXPECT_NE(t.values[7], 0.1f);
}

TEST(Safetensors, F16HeaderAndDataSize) {
  const std::vector<float> values = {1.0f, 2.0f, 3.0f};
  const std::vector<TensorToWrite> tensors = {{"h", {3}, values}};
  const std::string bytes = serialize_safetensors(tensors, {}, Dtype::F16);
  std::uint64_t n;
  std::memcpy(&n, bytes.data(), 8);
  EXPECT_EQ(bytes.size(), 8 + n + 6);
  EXPECT_EQ(nlohmann::json::parse(bytes.substr(8, n))["h"]["dtype"], "F16");
  std::uint16_t two;
  std::memcpy(&two, bytes.data() + 8 + n + 2, 2);
  EXPECT_EQ(two, 0x4000);  // 2.0 in IEEE half
}

TEST(Safetensors, F16RejectsFiniteValuesBeyondHalfRange) {
  const std::vector<float> values = {1.0f, 70000.0f};
  const std::vector<TensorToWrite> tensors = {{"big", {2}, values}};
  EXPECT_THROW(serialize_safetensors(tensors, {}, Dtype::F16), Error);
}

TEST(Safetensors, EmptyAndScalarTensorsAreAllowed) {
  const std::vector<float> none;
  const std::vector<float> one = {3.0f};
  const std::vector<TensorToWrite> tensors = {{"empty", {0, 4}, none}, {"scalar", {}, one}};
  const auto contents = parse_safetensors(serialize_safetensors(tensors, {}, Dtype::F32), "m");
  ASSERT_EQ(contents.tensors.size(), 2u);
  EXPECT_TRUE(contents.find("empty")->values.empty());
  EXPECT_EQ(contents.find("scalar")->values, one);
}

TEST(Safetensors, WriterRejectsInconsistentInput) {
  const std::vector<float> three = {1, 2, 3};
  const std::vector<TensorToWrite> mismatch = {{"w", {2, 2}, three}};
  EXPECT_THROW(serialize_safetensors(mismatch, {}, Dtype::F32), Error);
  const std::vector<TensorToWrite> duplicate = {{"w", {3}, three}, {"w", {3}, three}};
  EXPECT_THROW(serialize_safetensors(duplicate, {}, Dtype::F32), Error);
  const std::vector<TensorToWrite> reserved = {{"__metadata__", {3}, three}};
  EXPECT_THROW(serialize_safetensors(reserved, {}, Dtype::F32), Error);
}

TEST(Safetensors, FileRoundTripReplacesAtomicallyAndLeavesNoTemporaryFile) {
  test::TempDir dir;
  const std::string path = dir.file("m.safetensors");
  const std::vector<float> first = {1, 2};
  const std::vector<float> second = {3, 4, 5};
  write_safetensors(path, std::vector<TensorToWrite>{{"t", {2}, first}}, {}, Dtype::F32);
  write_safetensors(path, std::vector<TensorToWrite>{{"t", {3}, second}}, {{"v", "2"}}, Dtype::F32);
  const auto contents = read_safetensors(path);
  EXPECT_EQ(contents.tensors.at(0).values, second);
  EXPECT_EQ(contents.metadata.at("v"), "2");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

// Issue 15, item 6: a writer killed mid-write (kill -9) leaves PATH.tmpPID behind; the next
// write to the same path removes the temporaries of processes that no longer run.
TEST(Safetensors, WritingRemovesTemporariesOfKilledWriters) {
  test::TempDir dir;
  const std::string path = dir.file("m.safetensors");
  // A PID that runs no process: a child that has exited and been reaped.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);
  const std::string orphan = path + ".tmp" + std::to_string(child);
  const std::string live = path + ".tmp" + std::to_string(::getppid());  // a running process
  const std::string other = dir.file("other.safetensors.tmp" + std::to_string(child));
  for (const std::string& f : {orphan, live, other}) std::ofstream(f) << "partial";
  const std::vector<float> v = {1, 2};
  write_safetensors(path, std::vector<TensorToWrite>{{"t", {2}, v}}, {}, Dtype::F32);
  EXPECT_FALSE(fs::exists(orphan));
  EXPECT_TRUE(fs::exists(live));   // its writer may still be writing
  EXPECT_TRUE(fs::exists(other));  // the temporary of another file
  EXPECT_TRUE(fs::exists(path));
}

// Issue 15, item 6: "writing ... failed" gave no reason. A file-size limit makes write(2) fail
// with EFBIG as a full disk fails with ENOSPC.
TEST(Safetensors, AFailedWriteSaysWhy) {
  test::TempDir dir;
  const std::string path = dir.file("m.safetensors");
  const std::vector<float> v(4096, 1.0f);
  struct rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    write_safetensors(path, std::vector<TensorToWrite>{{"t", {4096}, v}}, {}, Dtype::F32);
  } catch (const Error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_THAT(message, HasSubstr("failed: " + std::string(std::strerror(EFBIG))));
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp" + std::to_string(::getpid())));
}

TEST(Safetensors, ReadNamesMissingFile) {
  try {
    read_safetensors("no/such/dir/model.safetensors");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no/such/dir/model.safetensors: cannot open"));
  }
}

TEST(Safetensors, WriteIntoMissingDirectoryFails) {
  const std::vector<float> v = {1};
  EXPECT_THROW(write_safetensors("no/such/dir/m.safetensors",
                                 std::vector<TensorToWrite>{{"t", {1}, v}}, {}, Dtype::F32),
               Error);
}

TEST(SafetensorsReader, AcceptsHandWrittenValidFile) {
  const auto contents = parse_safetensors(
      file_bytes(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", kTwoFloats), "ok");
  EXPECT_EQ(contents.tensors.at(0).values, (std::vector<float>{0, 0}));
}

TEST(SafetensorsReader, RejectsFileShorterThanLengthPrefix) {
  EXPECT_EQ(parse_error(std::string("\x02\0\0", 3)),
            "bad.safetensors: file of 3 bytes is too short to hold the 8-byte header length");
  EXPECT_THAT(parse_error(""), HasSubstr("too short"));
}

TEST(SafetensorsReader, RejectsHeaderLengthBeyondFile) {
  std::string bytes = file_bytes("{}", "");
  bytes[0] = 3;
  EXPECT_EQ(parse_error(bytes),
            "bad.safetensors: header length 3 exceeds the file size of 10 bytes");
  bytes[7] = '\x80';  // a huge length must not overflow the check
  EXPECT_THAT(parse_error(bytes), HasSubstr("exceeds the file size"));
}

TEST(SafetensorsReader, RejectsInvalidJson) {
  EXPECT_THAT(parse_error(file_bytes(R"({"t":{"dtype":"F32",)", "")),
              HasSubstr("bad.safetensors: invalid JSON header"));
  EXPECT_THAT(parse_error(file_bytes("[1,2]", "")), HasSubstr("header is not a JSON object"));
}

// Issue 15, item 5: out_of_range from the JSON parser escaped as "unexpected failure".
TEST(SafetensorsReader, RejectsNumbersBeyondDoubleNamingTheFile) {
  EXPECT_THAT(
      parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,1e400]}})",
                             kTwoFloats)),
      HasSubstr("bad.safetensors: invalid JSON header"));
  EXPECT_THAT(parse_error(file_bytes(R"({"__metadata__":{"x":"y"},"n":-1e999})", "")),
              HasSubstr("bad.safetensors: invalid JSON header"));
}

TEST(SafetensorsReader, RejectsUnknownDtype) {
  EXPECT_EQ(parse_error(file_bytes(R"({"t":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]}})",
                                   kTwoFloats)),
            "bad.safetensors: tensor t: unknown dtype 'BF16' (supported: F32, F16)");
}

TEST(SafetensorsReader, RejectsShapeOffsetSizeMismatch) {
  EXPECT_THAT(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})",
                                     kTwoFloats)),
              HasSubstr("tensor t: shape [3] of F32 does not match data_offsets [0,8] (8 bytes)"));
  // A shape whose byte count overflows 64 bits must not wrap around to a match.
  EXPECT_THAT(
      parse_error(file_bytes(
          R"({"t":{"dtype":"F32","shape":[4611686018427387904,1],"data_offsets":[0,0]}})", "")),
      HasSubstr("does not match"));
}

TEST(SafetensorsReader, RejectsOverlappingOffsets) {
  EXPECT_EQ(parse_error(file_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
                                       "b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                   kTwoFloats)),
            "bad.safetensors: tensor b overlaps tensor a");
}

TEST(SafetensorsReader, RejectsOutOfRangeOffsets) {
  EXPECT_THAT(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})",
                                     kTwoFloats)),
              HasSubstr("tensor t: data_offsets end at 12 beyond the data section of 8 bytes"));
  EXPECT_THAT(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})",
                                     kTwoFloats)),
              HasSubstr("end before they begin"));
}

TEST(SafetensorsReader, RejectsGapsBetweenTensors) {
  EXPECT_THAT(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                     kTwoFloats)),
              HasSubstr("gap of 4 bytes before tensor t"));
}

TEST(SafetensorsReader, RejectsTrailingBytes) {
  EXPECT_EQ(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
                                   kTwoFloats)),
            "bad.safetensors: 4 trailing bytes after the last tensor's data");
}

TEST(SafetensorsReader, RejectsDuplicateNames) {
  EXPECT_EQ(parse_error(file_bytes(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
                                       "t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                   kTwoFloats)),
            "bad.safetensors: header has the key 't' twice");
  EXPECT_THAT(
      parse_error(file_bytes(
          R"({"t":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]}})", kTwoFloats)),
      HasSubstr("key 'dtype' twice"));
}

TEST(SafetensorsReader, RejectsMalformedEntries) {
  const auto error_for = [](const std::string& entry) {
    return parse_error(file_bytes(R"({"t":)" + entry + "}", kTwoFloats));
  };
  EXPECT_THAT(error_for("[]"), HasSubstr("header entry is not a JSON object"));
  EXPECT_THAT(error_for(R"({"shape":[2],"data_offsets":[0,8]})"), HasSubstr("'dtype'"));
  EXPECT_THAT(error_for(R"({"dtype":"F32","data_offsets":[0,8]})"), HasSubstr("'shape'"));
  EXPECT_THAT(error_for(R"({"dtype":"F32","shape":[-2],"data_offsets":[0,8]})"),
              HasSubstr("negative"));
  EXPECT_THAT(error_for(R"({"dtype":"F32","shape":[2.0],"data_offsets":[0,8]})"),
              HasSubstr("non-integer"));
  EXPECT_THAT(error_for(R"({"dtype":"F32","shape":[2],"data_offsets":[0]})"),
              HasSubstr("data_offsets"));
  EXPECT_THAT(error_for(R"({"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1})"),
              HasSubstr("unexpected field 'x'"));
}

TEST(SafetensorsReader, RejectsNonStringMetadata) {
  EXPECT_THAT(parse_error(file_bytes(R"({"__metadata__":{"seed":1}})", "")),
              HasSubstr("__metadata__ value of 'seed' is not a string"));
  EXPECT_THAT(parse_error(file_bytes(R"({"__metadata__":[]})", "")),
              HasSubstr("__metadata__ is not a JSON object"));
}

}  // namespace
}  // namespace mirgene::nn
