// False positives per Mb: loci counted at each threshold of a grid, merged as `mirgene scan`
// merges them, per DNA file and over all of it; the step lookup; the threshold for a rate;
// the table as model metadata.
#include "scan/fp_calibration.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "common/error.hpp"

namespace mirgene::scan {
namespace {

using ::testing::HasSubstr;

Hairpin piece(std::int64_t start, std::int64_t end, char strand, float p) {
  Hairpin h;
  h.start = start;
  h.end = end;
  h.strand = strand;
  h.probability = p;
  h.sequence = std::string(static_cast<std::size_t>(end - start), 'A');
  return h;
}

std::vector<Hairpin> at_least(const std::vector<Hairpin>& pieces, double t) {
  std::vector<Hairpin> out;
  for (const Hairpin& h : pieces)
    if (h.probability >= t) out.push_back(h);
  return out;
}

TEST(FpCalibration, GridIsHundredthsThenThousandthsAsTheOptionParsesThem) {
  const std::vector<double> grid = fp_threshold_grid();
  ASSERT_EQ(grid.size(), 70u + 9u);
  EXPECT_EQ(grid.front(), 0.30);
  EXPECT_EQ(grid[1], 0.31);
  EXPECT_EQ(grid[50], 0.80);  // exactly what `-t 0.8` gives
  EXPECT_EQ(grid[69], 0.99);
  EXPECT_EQ(grid[70], 0.991);
  EXPECT_EQ(grid.back(), 0.999);
  EXPECT_TRUE(std::is_sorted(grid.begin(), grid.end()));
}

TEST(FpCalibration, LociAreMergedAtEachThresholdAsScanMergesThem) {
  // A chain 100-180, 130-220, 170-250 on '+': one locus while all three are kept; without
  // the middle one (0.5) the outer two share only 10 nt and are two loci. A piece on '-'
  // over the same span is a locus of its own.
  const std::vector<Hairpin> record = {piece(100, 180, '+', 0.9f), piece(130, 220, '+', 0.5f),
                                       piece(170, 250, '+', 0.95f), piece(100, 180, '-', 0.7f),
                                       piece(400, 480, '+', 0.35f)};
  const std::vector<double> thresholds = {0.3, 0.4, 0.6, 0.8, 0.92, 0.99};
  const std::vector<std::int64_t> loci = count_loci({record}, thresholds);
  EXPECT_EQ(loci, (std::vector<std::int64_t>{3, 2, 3, 2, 1, 0}));
  // The same as merge_calls (what scan reports) at every threshold.
  for (std::size_t k = 0; k < thresholds.size(); ++k)
    EXPECT_EQ(loci[k],
              static_cast<std::int64_t>(merge_calls(at_least(record, thresholds[k])).size()))
        << thresholds[k];
}

TEST(FpCalibration, RecordsAreMergedApart) {
  // The same span in two records: two loci, not one.
  const std::vector<std::int64_t> loci =
      count_loci({{piece(0, 100, '+', 0.9f)}, {piece(10, 100, '+', 0.9f)}}, {0.5});
  EXPECT_EQ(loci, (std::vector<std::int64_t>{2}));
}

TEST(FpCalibration, StreamedPiecesCountAsAWholeRecordDoes) {
  // Random pieces of one record handed over in start order in batches, as scan_fasta hands
  // them over, count as merge_calls of all of them at each threshold.
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::int64_t> start(0, 20000), length(60, 180);
  std::uniform_real_distribution<float> p(0.2f, 1.0f);
  std::vector<Hairpin> pieces;
  for (int i = 0; i < 600; ++i) {
    const std::int64_t s = start(rng);
    pieces.push_back(piece(s, s + length(rng), i % 3 == 0 ? '-' : '+', p(rng)));
  }
  pieces = sorted_calls(pieces);
  const std::vector<double> grid = fp_threshold_grid();
  LocusCounter counter(grid);
  for (std::size_t k = 0; k < pieces.size(); k += 37)
    counter.add(std::vector<Hairpin>(
        pieces.begin() + static_cast<std::ptrdiff_t>(k),
        pieces.begin() + static_cast<std::ptrdiff_t>(std::min(k + 37, pieces.size()))));
  counter.end_record();
  for (std::size_t k = 0; k < grid.size(); ++k)
    ASSERT_EQ(counter.loci()[k],
              static_cast<std::int64_t>(merge_calls(at_least(pieces, grid[k])).size()))
        << grid[k];
}

FpTable two_file_table() {
  // 2 Mb with 10, 4, 4, 0 loci and 0.5 Mb with 10, 6, 1, 1 loci.
  return make_fp_table(
      {0.5, 0.8, 0.9, 0.99},
      {{"a.fa", "aa", 2000000, {10, 4, 4, 0}}, {"b.fa.gz", "bb", 500000, {10, 6, 1, 1}}},
      ScanSettings{}, "2026-12-08T00:00:00Z");
}

TEST(FpCalibration, RatesArePerMbOverAllFilesAndPerFile) {
  const FpTable table = two_file_table();
  EXPECT_EQ(table.fp_per_mb, (std::vector<double>{8.0, 4.0, 2.0, 0.4}));
  EXPECT_EQ(rates_per_mb(table.dna[0].loci, table.dna[0].bases),
            (std::vector<double>{5.0, 2.0, 2.0, 0.0}));
  EXPECT_EQ(rates_per_mb(table.dna[1].loci, table.dna[1].bases),
            (std::vector<double>{20.0, 12.0, 2.0, 2.0}));
  // Rates are kept to 1/1000 per Mb.
  EXPECT_EQ(rates_per_mb({1}, 3000000), (std::vector<double>{0.333}));
}

TEST(FpCalibration, LookupIsAStepFunctionOfTheGrid) {
  const FpTable table = two_file_table();
  EXPECT_EQ(fp_per_mb_at(table, 0.1), 8.0);  // below the grid: its lowest threshold's
  EXPECT_EQ(fp_per_mb_at(table, 0.5), 8.0);
  EXPECT_EQ(fp_per_mb_at(table, 0.79), 8.0);
  EXPECT_EQ(fp_per_mb_at(table, static_cast<double>(0.8f)), 4.0);  // a float probability
  EXPECT_EQ(fp_per_mb_at(table, 0.95), 2.0);
  EXPECT_EQ(fp_per_mb_at(table, 0.99), 0.4);
  EXPECT_EQ(fp_per_mb_at(table, 1.0), 0.4);
}

TEST(FpCalibration, ThresholdForAMaximumRateIsTheSmallestThatMeetsIt) {
  const FpTable table = two_file_table();
  EXPECT_EQ(threshold_for_max_fp(table, 100), 0.5);
  EXPECT_EQ(threshold_for_max_fp(table, 8), 0.5);  // equal is enough
  EXPECT_EQ(threshold_for_max_fp(table, 7.99), 0.8);
  EXPECT_EQ(threshold_for_max_fp(table, 2), 0.9);
  EXPECT_EQ(threshold_for_max_fp(table, 0.4), 0.99);
  try {
    threshold_for_max_fp(table, 0.1);
    FAIL() << "no threshold meets 0.1 per Mb";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("0.4 per Mb"));
  }
}

TEST(FpCalibration, ThresholdForARateTakesTheFirstEvenWhenRatesRiseAgain) {
  // Merged loci need not fall with the threshold (a dropped bridge splits a locus).
  const FpTable table =
      make_fp_table({0.5, 0.6, 0.7}, {{"a.fa", "", 1000000, {3, 2, 3}}}, ScanSettings{}, "");
  EXPECT_EQ(threshold_for_max_fp(table, 2), 0.6);
}

TEST(FpCalibration, TableNeedsDnaWithSequenceAndOneCountPerThreshold) {
  EXPECT_THROW(make_fp_table({0.5}, {}, ScanSettings{}, ""), Error);
  EXPECT_THROW(make_fp_table({0.5}, {{"a.fa", "", 0, {0}}}, ScanSettings{}, ""), Error);
  EXPECT_THROW(make_fp_table({0.5, 0.6}, {{"a.fa", "", 10, {0}}}, ScanSettings{}, ""), Error);
}

TEST(FpCalibration, JsonRoundTripKeepsEveryField) {
  FpTable table = two_file_table();
  table.settings.span = 100;
  table.settings.min_pairs = 12;
  const std::string json = fp_table_to_json(table);
  const FpTable back = fp_table_from_json(json, "m.safetensors");
  EXPECT_EQ(back.thresholds, table.thresholds);
  EXPECT_EQ(back.fp_per_mb, table.fp_per_mb);
  EXPECT_EQ(back.date, table.date);
  EXPECT_EQ(back.settings.span, 100);
  EXPECT_EQ(back.settings.chunk, table.settings.chunk);
  EXPECT_EQ(back.settings.flank, table.settings.flank);
  EXPECT_EQ(back.settings.min_length, table.settings.min_length);
  EXPECT_EQ(back.settings.min_pairs, 12);
  ASSERT_EQ(back.dna.size(), 2u);
  EXPECT_EQ(back.dna[1].name, "b.fa.gz");
  EXPECT_EQ(back.dna[1].sha256, "bb");
  EXPECT_EQ(back.dna[1].bases, 500000);
  EXPECT_EQ(back.dna[1].loci, table.dna[1].loci);
  // The per-file rates are in the JSON for readers without mirgene.
  EXPECT_THAT(json, HasSubstr("\"fp_per_mb\":[20.0,12.0,2.0,2.0]"));
  EXPECT_EQ(fp_table_of({{"format", "mirgene-ensemble"}}, "m"), std::nullopt);
  EXPECT_TRUE(fp_table_of({{std::string(kFpMetadataKey), json}}, "m").has_value());
}

TEST(FpCalibration, BrokenTablesAreRefusedNamingTheFileAndKey) {
  auto problem = [](const std::string& json) {
    try {
      fp_table_from_json(json, "m.safetensors");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(problem("{"), HasSubstr("m.safetensors: metadata 'scan_fp_per_mb': invalid JSON"));
  EXPECT_THAT(problem("{\"version\":2}"), HasSubstr("version"));
  std::string json = fp_table_to_json(two_file_table());
  const std::string ok = json;
  json.replace(json.find("[0.5,0.8"), 8, "[0.8,0.5");
  EXPECT_THAT(problem(json), HasSubstr("ascending"));
  json = ok;
  json.replace(json.find("\"loci\":[10,4"), 12, "\"loci\":[10");
  EXPECT_THAT(problem(json), HasSubstr("'loci' is not an array of 4 counts"));
}

}  // namespace
}  // namespace mirgene::scan
