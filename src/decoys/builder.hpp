#pragma once
// Negatives that look like pre-miRNAs but are not (`mirgene decoys`). Four sources, each a
// pre-miRNA-like hairpin by the same folding filter (hairpin_criteria.hpp), with lengths
// drawn from the positives' lengths so that length alone cannot tell them apart:
//   genomic:   stem-loops cut out of folded windows of DNA without miRNAs (both strands);
//   trimmed:   existing negatives cut down to their strongest stem-loop at drawn lengths;
//   shuffled:  dinucleotide-shuffled positives that still fold into one hairpin;
//   antisense: positives' reverse complements (the other strand of a miRNA locus) that still
//              fold into one hairpin: the positives' lengths and G+C content, real sequence.
// Every random choice comes from an engine seeded by (seed, source, item), so the output
// depends on the inputs and the seed only, never on the thread count.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "decoys/hairpin_criteria.hpp"
#include "decoys/shared_stretches.hpp"
#include "fold/mfe.hpp"

namespace mirgene::decoys {

struct Decoy {
  std::string id;      // source:origin:coordinates, unique within one build
  std::string source;  // "genomic", "trimmed", "shuffled" or "antisense"
  std::string seq;     // upper case, U for T
  std::string structure;
  int energy = 0;  // dcal/mol
};

// Draws lengths from an empirical distribution (the positives' lengths).
class LengthSampler {
 public:
  // Throws mirgene::Error when `lengths` is empty.
  explicit LengthSampler(std::vector<int> lengths);
  int draw(std::mt19937_64& rng) const;
  // A drawn length of at most `limit`, or nullopt when `tries` draws found none.
  std::optional<int> draw_at_most(std::mt19937_64& rng, int limit, int tries = 20) const;

 private:
  std::vector<int> lengths_;
};

struct BuildSettings {
  HairpinCriteria criteria;
  std::uint64_t seed = 1;
  int threads = 1;
  // Genomic windows: folded `window` nt at a time, `step` apart, on both strands; only
  // pieces inside [region_start, region_end) of each record (forward coordinates) are kept.
  int window = 240, step = 120;
  std::int64_t region_start = 0, region_end = -1;  // -1 = to the end of the record
  int lengths_per_negative = 2;                    // trimmed: lengths tried per negative
  int shuffle_tries = 20;  // shuffled: shuffles tried per positive before giving up
};

// Counts of one source's work, for the user's summary.
struct SourceTally {
  std::size_t inputs = 0;      // records (genomic: windows) examined
  std::size_t candidates = 0;  // pieces folded alone
  std::size_t accepted = 0;
};

// The genomic decoys of one record (name `name`, sequence `seq` in any case). Windows holding
// anything but A/C/G/U/T are skipped; pieces overlapping an accepted piece on the same strand
// are dropped. Ids: "genomic:NAME:START-END(STRAND)", 0-based half-open forward coordinates.
std::vector<Decoy> genomic_decoys(const std::string& name, const std::string& seq,
                                  const LengthSampler& lengths, const BuildSettings& settings,
                                  SourceTally& tally);

// One record's trimmed or shuffled decoys; `index` (the record's position in its input)
// seeds the random choices. Sequences holding anything but A/C/G/U/T give none.
std::vector<Decoy> trimmed_decoys(const std::string& id, const std::string& seq,
                                  std::uint64_t index, const LengthSampler& lengths,
                                  const BuildSettings& settings, fold::Folder& folder,
                                  SourceTally& tally);
std::optional<Decoy> shuffled_decoy(const std::string& id, const std::string& seq,
                                    std::uint64_t index, const BuildSettings& settings,
                                    fold::Folder& folder, SourceTally& tally);

// The antisense decoy of one positive: its reverse complement, kept when it folds into one
// pre-miRNA-like hairpin and shares no stretch with a pre-miRNA of `known` (mirror miRNAs).
// Id: "antisense:ID". Sequences holding anything but A/C/G/U/T give none.
std::optional<Decoy> antisense_decoy(const std::string& id, const std::string& seq,
                                     const StretchIndex& known, const BuildSettings& settings,
                                     fold::Folder& folder, SourceTally& tally);

// The id of the record a trimmed, shuffled or antisense decoy was made from
// ("trimmed:ID:START-END", "shuffled:ID:TRY", "antisense:ID" -> "ID"); "" for genomic decoys
// and ids of any other form.
std::string decoy_origin(std::string_view decoy_id);

// Upper case with T read as U; nullopt when a character is not A/C/G/U/T (any case).
std::optional<std::string> plain_rna(const std::string& seq);

// The reverse complement of an upper-case A/C/G/U string; any other character (the 'N'
// of gaps and unknown bases) becomes 'N'.
std::string reverse_complement(std::string_view rna);

}  // namespace mirgene::decoys
