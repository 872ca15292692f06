#include "seqio/text_input.hpp"

#include <iostream>
#include <streambuf>
#include <utility>
#include <vector>

#include "seqio/byte_input.hpp"

namespace mirgene::seqio {
namespace {

// A read-only stream buffer refilled block by block from a ByteInput.
class DecodingBuffer : public std::streambuf {
 public:
  DecodingBuffer(std::istream& in, std::unique_ptr<std::istream> owned, const std::string& source)
      : owned_(std::move(owned)), input_(owned_ ? *owned_ : in, source), block_(kBlockSize) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (input_.at_end()) return traits_type::eof();
    const std::size_t got = input_.read(block_.data(), block_.size());
    if (got == 0) return traits_type::eof();
    setg(block_.data(), block_.data(), block_.data() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  static constexpr std::size_t kBlockSize = std::size_t{64} << 10;
  std::unique_ptr<std::istream> owned_;  // declared before input_, which reads it
  ByteInput input_;
  std::vector<char> block_;
};

class DecodedStream : public std::istream {
 public:
  DecodedStream(std::istream& in, std::unique_ptr<std::istream> owned, const std::string& source)
      : std::istream(nullptr), buffer_(in, std::move(owned), source) {
    rdbuf(&buffer_);
    // A decoding error sets badbit; with badbit in the mask the stream operation rethrows
    // the buffer's mirgene::Error instead of reporting a quiet end of input.
    exceptions(std::ios::badbit);
  }

 private:
  DecodingBuffer buffer_;
};

std::string shown_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace

std::unique_ptr<std::istream> decoded_stream(std::istream& in, const std::string& source_name) {
  return std::make_unique<DecodedStream>(in, nullptr, shown_name(source_name));
}

std::unique_ptr<std::istream> open_decoded(const std::string& path) {
  if (path == "-") return decoded_stream(std::cin, path);
  std::unique_ptr<std::ifstream> file = open_input_file(path);
  std::istream& in = *file;
  return std::make_unique<DecodedStream>(in, std::move(file), path);
}

}  // namespace mirgene::seqio
