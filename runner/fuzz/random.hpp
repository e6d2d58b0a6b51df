// The fuzzer's random numbers: xoshiro256** seeded through splitmix64, so
// that a seed gives the same program on every machine and every standard
// library (std::uniform_int_distribution's output is implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace memconform::fuzz {

class Random {
  public:
    explicit Random(std::uint64_t seed) {
        for (auto& word : state_) word = splitmix64(seed);
    }

    std::uint64_t next() {
        std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, n), n > 0 (Lemire's multiply-shift, without the
    // rejection step: the bias is below 2^-50 for the small n used here).
    std::size_t below(std::size_t n) {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }

    // Uniform in [low, high].
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::size_t>(high - low + 1))); }

    // True with probability [percent] / 100.
    bool chance(unsigned percent) { return below(100) < percent; }

    template <class T> const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

    // An index into [weights], each chosen in proportion to its weight
    // (the sum must not be 0).
    std::size_t weighted(const std::vector<unsigned>& weights) {
        unsigned total = 0;
        for (unsigned w : weights) total += w;
        auto ticket = below(total);
        for (std::size_t i = 0;; ++i) {
            if (ticket < weights[i]) return i;
            ticket -= weights[i];
        }
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }

    std::uint64_t state_[4];
};

}  // namespace memconform::fuzz
