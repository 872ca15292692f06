#include "decoys/builder.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/error.hpp"
#include "decoys/stem_loops.hpp"

namespace mirgene::decoys {
namespace {

const std::string kLet7 =
    "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGGGAGAUAACUAUACAAUCUACUGUCUUUCCUA";

std::string random_dna(std::uint64_t seed, std::size_t n) {
  std::mt19937_64 rng(seed);
  std::string s(n, 'A');
  for (char& c : s) c = "ACGT"[rng() % 4];
  return s;
}

std::string as_dna(std::string s) {
  for (char& c : s)
    if (c == 'U') c = 'T';
  return s;
}

BuildSettings settings(int threads) {
  BuildSettings s;
  s.threads = threads;
  s.seed = 9;
  return s;
}

TEST(GenomicDecoys, FindsAHairpinOnEitherStrandWithForwardCoordinates) {
  // A strong hairpin (let-7a-1) in random DNA, once forward and once reverse-complemented.
  const std::string hairpin = as_dna(kLet7);
  const std::string genome = random_dna(1, 600) + hairpin + random_dna(2, 600) +
                             as_dna(reverse_complement(kLet7)) + random_dna(3, 600);
  const LengthSampler lengths({80});
  SourceTally tally;
  const std::vector<Decoy> found = genomic_decoys("chrT", genome, lengths, settings(2), tally);
  bool plus = false, minus = false;
  for (const Decoy& d : found) {
    ASSERT_EQ(d.seq.size(), 80u);
    // The id's coordinates give the decoy back from the forward strand.
    const std::size_t colon = d.id.rfind(':'), dash = d.id.find('-', colon);
    const std::size_t start = std::stoul(d.id.substr(colon + 1, dash - colon - 1));
    const std::string forward = *plain_rna(genome.substr(start, 80));
    const bool is_minus = d.id.ends_with("(-)");
    EXPECT_EQ(d.seq, is_minus ? reverse_complement(forward) : forward) << d.id;
    EXPECT_TRUE(is_premirna_like(d.structure, d.energy, HairpinCriteria{})) << d.id;
    if (start >= 590 && start <= 610) plus |= !is_minus;
    if (start >= 1270 && start <= 1290) minus |= is_minus;
  }
  EXPECT_TRUE(plus);
  EXPECT_TRUE(minus);
  EXPECT_EQ(tally.accepted, found.size());
  EXPECT_GT(tally.inputs, 0u);
}

TEST(GenomicDecoys, ThreadCountDoesNotChangeTheResult) {
  const std::string genome = random_dna(4, 3000) + as_dna(kLet7) + random_dna(5, 3000);
  const LengthSampler lengths({60, 70, 80, 90, 100, 110});
  SourceTally a, b;
  const std::vector<Decoy> one = genomic_decoys("g", genome, lengths, settings(1), a);
  const std::vector<Decoy> two = genomic_decoys("g", genome, lengths, settings(2), b);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t k = 0; k < one.size(); ++k) EXPECT_EQ(one[k].id, two[k].id);
}

TEST(GenomicDecoys, RegionAndGapsAreHonoured) {
  const std::string genome = random_dna(1, 600) + as_dna(kLet7) + random_dna(2, 600);
  const LengthSampler lengths({80});
  BuildSettings s = settings(1);
  s.region_start = 0;
  s.region_end = 500;  // ends before the hairpin
  SourceTally tally;
  for (const Decoy& d : genomic_decoys("g", genome, lengths, s, tally)) {
    const std::size_t colon = d.id.rfind(':'), dash = d.id.find('-', colon);
    EXPECT_LE(std::stoul(d.id.substr(dash + 1)), 500u) << d.id;
  }
  // An N run over the hairpin hides it.
  std::string gapped = genome;
  gapped.replace(620, 40, std::string(40, 'N'));
  SourceTally gap_tally;
  for (const Decoy& d : genomic_decoys("g", gapped, lengths, settings(1), gap_tally))
    EXPECT_EQ(d.seq.find('N'), std::string::npos);
}

TEST(TrimmedDecoys, AreShorterPiecesOfTheNegative) {
  fold::Folder folder;
  const std::string negative = random_dna(8, 50) + as_dna(kLet7) + random_dna(9, 50);
  const LengthSampler lengths({70, 90, 100});
  SourceTally tally;
  BuildSettings s = settings(1);
  s.lengths_per_negative = 3;
  const std::vector<Decoy> found = trimmed_decoys("neg1", negative, 0, lengths, s, folder, tally);
  ASSERT_FALSE(found.empty());
  for (const Decoy& d : found) {
    EXPECT_LT(d.seq.size(), negative.size());
    EXPECT_NE(plain_rna(negative)->find(d.seq), std::string::npos) << d.id;
    EXPECT_TRUE(d.id.starts_with("trimmed:neg1:")) << d.id;
  }
  EXPECT_EQ(tally.inputs, 1u);
}

TEST(ShuffledDecoys, KeepCompositionAndFoldIntoOneHairpin) {
  fold::Folder folder;
  SourceTally tally;
  BuildSettings s = settings(1);
  s.shuffle_tries = 200;
  s.criteria.min_pairs = 15;
  s.criteria.max_energy = -1000;
  const std::optional<Decoy> d = shuffled_decoy("let7", kLet7, 0, s, folder, tally);
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->seq, kLet7);
  std::map<std::string, int> a, b;
  for (std::size_t k = 0; k + 1 < kLet7.size(); ++k) {
    ++a[kLet7.substr(k, 2)];
    ++b[d->seq.substr(k, 2)];
  }
  EXPECT_EQ(a, b);
  EXPECT_EQ(find_stem_loops(d->structure).size(), 1u);
}

TEST(AntisenseDecoys, AreTheReverseComplementWhenItFoldsIntoOneHairpin) {
  fold::Folder folder;
  SourceTally tally;
  const StretchIndex nothing_known;
  const std::optional<Decoy> d =
      antisense_decoy("let7", kLet7, nothing_known, settings(1), folder, tally);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->seq, reverse_complement(kLet7));
  EXPECT_EQ(d->id, "antisense:let7");
  EXPECT_EQ(d->source, "antisense");
  EXPECT_TRUE(is_premirna_like(d->structure, d->energy, HairpinCriteria{}));
  EXPECT_EQ(tally.inputs, 1u);
  EXPECT_EQ(tally.accepted, 1u);
  // DNA input gives the same decoy.
  EXPECT_EQ(antisense_decoy("let7", as_dna(kLet7), nothing_known, settings(1), folder, tally)->seq,
            d->seq);
}

TEST(AntisenseDecoys, SkipMirrorMiRnasAndWeakHairpins) {
  fold::Folder folder;
  SourceTally tally;
  // A known pre-miRNA on the other strand (a mirror miRNA) is never made a negative.
  StretchIndex known;
  known.add(reverse_complement(kLet7).substr(10, kSharedStretch));
  EXPECT_FALSE(antisense_decoy("let7", kLet7, known, settings(1), folder, tally).has_value());
  EXPECT_EQ(tally.candidates, 0u);
  // The sequence itself shares no stretch with its own other strand.
  StretchIndex itself;
  itself.add(kLet7);
  EXPECT_TRUE(antisense_decoy("let7", kLet7, itself, settings(1), folder, tally).has_value());
  // A reverse complement that does not fold into a strong hairpin gives none.
  EXPECT_FALSE(
      antisense_decoy("flat", std::string(80, 'A'), StretchIndex(), settings(1), folder, tally)
          .has_value());
  EXPECT_FALSE(
      antisense_decoy("n", "ACGUNACGU", StretchIndex(), settings(1), folder, tally).has_value());
}

TEST(Decoys, OriginIsTheRecordATrimmedOrShuffledDecoyCameFrom) {
  EXPECT_EQ(decoy_origin("trimmed:hsa-mir-21:10-90"), "hsa-mir-21");
  EXPECT_EQ(decoy_origin("shuffled:chr1:100:3"), "chr1:100");
  EXPECT_EQ(decoy_origin("antisense:chr1:100"), "chr1:100");
  EXPECT_EQ(decoy_origin("antisense:"), "");
  EXPECT_EQ(decoy_origin("genomic:chrI:5-90(+)"), "");
  EXPECT_EQ(decoy_origin("trimmed:"), "");
  EXPECT_EQ(decoy_origin("hsa-mir-21"), "");
}

TEST(Decoys, NonNucleotideInputGivesNone) {
  fold::Folder folder;
  SourceTally tally;
  EXPECT_FALSE(shuffled_decoy("x", "ACGUNACGU", 0, settings(1), folder, tally).has_value());
  EXPECT_TRUE(
      trimmed_decoys("x", "ACGURYACGU", 0, LengthSampler({5}), settings(1), folder, tally).empty());
  EXPECT_THROW(LengthSampler({}), Error);
}

}  // namespace
}  // namespace mirgene::decoys
