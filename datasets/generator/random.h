// The generator's pseudo-random numbers: xoshiro256** seeded through splitmix64.
//
// Both algorithms are fully specified integer arithmetic, so a seed yields the same stream on
// every platform and compiler; everything the generator writes is derived from this stream,
// which is what makes its output byte-identical for a given seed. Not cryptographic.
//
// Thread safety: an Rng is a plain value; use one per thread.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>

namespace sutra::gen {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (std::uint64_t& word : state_) word = SplitMix(seed);
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0. The multiply-high mapping has a bias below 2^-32 for the sizes
  // used here, which does not matter for synthetic data.
  std::uint64_t Below(std::uint64_t n) {
    assert(n > 0);
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }

  // Uniform in [lo, hi] (inclusive).
  int Between(int lo, int hi) {
    assert(lo <= hi);
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

  // A skewed pick in [0, n): index 0 is the most likely and each later index less so
  // (P(i) is about ln(n/(i+1))/n). Lists of names are ordered most common first, so common
  // names come out very common and collide across different people. Integer-only, so it is
  // exactly reproducible.
  std::size_t Skewed(std::size_t n) {
    assert(n > 0);
    return Below(Below(n) + 1);
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t SplitMix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4];
};

}  // namespace sutra::gen
