#pragma once
// What a genome scan looks at and how: the band of local folding, how stem-loops are cut
// out, the filter in front of the network and the call threshold. docs/scan.md says why
// each default is what it is.
#include <cstddef>
#include <cstdint>
#include <string>

namespace mirgene::scan {

struct ScanSettings {
  // Local folding: base pairs span at most `span` nt; each strand is folded in chunks of
  // `chunk` nt (plus `span` nt of context on each side) one band at a time.
  int span = 120;
  int chunk = 4000;
  // Excision: each stem-loop of the band's structure is cut out with `flank` nt of its
  // arms' neighbourhood on each side, and widened evenly to at least `min_length` nt.
  int flank = 10;
  int min_length = 60;
  // Filter: only stem-loops with at least this many base pairs in the band's structure
  // are cut out and scored.
  int min_pairs = 18;
  // Calls: hairpins with probability >= threshold; overlapping calls on one strand merge.
  double threshold = 0.85;
  bool plus = true, minus = true;
  // Pieces of a longer sequence (the Snakemake workflow scans chromosomes in pieces): each
  // record starts at `offset` of the sequence it was cut from, coordinates are reported in
  // that sequence, and chunks are laid on a grid of `chunk` nt anchored at its position 0,
  // so a piece with `span` nt of context beyond the part it owns gives the calls a scan of
  // the whole sequence gives there. Only chunks whose grid cell starts in
  // [region_start, region_end) (of that sequence; -1 = no end) are scanned.
  std::int64_t offset = 0;
  std::int64_t region_start = 0, region_end = -1;
  // false: report every hairpin at or above the threshold, unmerged (for gathering pieces).
  bool merge = true;
  // Bases of a record read at a time: what bounds memory on a chromosome (not a command
  // line option; tests make it small).
  std::size_t read_piece = std::size_t{1} << 20;
};

// Throws mirgene::Error naming the setting when one is out of its range.
void check_settings(const ScanSettings& s);

}  // namespace mirgene::scan
