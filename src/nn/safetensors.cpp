#include "nn/safetensors.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.hpp"

namespace mirgene::nn {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; a big-endian host would need byte swaps");

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kMetadataKey = "__metadata__";
constexpr std::size_t kLengthPrefixBytes = 8;
// The data section starts 8-byte aligned (as Hugging Face's writer does), so readers may map
// tensors in place.
constexpr std::size_t kDataAlignment = 8;

std::size_t dtype_size(Dtype dtype) {
  return dtype == Dtype::F32 ? 4 : 2;
}

std::string shape_text(std::span<const std::int64_t> shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ",";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

// ---- writing ----

void check_tensors_to_write(std::span<const TensorToWrite> tensors) {
  std::set<std::string_view> names;
  for (const TensorToWrite& t : tensors) {
    if (t.name.empty() || t.name == kMetadataKey) {
      throw Error("safetensors: invalid tensor name '" + t.name + "'");
    }
    if (!names.insert(t.name).second) {
      throw Error("safetensors: duplicate tensor name '" + t.name + "'");
    }
    std::uint64_t elements = 1;
    for (std::int64_t dim : t.shape) {
      if (dim < 0) throw Error("safetensors: tensor " + t.name + " has a negative dimension");
      elements *= static_cast<std::uint64_t>(dim);
    }
    if (elements != t.values.size()) {
      throw Error("safetensors: tensor " + t.name + " has shape " + shape_text(t.shape) + " (" +
                  std::to_string(elements) + " values) but " + std::to_string(t.values.size()) +
                  " values were given");
    }
  }
}

void append_f32(std::string& out, std::span<const float> values) {
  if (values.empty()) return;  // an empty span's data() may be null, invalid for memcpy
  const std::size_t start = out.size();
  out.resize(start + values.size_bytes());
  std::memcpy(out.data() + start, values.data(), values.size_bytes());
}

void append_f16(std::string& out, const TensorToWrite& t) {
  const std::size_t start = out.size();
  out.resize(start + 2 * t.values.size());
  for (std::size_t i = 0; i < t.values.size(); ++i) {
    const float v = t.values[i];
    const Eigen::half h(v);  // round to nearest, ties to even
    if (std::isfinite(v) && !std::isfinite(static_cast<float>(h))) {
      throw Error("safetensors: tensor " + t.name + " value " + std::to_string(v) + " at index " +
                  std::to_string(i) + " is too large for F16");
    }
    const auto bits = std::bit_cast<std::uint16_t>(h);
    std::memcpy(out.data() + start + 2 * i, &bits, 2);
  }
}

// The length prefix and the header text, padded with spaces (JSON allows trailing
// whitespace) so that the data section starts aligned; room reserved for `data_bytes` more.
std::string file_start(std::string header_text, std::uint64_t data_bytes) {
  const std::size_t padded = (kLengthPrefixBytes + header_text.size() + kDataAlignment - 1) /
                                 kDataAlignment * kDataAlignment -
                             kLengthPrefixBytes;
  header_text.resize(padded, ' ');
  std::string out(kLengthPrefixBytes, '\0');
  const std::uint64_t header_size = header_text.size();
  std::memcpy(out.data(), &header_size, sizeof header_size);
  out.reserve(kLengthPrefixBytes + header_text.size() + data_bytes);
  out += header_text;
  return out;
}

// ---- reading ----

std::uint64_t read_u64_le(std::string_view bytes) {
  std::uint64_t value;
  std::memcpy(&value, bytes.data(), sizeof value);
  return value;
}

// Rejects duplicate keys in any JSON object: nlohmann would silently keep the last one.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(std::string* duplicate) : duplicate_(duplicate) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        open_objects_.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        open_objects_.pop_back();
        break;
      case Json::parse_event_t::key: {
        const auto& key = parsed.get_ref<const std::string&>();
        if (!open_objects_.back().insert(key).second && duplicate_->empty()) *duplicate_ = key;
        break;
      }
      default:
        break;
    }
    return true;
  }

 private:
  std::string* duplicate_;
  std::vector<std::set<std::string>> open_objects_;
};

struct HeaderEntry {
  std::string name;
  std::vector<std::int64_t> shape;
  Dtype dtype;
  std::uint64_t begin;
  std::uint64_t end;
};

class HeaderReader {
 public:
  explicit HeaderReader(const std::string& source) : source_(source) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(source_ + ": " + problem);
  }

  Json parse(std::string_view text) const {
    std::string duplicate;
    Json header;
    try {
      header = Json::parse(text.begin(), text.end(), DuplicateKeyCheck(&duplicate));
    } catch (const Json::exception& e) {
      // parse_error, and out_of_range for a number beyond double (1e400).
      fail(std::string("invalid JSON header: ") + e.what());
    }
    if (!duplicate.empty()) fail("header has the key '" + duplicate + "' twice");
    if (!header.is_object()) fail("header is not a JSON object");
    return header;
  }

  std::map<std::string, std::string> metadata(const Json& value) const {
    if (!value.is_object()) fail("__metadata__ is not a JSON object");
    std::map<std::string, std::string> result;
    for (const auto& [key, item] : value.items()) {
      if (!item.is_string()) fail("__metadata__ value of '" + key + "' is not a string");
      result.emplace(key, item.get<std::string>());
    }
    return result;
  }

  HeaderEntry entry(const std::string& name, const Json& value) const {
    const std::string where = "tensor " + name + ": ";
    if (!value.is_object()) fail(where + "header entry is not a JSON object");
    for (const auto& [key, item] : value.items()) {
      if (key != "dtype" && key != "shape" && key != "data_offsets") {
        fail(where + "unexpected field '" + key + "'");
      }
    }
    HeaderEntry e{name, {}, Dtype::F32, 0, 0};
    const auto dtype = value.find("dtype");
    if (dtype == value.end() || !dtype->is_string()) fail(where + "missing string field 'dtype'");
    const auto& dtype_text = dtype->get_ref<const std::string&>();
    if (dtype_text == "F32") {
      e.dtype = Dtype::F32;
    } else if (dtype_text == "F16") {
      e.dtype = Dtype::F16;
    } else {
      fail(where + "unknown dtype '" + dtype_text + "' (supported: F32, F16)");
    }
    const auto shape = value.find("shape");
    if (shape == value.end() || !shape->is_array()) fail(where + "missing array field 'shape'");
    for (const Json& dim : *shape) {
      if (!dim.is_number_unsigned()) fail(where + "shape has a non-integer or negative entry");
      e.shape.push_back(static_cast<std::int64_t>(dim.get<std::uint64_t>()));
    }
    const auto offsets = value.find("data_offsets");
    if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 ||
        !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
      fail(where + "'data_offsets' is not a pair of non-negative integers");
    }
    e.begin = (*offsets)[0].get<std::uint64_t>();
    e.end = (*offsets)[1].get<std::uint64_t>();
    if (e.end < e.begin) fail(where + "data_offsets end before they begin");
    check_size(e, where);
    return e;
  }

 private:
  void check_size(const HeaderEntry& e, const std::string& where) const {
    const std::uint64_t span = e.end - e.begin;
    const std::uint64_t element_bytes = dtype_size(e.dtype);
    // Multiply with an overflow guard: any product beyond `span` is already a mismatch.
    bool too_big = false;
    std::uint64_t bytes = element_bytes;
    if (std::find(e.shape.begin(), e.shape.end(), 0) != e.shape.end()) {
      bytes = 0;
    } else {
      for (std::int64_t dim : e.shape) {
        const auto d = static_cast<std::uint64_t>(dim);
        too_big = too_big || bytes > span / d;
        if (!too_big) bytes *= d;
      }
    }
    if (too_big || bytes != span) {
      fail(where + "shape " + shape_text(e.shape) + " of " + std::string(dtype_name(e.dtype)) +
           " does not match data_offsets [" + std::to_string(e.begin) + "," +
           std::to_string(e.end) + "] (" + std::to_string(span) + " bytes)");
    }
  }

  const std::string& source_;
};

void check_tiling(std::vector<HeaderEntry>& entries, std::uint64_t data_size,
                  const HeaderReader& reader) {
  std::sort(entries.begin(), entries.end(), [](const HeaderEntry& a, const HeaderEntry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::uint64_t covered = 0;
  const HeaderEntry* previous = nullptr;
  for (const HeaderEntry& e : entries) {
    if (e.end > data_size) {
      reader.fail("tensor " + e.name + ": data_offsets end at " + std::to_string(e.end) +
                  " beyond the data section of " + std::to_string(data_size) + " bytes");
    }
    if (e.begin < covered) {
      reader.fail("tensor " + e.name + " overlaps tensor " + previous->name);
    }
    if (e.begin > covered) {
      reader.fail("gap of " + std::to_string(e.begin - covered) + " bytes before tensor " + e.name);
    }
    covered = e.end;
    previous = &e;
  }
  if (covered != data_size) {
    reader.fail(std::to_string(data_size - covered) +
                " trailing bytes after the last tensor's data");
  }
}

std::vector<float> decode_values(const HeaderEntry& e, const char* data) {
  const std::size_t count = (e.end - e.begin) / dtype_size(e.dtype);
  std::vector<float> values(count);
  const char* src = data + e.begin;
  if (e.dtype == Dtype::F32) {
    if (count > 0) std::memcpy(values.data(), src, count * sizeof(float));
    return values;
  }
  for (std::size_t i = 0; i < count; ++i) {
    std::uint16_t bits;
    std::memcpy(&bits, src + 2 * i, 2);
    values[i] = static_cast<float>(std::bit_cast<Eigen::half>(bits));
  }
  return values;
}

}  // namespace

std::string_view dtype_name(Dtype dtype) {
  return dtype == Dtype::F32 ? "F32" : "F16";
}

const StoredTensor* TensorFileContents::find(std::string_view name) const {
  for (const StoredTensor& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string serialize_safetensors(std::span<const TensorToWrite> tensors,
                                  const std::map<std::string, std::string>& metadata, Dtype dtype) {
  check_tensors_to_write(tensors);
  OrderedJson header = OrderedJson::object();
  if (!metadata.empty()) header[std::string(kMetadataKey)] = metadata;
  std::uint64_t offset = 0;
  for (const TensorToWrite& t : tensors) {
    const std::uint64_t bytes = t.values.size() * dtype_size(dtype);
    header[t.name] = {{"dtype", dtype_name(dtype)},
                      {"shape", t.shape},
                      {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string out = file_start(header.dump(), offset);
  for (const TensorToWrite& t : tensors) {
    if (dtype == Dtype::F32) {
      append_f32(out, t.values);
    } else {
      append_f16(out, t);
    }
  }
  return out;
}

TensorFileContents parse_safetensors(std::string_view bytes, const std::string& source) {
  const HeaderReader reader(source);
  if (bytes.size() < kLengthPrefixBytes) {
    reader.fail("file of " + std::to_string(bytes.size()) +
                " bytes is too short to hold the 8-byte header length");
  }
  const std::uint64_t header_size = read_u64_le(bytes);
  if (header_size > bytes.size() - kLengthPrefixBytes) {
    reader.fail("header length " + std::to_string(header_size) + " exceeds the file size of " +
                std::to_string(bytes.size()) + " bytes");
  }
  const Json header = reader.parse(bytes.substr(kLengthPrefixBytes, header_size));

  TensorFileContents contents;
  std::vector<HeaderEntry> entries;
  for (const auto& [key, value] : header.items()) {
    if (key == kMetadataKey) {
      contents.metadata = reader.metadata(value);
    } else {
      entries.push_back(reader.entry(key, value));
    }
  }
  const std::string_view data = bytes.substr(kLengthPrefixBytes + header_size);
  check_tiling(entries, data.size(), reader);

  contents.tensors.reserve(entries.size());
  for (const HeaderEntry& e : entries) {
    contents.tensors.push_back({e.name, e.shape, e.dtype, decode_values(e, data.data())});
  }
  return contents;
}

namespace {

// Removes PATH.tmpPID files left by writers that were killed (their PID no longer runs): a
// kill -9 cannot be caught, so the next write to the same path cleans up after it.
void remove_orphaned_temporaries(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string prefix = target.filename().string() + ".tmp";
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
      continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    std::filesystem::remove(it->path(), ignored);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  remove_orphaned_temporaries(path);
  const std::string temporary = path + ".tmp" + std::to_string(::getpid());
  // POSIX calls rather than a stream, so that a failure keeps its reason (errno).
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(path + ": cannot create " + temporary + ": " + std::strerror(errno));
  const auto fail = [&](const char* what, int reason) {
    ::close(fd);
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(path + ": " + what + " " + temporary + " failed: " + std::strerror(reason));
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("writing", errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int reason = errno;
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(path + ": writing " + temporary + " failed: " + std::strerror(reason));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw Error(path + ": cannot rename " + temporary + " into place: " + ec.message());
  }
}

void write_safetensors(const std::string& path, std::span<const TensorToWrite> tensors,
                       const std::map<std::string, std::string>& metadata, Dtype dtype) {
  std::string bytes;
  try {
    bytes = serialize_safetensors(tensors, metadata, dtype);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  write_file_atomically(path, bytes);
}

namespace {

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return std::move(buffer).str();
}

}  // namespace

TensorFileContents read_safetensors(const std::string& path) {
  return parse_safetensors(read_file_bytes(path), path);
}

std::string with_metadata(std::string_view bytes,
                          const std::map<std::string, std::string>& metadata,
                          const std::string& source) {
  parse_safetensors(bytes, source);  // every check of a read, so only a valid file is copied
  const std::uint64_t header_size = read_u64_le(bytes);
  const std::string_view header_text = bytes.substr(kLengthPrefixBytes, header_size);
  const std::string_view data = bytes.substr(kLengthPrefixBytes + header_size);
  // ordered_json keeps the tensor entries in the order the file has them.
  const OrderedJson old_header = OrderedJson::parse(header_text.begin(), header_text.end());
  OrderedJson header = OrderedJson::object();
  if (!metadata.empty()) header[std::string(kMetadataKey)] = metadata;
  for (const auto& [key, value] : old_header.items()) {
    if (key != kMetadataKey) header[key] = value;
  }
  std::string out = file_start(header.dump(), data.size());
  out += data;
  return out;
}

void copy_with_metadata(const std::string& from, const std::string& to,
                        const std::map<std::string, std::string>& metadata) {
  const std::string bytes = with_metadata(read_file_bytes(from), metadata, from);
  write_file_atomically(to, bytes);
}

}  // namespace mirgene::nn
