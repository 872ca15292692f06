#include "scan/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mirgene::scan {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  return text;
}

}  // namespace

std::optional<std::uint64_t> input_text_size(const std::string& path) {
  if (path == "-") return std::nullopt;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  if (!(magic[0] == 0x1f && magic[1] == 0x8b)) return size;
  if (size < 18) return std::nullopt;
  unsigned char trailer[4];
  in.seekg(static_cast<std::streamoff>(size - 4));
  if (!in.read(reinterpret_cast<char*>(trailer), 4)) return std::nullopt;
  const std::uint64_t isize = trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) |
                              (static_cast<std::uint64_t>(trailer[3]) << 24);
  // A multi-member (bgzip) file's trailer covers its last member only.
  return isize >= size ? std::optional<std::uint64_t>(isize) : std::nullopt;
}

ProgressMeter::ProgressMeter(std::ostream& err, std::optional<std::uint64_t> total_bytes)
    : err_(err), total_(total_bytes), start_(Clock::now()), last_(start_) {}

void ProgressMeter::update(std::int64_t bases, std::int64_t bases_read, std::uint64_t bytes_read) {
  const auto now = Clock::now();
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  // The input's bases estimated from the bases per byte of what has been read.
  double fraction = -1;
  if (total_ && *total_ > 0 && bytes_read > 0 && bases_read > 0) {
    const double total_bases =
        static_cast<double>(*total_) * static_cast<double>(bases_read) / bytes_read;
    fraction = std::min(1.0, bases / total_bases);
  }
  print(bases, fraction);
}

void ProgressMeter::finish(std::int64_t bases) {
  if (!printed_) return;
  print(bases, 1.0);
  err_ << '\n';
}

void ProgressMeter::print(std::int64_t bases, double fraction) {
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  const double mb = bases / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0;
  char text[160];
  std::snprintf(text, sizeof text, "\rscan: %.2f Mb done, %.3f Mb/s", mb, rate);
  std::string line = text;
  if (fraction > 0) {
    line += ", " + std::to_string(static_cast<int>(fraction * 100)) + "%, ETA " +
            duration_text(seconds * (1 - fraction) / fraction);
  }
  err_ << line << "   " << std::flush;
  printed_ = true;
}

}  // namespace mirgene::scan
