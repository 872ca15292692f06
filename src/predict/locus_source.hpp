#pragma once
// The loci of a regions file, fetched from an indexed genome, as a SequenceSource: each locus
// becomes a record whose id is its name (BED name, GFF3 Name/ID) or CHROM:START-END(STRAND),
// whose sequence is its bases 5'->3' on its strand (T read as U, case kept, as the FASTA
// reader gives them), and whose coordinates travel with its result (ScoredSequence::locus).
// A locus that cannot be fetched (bad line, unknown chromosome, past its end, too long) is an
// unreadable record whose message names the regions file, its line and column.
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "genome/indexed_genome.hpp"
#include "genome/locus_sequence.hpp"
#include "genome/region_file.hpp"
#include "predict/sequence_source.hpp"

namespace mirgene::predict {

struct LocusSettings {
  std::int64_t flank = 0;         // nt added on both sides
  std::int64_t max_length = 400;  // longest sequence fetched (the model's encode::kMaxLen)
};

class LocusSource final : public SequenceSource {
 public:
  // Checks every locus against the genome's index up front (no base is read yet), so that
  // coordinates() is ready for the worker threads before the stream starts.
  LocusSource(const genome::IndexedGenome& genome, genome::Regions regions,
              const LocusSettings& settings);

  bool next(seqio::ReadResult& item) override;
  void rethrow_input_error() const override {}
  const std::string& name() const override { return regions_.source; }
  const genome::Coordinates* coordinates(std::size_t record_number) const override;

  std::size_t size() const { return plans_.size(); }

 private:
  const genome::IndexedGenome& genome_;
  genome::Regions regions_;
  std::vector<genome::LocusSequence> plans_;  // per entry of regions_
  std::size_t next_ = 0;
};

// Opens the genome (throws one clear error when it cannot be used); says on `err` when its
// index was built.
std::unique_ptr<genome::IndexedGenome> open_genome(const std::string& path, std::ostream& err);

// genome::read_regions, saying on `err` when a GFF3 file held none of the wanted types.
genome::Regions read_regions_reported(const std::string& path,
                                      const std::vector<std::string>& feature_types,
                                      std::ostream& err);

// Both: the genome, then the source of the regions file's loci in it.
struct GenomeLoci {
  std::unique_ptr<genome::IndexedGenome> genome;
  std::unique_ptr<LocusSource> source;
};
GenomeLoci open_genome_loci(const std::string& genome_path, const std::string& regions_path,
                            const std::vector<std::string>& feature_types,
                            const LocusSettings& settings, std::ostream& err);

}  // namespace mirgene::predict
