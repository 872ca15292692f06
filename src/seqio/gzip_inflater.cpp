#include "seqio/gzip_inflater.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace mirgene::seqio {
namespace {

// Compressed bytes read from the stream at a time.
constexpr std::size_t kInputChunk = std::size_t{256} << 10;

}  // namespace

struct GzipInflater::State {
  std::istream* in;
  std::string source;
  z_stream z{};
  std::vector<unsigned char> input;
  std::uint64_t chunk_offset = 0;  // compressed-stream offset of input[0]
  bool input_ended = false;        // `in` has nothing more
  bool member_open = false;        // inside a member: its end has not been decoded yet
  bool trailing_zeros = false;     // after the last member, in zero padding
  bool finished = false;
  std::size_t members = 0;  // members decoded completely
  std::string failure;  // once set, every read throws it

  std::uint64_t offset() const {
    return chunk_offset + static_cast<std::uint64_t>(z.next_in - input.data());
  }

  // Next chunk of compressed bytes; false when the stream has none left.
  bool fill_input() {
    if (input_ended) return false;
    chunk_offset += static_cast<std::uint64_t>(z.next_in - input.data());
    input.resize(kInputChunk);
    in->read(reinterpret_cast<char*>(input.data()), static_cast<std::streamsize>(input.size()));
    if (in->bad()) throw Error(source + ": read error");
    const auto got = static_cast<std::size_t>(in->gcount());
    // istream::read only comes back short at end of input.
    input_ended = got < input.size();
    z.next_in = input.data();
    z.avail_in = static_cast<uInt>(got);
    return got > 0;
  }

  // Between members: the next byte starts another member (bgzip writes many), or padding
  // zeros follow the last one (skipped, as gzip does), or the data is not gzip.
  void start_member() {
    if (!trailing_zeros && z.next_in[0] == 0x1f) {
      if (inflateReset(&z) != Z_OK) throw Error(source + ": cannot restart the gzip decoder");
      member_open = true;
      return;
    }
    while (z.avail_in > 0 && *z.next_in == 0) {
      ++z.next_in;
      --z.avail_in;
    }
    if (z.avail_in > 0) {
      throw Error(source + ": data after the end of gzip member " + std::to_string(members) +
                  " is not gzip (compressed byte " + std::to_string(offset()) + ")");
    }
    trailing_zeros = true;
  }

  Error truncated() const {
    return Error(source + ": truncated gzip data: the input ends inside compressed member " +
                 std::to_string(members + 1) + " (after " + std::to_string(offset()) +
                 " compressed bytes); the file is incomplete");
  }

  Error corrupt(int code) const {
    std::string why = z.msg ? z.msg : "zlib error " + std::to_string(code);
    if (code == Z_NEED_DICT) why = "it needs a preset dictionary";
    if (code == Z_MEM_ERROR) return Error(source + ": out of memory while decompressing gzip data");
    return Error(source + ": corrupt gzip data in member " + std::to_string(members + 1) +
                 " near compressed byte " + std::to_string(offset()) + " (" + why + ")");
  }
};

GzipInflater::GzipInflater(std::istream& in, std::string source_name, std::string_view already_read)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.in = &in;
  s.source = std::move(source_name);
  s.input.assign(already_read.begin(), already_read.end());
  s.z.next_in = s.input.data();
  s.z.avail_in = static_cast<uInt>(s.input.size());
  // 15 + 16: the largest window, gzip wrapper only (no raw deflate or zlib wrapper).
  if (inflateInit2(&s.z, 15 + 16) != Z_OK) throw Error(s.source + ": cannot start the gzip decoder");
  s.member_open = true;
}

GzipInflater::~GzipInflater() { inflateEnd(&state_->z); }

bool GzipInflater::at_end() const { return state_->finished; }

std::size_t GzipInflater::read(char* dst, std::size_t n) {
  State& s = *state_;
  if (!s.failure.empty()) throw Error(s.failure);
  std::size_t produced = 0;
  try {
    while (produced < n && !s.finished) {
      if (s.z.avail_in == 0 && !s.fill_input()) {
        if (s.member_open) throw s.truncated();
        s.finished = true;
        break;
      }
      if (!s.member_open) {
        s.start_member();
        continue;
      }
      const std::size_t room =
          std::min<std::size_t>(n - produced, std::numeric_limits<uInt>::max());
      s.z.next_out = reinterpret_cast<Bytef*>(dst + produced);
      s.z.avail_out = static_cast<uInt>(room);
      const int ret = inflate(&s.z, Z_NO_FLUSH);
      produced += room - s.z.avail_out;
      if (ret == Z_STREAM_END) {
        s.member_open = false;
        ++s.members;
      } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
        // Z_BUF_ERROR only says that inflate needs more input: the loop reads it.
        throw s.corrupt(ret);
      }
    }
  } catch (const Error& e) {
    s.failure = e.what();
    if (produced == 0) throw;
  }
  return produced;
}

}  // namespace mirgene::seqio
