#pragma once
// SHA-256 (FIPS 180-4), written out here because mirgene links no crypto library: model
// metadata names the files it was measured on by their SHA-256, the checksum users compare
// with `sha256sum` (models/SHA256SUMS is such a list).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mirgene {

class Sha256 {
 public:
  Sha256();
  void add(std::string_view bytes);
  // 64 lower-case hex digits; the object is finished afterwards (add no more).
  std::string hex();

 private:
  void block(const unsigned char* data);
  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes added
};

// The SHA-256 of a file's bytes, as `sha256sum FILE` prints it. Throws mirgene::Error naming
// the file when it cannot be read.
std::string sha256_of_file(const std::string& path);

}  // namespace mirgene
