#include "train/checksum.hpp"

#include <cstdio>

namespace mirgene::train {

std::string SequenceChecksum::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
  return text;
}

}  // namespace mirgene::train
