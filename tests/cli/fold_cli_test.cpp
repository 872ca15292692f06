// End-to-end tests of `mirgene fold` and `mirgene eval`: output format, input order with
// many threads, stdin, and bad input handled per record with the documented exit status.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace {

using mirgene::test::mirgene_bin;
using mirgene::test::run;
using mirgene::test::TempDir;
using mirgene::test::write_text;
using ::testing::HasSubstr;

TEST(FoldCli, PrintsRnafoldFormatWithHeaderAndCaseKept) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), ">seq1 some desc\nacgtNNggggaaaaccccuuu\n");
  const auto r = run(mirgene_bin() + " fold " + tmp.file("in.fa"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, ">seq1 some desc\nacguNNggggaaaaccccuuu\n......((((....))))... ( -6.40)\n");
  EXPECT_EQ(r.err, "");
}

TEST(FoldCli, ReadsStdinMultiLineAndCrlf) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), ">a\r\nGGGGAA\r\nAACCCC\r\n\r\n>b\r\nAAAA\r\n");
  const auto r = run(mirgene_bin() + " fold - < " + tmp.file("in.fa"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, ">a\nGGGGAAAACCCC\n((((....)))) ( -5.40)\n>b\nAAAA\n.... (  0.00)\n");
}

TEST(FoldCli, KeepsInputOrderWithManyThreads) {
  TempDir tmp;
  std::string fasta, expected_ids;
  for (int i = 0; i < 300; ++i) {
    // Lengths vary so that workers finish out of order.
    std::string seq;
    for (int k = 0; k < 10 + (i * 37) % 200; ++k) seq += "ACGU"[(i * 7 + k * k) % 4];
    fasta += ">r" + std::to_string(i) + "\n" + seq + "\n";
  }
  write_text(tmp.file("in.fa"), fasta);
  const auto one = run(mirgene_bin() + " fold --threads 1 " + tmp.file("in.fa"));
  const auto many = run(mirgene_bin() + " fold --threads 4 " + tmp.file("in.fa"));
  ASSERT_EQ(one.status, 0) << one.err;
  ASSERT_EQ(many.status, 0) << many.err;
  EXPECT_EQ(one.out, many.out);
  EXPECT_THAT(one.out, HasSubstr(">r299\n"));
}

TEST(FoldCli, BadRecordsAreReportedAndOthersStillFolded) {
  TempDir tmp;
  write_text(tmp.file("bad.fa"),
             "GGGG\n"                        // sequence before any header
             ">good1\nGGGGAAAACCCC\n"
             ">empty\n"                      // no sequence
             ">bad_char\nGGGG1AAACCCC\n"      // digit: not an IUPAC letter
             ">\nACGU\n"                     // header without id
             ">good2\nGGGAAACCC\n");
  const auto r = run(mirgene_bin() + " fold " + tmp.file("bad.fa"));
  EXPECT_EQ(r.status, 0) << "good records were folded, so the run succeeds";
  EXPECT_THAT(r.out, HasSubstr(">good1\nGGGGAAAACCCC\n((((....)))) ( -5.40)\n"));
  EXPECT_THAT(r.out, HasSubstr(">good2\nGGGAAACCC\n"));
  EXPECT_THAT(r.err, HasSubstr("bad.fa:1:"));
  EXPECT_THAT(r.err, HasSubstr("'empty'"));
  EXPECT_THAT(r.err, HasSubstr("'bad_char'"));
  EXPECT_THAT(r.err, HasSubstr("bad.fa:6:5"));  // line 6, column 5: the '1'
  EXPECT_THAT(r.err, HasSubstr("4 of 6 records could not be processed"));
}

TEST(FoldCli, FailsOnlyWhenNothingCouldBeProcessed) {
  TempDir tmp;
  write_text(tmp.file("allbad.fa"), ">x\nAC-GU\n>y\n\n");
  const auto r = run(mirgene_bin() + " fold " + tmp.file("allbad.fa"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("'x'"));
  EXPECT_THAT(r.err, HasSubstr("'y'"));
}

TEST(FoldCli, MissingFileIsAClearError) {
  const auto r = run(mirgene_bin() + " fold no/such/file.fa");
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.err, HasSubstr("no/such/file.fa"));
}

TEST(FoldCli, OutputCanBeFedBackToEval) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), ">n1\nUUGAAGUAUUAAAAUCCCUGGGUCAGCCACCACUGGAAUUACUUAAAGAACUUAUGAAUAUGGCUGUAGAGGGUGACCACACUUCAG\n");
  const auto folded = run(mirgene_bin() + " fold " + tmp.file("in.fa"));
  ASSERT_EQ(folded.status, 0);
  write_text(tmp.file("out.txt"), folded.out);
  const auto r = run(mirgene_bin() + " eval -v " + tmp.file("out.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  // Worked example 1 of the energy-model specification (record 2075 of human_neg).
  EXPECT_THAT(r.out, HasSubstr("Hairpin  loop ( 29, 61) AU              :   763\n"));
  EXPECT_THAT(r.out, HasSubstr("(-18.87)\n"));
}

TEST(EvalCli, SequenceAndStructureOptions) {
  const auto r = run(mirgene_bin() + " eval -s GGGGAAAACCCC -d '((((....))))'");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "GGGGAAAACCCC\n((((....)))) ( -5.40)\n");
}

TEST(EvalCli, RejectsImpossiblePairWithRecordName) {
  TempDir tmp;
  write_text(tmp.file("in.txt"), ">p1\nGGGAAAACCC\n((......))\n>p2\nAAAAAAAAAA\n((......))\n");
  const auto r = run(mirgene_bin() + " eval " + tmp.file("in.txt"));
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.out, HasSubstr(">p1\n"));
  EXPECT_THAT(r.err, HasSubstr("'p2'"));
}

}  // namespace
