// `mirgene calibrate` and what `mirgene scan` does with its table, run as users run them: a
// shipped model calibrated on a little yeast DNA (no miRNAs) keeps its tensors byte for byte
// and gains the table; scan then reports fp_per_mb and turns --max-fp-per-mb into the
// table's threshold; the errors of models without a table and of -t beside it. Kept small:
// CI runs this under the sanitizers too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/number_text.hpp"
#include "common/sha256.hpp"
#include "scan/fp_calibration.hpp"
#include "seqio/fasta_reader.hpp"
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

// The shipped human model carries no calibration (the default model does).
const std::string kModel = "models/mirgene-human.safetensors";
const std::string kCel = "data/genomes/cel_mir35_cluster.fa";
constexpr std::size_t kDnaBases = 10000;

// The length-prefixed header and the data section of a safetensors file.
struct FileParts {
  std::string header, data;
};
FileParts parts_of(const std::string& path) {
  const std::string bytes = test::read_text(path);
  std::uint64_t n = 0;
  std::memcpy(&n, bytes.data(), 8);
  return {bytes.substr(8, n), bytes.substr(8 + n)};
}

// One calibration shared by the tests: the first kDnaBases nt of yeast chromosome I.
class CalibrateCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    seqio::ReadResult r;
    auto reader = seqio::FastaReader::open(test::data_path("genomes/sacCer_chr1.fa.gz"));
    ASSERT_TRUE(reader->next(r));
    std::ofstream(dna(), std::ios::binary) << ">chrI_start\n"
                                           << r.record.seq.substr(0, kDnaBases) << '\n';
    calibrate_ = mirgene("calibrate -m " + quoted(kModel) + " --dna " + quoted(dna()) + " -o " +
                         quoted(calibrated()) + " -j 2");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::string dna() { return dir_->file("yeast10k.fa"); }
  static std::string calibrated() { return dir_->file("calibrated.safetensors"); }
  static scan::FpTable table() {
    const auto header = nlohmann::json::parse(parts_of(calibrated()).header);
    return scan::fp_table_from_json(
        header.at("__metadata__").at(std::string(scan::kFpMetadataKey)).get<std::string>(),
        calibrated());
  }

  static std::unique_ptr<test::TempDir> dir_;
  static test::RunResult calibrate_;
};
std::unique_ptr<test::TempDir> CalibrateCli::dir_;
test::RunResult CalibrateCli::calibrate_;

TEST_F(CalibrateCli, WritesTheTableAndKeepsTheTensorsByteForByte) {
  ASSERT_EQ(calibrate_.status, 0) << calibrate_.err;
  EXPECT_THAT(calibrate_.err, HasSubstr("yeast10k.fa"));
  EXPECT_THAT(calibrate_.err, HasSubstr("0.95"));
  EXPECT_EQ(parts_of(calibrated()).data, parts_of(kModel).data);
  // Every other metadata entry is the model's.
  auto meta = nlohmann::json::parse(parts_of(calibrated()).header).at("__metadata__");
  const auto original = nlohmann::json::parse(parts_of(kModel).header).at("__metadata__");
  meta.erase(std::string(scan::kFpMetadataKey));
  EXPECT_EQ(meta, original);

  const scan::FpTable t = table();
  EXPECT_EQ(t.thresholds, scan::fp_threshold_grid());
  ASSERT_EQ(t.dna.size(), 1u);
  EXPECT_EQ(t.dna[0].name, "yeast10k.fa");
  EXPECT_EQ(t.dna[0].bases, static_cast<std::int64_t>(kDnaBases));
  EXPECT_EQ(t.dna[0].sha256, sha256_of_file(dna()));
  EXPECT_EQ(t.settings.span, 120);
  EXPECT_EQ(t.settings.min_pairs, 18);
  EXPECT_FALSE(t.date.empty());
  // Yeast has hairpins that score above 0.3: the lowest threshold counts some.
  EXPECT_GT(t.fp_per_mb.front(), 0.0);
  EXPECT_EQ(t.fp_per_mb, scan::rates_per_mb(t.dna[0].loci, t.dna[0].bases));
}

TEST_F(CalibrateCli, ScanChoosesTheTablesThresholdAndReportsTheRate) {
  ASSERT_EQ(calibrate_.status, 0) << calibrate_.err;
  const scan::FpTable t = table();
  // The rate at 0.8 asks for the lowest threshold with at most that rate (0.8 or below: the
  // C. elegans precursors are called).
  const double max_fp = scan::fp_per_mb_at(t, 0.8);
  const double chosen = scan::threshold_for_max_fp(t, max_fp);
  const test::RunResult r = mirgene("scan " + quoted(kCel) + " --strand + -j 2 -f tsv -m " +
                                    quoted(calibrated()) + " --max-fp-per-mb " + fixed(max_fp, 3));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("threshold " + general(chosen) + " for at most"));
  EXPECT_THAT(r.err, HasSubstr("yeast10k.fa"));
  const std::vector<std::string> lines = test::lines_of(r.out);
  ASSERT_GE(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0],
            "chrom\tstart\tend\tstrand\tprobability\tfp_per_mb\tmfe\tsequence\tstructure");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> f = test::split_tabs(lines[i]);
    ASSERT_EQ(f.size(), 9u) << lines[i];
    EXPECT_GE(std::stod(f[4]) + 5e-5, chosen) << lines[i];
    EXPECT_LE(std::stod(f[5]), max_fp + 0.005) << lines[i];  // printed to 2 decimals
  }
  // GFF3 carries the rate as an attribute; BED stays BED6.
  const test::RunResult gff = mirgene(
      "scan " + quoted(kCel) + " --strand + -j 2 -f gff3 -t 0.95 -m " + quoted(calibrated()));
  ASSERT_EQ(gff.status, 0) << gff.err;
  const std::vector<std::string> rows = test::lines_of(gff.out);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_THAT(rows[1], HasSubstr(";fp_per_mb="));
}

TEST_F(CalibrateCli, CalibratingInPlaceReplacesTheFile) {
  ASSERT_EQ(calibrate_.status, 0) << calibrate_.err;
  // A second calibration of the calibrated file, on part of the DNA behind an N run, into
  // itself: the new table replaces the old (the N run is not counted).
  const std::string model = dir_->file("again.safetensors");
  fs::copy_file(calibrated(), model);
  const std::string text = test::read_text(dna());
  const std::string with_n = dir_->file("n.fa");
  std::ofstream(with_n, std::ios::binary)
      << ">r\n"
      << std::string(500, 'N') << text.substr(text.find('\n') + 1, 3000) << '\n';
  const test::RunResult r = mirgene("calibrate -m " + quoted(model) + " --dna " + quoted(with_n) +
                                    " -o " + quoted(model) + " -j 2");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto meta = nlohmann::json::parse(parts_of(model).header).at("__metadata__");
  const auto json =
      nlohmann::json::parse(meta.at(std::string(scan::kFpMetadataKey)).get<std::string>());
  ASSERT_EQ(json.at("dna").size(), 1u);
  EXPECT_EQ(json.at("dna")[0].at("name"), "n.fa");
  EXPECT_EQ(json.at("dna")[0].at("bases"), 3000);
  EXPECT_EQ(parts_of(model).data, parts_of(kModel).data);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_->path()), fs::directory_iterator()), 4);
}

TEST(CalibrateCliErrors, ModelsWithoutATableGiveNaAndRefuseMaxFp) {
  test::TempDir dir;
  const std::string fa = dir.file("x.fa");
  test::write_text(fa, ">x\nACGU\n");
  const test::RunResult no_table =
      mirgene("scan " + quoted(fa) + " -m " + quoted(kModel) + " --max-fp-per-mb 10");
  EXPECT_EQ(no_table.status, 1);
  EXPECT_THAT(no_table.err, HasSubstr("carries no false-positive calibration"));
  EXPECT_THAT(no_table.err, HasSubstr("mirgene calibrate"));
  const test::RunResult both =
      mirgene("scan " + quoted(fa) + " -m " + quoted(kModel) + " -t 0.9 --max-fp-per-mb 10");
  EXPECT_NE(both.status, 0);
  EXPECT_THAT(both.err, HasSubstr("excludes"));
  const test::RunResult nan = mirgene("scan " + quoted(fa) + " --max-fp-per-mb nan");
  EXPECT_NE(nan.status, 0);
  EXPECT_THAT(nan.err, HasSubstr("must be a number >= 0"));
  // Without a table the TSV column is there, with NA.
  const test::RunResult tsv =
      mirgene("scan " + quoted(kCel) + " --strand + -j 2 -f tsv -t 0.95 -m " + quoted(kModel));
  ASSERT_EQ(tsv.status, 0) << tsv.err;
  const std::vector<std::string> lines = test::lines_of(tsv.out);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(test::split_tabs(lines[1])[5], "NA");
  // calibrate refuses DNA without sequence and missing files.
  const std::string n_only = dir.file("n.fa");
  test::write_text(n_only, ">n\nNNNNNNNNNN\n");
  const test::RunResult empty =
      mirgene("calibrate -m " + quoted(kModel) + " --dna " + quoted(n_only) + " -o " +
              quoted(dir.file("o.safetensors")));
  EXPECT_EQ(empty.status, 1);
  EXPECT_THAT(empty.err, HasSubstr("n.fa holds no sequence to scan"));
  EXPECT_FALSE(fs::exists(dir.file("o.safetensors")));
}

}  // namespace
}  // namespace mirgene
