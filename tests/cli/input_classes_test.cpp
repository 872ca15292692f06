// Issue 15: inputs outside what the model knows, resources, bad bytes and the smaller cases,
// end to end. Each test names the item it covers; docs/inputs.md lists every input class.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace mirgene {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kModel = "models/mirgene-whole.safetensors";
// hsa-mir-21 (72 nt)
const std::string kMir21 =
    "UGUCGGGUAGCUUAUCAGACUGAUGUUGACUGUUGAAUCUCAUGGCAACACCAGUCGAUGGGCUGUCUGACA";

std::vector<std::string> tab_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) fields.push_back(f);
  return fields;
}

// status column of the predict TSV row of `id`
std::string status_of(const std::string& tsv, const std::string& id) {
  std::istringstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    const auto f = tab_fields(line);
    if (f.size() == 7 && f[0] == id) return f[6];
  }
  return "(no row)";
}

class InputClasses : public ::testing::Test {
 protected:
  std::string bin = test::mirgene_bin();
  test::TempDir tmp;
  std::string fasta() {
    std::string with_n = kMir21;
    with_n[20] = 'N';
    with_n[21] = 'R';
    std::string text = ">short8\nACGUACGU\n>one\nA\n>edge44\n" + kMir21.substr(0, 44) +
                       "\n>edge45\n" + kMir21.substr(0, 45) + "\n>ambiguous\n" + with_n +
                       "\n>plain\n" + kMir21 + "\n>long\n";
    for (int i = 0; i < 113; ++i) text += "GAUC";
    text += '\n';
    test::write_text(tmp.file("in.fa"), text);
    return tmp.file("in.fa");
  }
};

// Item 3: 1-8 nt scored ~0.99; ambiguity codes scored without a word. Item 4: >400 nt folded.
TEST_F(InputClasses, PredictSaysWhyShortAndLongRecordsAreNotScoredAndFlagsAmbiguity) {
  const test::RunResult r = test::run(bin + " predict -m " + kModel + " -j 2 " + fasta());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(status_of(r.out, "short8"), "too short: 8 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(status_of(r.out, "one"), "too short: 1 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(status_of(r.out, "edge44"), "too short: 44 nt < 45 (the shortest training pre-miRNA)");
  EXPECT_EQ(status_of(r.out, "edge45"), "ok");
  EXPECT_EQ(status_of(r.out, "ambiguous"),
            "ok; flagged: 2 ambiguous bases (N R), none in the training data");
  EXPECT_EQ(status_of(r.out, "plain"), "ok");
  EXPECT_EQ(status_of(r.out, "long"), "too long: 452 nt > 400");
  // Not scored and not folded: every field but id, length and status is "-".
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    const auto f = tab_fields(line);
    if (f[0] != "short8" && f[0] != "long") continue;
    EXPECT_EQ(f[2], "-");
    EXPECT_EQ(f[4], "-");
    EXPECT_EQ(f[5], "-");
  }
  EXPECT_THAT(r.err, HasSubstr("record 'short8' (#1): too short: 8 nt < 45"));
  EXPECT_THAT(r.err, HasSubstr("4 of 7 records could not be processed"));
}

// Item 3: the same rules in every command that scores.
TEST_F(InputClasses, ExplainAndReportFollowTheSameRules) {
  const std::string in = fasta();
  const test::RunResult e = test::run(bin + " explain -f json -m " + kModel + " " + in);
  EXPECT_EQ(e.status, 0) << e.err;
  std::vector<std::string> ids;
  std::istringstream lines(e.out);
  for (std::string line; std::getline(lines, line);)
    ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  EXPECT_EQ(ids, (std::vector<std::string>{"edge45", "ambiguous", "plain"}));
  EXPECT_THAT(e.err, HasSubstr("record 'short8' (#1): too short: 8 nt < 45"));
  EXPECT_THAT(e.err, HasSubstr("record 'long' (#7): too long: 452 nt > 400"));

  const std::string page = tmp.file("r.html");
  const test::RunResult r = test::run(bin + " report -m " + kModel + " -o " + page + " " + in);
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string html = test::read_text(page);
  EXPECT_THAT(html, HasSubstr("too short: 8 nt \\u003c 45 (the shortest training pre-miRNA)"));
  EXPECT_THAT(html, HasSubstr("ok; flagged: 2 ambiguous bases (N R), none in the training data"));
}

// Item 3: `energy` took digits and any byte as bases where `fold` refuses them.
TEST_F(InputClasses, EnergyRefusesWhatFoldRefuses) {
  const test::RunResult option = test::run(bin + " energy -s GGGA1ACCC -d '(((...)))'");
  EXPECT_EQ(option.status, 1);
  EXPECT_THAT(option.err, HasSubstr("--sequence: invalid character '1' (not an IUPAC nucleotide "
                                    "letter) at position 5"));
  test::write_text(tmp.file("pairs.txt"),
                   ">digits\nGGG1AACCC\n(((...)))\n>bytes\nGGG\x01"
                   "AACCC\n(((...)))\n>good\nGGGGAAAACCCC\n((((....))))\n");
  const test::RunResult file = test::run(bin + " energy " + tmp.file("pairs.txt"));
  EXPECT_EQ(file.status, 0) << file.err;
  EXPECT_THAT(file.err, HasSubstr("record 'digits' (#1): sequence has an invalid character '1'"));
  EXPECT_THAT(file.err, HasSubstr("record 'bytes' (#2): sequence has an invalid byte 0x01"));
  EXPECT_EQ(file.out, ">good\nGGGGAAAACCCC\n((((....)))) ( -5.40)\n");
  test::write_text(tmp.file("digits.fa"), ">digits\nGGG1AACCC\n");
  EXPECT_THAT(test::run(bin + " fold " + tmp.file("digits.fa")).err,
              HasSubstr("invalid character '1' (not an IUPAC nucleotide letter)"));
}

// Item 5: a header with bytes that are not UTF-8 made report and explain -f json fail.
TEST_F(InputClasses, HeadersThatAreNotUtf8AreReplacedEverywhere) {
  test::write_text(tmp.file("latin1.fa"), ">caf\xe9-mir\n" + kMir21 + "\n");
  const std::string in = tmp.file("latin1.fa");
  for (const std::string& command : std::vector<std::string>{
           "predict -f json", "explain -f json", "report -o " + tmp.file("p.html")}) {
    const test::RunResult r = test::run(bin + " " + command + " -m " + kModel + " " + in);
    EXPECT_EQ(r.status, 0) << command << ": " << r.err;
    const std::string out = command.starts_with("report") ? test::read_text(tmp.file("p.html")) : r.out;
    EXPECT_THAT(out, HasSubstr("caf\xEF\xBF\xBD-mir")) << command;
  }
}

// Item 5: 1e400 in a model header escaped as "unexpected failure" without the file's name.
TEST_F(InputClasses, ANumberBeyondDoubleInAModelHeaderNamesTheFile) {
  const std::string header = R"({"__metadata__":{"format":"mirgene"},"t":{"dtype":"F32","shape":[1],"data_offsets":[0,1e400]}})";
  std::string bytes(8, '\0');
  const std::uint64_t n = header.size();
  std::memcpy(bytes.data(), &n, 8);
  test::write_text(tmp.file("bad.safetensors"), bytes + header + std::string(4, '\0'));
  const test::RunResult r =
      test::run(bin + " predict -m " + tmp.file("bad.safetensors") + " examples/example.fa");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr(tmp.file("bad.safetensors") + ": invalid JSON header"));
  EXPECT_THAT(r.err, Not(HasSubstr("unexpected failure")));
}

// Item 5 (--arch 1e400) and item 4 (--arch with 15,000 units: std::bad_alloc).
TEST_F(InputClasses, ArchitectureFilesAreCheckedBeforeTraining) {
  const std::string pos = test::fixture_path("train/tiny_pos.fa");
  const std::string neg = test::fixture_path("train/tiny_neg.fa");
  test::write_text(tmp.file("big-number.json"), R"({"dense": [1e400]})");
  const test::RunResult number = test::run(bin + " train --no-fold-cache --epochs 1 --pos " + pos +
                                           " --neg " + neg + " --arch " + tmp.file("big-number.json") +
                                           " -o " + tmp.file("m.safetensors"));
  EXPECT_EQ(number.status, 1);
  EXPECT_THAT(number.err, HasSubstr(tmp.file("big-number.json") + ": invalid JSON"));
  EXPECT_THAT(number.err, Not(HasSubstr("unexpected failure")));

  test::write_text(tmp.file("huge.json"),
                   R"({"recurrent": [{"units": 15000}], "attention": true, "dense": []})");
  const test::RunResult huge = test::run(bin + " train --no-fold-cache --epochs 1 --pos " + pos +
                                         " --neg " + neg + " --arch " + tmp.file("huge.json") +
                                         " -j 2 -o " + tmp.file("m.safetensors"));
  EXPECT_EQ(huge.status, 1);
  EXPECT_THAT(huge.err, HasSubstr(tmp.file("huge.json") + ": training this network needs about"));
  EXPECT_THAT(huge.err, HasSubstr("GiB available"));
  EXPECT_THAT(huge.err, Not(HasSubstr("bad_alloc")));
  // Refused before any data was read or folded.
  EXPECT_THAT(huge.err, Not(HasSubstr("records used")));
  EXPECT_FALSE(std::filesystem::exists(tmp.file("m.safetensors")));
}

// Item 5: parameters at -10^7 overflowed int in the multiloop sum ("internal error").
TEST_F(InputClasses, ParameterFilesWithValuesBeyondRealEnergiesAreRefused) {
  std::string text = test::read_text(test::data_path("reference/energy/turner2004.par"));
  const std::string row = "  -240  -330  -210  -140  -210  -210  -140\n";
  text.replace(text.find(row), row.size(), "  -240  -330  -210  -140  -210  -210  -10000000\n");
  test::write_text(tmp.file("bad.par"), text);
  const test::RunResult r = test::run(bin + " fold --params " + tmp.file("bad.par") + " examples/example.fa");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr(tmp.file("bad.par") + ": line 5, section '# stack': value -10000000 "
                                                     "is out of range"));
  EXPECT_EQ(r.out, "");
}

// Item 6: a fold cache that cannot be written failed the whole command.
TEST_F(InputClasses, AnUnwritableFoldCacheIsAWarning) {
  test::write_text(tmp.file("file"), "not a directory");
  const test::RunResult r = test::run(
      bin + " evaluate -m " + kModel + " --pos " + test::fixture_path("train/tiny_val_pos.fa") +
      " --neg " + test::fixture_path("train/tiny_val_neg.fa") + " --fold-cache " +
      tmp.file("file/folds.tsv"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("warning: cannot create fold-cache directory"));
  EXPECT_THAT(r.err, HasSubstr("going on without saving folds to the cache"));
  EXPECT_THAT(r.out, HasSubstr("AUROC"));
}

// Item 6: a hand-edited cache entry with an unbalanced structure was used silently.
TEST_F(InputClasses, AnInvalidFoldCacheEntryIsAnErrorNamingTheLine) {
  test::write_text(tmp.file("folds.tsv"),
                   "#mirgene-fold-cache v1 turner2004\nGGGAAACCC\t(((...)).\t-120\n");
  const test::RunResult r = test::run(
      bin + " evaluate -m " + kModel + " --pos " + test::fixture_path("train/tiny_val_pos.fa") +
      " --neg " + test::fixture_path("train/tiny_val_neg.fa") + " --fold-cache " +
      tmp.file("folds.tsv"));
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr(tmp.file("folds.tsv") + ":2: malformed fold-cache entry (unbalanced"));
}

// Item 6: duplicate ids passed without a warning.
TEST_F(InputClasses, DuplicateIdsAreWarnedAbout) {
  test::write_text(tmp.file("dups.fa"),
                   ">a\n" + kMir21 + "\n>b\n" + kMir21 + "\n>a second\n" + kMir21 + "\n");
  for (const std::string& command : std::vector<std::string>{"predict -m " + kModel, "fold"}) {
    const test::RunResult r = test::run(bin + " " + command + " " + tmp.file("dups.fa"));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.err, HasSubstr("warning: " + tmp.file("dups.fa") +
                                 ": record 'a' (#3) repeats the id of record #1"))
        << command;
  }
}

// Item 6: report exits 1 when no record could be processed, as predict does.
TEST_F(InputClasses, ReportFailsWhenNoRecordCouldBeScored) {
  test::write_text(tmp.file("short.fa"), ">s1\nACGU\n>s2\nGGGAAACCC\n");
  for (const std::string& command : std::vector<std::string>{
           "predict -m " + kModel, "report -m " + kModel + " -o " + tmp.file("r.html")}) {
    const test::RunResult r = test::run(bin + " " + command + " " + tmp.file("short.fa"));
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_THAT(r.err, HasSubstr("2 of 2 records could not be processed")) << command;
  }
}

}  // namespace
}  // namespace mirgene
