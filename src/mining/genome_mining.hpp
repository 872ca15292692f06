#pragma once
// Mining training data from DNA without miRNAs with the scanner's own code: every piece
// `mirgene scan` cuts out (the same local folding, stem-loop excision, flank, filter and
// exact refold) is a negative, since the DNA holds no miRNAs; with precursors planted into
// the DNA (planting.hpp), the pieces the scanner cuts from them are positives of exactly the
// form the network meets in a genome scan. With a model, each piece carries its score, so
// the highest-scoring negatives (the model's false calls) can be kept: hard-negative mining.
#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "mining/planting.hpp"
#include "nn/network.hpp"
#include "scan/genome_scan.hpp"
#include "scan/hairpin.hpp"
#include "scan/settings.hpp"

namespace mirgene::mining {

enum class PieceKind {
  kNegative,  // overlaps no plant
  kPositive,  // on a plant's strand, and it and the plant each cover at least half of the other
  kNearPlant  // any other overlap with a plant (the other strand, or a piece of it): neither
};

// What a piece of record `record` is, given the plants (empty without planting).
PieceKind classify_piece(std::span<const Plant> plants, std::size_t record,
                         const scan::Hairpin& piece, const Plant** plant = nullptr);

struct MinedPiece {
  std::string chrom;
  scan::Hairpin piece;
  PieceKind kind = PieceKind::kNegative;
  const Plant* plant = nullptr;  // for positives
};

struct MiningTotals {
  scan::ScanTotals scan;
  std::size_t negatives = 0, positives = 0, near_plant = 0;
  std::size_t plants = 0, plants_cut = 0;  // plants, and plants with a positive piece
};

// Scans `dna` (the planted records when planting, else the plain DNA) on both strands with
// `settings` (merge is turned off: every piece counts) and hands each piece scoring at
// least settings.threshold to `take`, in record order. `members` may be empty: the pieces
// are then not scored (probability 0), all of them are handed over whatever the threshold,
// and scanning costs folding only.
MiningTotals mine_pieces(const std::vector<seqio::Record>& dna, std::span<const Plant> plants,
                         std::span<const nn::Network> members, scan::ScanSettings settings,
                         int threads, const std::function<void(MinedPiece&&)>& take,
                         std::ostream& err);

// A FASTA record id for a mined piece: "mined:CHROM:START-END(STRAND)" for a negative,
// "planted:PRECURSOR:CHROM:START-END(STRAND)" for a positive (so the precursor it came from,
// and with it its cross-validation fold, can be traced).
std::string piece_id(const MinedPiece& m);

}  // namespace mirgene::mining
