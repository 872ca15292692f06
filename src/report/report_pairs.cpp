#include "report/report_pairs.hpp"

#include <cmath>

#include "common/error.hpp"
#include "common/parallel_jobs.hpp"
#include "fold/ensemble.hpp"
#include "fold/partition.hpp"

namespace mirgene::report {

std::vector<std::vector<int>> report_pair_probabilities(
    std::span<const predict::ScoredSequence> sequences, double cutoff, int threads) {
  std::vector<std::vector<int>> pairs(sequences.size());
  run_parallel_jobs(sequences.size(), threads, [&](std::size_t x) {
    const predict::ScoredSequence& s = sequences[x];
    // Only what the page draws a structure for: a folded sequence.
    if (!s.fold || s.fold->structure.size() != s.sequence.size()) return;
    // One folder per thread; its tables grow to the longest sequence it meets.
    thread_local fold::PartitionFolder folder;
    try {
      folder.fold(s.sequence);
    } catch (const Error&) {
      return;  // too long for the memory at hand: the page shows no dot plot for it
    }
    for (const fold::PairProbability& p : fold::pairs_at_least(folder.probabilities(), cutoff)) {
      pairs[x].push_back(p.i);
      pairs[x].push_back(p.j);
      pairs[x].push_back(static_cast<int>(std::lround(p.p * 1000)));
    }
  });
  return pairs;
}

}  // namespace mirgene::report
