#include "scan/chunk_stream.hpp"

#include <algorithm>

namespace mirgene::scan {

ChunkStream::ChunkStream(const ScanSettings& settings)
    : chunk_(settings.chunk),
      span_(settings.span),
      offset_(settings.offset),
      region_start_(settings.region_start),
      region_end_(settings.region_end) {}

void ChunkStream::reset() {
  pos_ = 0;
  run_start_ = -1;
  clean_ = 0;
  held_.clear();
  held_start_ = 0;
}

// Hands out the chunk of the grid cell cell_ of the current run, whose bases are held up
// to run_end (the run's end, or where its context is complete), and moves to the next cell.
void ChunkStream::emit_cell(std::int64_t run_end, const Emit& emit) {
  Chunk c;
  c.own_start = std::max(run_start_, cell_);
  c.own_end = std::min(run_end, cell_ + chunk_);
  c.fold_start = std::max(run_start_, c.own_start - span_);
  c.fold_end = std::min(run_end, c.own_end + span_);
  // The grid cell's start in the whole sequence decides whether the region has it.
  const std::int64_t cell = cell_ + offset_;
  const bool in_region = cell >= region_start_ && (region_end_ < 0 || cell < region_end_);
  if (in_region) {
    emit(c, std::string_view(held_).substr(static_cast<std::size_t>(c.fold_start - held_start_),
                                           static_cast<std::size_t>(c.fold_end - c.fold_start)));
  }
  cell_ += chunk_;
  // Bases before the next chunk's context are no longer needed; dropping them only once
  // they outnumber the rest keeps the cost of the moves linear.
  const std::int64_t keep_from = std::max(run_start_, cell_ - span_);
  const std::int64_t drop = std::min<std::int64_t>(keep_from - held_start_,
                                                   static_cast<std::int64_t>(held_.size()));
  if (drop > 0 && 2 * drop >= static_cast<std::int64_t>(held_.size())) {
    held_.erase(0, static_cast<std::size_t>(drop));
    held_start_ += drop;
  }
}

void ChunkStream::close_run(const Emit& emit) {
  if (run_start_ < 0) return;
  if (pos_ - run_start_ >= kMinRun) {
    while (cell_ < pos_) emit_cell(pos_, emit);
    clean_ += pos_ - run_start_;
  }
  run_start_ = -1;
  held_.clear();
}

void ChunkStream::feed(std::string_view bases, const Emit& emit) {
  std::size_t k = 0;
  while (k < bases.size()) {
    if (bases[k] == 'N') {
      close_run(emit);
      const std::size_t next = bases.find_first_not_of('N', k);
      const std::size_t end = next == std::string_view::npos ? bases.size() : next;
      pos_ += static_cast<std::int64_t>(end - k);
      k = end;
      continue;
    }
    const std::size_t gap = bases.find('N', k);
    const std::size_t end = gap == std::string_view::npos ? bases.size() : gap;
    if (run_start_ < 0) {
      run_start_ = pos_;
      held_start_ = pos_;
      // The grid cell holding the run's start, in record coordinates.
      cell_ = (run_start_ + offset_) / chunk_ * chunk_ - offset_;
    }
    held_.append(bases.substr(k, end - k));
    pos_ += static_cast<std::int64_t>(end - k);
    k = end;
    // A chunk whose context beyond its cell has been read is complete whatever follows.
    while (pos_ - run_start_ >= kMinRun && pos_ >= cell_ + chunk_ + span_) emit_cell(pos_, emit);
  }
}

void ChunkStream::finish(const Emit& emit) { close_run(emit); }

}  // namespace mirgene::scan
