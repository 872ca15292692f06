#include "encode/hairpin_loops.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
// GCC 12's <regex> trips -Wmaybe-uninitialized inside libstdc++ under -fsanitize (a known false
// positive in std::function); the test needs the engine only as a reference.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <string>
#include <vector>

#include "support/rnafold_reference.hpp"

namespace mirgene::encode {
namespace {

// The rule as the reference implementation states it, via a regex engine.
std::string mark_with_std_regex(const std::string& db) {
  static const std::regex hairpin(R"(\(+(\.+)\)+)");
  std::string out = db;
  for (auto it = std::sregex_iterator(db.begin(), db.end(), hairpin); it != std::sregex_iterator();
       ++it) {
    const auto begin = static_cast<std::size_t>(it->position(1));
    const auto length = static_cast<std::size_t>(it->length(1));
    out.replace(begin, length, length, ':');
  }
  return out;
}

TEST(MarkHairpinLoops, HandPickedCases) {
  EXPECT_EQ(mark_hairpin_loops(""), "");
  EXPECT_EQ(mark_hairpin_loops("....."), ".....");
  EXPECT_EQ(mark_hairpin_loops("(.)"), "(:)");
  EXPECT_EQ(mark_hairpin_loops("..(((...)))..."), "..(((:::)))...");
  // Two adjacent hairpins, and a multiloop whose own unpaired bases are not a hairpin loop.
  EXPECT_EQ(mark_hairpin_loops("((..))((...))"), "((::))((:::))");
  EXPECT_EQ(mark_hairpin_loops("((.((..))..((...)).))"), "((.((::))..((:::)).))");
  // Interior loops and bulges are not hairpins.
  EXPECT_EQ(mark_hairpin_loops("((..((...))..))"), "((..((:::))..))");
  // Fragments: the regex needs '(' directly before and ')' directly after the dots.
  EXPECT_EQ(mark_hairpin_loops("(..."), "(...");
  EXPECT_EQ(mark_hairpin_loops("...)"), "...)");
  EXPECT_EQ(mark_hairpin_loops("(..)..)"), "(::)..)");
  EXPECT_EQ(mark_hairpin_loops("()"), "()");
  EXPECT_EQ(mark_hairpin_loops("(.:.)"), "(.:.)");
}

TEST(MarkHairpinLoops, IsIdempotent) {
  const std::string once = mark_hairpin_loops("((.((..))..((...)).))(.)");
  EXPECT_EQ(mark_hairpin_loops(once), once);
}

TEST(MarkHairpinLoops, InPlaceFormMatchesCopyingForm) {
  std::string db = "..((((...))..((.....))))..";
  const std::string expected = mark_hairpin_loops(db);
  mark_hairpin_loops_in_place(db);
  EXPECT_EQ(db, expected);
}

TEST(MarkHairpinLoops, MatchesPythonReOnFixture) {
  std::ifstream in(test::fixture_path("encode/hairpin_regex_cases.tsv"));
  ASSERT_TRUE(in) << "missing fixture; run tests/python/make_hairpin_fixture.py";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    EXPECT_EQ(mark_hairpin_loops(line.substr(0, tab)), line.substr(tab + 1)) << line;
    ++cases;
  }
  EXPECT_GT(cases, 500);
}

TEST(MarkHairpinLoops, MatchesStdRegexOnRandomDotBrackets) {
  std::mt19937 rng(7);
  const std::string alphabets[] = {"().", "()....", "((())).:", "(.)"};
  for (int trial = 0; trial < 4000; ++trial) {
    const std::string& alphabet = alphabets[trial % 4];
    std::uniform_int_distribution<int> length(0, 80);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string db(static_cast<std::size_t>(length(rng)), ' ');
    for (char& c : db) c = alphabet[pick(rng)];
    ASSERT_EQ(mark_hairpin_loops(db), mark_with_std_regex(db)) << db;
  }
}

TEST(MarkHairpinLoops, MatchesStdRegexOnRnafoldStructures) {
  int structures = 0;
  for (const char* name : {"human_pos", "human_neg"}) {
    for (const test::RnafoldRecord& r : test::rnafold_reference(name)) {
      ASSERT_EQ(mark_hairpin_loops(r.structure), mark_with_std_regex(r.structure)) << r.id;
      ++structures;
    }
  }
  EXPECT_GT(structures, 8000);
}

}  // namespace
}  // namespace mirgene::encode
