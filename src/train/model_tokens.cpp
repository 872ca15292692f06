#include "train/model_tokens.hpp"

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "fold/ensemble.hpp"

namespace mirgene::train {

TokenMaker::TokenMaker(nn::InputMode mode) : mode_(mode) {
  if (nn::reads_pairing(mode)) partition_ = std::make_unique<fold::PartitionFolder>();
}

std::vector<std::uint8_t> TokenMaker::operator()(std::string_view seq,
                                                 std::string_view structure, int energy_dcal) {
  if (!partition_) return encode::encode(seq, structure, energy_dcal);
  std::vector<std::uint8_t> tokens = encode::encode(seq, structure);
  partition_->fold(seq);
  return encode::with_pairing(std::move(tokens),
                              fold::paired_probabilities(partition_->probabilities()));
}

nn::InputMode token_mode(std::span<const nn::Network> members) {
  if (members.empty()) return nn::InputMode::kBoth;
  const nn::InputMode first = members.front().architecture().input;
  for (const nn::Network& m : members) {
    if (nn::reads_pairing(m.architecture().input) != nn::reads_pairing(first))
      throw Error("an ensemble cannot mix members that read pairing probabilities "
                  "(input both+pairing) with members that do not");
  }
  return first;
}

}  // namespace mirgene::train
