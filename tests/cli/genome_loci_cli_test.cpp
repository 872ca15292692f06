// predict, explain, report, evaluate and scan on loci given by genome coordinates
// (--genome, --regions), run as the user runs them on the C. elegans cluster of
// data/genomes: the rows keep the coordinates, the bases are samtools faidx's on both strands,
// the scores are those of the same sequences given as FASTA, BED, GFF3 and the scan's own
// outputs give the same loci, bad loci are reported with file and line while the others are
// scored, and a bad genome stops the run before any work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/cli.hpp"
#include "support/genome_copies.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using test::mirgene;
using test::quoted;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

struct BedLocus {
  std::string chrom, name;
  long start = 0, end = 0;
  char strand = '+';
};

std::vector<BedLocus> known_loci() {
  std::vector<BedLocus> out;
  for (const std::string& line : test::lines_of(test::read_text(test::kCelLoci))) {
    const std::vector<std::string> f = test::split_tabs(line);
    out.push_back({f[0], f[3], std::stol(f[1]), std::stol(f[2]), f[5][0]});
  }
  return out;
}

// The rows of a TSV output by their first column, each split into fields.
std::map<std::string, std::vector<std::string>> rows_by_id(const std::string& tsv) {
  std::map<std::string, std::vector<std::string>> rows;
  for (const std::string& line : test::lines_of(tsv)) {
    const std::vector<std::string> f = test::split_tabs(line);
    if (!f.empty() && f[0] != "id") rows[f[0]] = f;
  }
  return rows;
}

std::string as_rna(std::string dna) {
  for (char& c : dna) {
    if (c == 'T') c = 'U';
    if (c == 't') c = 'u';
  }
  return dna;
}

class LociByCompression : public ::testing::TestWithParam<std::string> {};

// The loci of the cluster's BED scored from the genome give the rows the same sequences give
// as FASTA (cut out by samtools), with chrom, start, end and strand after the id.
TEST_P(LociByCompression, PredictGivesTheScoresOfTheSameSequencesAsFasta) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, GetParam());
  const test::RunResult r =
      mirgene("predict -j 2 --genome " + quoted(genome) + " --regions " + quoted(test::kCelLoci));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(
      "id\tchrom\tstart\tend\tstrand\tlength\tprob_premirna\tlabel\tmfe\tstructure\tstatus\n"));
  std::string fasta;
  for (const BedLocus& l : known_loci())
    fasta +=
        ">" + l.name + "\n" + test::samtools_bases(genome, l.chrom, l.start, l.end, '+') + "\n";
  test::write_text(dir.file("loci.fa"), fasta);
  const test::RunResult from_fasta = mirgene("predict -j 2 " + quoted(dir.file("loci.fa")));
  ASSERT_EQ(from_fasta.status, 0) << from_fasta.err;

  const auto rows = rows_by_id(r.out);
  const auto expected = rows_by_id(from_fasta.out);
  ASSERT_EQ(rows.size(), 8u);
  for (const BedLocus& l : known_loci()) {
    const std::vector<std::string>& f = rows.at(l.name);
    ASSERT_EQ(f.size(), 11u);
    EXPECT_EQ(f[1], l.chrom);
    EXPECT_EQ(f[2], std::to_string(l.start));
    EXPECT_EQ(f[3], std::to_string(l.end));
    EXPECT_EQ(f[4], "+");
    std::vector<std::string> rest(f.begin() + 5, f.end());
    rest.insert(rest.begin(), f[0]);
    EXPECT_EQ(rest, expected.at(l.name)) << l.name;
  }
}

INSTANTIATE_TEST_SUITE_P(PlainAndBgzip, LociByCompression, ::testing::Values("plain", "bgzip"));

TEST(GenomeLociCli, APlainGzipGenomeStopsTheRunBeforeAnyWork) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, "gzip");
  for (const std::string command : {"predict", "explain"}) {
    const test::RunResult r =
        mirgene(command + " --genome " + quoted(genome) + " --regions " + quoted(test::kCelLoci));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_THAT(r.err, AllOf(HasSubstr("plain gzip"), HasSubstr("recompress it with bgzip")));
    EXPECT_EQ(test::lines_of(r.err).size(), 1u) << r.err;
  }
  const test::RunResult stale_free = mirgene("predict --genome " + quoted(dir.file("none.fa")) +
                                             " --regions " + quoted(test::kCelLoci));
  EXPECT_THAT(stale_free.err, HasSubstr("cannot open"));
}

// Both strands with flanks: explain's sequences are samtools faidx's bases (-i for the minus
// strand), T read as U, and its rows carry the flanked coordinates.
TEST(GenomeLociCli, ExplainReadsMinusStrandLociReverseComplementedWithFlanks) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, "bgzip");
  std::string bed;
  for (const BedLocus& l : known_loci())
    for (const char strand : {'+', '-'})
      bed += l.chrom + "\t" + std::to_string(l.start) + "\t" + std::to_string(l.end) + "\t" +
             l.name + strand + "\t0\t" + strand + "\n";
  test::write_text(dir.file("both.bed"), bed);
  const test::RunResult r = mirgene("explain -f json -j 2 --flank 15 --genome " + quoted(genome) +
                                    " --regions " + quoted(dir.file("both.bed")));
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t seen = 0;
  for (const std::string& line : test::lines_of(r.out)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    const std::string id = j["id"];
    const char strand = id.back();
    for (const BedLocus& l : known_loci()) {
      if (l.name + strand != id) continue;
      EXPECT_EQ(j["chrom"], l.chrom);
      EXPECT_EQ(j["start"], l.start - 15);
      EXPECT_EQ(j["end"], l.end + 15);
      EXPECT_EQ(j["strand"], std::string(1, strand));
      EXPECT_EQ(j["sequence"].get<std::string>(),
                as_rna(test::samtools_bases(genome, l.chrom, l.start - 15, l.end + 15, strand)))
          << id;
      ++seen;
    }
  }
  EXPECT_EQ(seen, 16u);
}

// The BED written as GFF3 (1-based inclusive) and scan's outputs fed back in give the same
// loci as BED.
TEST(GenomeLociCli, Gff3AndTheScansOwnOutputsGiveTheSameLoci) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, "plain");
  std::string gff = "##gff-version 3\n";
  for (const BedLocus& l : known_loci())
    gff += l.chrom + "\tmiRBase\tmiRNA_primary_transcript\t" + std::to_string(l.start + 1) + "\t" +
           std::to_string(l.end) + "\t.\t+\t.\tID=MI" + l.name + ";Name=" + l.name + "\n";
  test::write_text(dir.file("loci.gff3"), gff);
  const std::string loci = " --genome " + quoted(genome) + " --regions ";
  const test::RunResult from_bed = mirgene("predict -j 2" + loci + quoted(test::kCelLoci));
  const test::RunResult from_gff = mirgene("predict -j 2" + loci + quoted(dir.file("loci.gff3")));
  ASSERT_EQ(from_gff.status, 0) << from_gff.err;
  EXPECT_EQ(from_gff.out, from_bed.out);

  // scan's calls, scored again by predict with the scan's model: the same loci, ids and
  // probabilities, whichever format carried them.
  const std::string model = " -m models/mirgene-genome.safetensors";
  const test::RunResult tsv = mirgene("scan -j 2 -f tsv " + quoted(genome));
  ASSERT_EQ(tsv.status, 0) << tsv.err;
  std::map<std::string, double> scan_p;
  for (const std::string& line : test::lines_of(tsv.out)) {
    const std::vector<std::string> f = test::split_tabs(line);
    if (f[0] == "chrom") continue;
    scan_p[f[0] + ":" + f[1] + "-" + f[2] + "(" + f[3] + ")"] = std::stod(f[4]);
  }
  ASSERT_GE(scan_p.size(), 8u);
  std::string first;
  for (const std::string format : {"tsv", "bed", "gff3"}) {
    const std::string calls = dir.file("calls." + format);
    ASSERT_EQ(
        mirgene("scan -j 2 -f " + format + " -o " + quoted(calls) + " " + quoted(genome)).status,
        0);
    const test::RunResult r = mirgene("predict -j 2" + model + loci + quoted(calls));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = rows_by_id(r.out);
    ASSERT_EQ(rows.size(), scan_p.size()) << format;
    for (const auto& [id, p] : scan_p) {
      const std::vector<std::string>& f = rows.at(id);
      EXPECT_EQ(f[1] + ":" + f[2] + "-" + f[3] + "(" + f[4] + ")", id);
      EXPECT_NEAR(std::stod(f[6]), p, 5.1e-5) << format << " " << id;
    }
    if (first.empty()) first = r.out;
    EXPECT_EQ(r.out, first) << format;
  }
}

TEST(GenomeLociCli, BadLociAreReportedWithFileAndLineAndTheOthersScored) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, "plain");
  const std::string chrII = "chrII:11534525-11540624", chrIII = "chrIII:2172325-2172669";
  const std::string bed = dir.file("bad.bed");
  test::write_text(bed, chrII + "\t2999\t3096\tgood\t0\t+\n" +           // 1
                            "chrV\t10\t100\tunknown\t0\t+\n" +           // 2
                            chrIII + "\t300\t400\tpast-end\t0\t+\n" +    // 3
                            chrII + "\t300\t200\tbackwards\t0\t+\n" +    // 4
                            chrII + "\t-5\t100\tnegative\t0\t+\n" +      // 5
                            chrII + "\t100\t600\ttoo-long\t0\t-\n" +     // 6
                            chrII + "\t3104\t3201\talso-good\t0\t-\n");  // 7
  const test::RunResult r =
      mirgene("predict -j 2 --genome " + quoted(genome) + " --regions " + quoted(bed));
  EXPECT_EQ(r.status, 0) << r.err;  // some loci were scored
  const auto rows = rows_by_id(r.out);
  ASSERT_EQ(rows.size(), 7u) << r.out;
  EXPECT_EQ(rows.at("good")[11 - 1], "ok");
  EXPECT_EQ(rows.at("also-good")[4], "-");
  EXPECT_THAT(r.err, HasSubstr("error: " + bed +
                               ":2:1: record 'unknown' (#2): chromosome 'chrV' "
                               "is not in " +
                               genome));
  EXPECT_THAT(r.err, HasSubstr(bed + ":3:"));
  EXPECT_THAT(r.err, HasSubstr("(#3): end 400 is past the end of " + chrIII + " (345 nt)"));
  EXPECT_THAT(r.err, HasSubstr(bed + ":4:"));
  EXPECT_THAT(r.err, HasSubstr("(#4): end 200 <= start 300"));
  EXPECT_THAT(r.err, HasSubstr("(#5): negative start -5"));
  EXPECT_THAT(r.err, HasSubstr("(#6): locus of 500 nt is longer than the 400 nt the model reads"));
  EXPECT_THAT(r.err, HasSubstr("5 of 7 records could not be processed"));
  EXPECT_THAT(rows.at("unknown")[10], HasSubstr("invalid record: chromosome 'chrV'"));
  EXPECT_EQ(rows.at("unknown")[1], "chrV");

  // GFF3 without a strand: that feature is an error, the other one is scored.
  const std::string gff = dir.file("no-strand.gff3");
  test::write_text(gff, "##gff-version 3\n" + chrII +
                            "\t.\tpre_miRNA\t3000\t3096\t.\t.\t.\tName=no-strand\n" + chrII +
                            "\t.\tpre_miRNA\t3000\t3096\t.\t+\t.\tName=stranded\n");
  const test::RunResult g =
      mirgene("predict --genome " + quoted(genome) + " --regions " + quoted(gff));
  EXPECT_EQ(g.status, 0) << g.err;
  EXPECT_THAT(g.err, HasSubstr(gff + ":2:"));
  EXPECT_THAT(g.err, HasSubstr("record 'no-strand' (#1): no strand ('.')"));
  EXPECT_EQ(rows_by_id(g.out).at("stranded")[10], "ok");
}

TEST(GenomeLociCli, OptionsThatDoNotGoTogether) {
  const std::string loci = quoted(test::kCelLoci);
  EXPECT_THAT(mirgene("predict --regions " + loci).err, HasSubstr("--genome"));
  EXPECT_THAT(mirgene("predict --genome x.fa").err, HasSubstr("--regions"));
  EXPECT_THAT(mirgene("predict x.fa --genome x.fa --regions " + loci).err, HasSubstr("excludes"));
  EXPECT_THAT(mirgene("evaluate --genome x.fa --pos x.fa --neg y.fa").err,
              HasSubstr("--pos-regions or --neg-regions"));
  EXPECT_THAT(mirgene("evaluate --pos x.fa").err, HasSubstr("--neg or --neg-regions"));
}

TEST(GenomeLociCli, ReportAndEvaluateOnLoci) {
  test::TempDir dir;
  const std::string genome = test::cel_genome_copy(dir, "plain");
  const std::string page = dir.file("loci.html");
  const test::RunResult r = mirgene("report -j 2 --genome " + quoted(genome) + " --regions " +
                                    quoted(test::kCelLoci) + " -o " + quoted(page));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = test::read_text(page);
  EXPECT_THAT(html, HasSubstr("\"coordinates\":true"));
  EXPECT_THAT(html, HasSubstr("\"chr\":\"chrIII:2172325-2172669\""));
  EXPECT_THAT(html, HasSubstr("\"id\":\"cel-mir-41\""));

  // Negatives: windows of the cluster's record between and beyond its precursors.
  const std::string neg = dir.file("neg.bed");
  test::write_text(neg,
                   "chrII:11534525-11540624\t100\t200\nchrII:11534525-11540624\t1000\t1110\t"
                   "n2\t0\t-\nchrII:11534525-11540624\t5000\t5090\n");
  const test::RunResult e =
      mirgene("evaluate -j 2 --no-fold-cache --genome " + quoted(genome) + " --pos-regions " +
              quoted(test::kCelLoci) + " --neg-regions " + quoted(neg) + " --format json");
  ASSERT_EQ(e.status, 0) << e.err;
  const nlohmann::json j = nlohmann::json::parse(e.out);
  EXPECT_THAT(e.err, HasSubstr(test::kCelLoci + ": 8 records used"));
  EXPECT_THAT(e.err, HasSubstr(neg + ": 3 records used"));
  EXPECT_THAT(j.dump(), HasSubstr("\"tp\""));
}

TEST(GenomeLociCli, ScanReportShowsTheCallsWithTheirCoordinates) {
  test::TempDir dir;
  const std::string page = dir.file("scan.html"), calls = dir.file("calls.tsv");
  const test::RunResult r = mirgene("scan -j 2 -f tsv " + quoted(test::kCelGenome) + " -o " +
                                    quoted(calls) + " --report " + quoted(page));
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = test::read_text(page);
  EXPECT_THAT(html, HasSubstr("\"coordinates\":true"));
  std::size_t n = 0;
  for (const std::string& line : test::lines_of(test::read_text(calls))) {
    const std::vector<std::string> f = test::split_tabs(line);
    if (f[0] == "chrom") continue;
    ++n;
    const std::string id = f[0] + ":" + f[1] + "-" + f[2] + "(" + f[3] + ")";
    EXPECT_THAT(html, HasSubstr("\"id\":\"" + id + "\"")) << id;
    // The page's probability is the scan's (rounded to 6 decimals there, 4 in the TSV).
    const std::size_t at = html.find("\"id\":\"" + id + "\"");
    const std::size_t p = html.find("\"p\":", at);
    EXPECT_NEAR(std::stod(html.substr(p + 4, 10)), std::stod(f[4]), 5.1e-5) << id;
  }
  EXPECT_GE(n, 8u);
  EXPECT_THAT(r.err, HasSubstr("report of " + std::to_string(n) + " calls"));
}

}  // namespace
}  // namespace mirgene
