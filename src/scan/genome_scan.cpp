#include "scan/genome_scan.hpp"

#include <deque>
#include <exception>
#include <utility>

#include "common/ordered_parallel.hpp"
#include "scan/chunk_stream.hpp"
#include "scan/merge.hpp"

namespace mirgene::scan {
namespace {

// One chunk to scan, with its text, or a record's end (which may carry no chunk).
struct Job {
  std::string id;
  bool has_chunk = false;
  Chunk chunk;
  std::string text;  // the record's bases [chunk.fold_start, chunk.fold_end)
  bool record_end = false;
  // At the record's end: its length, bases not folded, and the error that ended it.
  std::int64_t length = 0, skipped = 0;
  std::optional<std::string> error;
};

struct JobResult {
  Job job;  // text dropped
  std::vector<Hairpin> calls;
};

}  // namespace

ScanTotals scan_fasta(seqio::FastaReader& reader, std::span<const nn::Network> members,
                      const ScanSettings& settings, int threads, const ScanCallbacks& callbacks,
                      std::ostream& err) {
  check_settings(settings);
  threads = std::max(1, threads);
  std::vector<std::unique_ptr<ChunkScanner>> scanners;
  for (int t = 0; t < threads; ++t)
    scanners.push_back(std::make_unique<ChunkScanner>(members, settings));

  ScanTotals totals;
  std::exception_ptr input_error;
  ChunkStream stream(settings);
  std::deque<Job> queued;  // jobs cut from the pieces read, not yet handed out
  seqio::ReadResult piece;
  std::int64_t bases_read = 0;
  std::uint64_t bytes_read = 0;

  // Reads the next piece and queues the jobs it completes; false at the end of input.
  auto read_piece = [&]() -> bool {
    try {
      if (!reader.next_piece(piece, settings.read_piece)) return false;
    } catch (...) {
      input_error = std::current_exception();
      return false;
    }
    const std::string& id = piece.error ? piece.error->id : piece.record.id;
    auto queue_chunk = [&](const Chunk& c, std::string_view text) {
      Job& job = queued.emplace_back();
      job.id = id;
      job.has_chunk = true;
      job.chunk = c;
      job.text.assign(text);
    };
    if (piece.piece_offset == 0) stream.reset();
    if (!piece.error) {
      bases_read += static_cast<std::int64_t>(piece.record.seq.size());
      bytes_read = reader.bytes_consumed();
      normalize_bases(piece.record.seq);
      stream.feed(piece.record.seq, queue_chunk);
    }
    if (piece.last_piece) {
      // A record cut short by an error keeps the chunks scanned before it, not the rest.
      if (!piece.error) stream.finish(queue_chunk);
      Job& end = queued.emplace_back();
      end.id = id;
      end.record_end = true;
      end.length = stream.position();
      end.skipped = stream.skipped();
      if (piece.error) end.error = piece.error->to_string();
    }
    return true;
  };

  CandidateStream candidates(settings.merge);
  std::int64_t bases_done = 0;
  std::int64_t record_candidates = 0;
  std::int64_t record_frontier = -1;  // the record's candidates handed over start before this
  auto deliver = [&](const std::string& id, std::vector<Hairpin>&& found) {
    for (Hairpin& h : found) {
      h.start += settings.offset;
      h.end += settings.offset;
    }
    record_candidates += static_cast<std::int64_t>(found.size());
    totals.candidates += found.size();
    if (callbacks.record) callbacks.record(id, std::move(found));
  };

  ordered_parallel<Job, JobResult>(
      threads,
      [&](Job& job) {
        while (queued.empty())
          if (!read_piece()) return false;
        job = std::move(queued.front());
        queued.pop_front();
        return true;
      },
      [&](Job& job, int worker) {
        JobResult r;
        if (job.has_chunk) {
          for (Hairpin& h : scanners[worker]->scan(job.text, job.chunk))
            if (h.probability >= settings.threshold) r.calls.push_back(std::move(h));
        }
        job.text.clear();
        r.job = std::move(job);
        return r;
      },
      [&](JobResult&& r) {
        const Job& job = r.job;
        candidates.add(std::move(r.calls));
        if (job.has_chunk) {
          bases_done += job.chunk.own_end - job.chunk.own_start;
          // Later chunks fold from at least `span` before their owned part, which starts
          // at or after this one's end: no later call starts before that.
          record_frontier = job.chunk.own_end - settings.span;
          std::vector<Hairpin> found = candidates.release(record_frontier);
          if (!found.empty()) deliver(job.id, std::move(found));
        }
        if (job.record_end) {
          bases_done += job.skipped;
          std::vector<Hairpin> rest = candidates.finish();
          if (job.error) {
            ++totals.bad_records;
            // Candidates handed over before the error are final; those held back near the
            // scan's front could still have changed, so they are dropped with the rest.
            err << "error: " << *job.error;
            if (record_frontier >= 0)
              err << " (" << record_candidates << " candidates, all starting before position "
                  << record_frontier + settings.offset
                  << ", were written before the error was found; the rest of the record was "
                     "not scanned)";
            err << '\n';
          } else {
            ++totals.records;
            totals.bases += job.length;
            totals.skipped_bases += job.skipped;
            deliver(job.id, std::move(rest));
          }
          if (callbacks.record_end) callbacks.record_end(job.id);
          record_candidates = 0;
          record_frontier = -1;
        }
        if (callbacks.progress) callbacks.progress(bases_done, bases_read, bytes_read);
      });
  for (const auto& s : scanners) totals.work += s->work();
  if (input_error) std::rethrow_exception(input_error);
  return totals;
}

}  // namespace mirgene::scan
