#pragma once
// Training data: the records of a FASTA file, folded (through the fold cache) and encoded.
// Records that cannot be used are skipped with a message naming them and the reason; the
// caller reports them and decides whether what is left is enough.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fold/params.hpp"
#include "nn/architecture.hpp"
#include "seqio/fasta_reader.hpp"
#include "train/cached_folding.hpp"
#include "train/fold_cache.hpp"

namespace mirgene::train {

struct EncodedSet {
  std::string source;                             // the FASTA file
  std::vector<std::string> ids;                   // used records, in file order
  std::vector<std::vector<std::uint8_t>> tokens;  // encode(seq, structure, MFE) of each
  std::string checksum;                           // SequenceChecksum::hex of the used sequences
  std::vector<std::string> skipped;               // "FILE: record 'ID' (#N): reason", file order
  FoldingStats folding;
};

// Reads, folds and encodes every record of `fasta_path` ("-" = stdin). Bad records, records
// longer than encode::kMaxLen and records the encoder rejects are skipped (listed in
// `skipped`); sequences are only folded once they are known to be usable.
// Throws mirgene::Error when the file cannot be read at all. The tokens are those a network
// of input mode `mode` reads (train::TokenMaker; both+pairing runs the partition function,
// on `threads` threads, and is not cached).
EncodedSet load_encoded_set(const std::string& fasta_path, FoldCache& cache,
                            const fold::EnergyParams& params, int threads,
                            nn::InputMode mode = nn::InputMode::kBoth);

// The same for records from any reader (genome loci: predict::LocusSource): `next` fills the
// next record, good or bad, as FastaReader::next does; `source` names them in messages.
EncodedSet load_encoded_records(const std::string& source,
                                const std::function<bool(seqio::ReadResult&)>& next,
                                FoldCache& cache, const fold::EnergyParams& params, int threads,
                                nn::InputMode mode = nn::InputMode::kBoth);

// A labelled training or validation set: positives (pre-miRNAs) then negatives.
struct LabelledSet {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> is_positive;  // 1 = pre-miRNA, 0 = other (eval convention)
  std::vector<std::uint8_t> is_extra;  // 1 = a negative added by append_negatives
  std::size_t positives = 0, negatives = 0;
};

// Concatenates the two classes. Throws mirgene::Error naming the file when a class is empty.
LabelledSet label_sets(const EncodedSet& positives, const EncodedSet& negatives);

// Appends `extra` to `set` as further negatives.
void append_negatives(LabelledSet& set, const EncodedSet& extra);

}  // namespace mirgene::train
