// `mirgene decoys`, `mirgene cv --extra-neg/--score-neg` and `mirgene cv-compare`, run as the
// user runs them, on real genomic DNA and the tiny training fixtures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using test::mirgene;
using test::quoted;

// FASTA ids and sequences of a decoys file.
std::vector<std::pair<std::string, std::string>> records(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& line : test::lines_of(test::read_text(path))) {
    if (line.starts_with(">"))
      out.emplace_back(line.substr(1, line.find(' ') - 1), "");
    else if (!out.empty())
      out.back().second += line;
  }
  return out;
}

TEST(DecoysCli, BuildsEachSourceReproduciblyWhateverTheThreads) {
  test::TempDir tmp;
  const std::string sources = "--like " + quoted("examples/example.fa") + " --genome " +
                              quoted(test::data_path("genomes/cel_mir35_cluster.fa")) + " --trim " +
                              quoted(test::fixture_path("train/tiny_neg.fa")) + " --shuffle " +
                              quoted(test::fixture_path("train/tiny_pos.fa"));
  const test::RunResult one = mirgene("decoys " + sources + " -j 1 -o " + tmp.file("a.fa"));
  ASSERT_EQ(one.status, 0) << one.err;
  const test::RunResult two = mirgene("decoys " + sources + " -j 2 -o " + tmp.file("b.fa"));
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(test::read_text(tmp.file("a.fa")), test::read_text(tmp.file("b.fa")));
  EXPECT_THAT(one.err, HasSubstr("genomic: "));
  EXPECT_THAT(one.err, HasSubstr("trimmed: "));
  EXPECT_THAT(one.err, HasSubstr("shuffled: "));

  const auto found = records(tmp.file("a.fa"));
  ASSERT_FALSE(found.empty());
  std::set<std::string> ids, sources_seen;
  for (const auto& [id, seq] : found) {
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    sources_seen.insert(id.substr(0, id.find(':')));
    EXPECT_EQ(seq.find_first_not_of("ACGU"), std::string::npos) << id;
  }
  EXPECT_TRUE(sources_seen.count("genomic"));

  // Every decoy folds alone (`mirgene fold`) into one stem-loop: all its '(' come before
  // its first ')'.
  const test::RunResult folded = mirgene("fold " + tmp.file("a.fa"));
  ASSERT_EQ(folded.status, 0) << folded.err;
  const std::vector<std::string> lines = test::lines_of(folded.out);
  ASSERT_EQ(lines.size(), 3 * found.size());
  for (std::size_t k = 2; k < lines.size(); k += 3) {
    const std::string structure = lines[k].substr(0, lines[k].find(' '));
    EXPECT_EQ(structure.find('(', structure.find(')')), std::string::npos) << lines[k - 2];
  }
}

TEST(DecoysCli, RefusesMissingSourcesAndBadRegions) {
  test::TempDir tmp;
  const std::string like = "--like " + quoted("examples/example.fa");
  const test::RunResult none = mirgene("decoys " + like + " -o " + tmp.file("x.fa"));
  EXPECT_NE(none.status, 0);
  EXPECT_THAT(none.err, HasSubstr("--genome, --trim, --shuffle or --antisense"));
  const test::RunResult region =
      mirgene("decoys " + like + " --genome " + quoted("examples/example.fa") +
              " --region 50-10 -o " + tmp.file("x.fa"));
  EXPECT_NE(region.status, 0);
  EXPECT_THAT(region.err, HasSubstr("--region '50-10'"));
  EXPECT_FALSE(fs::exists(tmp.file("x.fa")));
}

TEST(DecoysCli, AntisenseDecoysLeaveOutKnownPreMiRnasOnTheOtherStrand) {
  test::TempDir tmp;
  const std::string like = "--like " + quoted("examples/example.fa");
  const test::RunResult plain = mirgene("decoys " + like + " --antisense " +
                                        quoted("examples/example.fa") + " -o " + tmp.file("a.fa"));
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_THAT(plain.err, HasSubstr("antisense: 9 records"));
  const auto found = records(tmp.file("a.fa"));
  std::set<std::string> ids;
  for (const auto& [id, seq] : found) ids.insert(id);
  ASSERT_TRUE(ids.count("antisense:hsa-let-7a-1")) << plain.err;
  const auto let7 = std::find_if(found.begin(), found.end(),
                                 [](const auto& r) { return r.first == "antisense:hsa-let-7a-1"; });
  // The reverse complement of the let-7a-1 precursor of examples/example.fa.
  EXPECT_EQ(let7->second,
            "UAGGAAAGACAGUAGAUUGUAUAGUUAUCUCCCAGUGGUGGGUGUGACCCUAAAACUAUACAACCUACUACCUCAUCCCA");

  // Declared as a known pre-miRNA, the other strand of let-7a-1 is no longer a decoy.
  test::write_text(tmp.file("mirror.fa"), ">mirror\n" + let7->second + "\n");
  const test::RunResult mirror =
      mirgene("decoys " + like + " --antisense " + quoted("examples/example.fa") + " --known " +
              tmp.file("mirror.fa") + " -o " + tmp.file("b.fa"));
  ASSERT_EQ(mirror.status, 0) << mirror.err;
  const auto kept = records(tmp.file("b.fa"));
  EXPECT_EQ(kept.size() + 1, found.size());
  for (const auto& [id, seq] : kept) EXPECT_NE(id, "antisense:hsa-let-7a-1");
}

TEST(CvCli, ExtraNegativesAreScoredAndRunsCompareFoldByFold) {
  test::TempDir tmp;
  const std::string data = "--pos " + quoted(test::fixture_path("train/tiny_pos.fa")) + " --neg " +
                           quoted(test::fixture_path("train/tiny_neg.fa")) + " --extra-neg " +
                           quoted(test::fixture_path("train/tiny_val_neg.fa")) +
                           " --folds 3 --epochs 2 --batch-size 16 --no-fold-cache";
  const test::RunResult base =
      mirgene("cv " + data + " --extra-neg-validation-only --json " + tmp.file("base.json"));
  ASSERT_EQ(base.status, 0) << base.err;
  const test::RunResult trained = mirgene("cv " + data + " --json " + tmp.file("trained.json"));
  ASSERT_EQ(trained.status, 0) << trained.err;
  EXPECT_THAT(trained.out, HasSubstr("held-out extra negatives"));
  const auto b = nlohmann::json::parse(test::read_text(tmp.file("base.json")));
  const auto t = nlohmann::json::parse(test::read_text(tmp.file("trained.json")));
  // Training on the extra negatives adds them to every fold's training set.
  EXPECT_GT(t["folds"][0]["train_neg"].get<int>(), b["folds"][0]["train_neg"].get<int>());
  EXPECT_EQ(t["folds"][0]["epochs"][1]["extra"]["n_neg"],
            b["folds"][0]["epochs"][1]["extra"]["n_neg"]);

  const test::RunResult cmp = mirgene("cv-compare " + tmp.file("trained.json") + " " +
                                      tmp.file("base.json") + " --json " + tmp.file("cmp.json"));
  ASSERT_EQ(cmp.status, 0) << cmp.err;
  EXPECT_THAT(cmp.out, HasSubstr("extra.sp"));
  const auto c = nlohmann::json::parse(test::read_text(tmp.file("cmp.json")));
  EXPECT_EQ(c["differences"]["validation.aupr"]["per_fold"].size(), 3u);

  const test::RunResult wrong =
      mirgene("cv-compare " + tmp.file("trained.json") + " " + quoted("examples/example.fa"));
  EXPECT_NE(wrong.status, 0);
  EXPECT_THAT(wrong.err, HasSubstr("example.fa"));
}

TEST(CvCli, ScoredNegativesAreScoredByEveryFoldAndNeverTrainedOn) {
  test::TempDir tmp;
  const std::string scored = test::fixture_path("train/tiny_val_neg.fa");
  const std::string data = "--pos " + quoted(test::fixture_path("train/tiny_pos.fa")) + " --neg " +
                           quoted(test::fixture_path("train/tiny_neg.fa")) +
                           " --folds 3 --epochs 2 --batch-size 16 --no-fold-cache";
  const test::RunResult plain = mirgene("cv " + data + " --json " + tmp.file("plain.json"));
  ASSERT_EQ(plain.status, 0) << plain.err;
  const test::RunResult run = mirgene("cv " + data + " --score-neg " + quoted(scored) + " --json " +
                                      tmp.file("scored.json"));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("scored-only negatives"));
  const auto p = nlohmann::json::parse(test::read_text(tmp.file("plain.json")));
  const auto s = nlohmann::json::parse(test::read_text(tmp.file("scored.json")));
  const std::string fasta = test::read_text(scored);
  const auto records = static_cast<int>(std::count(fasta.begin(), fasta.end(), '>'));
  for (int f = 0; f < 3; ++f) {
    EXPECT_EQ(s["folds"][f]["train_neg"], p["folds"][f]["train_neg"]);
    // Scoring changes nothing of the training: the validation figures are the plain run's.
    EXPECT_EQ(s["folds"][f]["epochs"][1]["validation"], p["folds"][f]["epochs"][1]["validation"]);
    EXPECT_EQ(s["folds"][f]["epochs"][1]["scored"]["n_neg"].get<int>(), records);
  }
  const test::RunResult cmp = mirgene("cv-compare " + tmp.file("scored.json") + " " +
                                      tmp.file("scored.json") + " --json " + tmp.file("cmp.json"));
  ASSERT_EQ(cmp.status, 0) << cmp.err;
  EXPECT_THAT(cmp.out, HasSubstr("scored.sp"));

  const test::RunResult missing =
      mirgene("cv " + data + " --score-neg " + quoted(tmp.file("nowhere.fa")));
  EXPECT_NE(missing.status, 0);
  EXPECT_THAT(missing.err, HasSubstr("nowhere.fa"));
}

}  // namespace
}  // namespace mirgene
