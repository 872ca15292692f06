#pragma once
// What RNAfold -p reports from the pair probabilities: the pseudo-structure of pairing
// tendencies, the centroid structure and its distance, the ensemble diversity, the
// frequency of the MFE structure, and the list of pairs above a cutoff (the dot plot).
#include <string>
#include <vector>

#include "fold/partition.hpp"

namespace mirgene::fold {

// One character per base from its probabilities of being unpaired (P0), paired with a
// base downstream (P<) and upstream (P>): '.', '(' or ')' when that one exceeds 0.667;
// otherwise, when P< + P> > P0, '{' or '}' if that side holds over 2/3 of the paired
// probability, else '|'; otherwise ',' when P0 > P< + P>, else ':'.
std::string pair_probability_symbols(const PairProbabilities& p);

struct Centroid {
  std::string structure;  // every pair with p > 0.5
  double distance;        // its expected base-pair distance to the ensemble
};
Centroid centroid_structure(const PairProbabilities& p);

// Each base's probability of being paired (with any partner), 0-based: element i - 1 is
// the sum over j of p(i, j). The network's pairing input (encode::with_pairing) reads it.
std::vector<double> paired_probabilities(const PairProbabilities& p);

// Mean base-pair distance between two structures drawn from the ensemble:
// 2 * sum over pairs of p * (1 - p).
double ensemble_diversity(const PairProbabilities& p);

// exp(-(MFE - G) / RT): the MFE structure's probability, with the MFE in kcal/mol rounded
// to a float as RNAfold holds it (G stays a double), so that the printed digits agree.
double mfe_frequency(int mfe_dcal, double ensemble_energy_kcal);

struct PairProbability {
  int i, j;  // 1-based, i < j
  double p;
};
// Pairs with p >= cutoff, by i then j.
std::vector<PairProbability> pairs_at_least(const PairProbabilities& p, double cutoff);

}  // namespace mirgene::fold
