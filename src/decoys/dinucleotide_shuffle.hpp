#pragma once
// Dinucleotide-preserving shuffle (Altschul & Erickson 1985, by a random Eulerian walk as in
// Kandel et al. 1996): the result has exactly the input's dinucleotide counts and its first
// and last letter, so base composition and stacking propensity stay, while any evolved
// stem-loop is broken up.
#include <random>
#include <string>
#include <string_view>

namespace mirgene::decoys {

// A random sequence with the same dinucleotide counts as `seq` (any bytes; case is kept as
// given, so "a" and "A" are different letters). Deterministic for a given engine state.
std::string dinucleotide_shuffle(std::string_view seq, std::mt19937_64& rng);

}  // namespace mirgene::decoys
