#pragma once
// Cutting a record into chunks while it is read in pieces: the chunks of chunks.hpp's plan
// (clean runs of at least kMinRun bases, a grid of `chunk` nt, `span` nt of context cut at
// the run's ends), each handed out with its folded text as soon as the bases it needs have
// been read. Only the bases of the chunk being assembled are kept, so memory is bounded by
// a piece plus a chunk, not by the record.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "scan/chunks.hpp"
#include "scan/settings.hpp"

namespace mirgene::scan {

// Shortest run of plain bases worth folding: no scored piece can be shorter.
inline constexpr std::int64_t kMinRun = 40;

class ChunkStream {
 public:
  // Receives each chunk (record coordinates) and the record's bases [fold_start, fold_end).
  using Emit = std::function<void(const Chunk& chunk, std::string_view text)>;

  explicit ChunkStream(const ScanSettings& settings);

  // Starts a new record.
  void reset();
  // The record's next bases (normalised: A/C/G/U/N), following those fed before.
  void feed(std::string_view bases, const Emit& emit);
  // The record ends: hands out the chunks still held.
  void finish(const Emit& emit);

  std::int64_t position() const { return pos_; }
  // Bases held for chunks not yet handed out.
  std::size_t held() const { return held_.size(); }
  // Bases fed so far that lie in runs too short to fold or in N runs (final after finish).
  std::int64_t skipped() const { return pos_ - clean_ - (run_start_ >= 0 ? pos_ - run_start_ : 0); }

 private:
  void emit_cell(std::int64_t run_end, const Emit& emit);
  void close_run(const Emit& emit);

  std::int64_t chunk_, span_, offset_, region_start_, region_end_;
  std::int64_t pos_ = 0;         // bases fed so far
  std::int64_t run_start_ = -1;  // start of the clean run in progress, -1 outside one
  std::int64_t cell_ = 0;        // grid cell of the run's next chunk (record coordinates)
  std::int64_t clean_ = 0;       // bases in finished runs long enough to fold
  std::string held_;             // the run's bases from held_start_ to pos_
  std::int64_t held_start_ = 0;
};

}  // namespace mirgene::scan
