#include "seqio/byte_input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <utility>

#include "common/error.hpp"

namespace mirgene::seqio {

ByteInput::ByteInput(std::istream& in, std::string source_name)
    : in_(&in), source_(std::move(source_name)) {}

std::size_t ByteInput::read(char* dst, std::size_t n) {
  if (gzip_) return gzip_->read(dst, n);
  if (plain_at_end_) return 0;
  in_->read(dst, static_cast<std::streamsize>(n));
  if (in_->bad()) throw Error(source_ + ": read error");
  const auto got = static_cast<std::size_t>(in_->gcount());
  // istream::read only comes back short at end of input.
  plain_at_end_ = got < n;
  if (!sniffed_) {
    sniffed_ = true;
    constexpr std::string_view kGzipMagic("\x1f\x8b", 2);
    if (std::string_view(dst, got).starts_with(kGzipMagic)) {
      // What was read is compressed: it becomes the inflater's first input.
      gzip_ = std::make_unique<GzipInflater>(*in_, source_, std::string_view(dst, got));
      return gzip_->read(dst, n);
    }
  }
  return got;
}

bool ByteInput::at_end() const { return gzip_ ? gzip_->at_end() : plain_at_end_; }

std::unique_ptr<std::ifstream> open_input_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw Error("cannot open '" + path + "': it is a directory");
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    throw Error("cannot open '" + path + "': " + std::strerror(errno));
  }
  return file;
}

}  // namespace mirgene::seqio
