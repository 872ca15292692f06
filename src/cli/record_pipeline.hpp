#pragma once
// The loop shared by the per-record commands (fold, predict, ...): stream FASTA records,
// process them on worker threads, write results in input order, report each bad record
// on stderr without losing the others.
#include <cstddef>
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::cli {

struct RecordCounts {
  std::size_t ok = 0;
  std::size_t failed = 0;
};

// The FASTA records of an input as ordered_parallel's source. A failure of the input as a
// whole (truncated or corrupt gzip data, a read error) ends the stream instead of throwing
// at once, so that every record read before it is still processed and written; the caller
// then calls rethrow_input_error() to report it and fail the run.
class RecordSource {
 public:
  explicit RecordSource(const std::string& input) : reader_(seqio::FastaReader::open(input)) {}

  bool operator()(seqio::ReadResult& item) {
    if (input_error_) return false;
    try {
      return reader_->next(item);
    } catch (const Error&) {
      input_error_ = std::current_exception();
      return false;
    }
  }
  void rethrow_input_error() const {
    if (input_error_) std::rethrow_exception(input_error_);
  }

 private:
  std::unique_ptr<seqio::FastaReader> reader_;
  std::exception_ptr input_error_;
};

// A record-level failure, phrased like the reader's own errors.
inline std::string record_error(const std::string& source, const seqio::Record& r,
                                const std::string& what) {
  return source + ": record '" + r.id + "' (#" + std::to_string(r.number) + "): " + what;
}

// `work(record, worker)` returns the text to print for a good record, or throws
// mirgene::Error for a record it cannot process. Output order is input order.
template <class Work>
RecordCounts run_record_pipeline(const std::string& input, int threads, Work&& work,
                                 std::ostream& out, std::ostream& err) {
  struct Outcome {
    std::string text;
    std::string error;
  };
  RecordSource records(input);
  const std::string source = input == "-" ? "<stdin>" : input;
  RecordCounts counts;
  ordered_parallel<seqio::ReadResult, Outcome>(
      threads, records,
      [&](seqio::ReadResult& item, int worker) {
        Outcome o;
        if (item.error) {
          o.error = item.error->to_string();
          return o;
        }
        try {
          o.text = work(item.record, worker);
        } catch (const Error& e) {
          o.error = record_error(source, item.record, e.what());
        }
        return o;
      },
      [&](Outcome&& o) {
        if (o.error.empty()) {
          out << o.text;
          ++counts.ok;
        } else {
          err << "error: " << o.error << '\n';
          ++counts.failed;
        }
      });
  out.flush();
  records.rethrow_input_error();
  return counts;
}

// Non-zero only when nothing could be processed: one bad record never fails a whole run.
inline int exit_status(const RecordCounts& c, const std::string& input, std::ostream& err) {
  if (c.ok == 0 && c.failed == 0) {
    err << "warning: no FASTA records in " << (input == "-" ? "<stdin>" : input) << '\n';
    return 0;
  }
  if (c.failed > 0) {
    err << "mirgene: " << c.failed << " of " << (c.ok + c.failed)
        << " records could not be processed\n";
  }
  return c.ok == 0 ? 1 : 0;
}

}  // namespace mirgene::cli
