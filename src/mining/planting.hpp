#pragma once
// Planting precursors into DNA without miRNAs: each precursor replaces the background bases
// of one slot (reverse-complemented on every other plant, so both strands hold plants), so
// that a scan of the planted DNA cuts the precursors out exactly as it would cut them from a
// genome, with real genomic sequence around them. Used to make training positives of what
// the scanner sees (`mirgene mine --plant`) and by the planted benchmark.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "seqio/fasta_reader.hpp"

namespace mirgene::mining {

struct Plant {
  std::size_t record = 0;           // index into the planted records
  std::int64_t start = 0, end = 0;  // forward-strand coordinates, 0-based half-open
  char strand = '+';                // the precursor reads 5'->3' on this strand
  std::string id;                   // the precursor's record id
};

struct PlantedDna {
  std::vector<seqio::Record> records;  // the DNA with the plants in place
  std::vector<Plant> plants;           // by record, then start
};

// "" when `precursor` can be planted, else why not ("empty", "holds a base other than A,
// C, G, U/T").
std::string planting_problem(const seqio::Record& precursor);

// Lays one slot every `spacing` nt along each record (the precursor centred in its slot)
// and fills the slots with the precursors in turn, cycling through them as often as there
// are slots (the same precursor lands in different DNA and on alternating strands). A slot
// whose background holds a base other than A/C/G/U/T, or that a precursor does not fit, is
// left as it is. Precursors are written in upper case with T for U, like the DNA around.
// Throws mirgene::Error when spacing < 1 or a precursor has a planting_problem.
PlantedDna plant_precursors(std::vector<seqio::Record> dna,
                            std::span<const seqio::Record> precursors, std::int64_t spacing);

// The plant a forward-strand interval [start, end) of record `record` overlaps most (the
// first of two that it overlaps equally), or nullptr; `plants` as plant_precursors orders them.
const Plant* overlapping_plant(std::span<const Plant> plants, std::size_t record,
                               std::int64_t start, std::int64_t end);

}  // namespace mirgene::mining
