// mirgene.scan: scan::scan_fasta (what `mirgene scan` runs) on a FASTA file or on records
// handed over from Python, streamed to a Python generator while it runs.
//
// The scan runs on a thread of its own with the GIL released; its candidates and its
// messages about unreadable records are queued in input order (at most kMaxQueued events:
// the scan waits while Python does not take them) and taken by ScanRun::next on the
// Python side. Records from Python are pulled by that thread, with the GIL, as the FASTA
// reader needs more text. Closing the generator (or dropping it) cancels the scan: the
// next candidate, progress report or record read ends it, and the thread is joined.
#include <pybind11/pybind11.h>

#include <cxxabi.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <streambuf>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "common/error.hpp"
#include "predict/model.hpp"
#include "records.hpp"
#include "scan/fp_calibration.hpp"
#include "scan/genome_scan.hpp"
#include "scoring.hpp"

namespace py = pybind11;

namespace mirgene::python {
namespace {

// Thrown on the scan's thread to end a cancelled scan.
struct Cancelled {};

// FASTA text of (id, sequence) pairs pulled one at a time from a Python iterator. A Python
// exception (or an id with a line end) ends the text there; error() gives it afterwards.
class PythonRecordsBuf final : public std::streambuf {
 public:
  PythonRecordsBuf(py::object iterator, const std::atomic<bool>& cancelled)
      : iterator_(std::move(iterator)), cancelled_(cancelled) {}
  ~PythonRecordsBuf() override {
    py::gil_scoped_acquire gil;
    iterator_ = py::object();
  }
  std::exception_ptr error() const { return error_; }

 protected:
  int_type underflow() override {
    while (gptr() == egptr()) {
      if (done_ || cancelled_) return traits_type::eof();
      text_.clear();
      try {
        py::gil_scoped_acquire gil;
        auto item = py::reinterpret_steal<py::object>(PyIter_Next(iterator_.ptr()));
        if (!item) {
          if (PyErr_Occurred()) throw py::error_already_set();
          done_ = true;
          return traits_type::eof();
        }
        auto pair = item.cast<py::tuple>();
        append_fasta_record(text_, ++count_, pair[0].cast<std::string>(),
                            pair[1].cast<std::string>());
      } catch (const abi::__forced_unwind&) {
        throw;  // the thread is being ended (pthread_exit): let it unwind
      } catch (...) {
        error_ = std::current_exception();
        done_ = true;
        return traits_type::eof();
      }
      setg(text_.data(), text_.data(), text_.data() + text_.size());
    }
    return traits_type::to_int_type(*gptr());
  }

 private:
  py::object iterator_;
  const std::atomic<bool>& cancelled_;
  std::string text_;
  std::size_t count_ = 0;
  bool done_ = false;
  std::exception_ptr error_;
};

// What the scan hands over, in order: a record's next candidates, or the message about an
// unreadable record (the CLI's stderr line without "error: ").
struct Event {
  std::string chrom;
  std::vector<scan::Hairpin> candidates;
  std::string error;
};

class ScanRun;

// The scan's `err` stream: each complete line becomes an error event.
class ErrorLines final : public std::streambuf {
 public:
  explicit ErrorLines(ScanRun& run) : run_(run) {}

 protected:
  int_type overflow(int_type c) override;

 private:
  ScanRun& run_;
  std::string line_;
};

class ScanRun {
 public:
  ScanRun(py::object model, py::object input, const scan::ScanSettings& settings, int threads)
      : model_(std::move(model)),
        members_(model_.cast<const predict::Model&>().members()),
        fp_table_(scan::fp_table_of(model_.cast<const predict::Model&>().file.metadata,
                                    model_.cast<const predict::Model&>().path)),
        settings_(settings),
        threads_(thread_count(threads)),
        errors_(*this),
        err_(&errors_) {
    scan::check_settings(settings_);
    if (py::isinstance<py::str>(input)) {
      reader_ = seqio::FastaReader::open(input.cast<std::string>());
    } else {
      records_ = std::make_unique<PythonRecordsBuf>(py::iter(input), cancelled_);
      stream_ = std::make_unique<std::istream>(records_.get());
      reader_ = std::make_unique<seqio::FastaReader>(*stream_, kInputName);
    }
  }

  ~ScanRun() {
    if (!worker_.joinable()) return;
    if (PyGILState_Check()) {
      py::gil_scoped_release release;
      stop();
    } else {
      stop();
    }
  }

  // The next event as a Python object: a list of candidate tuples, or a str (an unreadable
  // record's message); None at the end. Rethrows what ended the scan early.
  py::object next() {
    if (!started_) {
      started_ = true;
      worker_ = std::thread([this] { run(); });
    }
    for (;;) {
      std::optional<Event> event;
      bool finished = false;
      {
        py::gil_scoped_release release;
        std::unique_lock lock(mutex_);
        ready_.wait_for(lock, std::chrono::milliseconds(100),
                        [&] { return !queue_.empty() || finished_; });
        if (!queue_.empty()) {
          event = std::move(queue_.front());
          queue_.pop_front();
          room_.notify_one();
        } else {
          finished = finished_;
        }
      }
      if (event) return to_python(std::move(*event));
      if (finished) {
        {
          py::gil_scoped_release release;
          if (worker_.joinable()) worker_.join();
        }
        if (failure_) {
          std::exception_ptr failure = std::exchange(failure_, nullptr);
          std::rethrow_exception(failure);
        }
        return py::none();
      }
      if (PyErr_CheckSignals() != 0) {
        {
          py::gil_scoped_release release;
          stop();
        }
        throw py::error_already_set();
      }
    }
  }

  // Cancels the scan and waits for its thread (what closing the generator does).
  void close() {
    py::gil_scoped_release release;
    stop();
  }

  void push(Event&& event) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < kMaxQueued || cancelled_; });
    if (cancelled_) throw Cancelled{};
    queue_.push_back(std::move(event));
    ready_.notify_one();
  }

 private:
  static constexpr std::size_t kMaxQueued = 256;

  py::object to_python(Event&& event) const {
    if (!event.candidates.empty()) {
      py::list rows;
      const py::str chrom(event.chrom);
      for (const scan::Hairpin& h : event.candidates) {
        // The calibration's false positives per Mb at this probability, None without one.
        py::object fp_per_mb = py::none();
        if (fp_table_) fp_per_mb = py::float_(scan::fp_per_mb_at(*fp_table_, h.probability));
        rows.append(py::make_tuple(chrom, h.start, h.end, std::string(1, h.strand),
                                   static_cast<double>(h.probability), h.energy / 100.0,
                                   h.sequence, h.structure, fp_per_mb));
      }
      return rows;
    }
    return py::str(event.error);
  }

  void run() {
    scan::ScanCallbacks callbacks;
    callbacks.record = [this](const std::string& chrom, std::vector<scan::Hairpin>&& found) {
      if (cancelled_) throw Cancelled{};
      if (!found.empty()) push(Event{chrom, std::move(found), {}});
    };
    callbacks.progress = [this](std::int64_t, std::int64_t, std::uint64_t) {
      if (cancelled_) throw Cancelled{};
    };
    std::exception_ptr failure;
    try {
      scan::scan_fasta(*reader_, members_, settings_, threads_, callbacks, err_);
    } catch (const Cancelled&) {
    } catch (...) {
      failure = std::current_exception();
    }
    // A failure of the Python records ended their text: it is what ended the scan.
    if (!failure && records_ && !cancelled_) failure = records_->error();
    std::lock_guard lock(mutex_);
    failure_ = failure;
    finished_ = true;
    ready_.notify_all();
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
      room_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
  }

  py::object model_;  // a mirgene._core.Model, kept alive while the scan runs
  std::span<const nn::Network> members_;
  std::optional<scan::FpTable> fp_table_;
  scan::ScanSettings settings_;
  int threads_;
  std::unique_ptr<PythonRecordsBuf> records_;
  std::unique_ptr<std::istream> stream_;
  std::unique_ptr<seqio::FastaReader> reader_;
  ErrorLines errors_;
  std::ostream err_;

  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Event> queue_;
  std::atomic<bool> cancelled_{false};
  bool finished_ = false;
  bool started_ = false;
  std::exception_ptr failure_;
  std::thread worker_;
};

ErrorLines::int_type ErrorLines::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  if (c != '\n') {
    line_ += traits_type::to_char_type(c);
    return c;
  }
  const std::string prefix = "error: ";
  std::string message = std::exchange(line_, {});
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  run_.push(Event{{}, {}, std::move(message)});
  return c;
}

}  // namespace

void bind_scan(py::module_& m) {
  py::class_<ScanRun>(m, "ScanRun")
      .def(py::init([](py::object model, py::object input, double threshold, bool plus,
                       bool minus, int threads, int span, int chunk, int flank, int min_length,
                       int min_pairs, bool merge) {
             scan::ScanSettings s;
             s.threshold = threshold;
             s.plus = plus;
             s.minus = minus;
             s.span = span;
             s.chunk = chunk;
             s.flank = flank;
             s.min_length = min_length;
             s.min_pairs = min_pairs;
             s.merge = merge;
             return std::make_unique<ScanRun>(std::move(model), std::move(input), s, threads);
           }),
           py::arg("model"), py::arg("input"), py::arg("threshold"), py::arg("plus"),
           py::arg("minus"), py::arg("threads"), py::arg("span"), py::arg("chunk"),
           py::arg("flank"), py::arg("min_length"), py::arg("min_pairs"), py::arg("merge"),
           "A scan of a FASTA file (input: str, its path) or of (id, sequence) pairs (any "
           "other iterable), as `mirgene scan`; started by the first next().")
      .def("next", &ScanRun::next,
           "The next candidates of a record (a list of tuples), an unreadable record's "
           "message (str), or None at the end.")
      .def("close", &ScanRun::close, "Cancels the scan and waits for it to stop.");
  // One default for the CLI and Python: the scan's own.
  m.attr("default_scan_threshold") = scan::ScanSettings{}.threshold;
  m.def(
      "threshold_for_max_fp",
      [](const predict::Model& model, double max_fp_per_mb) {
        const auto table = scan::fp_table_of(model.file.metadata, model.path);
        if (!table)
          throw Error(model.path + ": the model carries no false-positive calibration (metadata '" +
                      std::string(scan::kFpMetadataKey) +
                      "'); calibrate it with `mirgene calibrate` or give threshold");
        try {
          return scan::threshold_for_max_fp(*table, max_fp_per_mb);
        } catch (const Error& e) {
          throw Error(model.path + ": " + e.what());
        }
      },
      py::arg("model"), py::arg("max_fp_per_mb"),
      "The lowest threshold at which the model's calibration counts at most this many false "
      "positives per Mb (scan --max-fp-per-mb).");
}

}  // namespace mirgene::python
