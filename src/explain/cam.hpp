#pragma once
// RNN class activation maps (deepMiRGene, Park et al. 2017): which positions of a sequence
// the network's decision rests on.
//
// H_att (L x width) holds the attention-weighted outputs of the last recurrent (or conv) layer
// at the L real positions; without attention, the plain outputs.
// w_gap is the mean of its rows (global average pooling) and CAM_t = H_att_t . w_gap.
// The mean runs over the L real positions only: the network pre-pads sequences to max_len,
// but padded rows would only scale every CAM value of a sequence by L / max_len, which says
// nothing about the sequence and makes maps of different lengths harder to compare.
#include <cstddef>
#include <span>
#include <vector>

#include "nn/network.hpp"

namespace mirgene::explain {

// Mean of the `length` rows of the row-major (length x width) matrix h_att.
// Throws mirgene::Error when length or width is 0 or h_att.size() != length * width.
std::vector<float> gap_weights(std::span<const float> h_att, std::size_t length, std::size_t width);

// CAM_t = H_att_t . w_gap for t = 0 .. length-1. Same preconditions as gap_weights.
std::vector<float> class_activation_map(std::span<const float> h_att, std::size_t length,
                                        std::size_t width);

// The CAM of an explained sequence: H_att is e.h_att with e.width columns (or, when e.width
// is 0, with e.attention.size() rows). For a model without attention H_att holds the last
// layer's plain per-position outputs, which is what its flatten reads.
std::vector<float> class_activation_map(const nn::Explanation& e);

// Resamples per-position values onto `bins` equal slices of the relative position 0-100 %.
// Position t (of L) sits at (t + 0.5) / L; a bin's value is the mean of the positions in it.
// Short sequences leave bins empty: those are interpolated linearly between the nearest
// filled bins on either side, or take the nearest filled bin's value at either end.
// Throws mirgene::Error for empty values or bins < 1.
std::vector<float> to_percent_bins(std::span<const float> values, int bins = 100);

// Element-wise mean of equally long rows (e.g. a group's binned CAMs); empty for no rows.
// Throws mirgene::Error when the rows differ in length.
std::vector<float> mean_profile(std::span<const std::vector<float>> rows);

}  // namespace mirgene::explain
