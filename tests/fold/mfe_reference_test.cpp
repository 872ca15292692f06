// RNAfold 2.7.1 agreement over every stored reference record: MFE on all, structure on
// (at least) 99.9 %, and the evaluator's energy of RNAfold's own structure on all.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "fold/structure_energy.hpp"
#include "fold/mfe.hpp"
#include "support/rnafold_reference.hpp"
#include "support/paths.hpp"

namespace mirgene::fold {
namespace {

struct Agreement {
  std::size_t records = 0;
  std::size_t same_energy = 0;
  std::size_t same_structure = 0;
  std::size_t eval_matches = 0;
  std::vector<std::string> mismatches;  // first few, for the failure message
};

Agreement compare_with_rnafold(const std::vector<test::RnafoldRecord>& records) {
  struct Outcome {
    bool energy, structure, eval;
    std::string note;
  };
  std::vector<Outcome> outcomes(records.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    Folder folder;
    for (std::size_t x = next++; x < records.size(); x = next++) {
      const test::RnafoldRecord& r = records[x];
      const FoldResult got = folder.fold(r.sequence);
      const int evaluated = structure_energy(turner2004(), r.sequence, r.structure).energy;
      Outcome& o = outcomes[x];
      o.energy = got.energy == r.energy;
      o.structure = got.structure == r.structure;
      o.eval = evaluated == r.energy;
      if (!o.energy || !o.structure || !o.eval) {
        o.note = r.id + ": got " + got.structure + " " + std::to_string(got.energy) + ", RNAfold " +
                 r.structure + " " + std::to_string(r.energy) + ", eval " +
                 std::to_string(evaluated);
      }
    }
  };
  const unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();

  Agreement a;
  a.records = records.size();
  for (const Outcome& o : outcomes) {
    a.same_energy += o.energy;
    a.same_structure += o.structure;
    a.eval_matches += o.eval;
    if (!o.note.empty() && a.mismatches.size() < 5) a.mismatches.push_back(o.note);
  }
  return a;
}

void check_file(const std::string& name, std::size_t expected_records) {
  const auto records = test::rnafold_reference(name);
  ASSERT_EQ(records.size(), expected_records);
  const Agreement a = compare_with_rnafold(records);
  std::string details;
  for (const std::string& m : a.mismatches) details += "\n  " + m;
  std::printf(
      "%s: %zu records, MFE identical %zu, structure identical %zu, eval of RNAfold's "
      "structure identical %zu\n",
      name.c_str(), a.records, a.same_energy, a.same_structure, a.eval_matches);
  EXPECT_EQ(a.same_energy, a.records) << details;
  EXPECT_EQ(a.eval_matches, a.records) << details;
  EXPECT_GE(static_cast<double>(a.same_structure), 0.999 * static_cast<double>(a.records))
      << details;
}

TEST(MfeReference, HumanPositives) {
  check_file("human_pos", 863);
}
TEST(MfeReference, HumanNegatives) {
  check_file("human_neg", 7422);
}
TEST(MfeReference, RandomSequences) {
  check_file("random_dev", 3000);
}

}  // namespace
}  // namespace mirgene::fold
