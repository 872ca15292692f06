#pragma once
// The training-data checksum stored in model metadata: FNV-1a 64 over the used sequences in
// order, each normalised as a fold-cache key (upper case, T -> U) and followed by '\n', so
// that record boundaries count and letter case or T/U spelling do not.
#include <cstdint>
#include <string>
#include <string_view>

namespace mirgene::train {

class SequenceChecksum {
 public:
  void add(std::string_view normalised_seq) {
    for (char c : normalised_seq) mix(static_cast<unsigned char>(c));
    mix('\n');
  }
  std::uint64_t value() const { return hash_; }
  // 16 lower-case hex digits.
  std::string hex() const;

 private:
  static constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  void mix(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= kPrime;
  }
  std::uint64_t hash_ = kOffsetBasis;
};

}  // namespace mirgene::train
