#pragma once
// Independent jobs 0..count-1 on a fixed number of threads, each job taken by the next free
// thread. Used for coarse work (a whole training run per job), so a plain atomic counter is
// all the scheduling needed.
//
// Failure behaves like a sequential loop over the jobs: every job still runs, then the
// exception of the lowest-numbered failing job is rethrown after all threads have joined.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace mirgene {

template <class Job>
void run_parallel_jobs(std::size_t count, int threads, Job&& job) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t workers = std::min(count, static_cast<std::size_t>(std::max(threads, 1)));
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace mirgene
