#pragma once
// Scanning every record of a FASTA input: each record is read in pieces and cut into
// chunks as it comes (chunk_stream.hpp), the chunks are scanned on worker threads
// (chunk_scanner.hpp) and their calls gathered in input order, merged into candidates
// (merge.hpp) and handed over by start as soon as they are final.
//
// Memory does not grow with the record: one piece of input (2^20 bases), the chunks in
// flight (64 per worker, each with its text), per worker the band tables of one chunk
// (linear in chunk + context), and the calls near the scan's front. See docs/scan.md.
#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "nn/network.hpp"
#include "scan/chunk_scanner.hpp"
#include "scan/hairpin.hpp"
#include "scan/settings.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::scan {

struct ScanTotals {
  std::size_t records = 0;         // records scanned (empty ones included)
  std::size_t bad_records = 0;     // records the reader could not read
  std::int64_t bases = 0;          // nucleotides of the records scanned
  std::int64_t skipped_bases = 0;  // in N runs (or runs too short to hold a hairpin)
  std::size_t candidates = 0;
  ScanWork work;
};

struct ScanCallbacks {
  // The next candidates of record `chrom`, sorted by start and after those handed over
  // before. Called as the scan moves along a record (so several times for a long one) and
  // once more when it ends (possibly with none); a record with an error gets only the
  // candidates of the part scanned before the error, if any.
  std::function<void(const std::string& chrom, std::vector<Hairpin>&& candidates)> record;
  // Called when a record ends (scanned to its end, or cut short by an error), after its last
  // `record` call; may be empty. Lets a consumer that keeps state per record close it.
  std::function<void(const std::string& chrom)> record_end;
  // Called after each chunk with the record bases scanned so far (over all records), and the
  // bases of the records read so far with the input bytes they took (for an estimate of
  // the bases still to come); may be empty.
  std::function<void(std::int64_t bases_done, std::int64_t bases_read, std::uint64_t bytes_read)>
      progress;
};

// Scans `reader` to its end on `threads` workers. Unreadable records are reported on `err`
// ("error: ...") and skipped (a record longer than a piece that turns out bad after some
// pieces keeps the candidates of the part scanned, and the message says up to where);
// the others' results are unaffected. A failure of the input
// as a whole (corrupt gzip) is thrown after every record before it has been delivered.
ScanTotals scan_fasta(seqio::FastaReader& reader, std::span<const nn::Network> members,
                      const ScanSettings& settings, int threads, const ScanCallbacks& callbacks,
                      std::ostream& err);

}  // namespace mirgene::scan
