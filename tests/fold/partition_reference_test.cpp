// RNAfold 2.7.1 -p agreement on data/reference/rnafold_p/ (357 records of 5-2,500 nt): the
// MFE line, the pair-probability symbols and the centroid structure identical; the printed
// ensemble energy, centroid distance, MFE frequency and diversity within one unit of the last
// digit RNAfold prints; every dot-plot probability within 1e-6.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "fold/ensemble.hpp"
#include "fold/format.hpp"
#include "fold/partition.hpp"
#include "fold/structure_energy.hpp"
#include "support/rnafold_p_reference.hpp"

namespace mirgene::fold {
namespace {

constexpr double kProbabilityTolerance = 1e-6;
constexpr double kDotPlotCutoff = 1e-5;

// One unit of the last digit of a printed number ("0.0957245" -> 1e-7, "1.2e-05" -> 1e-6).
double last_digit_unit(const std::string& number) {
  const std::size_t e = number.find_first_of("eE");
  const std::string mantissa = number.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  const int exponent = e == std::string::npos ? 0 : std::atoi(number.c_str() + e + 1);
  return std::pow(10.0, exponent - decimals);
}

// The number between `before` and `after` in a line, as printed.
std::string printed_number(const std::string& line, const std::string& before, char after) {
  const std::size_t start = line.find(before);
  if (start == std::string::npos) return "";
  std::size_t from = start + before.size();
  while (from < line.size() && line[from] == ' ') ++from;
  return line.substr(from, line.find(after, from) - from);
}

// "  frequency ... 0.0957245; ensemble diversity 6.38  " -> {"0.0957245", "6.38"}
std::pair<std::string, std::string> frequency_numbers(const std::string& line) {
  std::string diversity = printed_number(line, "ensemble diversity ", '\n');
  diversity.erase(diversity.find_last_not_of(' ') + 1);
  return {printed_number(line, "in ensemble ", ';'), diversity};
}

bool within_last_digit(const std::string& ours, const std::string& theirs) {
  if (ours.empty() || theirs.empty()) return false;
  const double unit = last_digit_unit(theirs);
  return std::fabs(std::atof(ours.c_str()) - std::atof(theirs.c_str())) <= unit * (1 + 1e-9);
}

struct Comparison {
  std::vector<std::string> failures;
  double max_probability_difference = 0.0;
  std::size_t pairs_compared = 0;
};

// Compares one record; failures name the record and what differs.
void compare_record(PartitionFolder& folder, const test::RnafoldPRecord& r,
                    const std::vector<test::DotPlotPair>& dot_plot, Comparison& out) {
  const PartitionResult result = folder.fold(r.sequence);
  const PairProbabilities& p = folder.probabilities();
  auto fail = [&](const std::string& what, const std::string& ours, const std::string& theirs) {
    out.failures.push_back(r.id + " " + what + ":\n    ours    " + ours + "\n    RNAfold " +
                           theirs);
  };
  const std::string mfe_line = result.mfe.structure + " " + format_energy(result.mfe.energy);
  if (mfe_line != r.mfe_line) fail("MFE line", mfe_line, r.mfe_line);

  const std::string ensemble =
      format_ensemble_line(pair_probability_symbols(p), result.ensemble_energy);
  const std::size_t n = r.sequence.size();
  if (ensemble.substr(0, n) != r.ensemble_line.substr(0, n) ||
      !within_last_digit(printed_number(ensemble, "[", ']'),
                         printed_number(r.ensemble_line, "[", ']'))) {
    fail("ensemble line", ensemble, r.ensemble_line);
  }

  const Centroid c = centroid_structure(p);
  const int centroid_energy = structure_energy(turner2004(), r.sequence, c.structure).energy;
  const std::string centroid = format_centroid_line(c.structure, centroid_energy, c.distance);
  if (centroid.substr(0, n + 8) != r.centroid_line.substr(0, n + 8) ||
      !within_last_digit(printed_number(centroid, "d=", '}'),
                         printed_number(r.centroid_line, "d=", '}'))) {
    fail("centroid line", centroid, r.centroid_line);
  }

  const std::string frequency = format_frequency_line(
      mfe_frequency(result.mfe.energy, result.ensemble_energy), ensemble_diversity(p));
  const auto [our_frequency, our_diversity] = frequency_numbers(frequency);
  const auto [their_frequency, their_diversity] = frequency_numbers(r.frequency_line);
  if (!within_last_digit(our_frequency, their_frequency) ||
      !within_last_digit(our_diversity, their_diversity)) {
    fail("frequency line", frequency, r.frequency_line);
  }

  // Every reference pair within the tolerance, and every pair of ours clearly above the
  // cutoff present in the reference.
  std::vector<std::vector<bool>> listed;
  for (const test::DotPlotPair& x : dot_plot) {
    const double d = std::fabs(p(x.i, x.j) - x.p);
    out.max_probability_difference = std::max(out.max_probability_difference, d);
    ++out.pairs_compared;
    if (d > kProbabilityTolerance) {
      fail("p(" + std::to_string(x.i) + "," + std::to_string(x.j) + ")",
           std::to_string(p(x.i, x.j)), std::to_string(x.p));
    }
  }
  const std::vector<PairProbability> ours =
      pairs_at_least(p, kDotPlotCutoff + kProbabilityTolerance);
  for (const PairProbability& x : ours) {
    const bool in_reference = std::any_of(dot_plot.begin(), dot_plot.end(),
                                          [&](const auto& y) { return y.i == x.i && y.j == x.j; });
    if (!in_reference) {
      fail("pair missing in RNAfold's dot plot (" + std::to_string(x.i) + "," +
               std::to_string(x.j) + ")",
           std::to_string(x.p), "-");
    }
  }
}

// Compares the records `keep` selects, on two threads.
Comparison compare(bool (*keep)(const test::RnafoldPRecord&)) {
  const auto records = test::rnafold_p_reference();
  const auto dot_plots = test::rnafold_p_dot_plots();
  std::vector<const test::RnafoldPRecord*> selected;
  for (const auto& r : records)
    if (keep(r)) selected.push_back(&r);
  std::vector<Comparison> parts(selected.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    PartitionFolder folder;
    for (std::size_t x = next++; x < selected.size(); x = next++) {
      const auto it = dot_plots.find(selected[x]->id);
      static const std::vector<test::DotPlotPair> kNone;
      compare_record(folder, *selected[x], it == dot_plots.end() ? kNone : it->second, parts[x]);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < 2; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  Comparison all;
  for (const Comparison& c : parts) {
    all.failures.insert(all.failures.end(), c.failures.begin(), c.failures.end());
    all.max_probability_difference =
        std::max(all.max_probability_difference, c.max_probability_difference);
    all.pairs_compared += c.pairs_compared;
  }
  std::printf("%zu records, %zu dot-plot pairs, max |p - p_RNAfold| = %.3g\n", selected.size(),
              all.pairs_compared, all.max_probability_difference);
  return all;
}

void expect_agreement(const Comparison& c) {
  std::string details;
  for (std::size_t x = 0; x < std::min<std::size_t>(c.failures.size(), 8); ++x)
    details += "\n  " + c.failures[x];
  EXPECT_TRUE(c.failures.empty()) << c.failures.size() << " differences" << details;
  EXPECT_GT(c.pairs_compared, 0u);
}

// Quick: the records of at most 120 nt (part of every test run, sanitizers included).
TEST(PartitionReferenceShort, RecordsUpTo120Nt) {
  expect_agreement(compare([](const test::RnafoldPRecord& r) { return r.sequence.size() <= 120; }));
}

// All 357 records, up to 2,500 nt (left out of sanitizer runs, as MfeReference).
TEST(PartitionReference, AllRecords) {
  expect_agreement(compare([](const test::RnafoldPRecord&) { return true; }));
}

}  // namespace
}  // namespace mirgene::fold
