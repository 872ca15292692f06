#pragma once
// gzip members made in memory (zlib's deflate with the gzip wrapper), for tests of
// compressed input. Concatenating members gives a multi-member stream, as bgzip writes.
#include <zlib.h>

#include <stdexcept>
#include <string>

namespace mirgene::test {

inline std::string gzip_member(const std::string& text, int level = 6) {
  z_stream z{};
  // 15 + 16: largest window, gzip header and trailer.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

}  // namespace mirgene::test
