#pragma once
// The loop of every per-record command (fold, predict, explain, report): pull items from a
// SequenceSource, process them on worker threads, deliver the results in input order, and
// report each bad record on stderr without losing the others, and warn about repeated ids.
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

#include "common/ordered_parallel.hpp"
#include "common/output_check.hpp"
#include "predict/duplicate_ids.hpp"
#include "predict/sequence_source.hpp"

namespace mirgene::predict {

struct RecordCounts {
  std::size_t ok = 0;
  std::size_t failed = 0;
};

// What processing one item gives: a result to deliver and, when the item failed, the message
// for stderr ("" when it succeeded).
template <class Result>
struct Processed {
  Result result{};
  std::string error;
};

// A record-level failure, phrased like the reader's own errors.
inline std::string record_error(const std::string& source, const seqio::Record& r,
                                const std::string& what) {
  return source + ": record '" + r.id + "' (#" + std::to_string(r.number) + "): " + what;
}

// `work(item, worker)` returns a Processed<Result>; `deliver(Result&&)` receives every
// result in input order, failed items' included (a command may still write a row for them).
// After each delivered failure "error: MESSAGE" goes to `err`, `out` flushed first so that
// rows and messages interleave in order on a terminal. An input that fails as a whole ends
// the stream early: the caller finishes its output with what was delivered, then calls
// source.rethrow_input_error(). When `out` fails (a full disk) the run stops with
// mirgene::Error at once rather than computing what nobody can read.
template <class Result, class Work, class Deliver>
RecordCounts stream_in_order(SequenceSource& source, int threads, Work&& work, Deliver&& deliver,
                             std::ostream& out, std::ostream& err) {
  RecordCounts counts;
  DuplicateIds duplicates;
  ordered_parallel<seqio::ReadResult, Processed<Result>>(
      threads,
      [&](seqio::ReadResult& item) {
        if (!source.next(item)) return false;
        duplicates.add(item.record);
        return true;
      },
      [&](seqio::ReadResult& item, int worker) { return work(item, worker); },
      [&](Processed<Result>&& p) {
        errno = 0;
        deliver(std::move(p.result));
        ensure_written(out);
        if (p.error.empty()) {
          ++counts.ok;
        } else {
          out.flush();
          err << "error: " << p.error << '\n';
          ++counts.failed;
        }
      });
  ensure_flushed(out);
  duplicates.report(source.name(), err);
  return counts;
}

// Non-zero only when nothing could be processed: one bad record never fails a whole run.
inline int exit_status(const RecordCounts& c, const std::string& source, std::ostream& err) {
  if (c.ok == 0 && c.failed == 0) {
    err << "warning: no FASTA records in " << source << '\n';
    return 0;
  }
  if (c.failed > 0) {
    err << "mirgene: " << c.failed << " of " << (c.ok + c.failed)
        << " records could not be processed\n";
  }
  return c.ok == 0 ? 1 : 0;
}

}  // namespace mirgene::predict
