// Scanning FASTA inputs: records in order, N runs never folded across, chunking and thread
// count do not change the candidates, and a bad record loses only itself.
#include "scan/genome_scan.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "common/error.hpp"
#include "predict/model.hpp"
#include "scan/chunks.hpp"
#include "scan/output_format.hpp"

namespace mirgene::scan {
namespace {

const predict::Model& model() {
  static const predict::Model m = predict::load_model("models/mirgene-human.safetensors");
  return m;
}

std::string cel_cluster() {
  auto reader = seqio::FastaReader::open("data/genomes/cel_mir35_cluster.fa");
  seqio::ReadResult r;
  EXPECT_TRUE(reader->next(r));
  return r.record.seq;
}

struct Scanned {
  std::string rows;  // TSV rows, "chrom" first
  std::vector<std::string> records;
  int deliveries = 0;
  std::string err;
  ScanTotals totals;
};

Scanned scan_text(const std::string& fasta, const ScanSettings& settings, int threads) {
  std::istringstream in(fasta);
  seqio::FastaReader reader(in, "test.fa");
  Scanned s;
  std::ostringstream err;
  ScanCallbacks cb;
  cb.record = [&](const std::string& chrom, std::vector<Hairpin>&& hits) {
    // A record's candidates may come in several calls; its name is listed once.
    if (s.records.empty() || s.records.back() != chrom) s.records.push_back(chrom);
    ++s.deliveries;
    for (const Hairpin& h : hits) s.rows += output_row(OutputFormat::kTsv, chrom, h);
  };
  s.totals = scan_fasta(reader, model().members(), settings, threads, cb, err);
  s.err = err.str();
  return s;
}

ScanSettings low_threshold() {
  ScanSettings s;
  s.threshold = 0.2;  // many calls, so that comparisons below have something to compare
  return s;
}

TEST(GenomeScan, ThreadCountDoesNotChangeCallsAndSmallChunksStillScan) {
  const std::string fasta = ">cel\n" + cel_cluster().substr(2000, 2500) + "\n";
  ScanSettings one_chunk = low_threshold();
  one_chunk.chunk = 10000;
  const Scanned a = scan_text(fasta, one_chunk, 1);
  const Scanned b = scan_text(fasta, one_chunk, 3);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_FALSE(a.rows.empty());
  // Chunks of 600 nt with 150 nt of context: local folding is local, so the same loci
  // are found (coordinates of a locus may shift where chunk context differs).
  ScanSettings small = low_threshold();
  small.chunk = 600;
  const Scanned c = scan_text(fasta, small, 2);
  EXPECT_GT(c.totals.candidates, 0u);
  EXPECT_EQ(c.records, a.records);
}

TEST(GenomeScan, RecordsComeInInputOrderEachSortedByStart) {
  const std::string cel = cel_cluster();
  const std::string fasta = ">r1\n" + cel.substr(2900, 600) + "\n>r2\nACGU\n>r3\n" +
                            cel.substr(3400, 500) + "\n>r4\n" + std::string(300, 'N') + "\n";
  const Scanned s = scan_text(fasta, low_threshold(), 2);
  EXPECT_EQ(s.records, (std::vector<std::string>{"r1", "r2", "r3", "r4"}));
  EXPECT_EQ(s.totals.records, 4u);
  EXPECT_EQ(s.totals.skipped_bases, 4 + 300);
  std::istringstream rows(s.rows);
  std::string chrom, last_chrom;
  std::int64_t start, end, last = -1;
  std::string rest;
  while (rows >> chrom >> start >> end && std::getline(rows, rest)) {
    if (chrom != last_chrom) last = -1;
    EXPECT_GE(start, last);
    last = start;
    last_chrom = chrom;
  }
  EXPECT_NE(s.rows.find("r1\t"), std::string::npos);
  EXPECT_NE(s.rows.find("r3\t"), std::string::npos);
}

TEST(GenomeScan, NRunsAreNeverFoldedAcross) {
  const std::string cel = cel_cluster();
  const std::string left = cel.substr(2900, 500), right = cel.substr(3500, 400);
  const std::string gap(137, 'N');
  const Scanned joined = scan_text(">x\n" + left + gap + right + "\n", low_threshold(), 1);
  const Scanned l = scan_text(">x\n" + left + "\n", low_threshold(), 1);
  const Scanned r = scan_text(">x\n" + right + "\n", low_threshold(), 1);
  // The right part's calls, shifted by the left part and the gap.
  std::string shifted;
  std::istringstream rows(r.rows);
  std::string chrom, strand, rest;
  std::int64_t start, end;
  const std::int64_t offset = static_cast<std::int64_t>(left.size() + gap.size());
  while (rows >> chrom >> start >> end && std::getline(rows, rest))
    shifted += chrom + "\t" + std::to_string(start + offset) + "\t" +
               std::to_string(end + offset) + rest + "\n";
  EXPECT_EQ(joined.rows, l.rows + shifted);
  EXPECT_FALSE(l.rows.empty());
  EXPECT_EQ(joined.totals.skipped_bases, 137);
}

TEST(GenomeScan, ABadRecordIsReportedAndTheOthersScanned) {
  const std::string cel = cel_cluster();
  const std::string fasta =
      ">good1\n" + cel.substr(2900, 400) + "\n>bad\nACGU*ACGU\n>good2\n" + cel.substr(3300, 400) + "\n";
  const Scanned s = scan_text(fasta, low_threshold(), 2);
  EXPECT_EQ(s.records, (std::vector<std::string>{"good1", "good2"}));
  EXPECT_EQ(s.totals.bad_records, 1u);
  EXPECT_NE(s.err.find("'bad'"), std::string::npos) << s.err;
}

// A record read in pieces (a chromosome) gives the candidates it gives when read whole,
// and hands them over as the scan moves along, not only at its end.
TEST(GenomeScan, ReadingInPiecesChangesNothingButWhenCandidatesComeOut) {
  const std::string cel = cel_cluster();
  const std::string fasta = ">cel\n" + cel + "\n>tail\n" + cel.substr(1000, 1500) + "\n";
  ScanSettings whole = low_threshold();
  whole.chunk = 700;
  ScanSettings pieces = whole;
  pieces.read_piece = 997;
  const Scanned a = scan_text(fasta, whole, 2);
  const Scanned b = scan_text(fasta, pieces, 2);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(b.records, (std::vector<std::string>{"cel", "tail"}));
  EXPECT_EQ(a.totals.bases, b.totals.bases);
  EXPECT_GT(b.deliveries, 4);
  ScanSettings unmerged = pieces;
  unmerged.merge = false;
  ScanSettings unmerged_whole = whole;
  unmerged_whole.merge = false;
  EXPECT_EQ(scan_text(fasta, unmerged, 1).rows, scan_text(fasta, unmerged_whole, 1).rows);
}

// A long record that turns out bad after some pieces keeps the candidates of the part
// scanned before the error, and the message says up to where it was scanned.
TEST(GenomeScan, ARecordBadAfterSomePiecesKeepsWhatWasScanned) {
  const std::string cel = cel_cluster();
  ScanSettings s = low_threshold();
  s.chunk = 700;
  s.read_piece = 1000;
  const Scanned good = scan_text(">cel\n" + cel + "\n", s, 1);
  const Scanned bad = scan_text(">cel\n" + cel + "\n*\n>next\n" + cel.substr(2900, 400) + "\n", s, 1);
  EXPECT_EQ(bad.totals.bad_records, 1u);
  EXPECT_EQ(bad.totals.records, 1u);
  EXPECT_NE(bad.err.find("test.fa:3:1: record 'cel' (#1): invalid character '*'"),
            std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("candidates, all starting before position "), std::string::npos)
      << bad.err;
  EXPECT_EQ(bad.records, (std::vector<std::string>{"cel", "next"}));
  // What was written for 'cel' is the start of what the good record gives.
  const std::string cel_rows = bad.rows.substr(0, bad.rows.find("next\t"));
  EXPECT_FALSE(cel_rows.empty());
  EXPECT_EQ(good.rows.substr(0, cel_rows.size()), cel_rows);
  EXPECT_LT(cel_rows.size(), good.rows.size());
}

TEST(GenomeScan, SettingsOutOfRangeAreRefused) {
  ScanSettings s;
  s.span = 10;
  EXPECT_THROW(scan_text(">a\nACGU\n", s, 1), Error);
}

}  // namespace
}  // namespace mirgene::scan
