// The scan's BED6, GFF3 and TSV lines.
#include "scan/output_format.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace mirgene::scan {
namespace {

Hairpin example() {
  Hairpin h;
  h.start = 99;
  h.end = 110;
  h.strand = '-';
  h.probability = 0.98767f;
  h.energy = -1234;
  h.sequence = "GGGGAAACCCC";
  h.structure = "((((...))))";
  return h;
}

TEST(OutputFormat, Bed6IsZeroBasedHalfOpenWithAScoreFrom0To1000) {
  EXPECT_EQ(output_row(OutputFormat::kBed, "chr1", example()),
            "chr1\t99\t110\tchr1:99-110(-)\t988\t-\n");
  Hairpin h = example();
  h.probability = 1.0f;
  EXPECT_EQ(output_row(OutputFormat::kBed, "c", h), "c\t99\t110\tc:99-110(-)\t1000\t-\n");
  EXPECT_EQ(output_header(OutputFormat::kBed), "");
}

TEST(OutputFormat, Gff3IsOneBasedInclusiveWithAttributes) {
  EXPECT_EQ(output_header(OutputFormat::kGff3), "##gff-version 3\n");
  EXPECT_EQ(output_row(OutputFormat::kGff3, "chr1", example()),
            "chr1\tmirgene\tpre_miRNA\t100\t110\t0.9877\t-\t.\tID=chr1:99-110(-);"
            "probability=0.9877;mfe=-12.34;structure=((((...))))\n");
  Hairpin h = example();
  EXPECT_NE(output_row(OutputFormat::kGff3, "a;b=c", h).find("ID=a%3Bb%3Dc:99-110(-)"),
            std::string::npos);
  // A calibrated model's rate comes after the probability.
  EXPECT_EQ(output_row(OutputFormat::kGff3, "chr1", example(), 12.3456),
            "chr1\tmirgene\tpre_miRNA\t100\t110\t0.9877\t-\t.\tID=chr1:99-110(-);"
            "probability=0.9877;fp_per_mb=12.35;mfe=-12.34;structure=((((...))))\n");
}

TEST(OutputFormat, TsvHasAHeaderAndOneRowPerCandidate) {
  EXPECT_EQ(output_header(OutputFormat::kTsv),
            "chrom\tstart\tend\tstrand\tprobability\tfp_per_mb\tmfe\tsequence\tstructure\n");
  EXPECT_EQ(output_row(OutputFormat::kTsv, "chr1", example()),
            "chr1\t99\t110\t-\t0.9877\tNA\t-12.34\tGGGGAAACCCC\t((((...))))\n");
  EXPECT_EQ(output_row(OutputFormat::kTsv, "chr1", example(), 0.004),
            "chr1\t99\t110\t-\t0.9877\t0.00\t-12.34\tGGGGAAACCCC\t((((...))))\n");
}

TEST(OutputFormat, BedAndCallsNeverShowTheRate) {
  for (const OutputFormat f : {OutputFormat::kBed, OutputFormat::kCalls})
    EXPECT_EQ(output_row(f, "chr1", example(), 5.0), output_row(f, "chr1", example()));
}

TEST(OutputFormat, Names) {
  EXPECT_EQ(parse_output_format("gff3"), OutputFormat::kGff3);
  EXPECT_THROW(parse_output_format("gff"), Error);
}

}  // namespace
}  // namespace mirgene::scan
