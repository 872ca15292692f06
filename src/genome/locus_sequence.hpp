#pragma once
// The sequence of a locus: checked against the genome, widened by the flanks, fetched, and
// reverse-complemented on the minus strand, so that it reads 5'->3' on its own strand.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "genome/indexed_genome.hpp"
#include "genome/locus.hpp"

namespace mirgene::genome {

struct LocusSequence {
  Coordinates where;       // what was fetched: the locus plus its flanks, within the chromosome
  std::string dna;         // 5'->3' on the locus's strand, case as in the genome; "" on a problem
  std::string problem;     // "" when fetched; else why not (unknown chromosome, past its end, ...)
  std::size_t column = 1;  // 1-based column of the regions file's field at fault
};

// The checks and the coordinates of fetch_locus, without reading any base: `dna` stays "".
// `flank` nt are added on both sides, cut at the chromosome's ends. On a problem `where` is
// the locus as given.
LocusSequence plan_locus(const IndexedGenome& genome, const Locus& locus, std::int64_t flank,
                         std::int64_t max_length);

// plan_locus(), then the bases when there is no problem. A locus whose sequence would be
// longer than `max_length` nt is not fetched (a whole-chromosome line in a BED file must not
// cost reading the chromosome).
LocusSequence fetch_locus(const IndexedGenome& genome, const Locus& locus, std::int64_t flank,
                          std::int64_t max_length);

// The bases of a planned locus (plan.problem empty), 5'->3' on its strand.
std::string fetch_planned(const IndexedGenome& genome, const LocusSequence& plan);

// The reverse complement, IUPAC codes included (R<->Y, K<->M, B<->V, D<->H; S, W, N stay),
// case kept; U complements to A. Other bytes are left as they are.
std::string reverse_complement(std::string_view dna);

}  // namespace mirgene::genome
