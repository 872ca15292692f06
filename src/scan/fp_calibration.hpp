#pragma once
// Thresholds in the user's units: false positives per Mb. A model is scanned over DNA that
// holds no miRNAs (every call a false positive); for each threshold of a grid the calls at
// or above it are merged into loci exactly as `mirgene scan` merges them (merge.hpp), and the
// loci are counted per Mb of sequence scanned. The table travels in the model file's
// metadata (key kFpMetadataKey, JSON; docs/model-format.md), so that `mirgene scan` can give
// every call its estimate and turn "at most X false positives per Mb" into a threshold.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scan/hairpin.hpp"
#include "scan/merge.hpp"
#include "scan/settings.hpp"

namespace mirgene::scan {

inline constexpr std::string_view kFpMetadataKey = "scan_fp_per_mb";
inline constexpr int kFpTableVersion = 1;

// 0.30, 0.31, ..., 0.99, then 0.991, ..., 0.999: each the double nearest the decimal, as
// `-t 0.31` parses, so that a scan at a grid threshold keeps exactly the calls counted.
std::vector<double> fp_threshold_grid();

// Counts the loci of one DNA file at every threshold, fed the unmerged pieces (scored
// hairpins, as scan_fasta gives with settings.merge = false and a threshold at or below the
// grid's lowest) as the scan hands them over. Memory holds only the pieces near the scan's
// front, so a whole genome can stream through.
class LocusCounter {
 public:
  explicit LocusCounter(std::vector<double> thresholds);

  // The next pieces of the current record: every piece handed over later in the record
  // starts at or after the last of these (as scan_fasta delivers them). Any order within
  // one call.
  void add(const std::vector<Hairpin>& pieces);
  // The current record is complete: its last loci are counted. The next add starts a record.
  void end_record();
  // Loci counted so far, one per threshold (records ended only).
  const std::vector<std::int64_t>& loci() const { return loci_; }
  const std::vector<double>& thresholds() const { return thresholds_; }

 private:
  std::vector<double> thresholds_;
  std::vector<CandidateStream> streams_;  // one per threshold, merging
  std::vector<std::int64_t> loci_;
};

// Loci at each threshold of the pieces of several records (each record's pieces in any
// order): LocusCounter fed each record at once.
std::vector<std::int64_t> count_loci(const std::vector<std::vector<Hairpin>>& records,
                                     const std::vector<double>& thresholds);

// One DNA file of a calibration.
struct CalibrationDna {
  std::string name;                // file name (no directory)
  std::string sha256;              // of the file's bytes as stored (compressed, if it is)
  std::int64_t bases = 0;          // sequence scanned: record lengths minus N runs, one strand
  std::vector<std::int64_t> loci;  // per threshold, both strands
};

struct FpTable {
  std::vector<double> thresholds;  // ascending
  std::vector<double> fp_per_mb;   // over all the DNA: sum of loci / sum of bases * 1e6
  std::vector<CalibrationDna> dna;
  ScanSettings settings;  // span, chunk, flank, min_length, min_pairs; both strands
  std::string date;       // when it was measured, ISO 8601 (UTC)
};

// Loci per Mb of `dna` (its counts per threshold) over `bases` nt (> 0).
std::vector<double> rates_per_mb(const std::vector<std::int64_t>& loci, std::int64_t bases);

// The table of `dna` (each with one count per threshold): rates over all of it. Throws
// mirgene::Error when there is no DNA, no sequence, or counts and thresholds disagree.
FpTable make_fp_table(std::vector<double> thresholds, std::vector<CalibrationDna> dna,
                      const ScanSettings& settings, std::string date);

// The rate at the largest grid threshold <= p (a step function); below the grid, the rate at
// its lowest threshold.
double fp_per_mb_at(const FpTable& table, double probability);
// The same step function over any rates of the table's grid (a file's own, say).
double rate_at(const std::vector<double>& thresholds, const std::vector<double>& rates,
               double probability);

// The smallest grid threshold whose rate is <= max_fp_per_mb. Throws mirgene::Error saying
// the lowest rate in the table when none is.
double threshold_for_max_fp(const FpTable& table, double max_fp_per_mb);

// The metadata value (JSON; layout in docs/model-format.md) and back. Reading checks the
// layout and throws mirgene::Error naming `source` and the problem.
std::string fp_table_to_json(const FpTable& table);
FpTable fp_table_from_json(std::string_view text, const std::string& source);

// The table stored in a model file's metadata, if any (`source` names the file in errors).
std::optional<FpTable> fp_table_of(const std::map<std::string, std::string>& metadata,
                                   const std::string& source);

}  // namespace mirgene::scan
