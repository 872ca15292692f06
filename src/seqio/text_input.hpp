#pragma once
// std::istream access to inputs that may be gzip-compressed, for line-oriented readers
// (std::getline): the structure reader of `mirgene energy`, tests and benchmarks reading
// reference files. Decompression is ByteInput's; a truncated or corrupt stream throws its
// mirgene::Error out of the stream operation (getline, >>) that hit it, rather than looking
// like the end of the text.
#include <istream>
#include <memory>
#include <string>

namespace mirgene::seqio {

// Reads `in` (not owned; it must outlive the returned stream) through ByteInput.
std::unique_ptr<std::istream> decoded_stream(std::istream& in, const std::string& source_name);

// Opens PATH ("-" = standard input) the same way. Throws mirgene::Error when it cannot be
// opened ("cannot open 'PATH': why").
std::unique_ptr<std::istream> open_decoded(const std::string& path);

}  // namespace mirgene::seqio
