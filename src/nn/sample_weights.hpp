#pragma once
// Per-sequence loss weights. Balanced class weights make both classes count equally overall;
// length-balanced weights make them count equally within every length bin as well, so that
// a training set whose classes differ in length (miRBoost's negatives are longer than its
// pre-miRNAs) gives the network nothing to gain from length; G+C-balanced weights do the same
// for G+C content.
#include <cstdint>
#include <span>
#include <vector>

namespace mirgene::nn {

// labels: 0 = pre-miRNA, 1 = other (the trainer's convention).
// Balanced: total / (2 * class count) for each class; without balancing every weight is 1.
std::vector<float> class_weights(std::span<const int> labels, bool balanced);

// Balanced class weights with the negative class split between two sources: the negatives
// flagged in `is_extra` share `extra_share` of the class's total weight and the others the
// rest, evenly within each source. Without it a source weighs by its count, and hundreds of
// thousands of genomic pieces (mirgene mine) leave the curated negatives and decoys a few per
// cent of the loss: the network then forgets what they taught it. A source with no records
// passes its share to the other. Weights have mean 1, as class_weights' do.
std::vector<float> extra_share_weights(std::span<const int> labels,
                                       std::span<const std::uint8_t> is_extra, float extra_share);

// Class balance within bins: bins[i] is sequence i's bin (any integer key). In a bin holding
// both classes each class gets half the bin's weight (bin size / (2 * class count in the
// bin)); a bin with one class keeps the balanced class weight. Weights are clamped to
// [1/kMaxBinWeightRatio, kMaxBinWeightRatio] times the balanced weight of their class, so a
// rare class in a bin cannot dominate a batch, then scaled to mean 1.
inline constexpr float kMaxBinWeightRatio = 10.0f;
std::vector<float> bin_balanced_weights(std::span<const int> bins, std::span<const int> labels);

// bin_balanced_weights over length bins of `bin_width` nt.
inline constexpr int kLengthBinWidth = 10;
std::vector<float> length_balanced_weights(std::span<const int> lengths,
                                           std::span<const int> labels,
                                           int bin_width = kLengthBinWidth);

// The G+C bin of an encoded sequence (base tokens 4 * nucleotide + structure, C = 1 and G = 2,
// whatever energy bin they carry; see encode/encoding.hpp): floor(G+C fraction * kGcBins), the
// top bin holding 1.0 too. Unknown nucleotides count in the length, not as G or C. miRBoost's
// negatives are poorer in G+C than its pre-miRNAs, a second shortcut (docs/robustness.md);
// balancing the classes within these bins takes it away.
inline constexpr int kGcBins = 20;
int gc_bin(std::span<const std::uint8_t> tokens);

}  // namespace mirgene::nn
