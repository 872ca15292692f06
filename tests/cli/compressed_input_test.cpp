// Compressed input end to end: every command that reads FASTA (fold, predict, explain,
// report, eval's pairs, and the training loaders of train and evaluate) takes gzip files and
// gzip on standard input; a truncated file fails the run with its name after the complete
// records were written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/text.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string quoted(const std::string& path) { return test::shell_quoted(path); }

test::RunResult mirgene(const std::string& args) {
  return test::run(quoted(fs::absolute(test::mirgene_bin()).string()) + " " + args);
}

// FILE.gz beside FILE, which is kept (gzip -n: no name or time stamp, as data/ stores its
// files).
std::string gzipped(const std::string& file) {
  const test::RunResult r = test::run("gzip -n -k -f " + quoted(file));
  EXPECT_EQ(r.status, 0) << r.err;
  return file + ".gz";
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::string copy_of(const std::string& from, const test::TempDir& tmp, const std::string& name) {
  fs::copy_file(from, tmp.path() / name);
  return tmp.file(name);
}

TEST(CompressedInputCli, FoldPredictAndExplainReadGzipFilesAndStdinAsPlainText) {
  test::TempDir tmp;
  const std::string plain = copy_of(fs::absolute("examples/example.fa").string(), tmp, "example.fa");
  const std::string gz = gzipped(plain);
  for (const std::string command : {"fold", "predict", "explain"}) {
    const test::RunResult want = mirgene(command + " --threads 2 " + quoted(plain));
    ASSERT_EQ(want.status, 0) << command << ": " << want.err;
    const test::RunResult file = mirgene(command + " --threads 2 " + quoted(gz));
    EXPECT_EQ(file.status, 0) << command << ": " << file.err;
    EXPECT_EQ(file.out, want.out) << command;
    const test::RunResult in = mirgene(command + " --threads 2 - < " + quoted(gz));
    EXPECT_EQ(in.status, 0) << command << ": " << in.err;
    EXPECT_EQ(in.out, want.out) << command;
  }
  const test::RunResult page = mirgene("report " + quoted(gz) + " -o " + quoted(tmp.file("r.html")));
  EXPECT_EQ(page.status, 0) << page.err;
  EXPECT_THAT(test::read_text(tmp.file("r.html")), HasSubstr("hsa-mir-25"));
}

TEST(CompressedInputCli, EvalReadsGzipPairs) {
  test::TempDir tmp;
  const std::string plain = copy_of(fs::absolute("examples/example.fa").string(), tmp, "example.fa");
  const test::RunResult folded = mirgene("fold " + quoted(plain));
  ASSERT_EQ(folded.status, 0) << folded.err;
  test::write_text(tmp.file("pairs.txt"), folded.out);
  const test::RunResult want = mirgene("eval " + quoted(tmp.file("pairs.txt")));
  ASSERT_EQ(want.status, 0) << want.err;
  const std::string gz = gzipped(tmp.file("pairs.txt"));
  EXPECT_EQ(mirgene("eval " + quoted(gz)).out, want.out);
  EXPECT_EQ(mirgene("eval - < " + quoted(gz)).out, want.out);
}

TEST(CompressedInputCli, TruncatedFileFailsAfterWritingTheCompleteRecords) {
  test::TempDir tmp;
  std::string fasta;
  for (int i = 0; i < 2000; ++i) {
    std::string seq;
    for (int k = 0; k < 40 + i % 30; ++k) seq += "ACGU"[(i * 13 + k * k) % 4];
    fasta += ">r" + std::to_string(i) + "\n" + seq + "\n";
  }
  test::write_text(tmp.file("many.fa"), fasta);
  const std::string gz = gzipped(tmp.file("many.fa"));
  fs::resize_file(gz, fs::file_size(gz) / 2);

  const test::RunResult r = mirgene("fold --threads 2 " + quoted(gz));
  EXPECT_EQ(r.status, 1) << r.err;  // a clean failure: exit status 1, not a signal
  EXPECT_THAT(r.err, HasSubstr("error: " + gz + ": truncated gzip data"));
  // The records before the break were folded and written, in order.
  EXPECT_THAT(r.out, HasSubstr(">r0\n"));
  EXPECT_THAT(r.out, HasSubstr(">r500\n"));
  EXPECT_THAT(r.out, Not(HasSubstr(">r1999\n")));

  const test::RunResult p = mirgene("predict --threads 2 " + quoted(gz));
  EXPECT_EQ(p.status, 1);
  EXPECT_THAT(p.err, HasSubstr("truncated gzip data"));
  EXPECT_THAT(p.out, HasSubstr("r500\t"));
}

TEST(CompressedInputCli, CorruptAndUnreadFormatsFailWithTheirNames) {
  test::TempDir tmp;
  test::write_text(tmp.file("junk.fa.gz"), std::string("\x1f\x8b\x09\x00junk junk junk", 17));
  const test::RunResult corrupt = mirgene("fold " + quoted(tmp.file("junk.fa.gz")));
  EXPECT_EQ(corrupt.status, 1);
  EXPECT_THAT(corrupt.err, HasSubstr(tmp.file("junk.fa.gz") + ": corrupt gzip data"));
  test::write_text(tmp.file("x.fa.zst"), std::string("\x28\xb5\x2f\xfd\x00\x58", 6));
  const test::RunResult zstd = mirgene("predict " + quoted(tmp.file("x.fa.zst")));
  EXPECT_EQ(zstd.status, 1);
  EXPECT_THAT(zstd.err, HasSubstr("looks zstd-compressed, not FASTA text; decompress it first"));
}

TEST(CompressedInputCli, TrainingAndEvaluationReadGzipAndShareTheFoldCache) {
  test::TempDir tmp;
  std::string files;
  for (const char* name : {"tiny_pos.fa", "tiny_neg.fa", "tiny_val_pos.fa", "tiny_val_neg.fa"})
    gzipped(copy_of(fs::absolute(test::fixture_path("train/") + name).string(), tmp, name));
  const std::string cache = " --fold-cache " + quoted(tmp.file("folds.cache"));
  // Plain files fill the cache...
  const test::RunResult train = mirgene("train --pos " + quoted(tmp.file("tiny_pos.fa")) + " --neg " +
                                        quoted(tmp.file("tiny_neg.fa")) + " --epochs 1 --threads 1 -o " +
                                        quoted(tmp.file("m.safetensors")) + cache);
  ASSERT_EQ(train.status, 0) << train.err;
  // ...and the same sequences read compressed hit it: the key is the sequence, not the file.
  const test::RunResult again = mirgene("train --pos " + quoted(tmp.file("tiny_pos.fa.gz")) + " --neg " +
                                        quoted(tmp.file("tiny_neg.fa.gz")) + " --epochs 1 --threads 1 -o " +
                                        quoted(tmp.file("m2.safetensors")) + cache);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("tiny_pos.fa.gz: "));
  EXPECT_THAT(again.err, HasSubstr("tiny_neg.fa.gz: "));
  EXPECT_EQ(count_of(again.err, " 0 folded)"), 2u) << again.err;

  const test::RunResult evaluate =
      mirgene("evaluate --model " + quoted(tmp.file("m.safetensors")) + " --pos " +
              quoted(tmp.file("tiny_val_pos.fa.gz")) + " --neg " + quoted(tmp.file("tiny_val_neg.fa.gz")) +
              " --threads 1" + cache);
  EXPECT_EQ(evaluate.status, 0) << evaluate.err;
  EXPECT_THAT(evaluate.out, HasSubstr("AUROC"));
}

}  // namespace
}  // namespace mirgene
