// Planting precursors into DNA: where they land, on which strand, what they replace, and
// which plant an interval overlaps.
#include "mining/planting.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "support/records.hpp"

namespace mirgene::mining {
namespace {

using test::make_record;

TEST(PlantPrecursors, SlotsAlternateStrandsAndCycleThroughThePrecursors) {
  std::vector<seqio::Record> dna = {make_record("chr1", std::string(100, 'A')),
                                    make_record("chr2", std::string(50, 'C'))};
  const std::vector<seqio::Record> pre = {make_record("p1", "GGGUU"), make_record("p2", "ACG")};
  const PlantedDna out = plant_precursors(dna, pre, 25);
  ASSERT_EQ(out.plants.size(), 6u);  // 4 slots in chr1, 2 in chr2
  // Slot 0 of chr1: p1 centred ((25 - 5) / 2 = 10), plus strand, U written as T.
  EXPECT_EQ(out.plants[0].record, 0u);
  EXPECT_EQ(out.plants[0].start, 10);
  EXPECT_EQ(out.plants[0].end, 15);
  EXPECT_EQ(out.plants[0].strand, '+');
  EXPECT_EQ(out.records[0].seq.substr(10, 5), "GGGTT");
  // Slot 1: p2 on the minus strand, i.e. its reverse complement on the forward strand.
  EXPECT_EQ(out.plants[1].id, "p2");
  EXPECT_EQ(out.plants[1].strand, '-');
  EXPECT_EQ(out.plants[1].start, 25 + 11);
  EXPECT_EQ(out.records[0].seq.substr(36, 3), "CGT");
  // The third plant is p1 again, in other DNA.
  EXPECT_EQ(out.plants[2].id, "p1");
  EXPECT_EQ(out.plants[5].record, 1u);
  // Nothing else changed.
  EXPECT_EQ(out.records[0].seq.substr(0, 10), std::string(10, 'A'));
  EXPECT_EQ(out.records[1].seq.size(), 50u);
}

TEST(PlantPrecursors, SlotsOverNAndTooShortDnaAreLeftAlone) {
  std::string seq(60, 'A');
  seq[14] = 'N';
  const std::vector<seqio::Record> pre = {make_record("p", "CCCC")};
  const PlantedDna out =
      plant_precursors({make_record("c", seq), make_record("short", "ACGT")}, pre, 30);
  ASSERT_EQ(out.plants.size(), 1u);  // slot 0 holds the N; slot 1 takes the plant
  EXPECT_EQ(out.plants[0].start, 43);
  EXPECT_EQ(out.records[0].seq[14], 'N');
}

TEST(PlantPrecursors, BadPrecursorsAreNamed) {
  const std::vector<seqio::Record> dna = {make_record("c", std::string(100, 'A'))};
  try {
    plant_precursors(dna, std::vector<seqio::Record>{make_record("bad1", "ACNU")}, 20);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad1"), std::string::npos);
  }
  EXPECT_THROW(plant_precursors(dna, std::vector<seqio::Record>{make_record("e", "")}, 20), Error);
  EXPECT_THROW(plant_precursors(dna, std::vector<seqio::Record>{make_record("p", "AC")}, 0), Error);
}

TEST(OverlappingPlant, PicksThePlantSharingMostAndRespectsRecords) {
  const std::vector<Plant> plants = {
      {0, 10, 20, '+', "a"}, {0, 30, 40, '-', "b"}, {1, 10, 20, '+', "c"}};
  EXPECT_EQ(overlapping_plant(plants, 0, 0, 10), nullptr);
  EXPECT_EQ(overlapping_plant(plants, 0, 15, 35)->id, "a");  // 5 nt of a, 5 of b: the first
  EXPECT_EQ(overlapping_plant(plants, 0, 18, 38)->id, "b");
  EXPECT_EQ(overlapping_plant(plants, 1, 0, 12)->id, "c");
  EXPECT_EQ(overlapping_plant(plants, 1, 20, 30), nullptr);
  EXPECT_EQ(overlapping_plant(plants, 2, 0, 100), nullptr);
}

}  // namespace
}  // namespace mirgene::mining
