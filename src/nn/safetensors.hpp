#pragma once
// Reader and writer of the safetensors format (the weights-file container of Hugging Face's
// safetensors, also readable with a few lines of numpy; see docs/model-format.md):
//
//   8 bytes   N, little-endian unsigned header length
//   N bytes   JSON header {name: {"dtype", "shape", "data_offsets": [begin, end]}, ...,
//             "__metadata__": {string: string}}
//   rest      raw little-endian tensor data; offsets are relative to its start and the tensors
//             tile it exactly (no gaps, no overlaps, no trailing bytes)
//
// Only the float dtypes mirgene uses are supported: F32 and F16 (read into float either way).
// Everything in a file is validated; problems throw mirgene::Error naming the file.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mirgene::nn {

enum class Dtype { F32, F16 };

// "F32" / "F16", as written in the header.
std::string_view dtype_name(Dtype dtype);

struct TensorToWrite {
  std::string name;
  std::vector<std::int64_t> shape;
  std::span<const float> values;  // row-major, product(shape) elements
};

struct StoredTensor {
  std::string name;
  std::vector<std::int64_t> shape;
  Dtype dtype;                // as stored in the file
  std::vector<float> values;  // converted to float
};

struct TensorFileContents {
  std::vector<StoredTensor> tensors;  // in file data order
  std::map<std::string, std::string> metadata;

  // The tensor called `name`, or nullptr.
  const StoredTensor* find(std::string_view name) const;
};

// The bytes of a safetensors file holding `tensors` (in the given order) stored as `dtype`.
// F16 rounds to nearest, ties to even. Throws mirgene::Error for a duplicate or reserved
// name, a shape that does not match the number of values, or (F16) a finite value too large
// for half precision.
std::string serialize_safetensors(std::span<const TensorToWrite> tensors,
                                  const std::map<std::string, std::string>& metadata, Dtype dtype);

// Parses and validates safetensors bytes; `source` names them in error messages.
TensorFileContents parse_safetensors(std::string_view bytes, const std::string& source);

// Writes atomically: the bytes go to a temporary file beside `path`, which is then renamed, so
// readers never see a half-written file.
void write_safetensors(const std::string& path, std::span<const TensorToWrite> tensors,
                       const std::map<std::string, std::string>& metadata, Dtype dtype);

TensorFileContents read_safetensors(const std::string& path);

// The bytes of safetensors file `bytes` (validated as parse_safetensors does; `source` names
// it in errors) with its metadata replaced by `metadata`: the tensors' header entries are kept
// as they are, in their order, and the data section is copied byte for byte, so the tensors
// stay bit-identical whatever their dtype (no decoding and re-encoding of F16).
std::string with_metadata(std::string_view bytes,
                          const std::map<std::string, std::string>& metadata,
                          const std::string& source);

// Reads the file `from`, replaces its metadata (with_metadata) and writes the result to `to`
// atomically (`to` may be `from`).
void copy_with_metadata(const std::string& from, const std::string& to,
                        const std::map<std::string, std::string>& metadata);

// Writes `bytes` to `path` atomically (temporary file + rename); throws mirgene::Error with
// the reason (strerror). Orphaned temporaries of `path` from killed writers are removed first.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace mirgene::nn
