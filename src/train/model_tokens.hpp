#pragma once
// The tokens a network reads for a folded sequence, by its input mode. Every mode but
// both+pairing reads encode::encode(seq, structure, energy): base tokens carrying the MFE's
// energy bin, which only both+energy looks at. A both+pairing network reads each base's
// probability of being paired instead (encode::with_pairing), so its tokens need McCaskill's
// partition function (fold::PartitionFolder): about a hundred times the cost of the MFE fold,
// paid only for such networks.
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "fold/partition.hpp"
#include "nn/architecture.hpp"
#include "nn/network.hpp"

namespace mirgene::train {

// One per thread (it holds the partition function's tables).
class TokenMaker {
 public:
  explicit TokenMaker(nn::InputMode mode);
  // Throws mirgene::Error as encode::encode does, or when the partition function fails.
  std::vector<std::uint8_t> operator()(std::string_view seq, std::string_view structure,
                                       int energy_dcal);
  nn::InputMode mode() const { return mode_; }

 private:
  nn::InputMode mode_;
  std::unique_ptr<fold::PartitionFolder> partition_;  // both+pairing only
};

// The input mode that an ensemble's tokens are made for. Members that read pairing
// probabilities and members that read the energy bin want different tokens, so an ensemble
// mixing them is refused (mirgene::Error); every other mix reads the same tokens.
nn::InputMode token_mode(std::span<const nn::Network> members);

}  // namespace mirgene::train
