#pragma once
// Decompression of gzip data through zlib, for ByteInput. Reads every member of a
// multi-member stream, so bgzip files (a series of small gzip members) decode as one text.
// zlib stays out of this header: only gzip_inflater.cpp includes it.
#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace mirgene::seqio {

class GzipInflater {
 public:
  // `already_read`: the bytes of `in` that the caller consumed to recognise the format
  // (the start of the first member). `in` is not owned and must outlive the inflater.
  GzipInflater(std::istream& in, std::string source_name, std::string_view already_read);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Decompresses up to n bytes into dst and returns how many were written; fewer than n
  // only at the clean end of the data (then at_end()) or just before an error. An error
  // found after some bytes were written this call is kept and thrown by the next call, so
  // that no decoded text is lost. Throws mirgene::Error naming the source for truncated or
  // corrupt data and read failures.
  std::size_t read(char* dst, std::size_t n);
  bool at_end() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mirgene::seqio
