// Loci as records: ids from names or coordinates, residues as the FASTA reader gives them
// (T as U, case kept, minus strand reverse-complemented), coordinates for every line that
// has them (flanks included), and bad loci as unreadable records naming file, line, column.
#include "predict/locus_source.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/genome_copies.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::predict {
namespace {

using ::testing::HasSubstr;

const std::string kChrII = "chrII:11534525-11540624";

std::string as_rna(std::string s) {
  for (char& c : s) {
    if (c == 'T') c = 'U';
    if (c == 't') c = 'u';
  }
  return s;
}

TEST(LocusSource, RecordsCarryIdsResiduesAndCoordinates) {
  test::TempDir dir;
  const std::string path = test::cel_genome_copy(dir, "plain");
  const std::string bed = dir.file("loci.bed");
  test::write_text(bed, kChrII + "\t2999\t3096\tcel-mir-35\t0\t-\n" +  // line 1
                            kChrII + "\t10\t70\n" +                    // line 2: no name
                            "chrV\t10\t70\tnowhere\n" +                // line 3: unknown
                            kChrII + "\tx\t70\tbroken\n");             // line 4: unreadable
  std::ostringstream notes;
  GenomeLoci loci = open_genome_loci(path, bed, genome::default_feature_types(), {5, 400}, notes);
  EXPECT_THAT(notes.str(), HasSubstr("built the index of " + path));
  LocusSource& source = *loci.source;
  EXPECT_EQ(source.name(), bed);
  ASSERT_EQ(source.size(), 4u);

  seqio::ReadResult item;
  ASSERT_TRUE(source.next(item));
  EXPECT_FALSE(item.error);
  EXPECT_EQ(item.record.id, "cel-mir-35");
  EXPECT_EQ(item.record.number, 1u);
  EXPECT_EQ(item.record.seq, as_rna(test::samtools_bases(path, kChrII, 2994, 3101, '-')));
  const genome::Coordinates* where = source.coordinates(1);
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(genome::coordinates_name(*where), kChrII + ":2994-3101(-)");

  ASSERT_TRUE(source.next(item));
  EXPECT_EQ(item.record.id, kChrII + ":10-70(+)");  // the locus as given, before flanks
  EXPECT_EQ(item.record.seq, as_rna(test::samtools_bases(path, kChrII, 5, 75, '+')));

  ASSERT_TRUE(source.next(item));
  ASSERT_TRUE(item.error);
  EXPECT_EQ(item.error->to_string(),
            bed + ":3:1: record 'nowhere' (#3): chromosome 'chrV' is not in " + path);
  ASSERT_NE(source.coordinates(3), nullptr);  // its row still shows where it was asked for
  EXPECT_EQ(source.coordinates(3)->chrom, "chrV");

  ASSERT_TRUE(source.next(item));
  ASSERT_TRUE(item.error);
  EXPECT_THAT(item.error->to_string(), HasSubstr(":4:" + std::to_string(kChrII.size() + 2) +
                                                 ": record 'broken' (#4): start 'x'"));
  EXPECT_EQ(source.coordinates(4), nullptr);
  EXPECT_FALSE(source.next(item));
}

}  // namespace
}  // namespace mirgene::predict
