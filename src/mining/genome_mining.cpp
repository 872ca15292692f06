#include "mining/genome_mining.hpp"

#include <algorithm>
#include <sstream>
#include <unordered_map>

namespace mirgene::mining {

PieceKind classify_piece(std::span<const Plant> plants, std::size_t record,
                         const scan::Hairpin& piece, const Plant** plant) {
  const Plant* p = overlapping_plant(plants, record, piece.start, piece.end);
  if (plant) *plant = p;
  if (!p) return PieceKind::kNegative;
  const std::int64_t shared = std::min(piece.end, p->end) - std::max(piece.start, p->start);
  const bool covers = 2 * shared >= p->end - p->start && 2 * shared >= piece.end - piece.start;
  return piece.strand == p->strand && covers ? PieceKind::kPositive : PieceKind::kNearPlant;
}

MiningTotals mine_pieces(const std::vector<seqio::Record>& dna, std::span<const Plant> plants,
                         std::span<const nn::Network> members, scan::ScanSettings settings,
                         int threads, const std::function<void(MinedPiece&&)>& take,
                         std::ostream& err) {
  settings.merge = false;
  // Unscored pieces (probability 0) are all wanted.
  if (members.empty()) settings.threshold = 0;
  // The records go through the scan's own reader, as a genome file would.
  std::ostringstream fasta;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < dna.size(); ++r) {
    fasta << '>' << dna[r].id << '\n' << dna[r].seq << '\n';
    index.emplace(dna[r].id, r);
  }
  std::istringstream in(fasta.str());
  seqio::FastaReader reader(in, "planted DNA");

  MiningTotals totals;
  totals.plants = plants.size();
  std::vector<char> cut(plants.size(), 0);
  scan::ScanCallbacks callbacks;
  callbacks.record = [&](const std::string& chrom, std::vector<scan::Hairpin>&& pieces) {
    const auto found = index.find(chrom);
    const std::size_t record = found == index.end() ? dna.size() : found->second;
    for (scan::Hairpin& h : pieces) {
      MinedPiece m;
      m.kind = classify_piece(plants, record, h, &m.plant);
      switch (m.kind) {
        case PieceKind::kNegative:
          ++totals.negatives;
          break;
        case PieceKind::kPositive:
          ++totals.positives;
          cut[static_cast<std::size_t>(m.plant - plants.data())] = 1;
          break;
        case PieceKind::kNearPlant:
          ++totals.near_plant;
          break;
      }
      m.chrom = chrom;
      m.piece = std::move(h);
      take(std::move(m));
    }
  };
  totals.scan = scan::scan_fasta(reader, members, settings, threads, callbacks, err);
  totals.plants_cut = static_cast<std::size_t>(std::count(cut.begin(), cut.end(), 1));
  return totals;
}

std::string piece_id(const MinedPiece& m) {
  std::string where = m.chrom + ':' + std::to_string(m.piece.start) + '-' +
                      std::to_string(m.piece.end) + '(' + m.piece.strand + ')';
  if (m.kind == PieceKind::kPositive && m.plant) return "planted:" + m.plant->id + ':' + where;
  return "mined:" + where;
}

}  // namespace mirgene::mining
