// `mirgene mine` run as the user runs it: pieces of real DNA with planted hairpins, the same
// whatever the threads, hard negatives ranked by a model, and the option errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using test::mirgene;
using test::quoted;

std::vector<std::string> headers(const std::string& path) {
  std::vector<std::string> out;
  for (const std::string& line : test::lines_of(test::read_text(path)))
    if (line.starts_with(">")) out.push_back(line.substr(1));
  return out;
}

const std::string kDna = "data/genomes/cel_mir35_cluster.fa";

TEST(MineCli, PlantsCutsAndSortsPiecesTheSameOnAnyThreads) {
  test::TempDir tmp;
  const std::string args = "mine " + quoted(kDna) + " --spacing 1000 --plant " +
                           quoted(test::fixture_path("train/tiny_pos.fa")) + " --positives ";
  const test::RunResult one =
      mirgene(args + tmp.file("p1.fa") + " -o " + tmp.file("n1.fa") + " -j 1");
  ASSERT_EQ(one.status, 0) << one.err;
  const test::RunResult two =
      mirgene(args + tmp.file("p2.fa") + " -o " + tmp.file("n2.fa") + " -j 2");
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(test::read_text(tmp.file("n1.fa")), test::read_text(tmp.file("n2.fa")));
  EXPECT_EQ(test::read_text(tmp.file("p1.fa")), test::read_text(tmp.file("p2.fa")));
  EXPECT_THAT(one.err, HasSubstr("planted 6 copies of 24 precursors"));

  const std::vector<std::string> pos = headers(tmp.file("p1.fa"));
  const std::vector<std::string> neg = headers(tmp.file("n1.fa"));
  ASSERT_FALSE(pos.empty());
  ASSERT_GT(neg.size(), 10u);
  for (const std::string& h : pos) EXPECT_TRUE(h.starts_with("planted:hp")) << h;
  for (const std::string& h : neg) {
    EXPECT_TRUE(h.starts_with("mined:chr")) << h;
    EXPECT_THAT(h, HasSubstr(" mfe=-"));  // unscored without a model: no p=
    EXPECT_THAT(h, ::testing::Not(HasSubstr(" p=")));
  }
}

TEST(MineCli, TopKeepsTheHighestScoringNegatives) {
  test::TempDir tmp;
  const test::RunResult r =
      mirgene("mine " + quoted(kDna) + " -m models/mirgene-human.safetensors --top 3 -j 2 -o " +
              tmp.file("hard.fa"));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> neg = headers(tmp.file("hard.fa"));
  ASSERT_EQ(neg.size(), 3u);
  std::vector<double> p;
  for (const std::string& h : neg) p.push_back(std::stod(h.substr(h.find(" p=") + 3)));
  EXPECT_GE(p[0], p[1]);
  EXPECT_GE(p[1], p[2]);
  EXPECT_GT(p[2], 0.5);  // the cluster's precursors, unplanted, are this DNA's best pieces
}

TEST(MineCli, OptionErrorsAreClear) {
  test::TempDir tmp;
  const std::string out = " -o " + tmp.file("n.fa");
  const test::RunResult top = mirgene("mine " + quoted(kDna) + " --top 5" + out);
  EXPECT_NE(top.status, 0);
  EXPECT_THAT(top.err, HasSubstr("give --model"));
  const test::RunResult plant =
      mirgene("mine " + quoted(kDna) + " --plant " + quoted("examples/example.fa") + out);
  EXPECT_NE(plant.status, 0);
  EXPECT_THAT(plant.err, HasSubstr("--plant and --positives go together"));
  EXPECT_FALSE(fs::exists(tmp.file("n.fa")));
  // A precursor with an ambiguous base is left out with a warning, the others planted.
  const test::RunResult n =
      mirgene("mine " + quoted(kDna) + " --spacing 1000 --plant " + quoted("examples/example.fa") +
              " --positives " + tmp.file("p.fa") + out);
  ASSERT_EQ(n.status, 0) << n.err;
  EXPECT_THAT(n.err, HasSubstr("not planted"));
}

}  // namespace
}  // namespace mirgene
