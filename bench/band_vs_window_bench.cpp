// Folding time of `mirgene scan`'s band against folding every window on its own, measured
// in alternation within one process: on a shared machine the speed of the host drifts by a
// third from minute to minute (bench/scan_throughput.sh runs the two as separate programs,
// tens of seconds apart), and here each band pass is followed within a second by the
// window pass it is compared with.
//
// Input: the first REGION nt of yeast chromosome I (data/genomes/sacCer_chr1.fa.gz), both
// strands. Band: the chunks `mirgene scan` folds at its default settings (chunk, span and
// context of ScanSettings), each strand's chunk folded with the span limit, as the scanner
// does. Per window: every WINDOW-nt window at step STEP folded alone without a limit, as
// `mirgene fold` folds it. Times are thread CPU seconds.
//
// Usage (from the repository root): build/bench/band_vs_window_bench [REGION] [REPS] [STEP]
// [CHUNK] [WINDOW] (defaults 20000, 15, 10, the scanner's chunk, and windows as long as its
// span). Windows of span nt at step s contain every pair of up to span - s + 1 nt, not all
// the pairs the band covers; windows of span + s - 1 nt do (docs/scan.md, speed). Prints
// every repetition, then the minimum and median of each side, the ratio of the minima and
// the median of the repetitions' own ratios.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "fold/mfe.hpp"
#include "scan/chunks.hpp"
#include "scan/settings.hpp"

namespace {

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The sum of the MFEs, printed, so that no fold can be optimised away and both sides can
// be seen to have folded the same input on every repetition.
struct Pass {
  double seconds;
  long long energy_sum;
};

Pass fold_band(const std::string& plus, const std::vector<mirgene::scan::Chunk>& chunks,
               mirgene::fold::Folder& folder) {
  const double t = thread_seconds();
  long long sum = 0;
  for (const auto& c : chunks) {
    const std::string text = plus.substr(c.fold_start, c.fold_end - c.fold_start);
    sum += folder.fold(text).energy;
    sum += folder.fold(mirgene::scan::reverse_complement(text)).energy;
  }
  return {thread_seconds() - t, sum};
}

Pass fold_windows(const std::vector<std::string>& windows, mirgene::fold::Folder& folder) {
  const double t = thread_seconds();
  long long sum = 0;
  for (const std::string& w : windows) sum += folder.fold(w).energy;
  return {thread_seconds() - t, sum};
}

long parse_arg(int argc, char** argv, int k, long fallback) {
  if (argc <= k) return fallback;
  char* end = nullptr;
  const long v = std::strtol(argv[k], &end, 10);
  if (*end != '\0' || v <= 0) {
    std::fprintf(stderr, "band_vs_window_bench: argument %d ('%s') must be a positive integer\n", k,
                 argv[k]);
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const mirgene::scan::ScanSettings defaults;
  const long region = parse_arg(argc, argv, 1, 20000);
  const long reps = parse_arg(argc, argv, 2, 15);
  const long step = parse_arg(argc, argv, 3, 10);
  const long chunk = parse_arg(argc, argv, 4, defaults.chunk);
  const long window = parse_arg(argc, argv, 5, defaults.span);

  std::string plus;
  try {
    plus = mirgene::bench::read_sequences(mirgene::bench::data_path("genomes/sacCer_chr1.fa.gz"))
               .front();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "band_vs_window_bench: %s\n", e.what());
    return 1;
  }
  mirgene::scan::normalize_bases(plus);
  plus.resize(std::min<std::size_t>(plus.size(), static_cast<std::size_t>(region)));
  const auto n = static_cast<std::int64_t>(plus.size());

  const std::vector<mirgene::scan::Chunk> chunks =
      mirgene::scan::plan_chunks(0, n, chunk, defaults.span);
  std::vector<std::string> windows;
  const std::string minus = mirgene::scan::reverse_complement(plus);
  const std::string* strands[] = {&plus, &minus};
  for (const std::string* strand : strands) {
    for (std::int64_t s = 0; s + window <= n; s += step) {
      windows.push_back(strand->substr(s, window));
    }
  }

  mirgene::fold::Folder band_folder;
  band_folder.set_max_span(defaults.span);
  mirgene::fold::Folder window_folder;
  std::printf(
      "%lld nt, both strands: %zu chunks of %ld nt (+%d context, span %d), %zu windows of %ld nt\n",
      static_cast<long long>(n), chunks.size(), chunk, defaults.span, defaults.span, windows.size(),
      window);
  std::vector<double> band_s, window_s, ratios;
  for (long r = 1; r <= reps; ++r) {
    const Pass b = fold_band(plus, chunks, band_folder);
    const Pass w = fold_windows(windows, window_folder);
    band_s.push_back(b.seconds);
    window_s.push_back(w.seconds);
    ratios.push_back(w.seconds / b.seconds);
    std::printf("rep %ld: band %.4f s (sum %lld), per-window %.4f s (sum %lld): %.2fx\n", r,
                b.seconds, b.energy_sum, w.seconds, w.energy_sum, ratios.back());
  }
  const double band_min = *std::min_element(band_s.begin(), band_s.end());
  const double window_min = *std::min_element(window_s.begin(), window_s.end());
  std::printf("band: min %.4f s, median %.4f s; per-window: min %.4f s, median %.4f s\n", band_min,
              median(band_s), window_min, median(window_s));
  std::printf("band vs per-window: %.2fx less (ratio of minima), %.2fx (median of ratios)\n",
              window_min / band_min, median(ratios));
  std::printf("band: %.1f kb/s per CPU second over both strands (fastest repetition)\n",
              static_cast<double>(n) / band_min / 1000.0);
  return 0;
}
