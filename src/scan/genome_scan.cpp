#include "scan/genome_scan.hpp"

#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "common/ordered_parallel.hpp"
#include "scan/chunks.hpp"
#include "scan/merge.hpp"

namespace mirgene::scan {
namespace {

// Shortest run of plain bases worth folding: no scored piece can be shorter.
constexpr std::int64_t kMinRun = 40;

struct RecordState {
  std::string id;
  std::string seq;  // normalised
  std::vector<Chunk> chunks;
  std::optional<std::string> error;
  std::int64_t skipped = 0;
};

struct Job {
  std::shared_ptr<const RecordState> record;
  std::size_t chunk = 0;  // index into record->chunks; ignored when it has none
  bool last = false;      // the record's last job
};

struct JobResult {
  std::shared_ptr<const RecordState> record;
  bool last = false;
  std::int64_t bases = 0;  // record bases this job accounts for
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
  std::shared_ptr<const RecordState> current;
  std::size_t next_chunk = 0;
  seqio::ReadResult item;
  std::int64_t bases_read = 0;
  std::uint64_t bytes_read = 0;

  auto read_record = [&]() -> bool {
    try {
      if (!reader.next(item)) return false;
    } catch (...) {
      input_error = std::current_exception();
      return false;
    }
    auto r = std::make_shared<RecordState>();
    if (item.error) {
      r->id = item.error->id;
      r->error = item.error->to_string();
    } else {
      r->id = item.record.id;
      r->seq = std::move(item.record.seq);
      bases_read += static_cast<std::int64_t>(r->seq.size());
      bytes_read = reader.bytes_consumed();
      normalize_bases(r->seq);
      std::int64_t clean = 0;
      for (const auto& [s, e] : clean_runs(r->seq, kMinRun)) {
        clean += e - s;
        for (const Chunk& c : plan_chunks(s, e, settings.chunk, settings.span, settings.offset)) {
          // The grid cell's start in the whole sequence decides whether the region has it.
          const std::int64_t cell =
              (c.own_start + settings.offset) / settings.chunk * settings.chunk;
          if (cell < settings.region_start) continue;
          if (settings.region_end >= 0 && cell >= settings.region_end) continue;
          r->chunks.push_back(c);
        }
      }
      r->skipped = static_cast<std::int64_t>(r->seq.size()) - clean;
    }
    current = std::move(r);
    next_chunk = 0;
    return true;
  };

  ordered_parallel<Job, JobResult>(
      threads,
      [&](Job& job) {
        // A record gives one job per chunk, or a single one when it has none.
        auto jobs_of = [](const RecordState& r) { return std::max<std::size_t>(1, r.chunks.size()); };
        while (!current || next_chunk >= jobs_of(*current))
          if (!read_record()) return false;
        job.record = current;
        job.chunk = next_chunk++;
        job.last = next_chunk == jobs_of(*current);
        return true;
      },
      [&](Job& job, int worker) {
        JobResult r;
        r.record = job.record;
        r.last = job.last;
        const RecordState& rec = *job.record;
        if (rec.chunks.empty()) {
          r.bases = static_cast<std::int64_t>(rec.seq.size());
        } else {
          const Chunk& c = rec.chunks[job.chunk];
          r.bases = c.own_end - c.own_start + (job.last ? rec.skipped : 0);
          for (Hairpin& h : scanners[worker]->scan(rec.seq, c))
            if (h.probability >= settings.threshold) r.calls.push_back(std::move(h));
        }
        job.record.reset();
        return r;
      },
      [&, gathered = std::vector<Hairpin>(), bases_done = std::int64_t{0}](JobResult&& r) mutable {
        bases_done += r.bases;
        for (Hairpin& h : r.calls) gathered.push_back(std::move(h));
        if (r.last) {
          const RecordState& rec = *r.record;
          if (rec.error) {
            ++totals.bad_records;
            err << "error: " << *rec.error << '\n';
          } else {
            ++totals.records;
            totals.bases += static_cast<std::int64_t>(rec.seq.size());
            totals.skipped_bases += rec.skipped;
            std::vector<Hairpin> candidates =
                settings.merge ? merge_calls(std::move(gathered)) : sorted_calls(std::move(gathered));
            for (Hairpin& h : candidates) {
              h.start += settings.offset;
              h.end += settings.offset;
            }
            totals.candidates += candidates.size();
            if (callbacks.record) callbacks.record(rec.id, std::move(candidates));
          }
          gathered.clear();
        }
        if (callbacks.progress) callbacks.progress(bases_done, bases_read, bytes_read);
      });
  for (const auto& s : scanners) totals.work += s->work();
  if (input_error) std::rethrow_exception(input_error);
  return totals;
}

}  // namespace mirgene::scan
