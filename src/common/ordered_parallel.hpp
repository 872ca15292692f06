#pragma once
// Process a stream of items on several threads and deliver the results in input order.
//
// The calling thread pulls items from `source` and hands results to `sink`; worker threads
// only run `work`. Items travel through a ring of `window` slots, so at most `window` items
// are in flight (pulled but not yet sunk) whatever the input size, and each slot's In object
// is reused, so a source that fills its argument in place keeps its string capacity.
//
// Failure behaves like a sequential loop: if work throws for item k, every result before k
// is still sunk, then the exception of item k is rethrown (the earliest failing item in
// input order, not the first to fail in time); items after k are not sunk. If source or sink
// throws, that exception is rethrown. In every case no new item is pulled once a failure is
// known, and all worker threads are joined before ordered_parallel returns or throws.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace mirgene {

// Items in flight per worker thread when the caller passes window = 0.
inline constexpr std::size_t kDefaultWindowPerThread = 64;

inline int default_thread_count() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

namespace detail {

// Shared state of one ordered_parallel call. Items are numbered in source order; item n
// lives in slot n % window. Counters only grow: emitted <= taken <= dispatched, and
// dispatched - emitted <= window.
template <class In, class Out>
class OrderedPipeline {
 public:
  explicit OrderedPipeline(std::size_t window) : slots_(window) {}

  template <class Work>
  void run_worker(Work& work, int worker_index) {
    for (;;) {
      std::uint64_t item;
      bool after_failure;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || taken_ < dispatched_; });
        if (stopping_) return;
        item = taken_++;
        after_failure = item > first_failed_;
      }
      Slot& slot = slot_of(item);
      std::exception_ptr failure;
      // Items after a failed one are marked done unprocessed: they will never be sunk.
      if (!after_failure) {
        try {
          slot.out.emplace(work(slot.in, worker_index));
        } catch (...) {
          failure = std::current_exception();
        }
      }
      std::lock_guard lock(mutex_);
      slot.failure = std::move(failure);
      slot.done = true;
      if (slot.failure && item < first_failed_) first_failed_ = item;
      if (item == emitted_) result_ready_.notify_one();
    }
  }

  template <class Source, class Sink>
  void run_caller(Source& source, Sink& sink) {
    const std::uint64_t window = slots_.size();
    bool source_done = false;
    for (;;) {
      // Pull while the window has room; no lock needed for the pull itself because only
      // this thread touches a slot that has not been dispatched yet.
      while (!source_done && dispatched_ - emitted_ < window && !failed()) {
        Slot& slot = slot_of(dispatched_);
        if (!source(slot.in)) {
          source_done = true;
          break;
        }
        {
          std::lock_guard lock(mutex_);
          ++dispatched_;
        }
        work_ready_.notify_one();
      }
      // A failed item is always dispatched and not yet emitted, so the loop below reaches it
      // and throws; only a clean end of the source gets here with nothing in flight.
      if (emitted_ == dispatched_) return;

      std::unique_lock lock(mutex_);
      result_ready_.wait(lock, [&] { return slot_of(emitted_).done; });
      while (emitted_ < dispatched_ && slot_of(emitted_).done) {
        Slot& slot = slot_of(emitted_);
        if (slot.failure) std::rethrow_exception(slot.failure);
        lock.unlock();
        sink(std::move(*slot.out));
        slot.out.reset();
        lock.lock();
        slot.done = false;
        ++emitted_;
      }
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
  }

 private:
  static constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();

  struct Slot {
    In in{};
    std::optional<Out> out;
    std::exception_ptr failure;
    bool done = false;
  };

  Slot& slot_of(std::uint64_t item) { return slots_[item % slots_.size()]; }
  bool failed() {
    std::lock_guard lock(mutex_);
    return first_failed_ != kNone;
  }

  std::vector<Slot> slots_;
  std::mutex mutex_;
  std::condition_variable work_ready_;    // workers wait for dispatched items
  std::condition_variable result_ready_;  // the caller waits for the next result in order
  std::uint64_t dispatched_ = 0;          // items pulled from the source
  std::uint64_t taken_ = 0;               // items picked up by a worker
  std::uint64_t emitted_ = 0;             // items handed to the sink
  std::uint64_t first_failed_ = kNone;    // earliest item whose work threw
  bool stopping_ = false;
};

// Joins the workers on every exit path, including exceptions from source or sink.
template <class Pipeline>
class WorkerThreads {
 public:
  explicit WorkerThreads(Pipeline& pipeline) : pipeline_(pipeline) {}
  ~WorkerThreads() {
    pipeline_.stop();
    for (std::thread& thread : threads_) thread.join();
  }
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  template <class Body>
  void start(Body body) {
    threads_.emplace_back(std::move(body));
  }

 private:
  Pipeline& pipeline_;
  std::vector<std::thread> threads_;
};

}  // namespace detail

// A source for ordered_parallel<std::size_t, Out> that hands out 0, 1, ..., count - 1: for
// work over the items of a container already in memory.
inline auto index_source(std::size_t count) {
  return [next = std::size_t{0}, count](std::size_t& index) mutable {
    if (next == count) return false;
    index = next++;
    return true;
  };
}

// Pulls items with `source(In&) -> bool` (false at end), runs `work(In&, int worker_index)
// -> Out` on `threads` worker threads (worker_index in [0, threads), one index per thread,
// so callers can keep per-thread scratch), and calls `sink(Out&&)` in source order.
// source and sink run on the calling thread. threads <= 1 runs everything inline.
// window = 0 means kDefaultWindowPerThread items per thread. In must be default-
// constructible; Out move-constructible.
template <class In, class Out, class Source, class Work, class Sink>
void ordered_parallel(int threads, Source&& source, Work&& work, Sink&& sink,
                      std::size_t window = 0) {
  if (threads <= 1) {
    In item{};
    while (source(item)) sink(work(item, 0));
    return;
  }
  if (window == 0) window = kDefaultWindowPerThread * static_cast<std::size_t>(threads);
  detail::OrderedPipeline<In, Out> pipeline(window);
  detail::WorkerThreads workers(pipeline);
  for (int index = 0; index < threads; ++index) {
    workers.start([&pipeline, &work, index] { pipeline.run_worker(work, index); });
  }
  pipeline.run_caller(source, sink);
}

}  // namespace mirgene
