#pragma once
// The records predict, explain and report score: the FASTA input, or, with --regions, the
// loci of a regions file fetched from --genome (which is checked before any work).
#include <iostream>
#include <optional>
#include <string>

#include "cli/shared_options.hpp"
#include "encode/encoding.hpp"
#include "predict/fasta_source.hpp"
#include "predict/locus_source.hpp"

namespace mirgene::cli {

inline predict::LocusSettings locus_settings(const GenomeLociOptions& o) {
  return {o.flank, encode::kMaxLen};
}

class ScoringInput {
 public:
  ScoringInput(const std::string& fasta, const std::string& regions, const GenomeLociOptions& o) {
    if (regions.empty())
      fasta_.emplace(fasta);
    else
      loci_ = predict::open_genome_loci(o.genome, regions, o.feature_types, locus_settings(o),
                                        std::cerr);
  }

  predict::SequenceSource& source() {
    if (loci_.source) return *loci_.source;
    return *fasta_;
  }
  // True for genome loci: outputs then carry chrom, start, end and strand.
  bool coordinates() const { return loci_.source != nullptr; }

 private:
  std::optional<predict::FastaSource> fasta_;
  predict::GenomeLoci loci_;
};

}  // namespace mirgene::cli
