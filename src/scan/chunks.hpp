#pragma once
// How a record is cut for scanning: its runs of plain bases (N runs and other codes are
// assembly gaps or unknown bases, never folded across), each run cut into chunks that are
// folded one at a time with enough context on both sides for every stem-loop they own.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decoys/builder.hpp"

namespace mirgene::scan {

struct Chunk {
  std::int64_t fold_start = 0, fold_end = 0;  // the folded region, forward coordinates
  std::int64_t own_start = 0, own_end = 0;    // stem-loops centred in here belong to it
};

// Upper case A/C/G/U for any-case A/C/G/T/U; every other character becomes 'N'. Soft-masked
// (lower-case) bases are read as the bases they are.
void normalize_bases(std::string& seq);

// The maximal runs of non-'N' characters of `seq` (normalised) that are at least `min_run`
// long, as [start, end) pairs in order.
std::vector<std::pair<std::int64_t, std::int64_t>> clean_runs(std::string_view seq,
                                                              std::int64_t min_run);

// Chunks covering the run [start, end): the owned parts are the run's pieces in the cells
// [k * chunk - offset, (k+1) * chunk - offset) of a grid anchored `offset` nt before the
// record's start, so they tile the run exactly; each folded region adds `context` nt on
// both sides, cut at the run's ends.
std::vector<Chunk> plan_chunks(std::int64_t start, std::int64_t end, std::int64_t chunk,
                               std::int64_t context, std::int64_t offset = 0);

// The reverse complement of a normalised strand ('N' stays 'N'): the decoy builder's,
// which cuts both strands of genomic DNA the same way.
using decoys::reverse_complement;

}  // namespace mirgene::scan
