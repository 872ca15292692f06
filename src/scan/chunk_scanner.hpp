#pragma once
// Scanning one chunk of a record on both strands: fold the chunk once with pairs limited
// to the span (local folding: every window inside it shares these loop energies), take
// each stem-loop of that structure that passes the filter, cut it out with its arms, fold
// the piece alone exactly as `mirgene fold` does and score it with the network.
// One ChunkScanner per worker thread (it owns folding tables); the networks are shared.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fold/mfe.hpp"
#include "nn/network.hpp"
#include "scan/chunks.hpp"
#include "train/model_tokens.hpp"
#include "scan/hairpin.hpp"
#include "scan/settings.hpp"

namespace mirgene::scan {

// Where the time of a scan goes, in CPU seconds of the worker threads, and how much was done.
struct ScanWork {
  double band_fold_seconds = 0;  // local folding of the chunks
  double refold_seconds = 0;     // exact folds of the excised pieces
  double score_seconds = 0;      // encoding and the network
  std::int64_t folded_bases = 0;  // bases folded in bands, context included, both strands
  std::int64_t stem_loops = 0;    // stem-loops seen in the bands' structures
  std::int64_t scored = 0;        // pieces that passed the filter and were scored

  ScanWork& operator+=(const ScanWork& o);
};

class ChunkScanner {
 public:
  ChunkScanner(std::span<const nn::Network> members, const ScanSettings& settings);

  // Every scored piece (whatever its probability; 0 when there are no members, which cuts
  // and folds the pieces without scoring them) whose stem-loop is centred in the chunk's
  // owned part, on the strands the settings ask for. `text` is the chunk's folded region
  // of the normalised record: its bases [chunk.fold_start, chunk.fold_end).
  std::vector<Hairpin> scan(std::string_view text, const Chunk& chunk);

  const ScanWork& work() const { return work_; }

 private:
  void scan_strand(const std::string& text, const Chunk& chunk, bool minus,
                   std::vector<Hairpin>& out, std::vector<std::vector<std::uint8_t>>& tokens);

  std::span<const nn::Network> members_;
  ScanSettings settings_;
  fold::Folder band_;
  fold::Folder exact_;
  train::TokenMaker make_tokens_;  // what the members read (both+pairing: partition function)
  ScanWork work_;
};

// The piece cut out for a stem-loop from stem_start to stem_end (0-based inclusive, in a
// strand text of `size` nt): `flank` more nt on each side, widened evenly to `min_length`,
// kept inside [0, size). Returns [begin, end).
std::pair<int, int> excise(int stem_start, int stem_end, int size, int flank, int min_length);

}  // namespace mirgene::scan
