// End-to-end tests of `mirgene fold -p`: RNAfold -p's lines, the --bpp table, the --dotplot
// files, and bad input handled per record as plain `fold` handles it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/cli.hpp"
#include "support/text.hpp"

namespace {

using mirgene::test::mirgene;
using mirgene::test::quoted;
using mirgene::test::read_text;
using mirgene::test::TempDir;
using mirgene::test::write_text;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// RNAfold 2.7.1 -p's output for these two records (data/reference/rnafold_p/).
constexpr const char* kRecords = ">dev_random12\nCGGAAUUAACCU\n>dev_random5\nGCCAA\n";
constexpr const char* kRnafoldP =
    ">dev_random12\nCGGAAUUAACCU\n"
    ".((......)). ( -0.40)\n"
    ".{{......}}. [ -0.67]\n"
    ".((......)). { -0.40 d=0.72}\n"
    " frequency of mfe structure in ensemble 0.643683; ensemble diversity 0.95  \n"
    ">dev_random5\nGCCAA\n"
    "..... (  0.00)\n"
    "..... [ -0.00]\n"
    "..... {  0.00 d=0.00}\n"
    " frequency of mfe structure in ensemble 1; ensemble diversity 0.00  \n";

TEST(FoldPartitionCli, PrintsWhatRnafoldPrints) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), kRecords);
  const auto r = mirgene("fold -p " + quoted(tmp.file("in.fa")));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kRnafoldP);
  EXPECT_EQ(r.err, "");
}

TEST(FoldPartitionCli, BppTableAndDotPlots) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), std::string(kRecords) + ">a/b c\nGGGGAAAACCCC\n>a/b\nGGGAAACCC\n");
  const auto r = mirgene("fold --bpp " + quoted(tmp.file("p.tsv")) + " --dotplot " +
                         quoted(tmp.file("plots")) + " " + quoted(tmp.file("in.fa")));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith(kRnafoldP));  // --bpp implies -p
  const std::string table = read_text(tmp.file("p.tsv"));
  EXPECT_THAT(table, StartsWith("id\ti\tj\tp\n"));
  EXPECT_THAT(table, HasSubstr("dev_random12\t2\t11\t"));
  EXPECT_THAT(table, HasSubstr("a/b\t1\t12\t"));
  EXPECT_THAT(table, ::testing::Not(HasSubstr("dev_random5")));  // no pair can form
  for (const char* name :
       {"dev_random12_dp.svg", "dev_random5_dp.svg", "a_b_dp.svg", "a_b_2_dp.svg"}) {
    const std::string svg = read_text(tmp.file("plots/" + std::string(name)));
    EXPECT_THAT(svg, StartsWith("<svg")) << name;
  }
  // No temporaries left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(tmp.file("plots")))
    ++files;
  EXPECT_EQ(files, 4u);
}

TEST(FoldPartitionCli, CutoffLimitsTheTable) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), kRecords);
  const auto all =
      mirgene("fold --bpp " + quoted(tmp.file("all.tsv")) + " " + quoted(tmp.file("in.fa")));
  const auto few = mirgene("fold --bpp " + quoted(tmp.file("few.tsv")) + " --bpp-cutoff 0.5 " +
                           quoted(tmp.file("in.fa")));
  ASSERT_EQ(all.status, 0) << all.err;
  ASSERT_EQ(few.status, 0) << few.err;
  // The centroid's two pairs are the only ones above 0.5.
  EXPECT_EQ(
      read_text(tmp.file("few.tsv")), "id\ti\tj\tp\n" + [&] {
        std::string rows;
        for (const std::string& line : mirgene::test::lines_of(read_text(tmp.file("all.tsv")))) {
          const auto tab = line.rfind('\t');
          if (tab != std::string::npos && line.substr(0, 2) != "id" &&
              std::stod(line.substr(tab + 1)) >= 0.5)
            rows += line + "\n";
        }
        return rows;
      }());
  EXPECT_NE(mirgene("fold -p --bpp-cutoff 2 " + quoted(tmp.file("in.fa"))).status, 0);
  EXPECT_NE(mirgene("fold -p --bpp-cutoff 0 " + quoted(tmp.file("in.fa"))).status, 0);
}

TEST(FoldPartitionCli, BadRecordsAreReportedAndOthersStillFolded) {
  TempDir tmp;
  write_text(tmp.file("bad.fa"),
             "GGGG\n"  // sequence before any header
             ">good1\nGGGGAAAACCCC\n"
             ">empty\n"                   // no sequence
             ">bad_char\nGGGG1AAACCCC\n"  // digit: not an IUPAC letter
             ">good2\nGGGAAACCC\n");
  const auto r =
      mirgene("fold -p --bpp " + quoted(tmp.file("p.tsv")) + " " + quoted(tmp.file("bad.fa")));
  EXPECT_EQ(r.status, 0) << "good records were folded, so the run succeeds";
  EXPECT_THAT(r.out, HasSubstr(">good1\nGGGGAAAACCCC\n((((....)))) ( -5.40)\n"));
  EXPECT_THAT(r.out, HasSubstr(">good2\nGGGAAACCC\n"));
  EXPECT_THAT(r.err, HasSubstr("'empty'"));
  EXPECT_THAT(r.err, HasSubstr("'bad_char'"));
  EXPECT_THAT(r.err, HasSubstr("3 of 5 records could not be processed"));
  EXPECT_THAT(read_text(tmp.file("p.tsv")), HasSubstr("good1\t1\t12\t"));
}

TEST(FoldPartitionCli, FailsOnlyWhenNothingCouldBeProcessed) {
  TempDir tmp;
  write_text(tmp.file("allbad.fa"), ">x\nAC-GU\n>y\n\n");
  const auto r = mirgene("fold -p " + quoted(tmp.file("allbad.fa")));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("'x'"));
  EXPECT_THAT(r.err, HasSubstr("'y'"));
}

#if !defined(__SANITIZE_ADDRESS__)
// A record whose tables cannot be allocated (here under a 600 MB address-space limit: 5,000
// nt need about 0.7 GB) gets its own error; the records after it are still folded.
TEST(FoldPartitionCli, RecordTooLongForMemoryFailsAlone) {
  TempDir tmp;
  write_text(tmp.file("in.fa"), ">long\n" + std::string(5000, 'G') + "\n>short\nGGGGAAAACCCC\n");
  const auto r = mirgene::test::run("ulimit -v 600000; " + quoted(mirgene::test::mirgene_bin()) +
                                    " fold -p -j 1 " + quoted(tmp.file("in.fa")));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("'long'"));
  EXPECT_THAT(r.err, HasSubstr("sequence of 5000 nt needs"));
  EXPECT_THAT(r.out, HasSubstr(">short\nGGGGAAAACCCC\n((((....)))) ( -5.40)\n"));
}
#endif

}  // namespace
