#pragma once
// The scan's progress line on stderr: Mb done, Mb/s and, when the input's size is known,
// the estimated time left. Rewritten in place ('\r') at most twice a second.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace mirgene::scan {

// Bytes of text in the FASTA file `path` once decompressed: its size for a plain file; for
// a gzip file the size its last member's trailer records (exact for one member under
// 4 GiB, which is what gzip writes). nullopt for standard input, a pipe, or when unknown.
std::optional<std::uint64_t> input_text_size(const std::string& path);

class ProgressMeter {
 public:
  ProgressMeter(std::ostream& err, std::optional<std::uint64_t> total_bytes);
  // `bases` scanned so far; `bases_read` bases took `bytes_read` bytes of the input.
  void update(std::int64_t bases, std::int64_t bases_read, std::uint64_t bytes_read);
  // Prints the last state and ends the line (nothing when nothing was printed).
  void finish(std::int64_t bases);

 private:
  void print(std::int64_t bases, double fraction);

  std::ostream& err_;
  std::optional<std::uint64_t> total_;
  std::chrono::steady_clock::time_point start_, last_;
  bool printed_ = false;
};

}  // namespace mirgene::scan
