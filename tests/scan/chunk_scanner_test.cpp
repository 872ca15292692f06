// Scanning chunks: every scored hairpin is the piece of its strand at its coordinates, with
// the structure `mirgene fold` gives for it alone; the minus strand mirrors the plus strand.
#include "scan/chunk_scanner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "predict/model.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::scan {
namespace {

const predict::Model& model() {
  static const predict::Model m = predict::load_model("models/mirgene-human.safetensors");
  return m;
}

// The first record of data/genomes/cel_mir35_cluster.fa (6.1 kb of C. elegans chrII), normalised.
std::string cel_cluster() {
  auto reader = seqio::FastaReader::open("data/genomes/cel_mir35_cluster.fa");
  seqio::ReadResult r;
  EXPECT_TRUE(reader->next(r));
  std::string seq = r.record.seq;
  normalize_bases(seq);
  return seq;
}

std::string random_dna(std::mt19937& rng, int n) {
  static constexpr char kBases[] = "ACGU";
  std::uniform_int_distribution<int> pick(0, 3);
  std::string s(n, ' ');
  for (char& c : s) c = kBases[pick(rng)];
  return s;
}

Chunk whole(std::int64_t n) { return Chunk{0, n, 0, n}; }

// The part of the record a chunk folds: what scan() is given.
std::string_view fold_region(std::string_view seq, const Chunk& c) {
  return seq.substr(static_cast<std::size_t>(c.fold_start),
                    static_cast<std::size_t>(c.fold_end - c.fold_start));
}

TEST(Excise, FlanksWidensAndStaysInside) {
  EXPECT_EQ(excise(100, 179, 1000, 10, 60), (std::pair<int, int>{90, 190}));
  EXPECT_EQ(excise(100, 129, 1000, 5, 60), (std::pair<int, int>{85, 145}));
  // Against an edge the piece keeps its length, growing on the other side.
  EXPECT_EQ(excise(2, 50, 1000, 10, 60), (std::pair<int, int>{0, 69}));
  EXPECT_EQ(excise(940, 995, 1000, 10, 80), (std::pair<int, int>{920, 1000}));
  EXPECT_EQ(excise(0, 30, 40, 10, 80), (std::pair<int, int>{0, 40}));
}

void expect_pieces_as_folded_alone(const std::string& seq, const std::vector<Hairpin>& hits) {
  fold::Folder folder;
  for (const Hairpin& h : hits) {
    ASSERT_GE(h.start, 0);
    ASSERT_LE(h.end, static_cast<std::int64_t>(seq.size()));
    const std::string forward = seq.substr(h.start, h.end - h.start);
    EXPECT_EQ(h.sequence, h.strand == '+' ? forward : reverse_complement(forward));
    const fold::FoldResult f = folder.fold(h.sequence);
    EXPECT_EQ(h.structure, f.structure) << h.sequence;
    EXPECT_EQ(h.energy, f.energy) << h.sequence;
    EXPECT_GE(h.probability, 0.0f);
    EXPECT_LE(h.probability, 1.0f);
  }
}

TEST(ChunkScanner, HairpinsAreTheirStrandsPiecesFoldedAlone_Real) {
  const std::string seq = cel_cluster();
  ChunkScanner scanner(model().members(), ScanSettings{});
  const Chunk c{2500, 4400, 2650, 4250};
  const std::vector<Hairpin> hits = scanner.scan(fold_region(seq, c), c);
  ASSERT_GT(hits.size(), 5u);
  EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [](auto& h) { return h.strand == '-'; }));
  expect_pieces_as_folded_alone(seq, hits);
  EXPECT_GT(scanner.work().scored, 0);
}

TEST(ChunkScanner, HairpinsAreTheirStrandsPiecesFoldedAlone_Random) {
  std::mt19937 rng(5);
  ScanSettings settings;
  settings.min_pairs = 8;  // random sequence has few long stems
  ChunkScanner scanner(model().members(), settings);
  const std::string seq = random_dna(rng, 3000);
  const std::vector<Hairpin> hits = scanner.scan(seq, whole(3000));
  ASSERT_GT(hits.size(), 5u);
  expect_pieces_as_folded_alone(seq, hits);
}

TEST(ChunkScanner, MinusStrandMirrorsThePlusStrandOfTheReverseComplement) {
  const std::string seq = cel_cluster().substr(2800, 1200);
  const std::string rc = reverse_complement(seq);
  const std::int64_t n = static_cast<std::int64_t>(seq.size());
  ChunkScanner scanner(model().members(), ScanSettings{});
  std::vector<Hairpin> a = scanner.scan(seq, whole(n));
  std::vector<Hairpin> b = scanner.scan(rc, whole(n));
  auto key = [](const Hairpin& h) { return std::tie(h.strand, h.start, h.end); };
  for (Hairpin& h : b) {
    h.strand = h.strand == '+' ? '-' : '+';
    std::tie(h.start, h.end) = std::pair(n - h.end, n - h.start);
  }
  auto order = [&](const Hairpin& x, const Hairpin& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), order);
  std::sort(b.begin(), b.end(), order);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(key(a[k]), key(b[k]));
    EXPECT_EQ(a[k].sequence, b[k].sequence);
    EXPECT_EQ(a[k].structure, b[k].structure);
    EXPECT_FLOAT_EQ(a[k].probability, b[k].probability);
  }
}

TEST(ChunkScanner, OnlyStemLoopsCentredInTheOwnedPartAndTheStrandsAsked) {
  const std::string seq = cel_cluster();
  ScanSettings settings;
  settings.minus = false;
  ChunkScanner scanner(model().members(), settings);
  const Chunk c{2000, 4000, 2150, 3850};
  for (const Hairpin& h : scanner.scan(fold_region(seq, c), c)) {
    EXPECT_EQ(h.strand, '+');
    EXPECT_GE(h.start, c.fold_start);
    EXPECT_LE(h.end, c.fold_end);
    // The piece is centred on its stem-loop up to the flanks' clipping.
    const std::int64_t centre = (h.start + h.end) / 2;
    EXPECT_GE(centre, c.own_start - 2);
    EXPECT_LT(centre, c.own_end + 2);
  }
}

}  // namespace
}  // namespace mirgene::scan
