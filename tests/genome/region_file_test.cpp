// Reading regions files: BED3 to BED12 with headers, track lines, CRLF and blanks; GFF3 with
// feature-type selection, escaped and non-UTF-8 attributes and 1-based coordinates; the
// scan's TSV; and every bad line reported with its column while the others are read.
#include "genome/region_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "genome/gff3_attributes.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::genome {
namespace {

using ::testing::HasSubstr;

Regions read_text(const std::string& text,
                  const std::vector<std::string>& types = default_feature_types()) {
  test::TempDir dir;
  const std::string path = dir.file("regions");
  test::write_text(path, text);
  Regions r = read_regions(path, types);
  r.source = "regions";
  return r;
}

std::string where(const RegionEntry& e) {
  return coordinates_name(e.locus.where) + " " + locus_id(e.locus) + " @" +
         std::to_string(e.locus.line);
}

TEST(RegionFile, BedOfEveryWidthWithHeadersTrackLinesAndCrlf) {
  const Regions r = read_text(
      "browser position chrI:1-100\r\n"
      "track name=loci description=\"test\"\r\n"
      "# a comment\r\n"
      "chrom\tchromStart\tchromEnd\tname\r\n"
      "chrI\t10\t90\r\n"
      "\r\n"
      "chrI\t20\t80\tmir-1\r\n"
      "chrII:5-9\t0\t70\tmir-2\t0\t-\r\n"
      "chrII:5-9\t5\t75\t.\t960\t.\t5\t75\t255,0,0\t2\t10,10\t0,60\r\n");
  EXPECT_EQ(r.format, RegionFormat::kBed);
  ASSERT_EQ(r.entries.size(), 4u);
  for (const RegionEntry& e : r.entries) EXPECT_EQ(e.problem, "") << where(e);
  EXPECT_EQ(where(r.entries[0]), "chrI:10-90(+) chrI:10-90(+) @5");
  EXPECT_EQ(where(r.entries[1]), "chrI:20-80(+) mir-1 @7");
  EXPECT_EQ(where(r.entries[2]), "chrII:5-9:0-70(-) mir-2 @8");
  // BED12: the span chromStart-chromEnd, '.' name and strand mean none.
  EXPECT_EQ(where(r.entries[3]), "chrII:5-9:5-75(+) chrII:5-9:5-75(+) @9");
}

TEST(RegionFile, BedSeparatedByBlanksIsRead) {
  const Regions r = read_text("chrI  10 90  mir-1 0 -\n");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(where(r.entries[0]), "chrI:10-90(-) mir-1 @1");
}

TEST(RegionFile, BadBedLinesSayWhyAndWhereWhileTheOthersAreRead) {
  const Regions r = read_text(
      "chrI\t10\t90\tgood\n"
      "chrI\tten\t90\tnot-a-number\n"
      "chrI\t90\t10\tbackwards\n"
      "chrI\t-5\t10\tnegative\n"
      "chrI\t10\n"
      "chrI\t10\t10\tempty\n"
      "chrI\t10\t90\tstrange\t0\tx\n"
      "chrI\t10\t90x\ttrailing\n");
  ASSERT_EQ(r.entries.size(), 8u);
  EXPECT_EQ(r.entries[0].problem, "");
  EXPECT_EQ(r.entries[1].problem, "start 'ten' is not a whole number");
  EXPECT_EQ(r.entries[1].column, 6u);
  EXPECT_FALSE(r.entries[1].located);
  EXPECT_EQ(r.entries[2].problem, "end 10 <= start 90 (0-based half-open): an empty locus");
  EXPECT_EQ(r.entries[2].column, 9u);
  EXPECT_TRUE(r.entries[2].located);
  EXPECT_EQ(r.entries[3].problem, "negative start -5");
  EXPECT_EQ(r.entries[3].column, 6u);
  EXPECT_EQ(r.entries[4].problem, "expected at least 3 columns (chrom, start, end), found 2");
  EXPECT_THAT(r.entries[5].problem, HasSubstr("end 10 <= start 10"));
  EXPECT_EQ(r.entries[6].problem, "strand must be + or - (or . for none), not 'x'");
  EXPECT_EQ(r.entries[6].column, 22u);
  EXPECT_EQ(r.entries[7].problem, "end '90x' is not a whole number");
  for (std::size_t i = 0; i < r.entries.size(); ++i) EXPECT_EQ(r.entries[i].locus.line, i + 1);
}

TEST(RegionFile, Gff3PrecursorTypesByDefaultOneBasedToHalfOpen) {
  // As miRBase writes them (a primary transcript and its mature miRNAs) and as scan writes.
  const Regions r = read_text(
      "##gff-version 3\n"
      "#date 2019-01-01\n"
      "chrII\t.\tmiRNA_primary_transcript\t11537525\t11537621\t.\t+\t.\t"
      "ID=MI0000006;Alias=MI0000006;Name=cel-mir-35\n"
      "chrII\t.\tmiRNA\t11537540\t11537562\t.\t+\t.\tID=MIMAT0000006;Name=cel-miR-35-3p;"
      "Derives_from=MI0000006\n"
      "chrX:1-9\tmirgene\tpre_miRNA\t1\t100\t0.9\t-\t.\tID=chrX%3A1-9:0-100(-);mfe=-30.0\n");
  EXPECT_EQ(r.format, RegionFormat::kGff3);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(where(r.entries[0]), "chrII:11537524-11537621(+) cel-mir-35 @3");
  EXPECT_EQ(where(r.entries[1]), "chrX:1-9:0-100(-) chrX:1-9:0-100(-) @5");
  EXPECT_EQ(r.other_types.at("miRNA"), 1u);
  // --feature-type miRNA: the mature miRNAs instead.
  const Regions mature = read_text(
      "##gff-version 3\n"
      "chrII\t.\tmiRNA\t11537540\t11537562\t.\t+\t.\tID=MIMAT0000006;Name=cel-miR-35-3p\n",
      {"miRNA"});
  ASSERT_EQ(mature.entries.size(), 1u);
  EXPECT_EQ(locus_id(mature.entries[0].locus), "cel-miR-35-3p");
}

TEST(RegionFile, Gff3AttributesEscapedOrNotUtf8AndTheIdFallback) {
  const Regions r = read_text(
      "chrI\tsrc\tpre_miRNA\t1\t80\t.\t+\t.\tName=mir%2C1%3Bb%3Dc%25;ID=x\n"
      "chrI\tsrc\tpre_miRNA\t1\t80\t.\t+\t.\tName=mir-\xE9\xFF;ID=y\n"
      "chrI\tsrc\tpre_miRNA\t1\t80\t.\t+\t.\tID=only-id\n"
      "chrI\tsrc\tpre_miRNA\t1\t80\t.\t+\t.\t.\n"
      "chrI\tsrc\tpre_miRNA\t1\t80\t.\t+\t.\tName=100%25 %zz\n"
      "##FASTA\n>chrI\nACGU\n");
  EXPECT_EQ(r.format, RegionFormat::kGff3);  // told by its columns: no version line
  ASSERT_EQ(r.entries.size(), 5u);
  EXPECT_EQ(r.entries[0].locus.name, "mir,1;b=c%");
  EXPECT_EQ(r.entries[1].locus.name, "mir-\xE9\xFF");  // kept as read
  EXPECT_EQ(r.entries[2].locus.name, "only-id");
  EXPECT_EQ(locus_id(r.entries[3].locus), "chrI:0-80(+)");
  EXPECT_EQ(r.entries[4].locus.name, "100% %zz");
}

TEST(RegionFile, Gff3WithoutStrandOrWithBadPositionsIsABadLine) {
  const Regions r = read_text(
      "##gff-version 3\n"
      "chrI\t.\tpre_miRNA\t10\t90\t.\t.\t.\tID=no-strand\n"
      "chrI\t.\tpre_miRNA\t10\t90\t.\t?\t.\tID=unknown-strand\n"
      "chrI\t.\tpre_miRNA\t0\t90\t.\t+\t.\tID=zero\n"
      "chrI\t.\tpre_miRNA\t90\t10\t.\t+\t.\tID=backwards\n"
      "chrI\t.\tpre_miRNA\t10\t90\n");
  ASSERT_EQ(r.entries.size(), 5u);
  EXPECT_EQ(r.entries[0].problem, "no strand ('.'): a precursor is read from one strand, + or -");
  EXPECT_EQ(r.entries[0].column, 26u);
  EXPECT_TRUE(r.entries[0].located);
  EXPECT_EQ(r.entries[0].locus.where.strand, '.');
  EXPECT_THAT(r.entries[1].problem, HasSubstr("no strand ('?')"));
  EXPECT_EQ(r.entries[2].problem, "start 0 < 1 (GFF3 counts from 1)");
  EXPECT_EQ(r.entries[3].problem, "end 10 <= start 89 (0-based half-open): an empty locus");
  EXPECT_EQ(r.entries[4].problem, "expected 9 columns (GFF3), found 5");
}

TEST(RegionFile, TheScansTsv) {
  const Regions r = read_text(
      "chrom\tstart\tend\tstrand\tprobability\tfp_per_mb\tmfe\tsequence\tstructure\n"
      "chrII:1-2\t2993\t3106\t+\t0.9990\tNA\t-55.60\tACGU\t((.))\n"
      "chrII:1-2\t3096\t3210\t-\t0.9942\tNA\t-50.00\tACGU\t((.))\n"
      "chrII:1-2\t3096\t3210\t.\t0.9942\tNA\t-50.00\tACGU\t((.))\n");
  EXPECT_EQ(r.format, RegionFormat::kScanTsv);
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(where(r.entries[0]), "chrII:1-2:2993-3106(+) chrII:1-2:2993-3106(+) @2");
  EXPECT_EQ(where(r.entries[1]), "chrII:1-2:3096-3210(-) chrII:1-2:3096-3210(-) @3");
  EXPECT_EQ(r.entries[2].problem, "strand must be + or -, not '.'");
}

TEST(RegionFile, GzipRegionsAndMissingFiles) {
  test::TempDir dir;
  const std::string plain = dir.file("r.bed");
  test::write_text(plain, "chrI\t1\t90\tm\n");
  ASSERT_EQ(test::run("gzip -n " + plain).status, 0);
  const Regions r = read_regions(plain + ".gz", default_feature_types());
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].locus.name, "m");
  EXPECT_THROW(read_regions(dir.file("none.bed"), default_feature_types()), mirgene::Error);
}

TEST(Gff3Attributes, DecodesTheValueOfOneKey) {
  EXPECT_EQ(gff3_attribute("ID=a;Name=b%3Bc", "Name"), "b;c");
  EXPECT_EQ(gff3_attribute(" ID = a ; Name=x", "ID"), " a");
  EXPECT_EQ(gff3_attribute("ID=a", "Name"), std::nullopt);
  EXPECT_EQ(percent_decoded("%41%4a%"), "AJ%");
}

}  // namespace
}  // namespace mirgene::genome
