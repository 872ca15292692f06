#pragma once
// The bytes of an input, read in blocks and decompressed when the input is gzip (bgzip is
// gzip too). The format is told by the first two bytes (1f 8b), never by the file name, so
// standard input, pipes and misnamed files behave alike. Plain input costs one branch per
// block over reading the stream directly.
#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

#include "seqio/gzip_inflater.hpp"

namespace mirgene::seqio {

class ByteInput {
 public:
  // Reads `in` (not owned; it must outlive this object). Messages name `source_name`.
  ByteInput(std::istream& in, std::string source_name);

  // Fills dst with up to n bytes (n >= 2, enough to see the gzip signature on the first
  // call) and returns how many. Fewer than n come back at the end of the input or just
  // before a decoding error, which the next call throws; at_end() tells the two apart.
  // Throws mirgene::Error naming the source on a read failure or bad gzip data.
  std::size_t read(char* dst, std::size_t n);
  bool at_end() const;
  bool compressed() const { return gzip_ != nullptr; }

 private:
  std::istream* in_;
  std::string source_;
  bool sniffed_ = false;
  bool plain_at_end_ = false;
  std::unique_ptr<GzipInflater> gzip_;
};

// Opens a file for reading in binary mode. Throws mirgene::Error "cannot open 'PATH': why"
// (with "it is a directory" for directories).
std::unique_ptr<std::ifstream> open_input_file(const std::string& path);

}  // namespace mirgene::seqio
