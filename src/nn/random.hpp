#pragma once
// Portable random helpers: the standard distributions are implementation-defined, so uniform
// numbers are derived from the raw 64-bit engine output to keep runs reproducible everywhere.
#include <cstdint>
#include <random>

namespace mirgene::nn {

// Uniform in [0, 1) with 24 random bits (exactly representable as float).
inline float unit_float(std::mt19937_64& rng) {
  return static_cast<float>(rng() >> 40) * (1.0f / 16777216.0f);
}

// Mixes (seed, a, b) into a well-spread 64-bit seed (splitmix64 finaliser on each input), so
// per-sequence dropout streams depend only on these numbers, not on scheduling.
inline std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  auto mix = [](std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  return mix(mix(mix(seed) ^ a) ^ b);
}

// Uniform integer in [0, n) for n >= 1 (Lemire-style multiply, bias negligible for small n).
inline std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

}  // namespace mirgene::nn
