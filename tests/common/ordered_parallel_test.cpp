#include "common/ordered_parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mirgene {
namespace {

// Deterministic pseudo-random work time per item, so runs differ only by scheduling.
std::chrono::microseconds work_time(int item) {
  const std::uint32_t hash = static_cast<std::uint32_t>(item) * 2654435761u;
  return std::chrono::microseconds(hash % 300);
}

// Source of the integers 0..count-1 that also tracks how many items are in flight (pulled
// but not yet sunk); source and sink run on the calling thread, so plain ints suffice.
struct CountingSource {
  int count;
  int pulled = 0;
  int sunk = 0;
  int max_in_flight = 0;
  bool operator()(int& item) {
    if (pulled == count) return false;
    item = pulled++;
    max_in_flight = std::max(max_in_flight, pulled - sunk);
    return true;
  }
};

std::vector<std::string> run(int threads, int count, std::size_t window = 0) {
  CountingSource source{count};
  std::vector<std::string> out;
  ordered_parallel<int, std::string>(
      threads, source,
      [](int& item, int) {
        std::this_thread::sleep_for(work_time(item));
        return "item " + std::to_string(item);
      },
      [&](std::string&& result) {
        ++source.sunk;
        out.push_back(std::move(result));
      },
      window);
  return out;
}

TEST(OrderedParallel, KeepsSourceOrderWithRandomWorkTimes) {
  const auto out = run(4, 2000);
  ASSERT_EQ(out.size(), 2000u);
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(out[i], "item " + std::to_string(i));
}

TEST(OrderedParallel, OneThreadAndManyThreadsGiveTheSameOutput) {
  const auto inline_run = run(1, 500);
  EXPECT_EQ(inline_run.size(), 500u);
  EXPECT_EQ(run(2, 500), inline_run);
  EXPECT_EQ(run(8, 500), inline_run);
  EXPECT_EQ(run(3, 500, 1), inline_run);
  EXPECT_EQ(run(5, 500, 7), inline_run);
}

TEST(OrderedParallel, HandlesAnEmptySource) {
  EXPECT_TRUE(run(1, 0).empty());
  EXPECT_TRUE(run(4, 0).empty());
}

TEST(OrderedParallel, GivesEachWorkerIndexToExactlyOneThread) {
  constexpr int kThreads = 6;
  std::vector<std::atomic<int>> busy(kThreads);
  std::vector<std::thread::id> owner(kThreads);
  std::atomic<int> violations{0};
  std::vector<int> items_per_worker(kThreads, 0);  // each written only by its own worker
  CountingSource source{3000};
  int sunk = 0;
  ordered_parallel<int, int>(
      kThreads, source,
      [&](int& item, int worker) {
        if (worker < 0 || worker >= kThreads) {
          ++violations;
          return item;
        }
        if (busy[worker].exchange(1) != 0) ++violations;
        if (owner[worker] == std::thread::id()) owner[worker] = std::this_thread::get_id();
        if (owner[worker] != std::this_thread::get_id()) ++violations;
        ++items_per_worker[worker];
        std::this_thread::sleep_for(work_time(item) / 10);
        busy[worker].store(0);
        return item;
      },
      [&](int&& item) { EXPECT_EQ(item, sunk++); });
  EXPECT_EQ(sunk, 3000);
  EXPECT_EQ(violations.load(), 0);
  int total = 0;
  for (int n : items_per_worker) total += n;
  EXPECT_EQ(total, 3000);
}

TEST(OrderedParallel, RunsInlineOnTheCallingThreadWithOneThread) {
  const auto caller = std::this_thread::get_id();
  CountingSource source{50};
  int sunk = 0;
  for (int threads : {1, 0, -3}) {
    source = CountingSource{50};
    sunk = 0;
    ordered_parallel<int, int>(
        threads, source,
        [&](int& item, int worker) {
          EXPECT_EQ(worker, 0);
          EXPECT_EQ(std::this_thread::get_id(), caller);
          return item * 2;
        },
        [&](int&& result) { EXPECT_EQ(result, 2 * sunk++); });
    EXPECT_EQ(sunk, 50);
  }
}

TEST(OrderedParallel, NeverHasMoreThanTheWindowInFlight) {
  for (std::size_t window : {1u, 3u, 16u}) {
    SCOPED_TRACE("window " + std::to_string(window));
    EXPECT_EQ(run(4, 400, window).size(), 400u);
    CountingSource source{400};
    std::vector<int> out;
    ordered_parallel<int, int>(
        4, source, [](int& item, int) { return item; },
        [&](int&& item) {
          ++source.sunk;
          out.push_back(item);
        },
        window);
    EXPECT_EQ(out.size(), 400u);
    EXPECT_LE(source.max_in_flight, static_cast<int>(window));
  }
}

// While item 0 is held back, the caller must fill the window exactly and then stop pulling.
TEST(OrderedParallel, FillsTheWindowButNoMoreWhileTheFirstItemIsSlow) {
  constexpr std::size_t kWindow = 12;
  std::mutex mutex;
  std::condition_variable pulled_changed;
  int pulled = 0;
  int pulled_when_released = -1;
  int sunk = 0;
  ordered_parallel<int, int>(
      3,
      [&](int& item) {
        std::lock_guard lock(mutex);
        if (pulled == 100) return false;
        item = pulled++;
        pulled_changed.notify_all();
        return true;
      },
      [&](int& item, int) {
        if (item == 0) {
          std::unique_lock lock(mutex);
          // The timeout only turns a broken window into a failure instead of a hang.
          pulled_changed.wait_for(lock, std::chrono::seconds(10),
                                  [&] { return pulled >= static_cast<int>(kWindow); });
          lock.unlock();
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          lock.lock();
          pulled_when_released = pulled;
        }
        return item;
      },
      [&](int&& item) { EXPECT_EQ(item, sunk++); }, kWindow);
  EXPECT_EQ(sunk, 100);
  EXPECT_EQ(pulled_when_released, static_cast<int>(kWindow));
}

TEST(OrderedParallel, RethrowsAWorkFailureAfterSinkingEveryEarlierResult) {
  for (int threads : {1, 4}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    CountingSource source{100000};
    std::vector<int> out;
    try {
      ordered_parallel<int, int>(
          threads, source,
          [](int& item, int) {
            if (item == 700) throw std::runtime_error("work failed on 700");
            return item;
          },
          [&](int&& item) {
            ++source.sunk;
            out.push_back(item);
          },
          32);
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "work failed on 700");
    }
    ASSERT_EQ(out.size(), 700u);
    for (int i = 0; i < 700; ++i) ASSERT_EQ(out[i], i);
    EXPECT_LE(source.pulled, 700 + 32);  // stopped pulling within one window
  }
}

TEST(OrderedParallel, RethrowsTheEarliestFailingItemWhenSeveralFail) {
  // Item 40 fails slowly and later items fail fast, so later failures come first in time.
  CountingSource source{1000};
  int sunk = 0;
  try {
    ordered_parallel<int, int>(
        4, source,
        [](int& item, int) -> int {
          if (item == 40) {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            throw std::runtime_error("failure 40");
          }
          if (item > 40 && item % 3 == 0)
            throw std::runtime_error("failure " + std::to_string(item));
          return item;
        },
        [&](int&& item) { EXPECT_EQ(item, sunk++); }, 64);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "failure 40");
  }
  EXPECT_EQ(sunk, 40);
}

TEST(OrderedParallel, RethrowsASinkFailureAndStopsPulling) {
  CountingSource source{100000};
  std::atomic<int> worked{0};
  try {
    ordered_parallel<int, int>(
        4, source,
        [&](int& item, int) {
          ++worked;
          return item;
        },
        [&](int&& item) {
          if (item == 300) throw std::logic_error("sink failed on 300");
        },
        16);
    FAIL() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "sink failed on 300");
  }
  EXPECT_LE(source.pulled, 300 + 16);
  EXPECT_LE(worked.load(), 300 + 16);
}

TEST(OrderedParallel, RethrowsASourceFailure) {
  int pulled = 0;
  int sunk = 0;
  const auto failing_source = [&](int& item) {
    if (pulled == 50) throw std::out_of_range("source failed");
    item = pulled++;
    return true;
  };
  const auto identity = [](int& item, int) { return item; };
  const auto count = [&](int&&) { ++sunk; };
  EXPECT_THROW((ordered_parallel<int, int>(3, failing_source, identity, count)), std::out_of_range);
  EXPECT_EQ(pulled, 50);
  EXPECT_LE(sunk, 50);
}

TEST(OrderedParallel, MovesMoveOnlyResultsAndReusesInputSlots) {
  CountingSource counter{300};
  std::vector<int> out;
  ordered_parallel<std::string, std::unique_ptr<int>>(
      3,
      [&](std::string& text) {
        int item;
        if (!counter(item)) return false;
        text.assign(static_cast<std::size_t>(item % 17), 'x');
        text += std::to_string(item);
        return true;
      },
      [](std::string& text, int) {
        return std::make_unique<int>(std::stoi(text.substr(text.find_first_not_of('x'))));
      },
      [&](std::unique_ptr<int>&& value) { out.push_back(*value); }, 8);
  ASSERT_EQ(out.size(), 300u);
  for (int i = 0; i < 300; ++i) ASSERT_EQ(out[i], i);
}

TEST(OrderedParallel, DefaultThreadCountIsAtLeastOne) {
  EXPECT_GE(default_thread_count(), 1);
}

}  // namespace
}  // namespace mirgene
