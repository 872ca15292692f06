// `mirgene scan` run as the user runs it: the 8 known C. elegans precursors of
// data/genomes/cel_mir35_cluster.fa are all found at default settings, the formats, the
// strand choice, standard input, and an output file written whole or not at all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

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

struct Interval {
  std::string chrom, name;
  long start = 0, end = 0;
  std::string strand;
};

std::vector<Interval> bed(const std::string& text) {
  std::vector<Interval> out;
  for (const std::string& line : test::lines_of(text)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    Interval i;
    std::string score;
    in >> i.chrom >> i.start >> i.end >> i.name >> score >> i.strand;
    out.push_back(i);
  }
  return out;
}

const std::string kCel = "data/genomes/cel_mir35_cluster.fa";

TEST(ScanCli, FindsEveryKnownCelPrecursorAtDefaultSettings) {
  const test::RunResult r = mirgene("scan " + quoted(kCel) + " -j 2");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<Interval> calls = bed(r.out);
  const std::vector<Interval> known =
      bed(test::read_text(test::data_path("genomes/cel_mir35_cluster.bed")));
  ASSERT_EQ(known.size(), 8u);
  auto shared = [](const Interval& a, const Interval& b) {
    if (a.chrom != b.chrom || a.strand != b.strand) return 0L;
    return std::max(0L, std::min(a.end, b.end) - std::max(a.start, b.start));
  };
  // Found: a call on its strand covering at least half of the precursor.
  for (const Interval& k : known) {
    bool found = false;
    for (const Interval& c : calls) found |= 2 * shared(c, k) >= k.end - k.start;
    EXPECT_TRUE(found) << k.name << " not found; calls:\n" << r.out;
  }
  // Every call is one locus: no two on one strand share half of the shorter one (the
  // precursors of the cluster lie closer than the arms cut out with them, so calls may
  // touch their neighbours).
  for (std::size_t a = 0; a < calls.size(); ++a)
    for (std::size_t b = a + 1; b < calls.size(); ++b)
      EXPECT_LT(2 * shared(calls[a], calls[b]),
                std::min(calls[a].end - calls[a].start, calls[b].end - calls[b].start))
          << calls[a].name << " and " << calls[b].name << " are one locus";
}

TEST(ScanCli, FormatsStrandsAndStandardInput) {
  const test::RunResult gff = mirgene("scan " + quoted(kCel) + " -f gff3 -j 1");
  ASSERT_EQ(gff.status, 0) << gff.err;
  EXPECT_TRUE(gff.out.starts_with("##gff-version 3\n"));
  EXPECT_THAT(gff.out, HasSubstr("\tmirgene\tpre_miRNA\t"));
  EXPECT_THAT(gff.out, HasSubstr(";structure=("));

  const test::RunResult tsv = mirgene("scan " + quoted(kCel) + " --format tsv --strand + -j 2");
  ASSERT_EQ(tsv.status, 0) << tsv.err;
  const std::vector<std::string> lines = test::lines_of(tsv.out);
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "chrom\tstart\tend\tstrand\tprobability\tfp_per_mb\tmfe\tsequence\tstructure");
  std::vector<std::pair<double, double>> rates;  // (probability, fp_per_mb) of each call
  for (std::size_t k = 1; k < lines.size(); ++k) {
    if (lines[k].empty()) continue;
    std::istringstream in(lines[k]);
    std::string chrom, strand, fp_per_mb, seq, structure;
    long start, end;
    double p, mfe;
    in >> chrom >> start >> end >> strand >> p >> fp_per_mb >> mfe >> seq >> structure;
    // The scan's shipped default model (mirgene-genome) is calibrated: every call has its
    // rate, and the most probable call's is no higher than the least probable one's.
    ASSERT_NE(fp_per_mb, "NA");
    rates.emplace_back(p, std::stod(fp_per_mb));
    EXPECT_EQ(strand, "+");
    EXPECT_EQ(seq.size(), static_cast<std::size_t>(end - start));
    EXPECT_EQ(structure.size(), seq.size());
  }
  ASSERT_FALSE(rates.empty());
  const auto [least, most] = std::minmax_element(rates.begin(), rates.end());
  EXPECT_GE(least->second, most->second);
  EXPECT_GE(most->second, 0.0);

  const test::RunResult piped = mirgene("scan - -j 2 < " + quoted(kCel));
  const test::RunResult direct = mirgene("scan " + quoted(kCel) + " -j 1");
  EXPECT_EQ(piped.out, direct.out);
}

TEST(ScanCli, OutputFileIsWrittenWholeOrNotAtAll) {
  test::TempDir tmp;
  const std::string out = tmp.file("calls.bed");
  const test::RunResult ok = mirgene("scan " + quoted(kCel) + " -o " + quoted(out));
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(test::read_text(out), mirgene("scan " + quoted(kCel)).out);
  EXPECT_FALSE(fs::exists(out + ".partial"));

  // Corrupt gzip input: an error, and no output file.
  const std::string bad = tmp.file("bad.fa.gz"), out2 = tmp.file("none.bed");
  test::write_text(bad, std::string("\x1f\x8b\x08\x00garbage-not-deflate", 22));
  const test::RunResult fail = mirgene("scan " + quoted(bad) + " -o " + quoted(out2));
  EXPECT_NE(fail.status, 0);
  EXPECT_THAT(fail.err, HasSubstr("error:"));
  EXPECT_FALSE(fs::exists(out2));
  EXPECT_FALSE(fs::exists(out2 + ".partial"));
}

TEST(ScanCli, AnInterruptedRunLeavesNoOutputFile) {
  test::TempDir tmp;
  const std::string out = tmp.file("calls.bed");
  // Yeast chromosome I takes seconds to scan: stopped after one.
  const test::RunResult r =
      test::run("timeout -s TERM 1 " + quoted(test::mirgene_bin()) + " scan " +
                quoted(test::data_path("genomes/sacCer_chr1.fa.gz")) + " -j 1 -o " + quoted(out));
  EXPECT_NE(r.status, 0);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

TEST(ScanCli, BadOptionsAreRefused) {
  EXPECT_NE(mirgene("scan " + quoted(kCel) + " --strand x").status, 0);
  EXPECT_NE(mirgene("scan " + quoted(kCel) + " --format gff").status, 0);
  EXPECT_NE(mirgene("scan " + quoted(kCel) + " --threshold 2").status, 0);
  const test::RunResult missing = mirgene("scan no-such-file.fa");
  EXPECT_NE(missing.status, 0);
  EXPECT_THAT(missing.err, HasSubstr("no-such-file.fa"));
}

}  // namespace
}  // namespace mirgene
