// Fetching loci through htslib's faidx: the bases equal samtools faidx's on both strands, for
// a plain and a bgzip genome whose record names hold ':' and '-'; an index is built once when
// missing; a plain-gzip genome and a stale index are refused with one clear message.
#include "genome/indexed_genome.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <random>

#include "common/error.hpp"
#include "genome/locus_sequence.hpp"
#include "support/genome_copies.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::genome {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

const std::string kChrII = "chrII:11534525-11540624";  // 6100 nt
const std::string kChrIII = "chrIII:2172325-2172669";  // 345 nt

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

class GenomeByCompression : public ::testing::TestWithParam<std::string> {};

TEST_P(GenomeByCompression, LociEqualSamtoolsOnBothStrands) {
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, GetParam());
  const IndexedGenome genome(path);
  EXPECT_TRUE(genome.index_built());
  EXPECT_EQ(genome.length(kChrII), 6100);
  EXPECT_EQ(genome.length(kChrIII), 345);
  EXPECT_FALSE(genome.length("chrII"));
  // The known precursors, both ends of each record, and random loci.
  std::vector<Locus> loci;
  auto add = [&](const std::string& chrom, long start, long end) {
    for (const char strand : {'+', '-'}) {
      Locus l;
      l.where = {chrom, start, end, strand};
      loci.push_back(l);
    }
  };
  add(kChrII, 2999, 3096);
  add(kChrIII, 115, 230);
  add(kChrII, 0, 61);
  add(kChrII, 6039, 6100);
  add(kChrIII, 0, 345);
  std::mt19937 random(29);
  for (int k = 0; k < 10; ++k) {
    const long start = std::uniform_int_distribution<long>(0, 5800)(random);
    add(kChrII, start, start + std::uniform_int_distribution<long>(1, 300)(random));
  }
  for (const Locus& l : loci) {
    const LocusSequence got = fetch_locus(genome, l, 0, 400);
    ASSERT_EQ(got.problem, "");
    EXPECT_EQ(got.dna,
              test::samtools_bases(path, l.where.chrom, l.where.start, l.where.end, l.where.strand))
        << coordinates_name(l.where);
  }
  // Opened again, the index is read, not rebuilt.
  EXPECT_FALSE(IndexedGenome(path).index_built());
}

INSTANTIATE_TEST_SUITE_P(PlainAndBgzip, GenomeByCompression, ::testing::Values("plain", "bgzip"));

TEST(IndexedGenome, PlainGzipIsRefusedWithTheBgzipAdvice) {
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, "gzip");
  EXPECT_THAT(error_of([&] { IndexedGenome g(path); }),
              AllOf(HasSubstr(path), HasSubstr("plain gzip"), HasSubstr("bgzip")));
  EXPECT_FALSE(fs::exists(path + ".fai"));
}

TEST(IndexedGenome, AnIndexOlderThanItsGenomeIsRefused) {
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, "plain");
  { IndexedGenome built(path); }
  fs::last_write_time(path + ".fai", fs::last_write_time(path) - std::chrono::hours(1));
  EXPECT_THAT(error_of([&] { IndexedGenome g(path); }),
              AllOf(HasSubstr(path + ".fai"), HasSubstr("newer"), HasSubstr("samtools faidx")));
}

TEST(IndexedGenome, AMissingIndexInAFolderNobodyMayWriteNamesSamtools) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write into any folder";
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, "plain");
  fs::permissions(dir.path(), fs::perms::owner_write, fs::perm_options::remove);
  const std::string message = error_of([&] { IndexedGenome g(path); });
  fs::permissions(dir.path(), fs::perms::owner_write, fs::perm_options::add);
  EXPECT_THAT(message, AllOf(HasSubstr("not writable"), HasSubstr("samtools faidx " + path)));
}

TEST(IndexedGenome, MissingFilesAndFoldersAreNamed) {
  EXPECT_THAT(error_of([] { IndexedGenome g("no/such/genome.fa"); }),
              HasSubstr("cannot open 'no/such/genome.fa'"));
  test::TempDir dir;
  EXPECT_THAT(error_of([&] { IndexedGenome g(dir.path().string()); }), HasSubstr("is a directory"));
  EXPECT_THAT(error_of([] { IndexedGenome g("-"); }), HasSubstr("standard input"));
}

TEST(LocusSequence, BadLociSayWhatIsWrongAndWhere) {
  test::TempDir dir;
  const IndexedGenome genome(test::cel_genome_copy(dir, "plain"));
  Locus l;
  l.chrom_column = 1;
  l.start_column = 5;
  l.end_column = 9;
  l.where = {"chrX", 10, 100, '+'};
  LocusSequence got = fetch_locus(genome, l, 0, 400);
  EXPECT_THAT(got.problem, HasSubstr("chromosome 'chrX' is not in"));
  EXPECT_EQ(got.column, 1u);
  l.where = {kChrIII, 300, 346, '+'};
  got = fetch_locus(genome, l, 0, 400);
  EXPECT_EQ(got.problem, "end 346 is past the end of " + kChrIII + " (345 nt)");
  EXPECT_EQ(got.column, 9u);
  l.where = {kChrII, 100, 501, '-'};
  got = fetch_locus(genome, l, 0, 400);
  EXPECT_EQ(got.problem, "locus of 401 nt is longer than the 400 nt the model reads");
  EXPECT_EQ(got.dna, "");
  l.where = {kChrII, 100, 400, '-'};
  got = fetch_locus(genome, l, 60, 400);
  EXPECT_EQ(got.problem,
            "locus of 300 nt (420 nt with its flanks) is longer than the 400 nt the model reads");
}

TEST(LocusSequence, FlanksWidenTheLocusAndStopAtTheChromosomeEnds) {
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, "plain");
  const IndexedGenome genome(path);
  Locus l;
  l.where = {kChrIII, 5, 300, '-'};
  const LocusSequence got = fetch_locus(genome, l, 20, 400);
  ASSERT_EQ(got.problem, "");
  EXPECT_EQ(got.where.start, 0);
  EXPECT_EQ(got.where.end, 320);
  EXPECT_EQ(got.dna, test::samtools_bases(path, kChrIII, 0, 320, '-'));
  l.where = {kChrIII, 300, 340, '+'};
  const LocusSequence end = fetch_locus(genome, l, 20, 400);
  EXPECT_EQ(end.where.start, 280);
  EXPECT_EQ(end.where.end, 345);
}

TEST(LocusSequence, ReverseComplementKeepsCaseAndIupacCodes) {
  EXPECT_EQ(reverse_complement("ACGTacgtN"), "NacgtACGT");
  EXPECT_EQ(reverse_complement("RYKMBDHVSWU"), "AWSBDHVKMRY");
  EXPECT_EQ(reverse_complement("ryn"), "nry");
}

}  // namespace
}  // namespace mirgene::genome
