// SHA-256 against the test vectors of FIPS 180-4 (and sha256sum), over block boundaries.
#include "common/sha256.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "common/error.hpp"
#include "support/temp_dir.hpp"

namespace mirgene {
namespace {

std::string sha256(std::string_view text) {
  Sha256 h;
  h.add(text);
  return h.hex();
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PiecesGiveTheHashOfTheWhole) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('A' + i % 26);
  for (const std::size_t cut : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 299u}) {
    Sha256 h;
    h.add(std::string_view(text).substr(0, cut));
    h.add(std::string_view(text).substr(cut));
    EXPECT_EQ(h.hex(), sha256(text)) << cut;
  }
}

TEST(Sha256, OfAFileAndAMissingOne) {
  test::TempDir dir;
  std::ofstream(dir.file("x"), std::ios::binary) << "abc";
  EXPECT_EQ(sha256_of_file(dir.file("x")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_THROW(sha256_of_file(dir.file("missing")), Error);
}

}  // namespace
}  // namespace mirgene
