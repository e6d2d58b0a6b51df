// The runtime's deterministic hashes (hash.hpp): Python/pyhash.c's
// SipHash and FNV over the key PYTHONHASHSEED gives, the numeric hash of
// Objects/longobject.c and floatobject.c, and the tuple and frozenset
// combinations, each in Py_uhash_t of the runtime's width.
#include "hash.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lang/unicode.hpp"
#include "profile.hpp"

namespace vm {

namespace {

HashSpec g_spec;
std::array<unsigned char, 24> g_secret{};  // _Py_HashSecret

// Py_uhash_t: 64 or 32 bits.
template <class U> U uhash(std::uint64_t h) { return static_cast<U>(h); }

std::uint64_t little_endian_u64(const unsigned char* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t(p[i]) << (8 * i);
    return v;
}

// SipHash with `c` rounds per block and `d` to finish (CPython's
// siphash13 and siphash24, PyPy's siphash24).
std::uint64_t siphash(int c, int d, std::uint64_t k0, std::uint64_t k1, std::string_view bytes) {
    std::uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    std::uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
    auto round = [&] {
        v0 += v1;
        v1 = std::rotl(v1, 13) ^ v0;
        v0 = std::rotl(v0, 32);
        v2 += v3;
        v3 = std::rotl(v3, 16) ^ v2;
        v0 += v3;
        v3 = std::rotl(v3, 21) ^ v0;
        v2 += v1;
        v1 = std::rotl(v1, 17) ^ v2;
        v2 = std::rotl(v2, 32);
    };
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size(), blocks = n / 8;
    for (std::size_t b = 0; b < blocks; ++b) {
        std::uint64_t m = little_endian_u64(p + 8 * b, 8);
        v3 ^= m;
        for (int i = 0; i < c; ++i) round();
        v0 ^= m;
    }
    std::uint64_t last = (std::uint64_t(n) << 56) | little_endian_u64(p + 8 * blocks, n % 8);
    v3 ^= last;
    for (int i = 0; i < c; ++i) round();
    v0 ^= last;
    v2 ^= 0xff;
    for (int i = 0; i < d; ++i) round();
    return v0 ^ v1 ^ v2 ^ v3;
}

// pyhash.c's fnv, on a 32-bit build: the first byte shifted in, whole
// blocks of 4 bytes, then the rest (at least one block's worth) byte by byte.
std::uint64_t fnv32(std::uint32_t prefix, std::uint32_t suffix, std::string_view bytes) {
    constexpr std::uint32_t kMultiplier = 1000003u;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t len = bytes.size();
    std::size_t remainder = len % 4 ? len % 4 : 4;
    std::size_t blocks = (len - remainder) / 4;
    std::uint32_t x = prefix ^ (std::uint32_t(p[0]) << 7);
    for (std::size_t b = 0; b < blocks; ++b, p += 4)
        x = (kMultiplier * x) ^ static_cast<std::uint32_t>(little_endian_u64(p, 4));
    for (; remainder > 0; --remainder) x = (kMultiplier * x) ^ std::uint32_t(*p++);
    return x ^ static_cast<std::uint32_t>(len) ^ suffix;
}

// _Py_HashRandomization_Init: PYTHONHASHSEED=N fills the secret from a
// linear congruential generator seeded with N; 0 (and, in the model, an
// unset or "random" one) leaves it zero.
void init_secret() {
    g_secret.fill(0);
    const char* env = std::getenv("PYTHONHASHSEED");
    if (!env || !*env || std::string_view(env) == "random") return;
    char* end = nullptr;
    unsigned long long seed = std::strtoull(env, &end, 10);
    if (*end || seed > 0xFFFFFFFFull) return;
    auto x = static_cast<std::uint32_t>(seed);
    if (x == 0) return;
    for (unsigned char& byte : g_secret) {
        x = x * 214013u + 2531011u;
        byte = static_cast<unsigned char>((x >> 16) & 0xff);
    }
}

// The numeric hash: _PyHASH_BITS, and the modulus 2**bits - 1.
int hash_bits() { return g_spec.width == 64 ? 61 : 31; }

// The bytes CPython hashes for a str: its PEP 393 buffer, one byte a
// character when all are below 256, else two (below 65536) or four,
// little-endian.
std::string pep393_buffer(std::string_view utf8) {
    std::vector<std::uint32_t> code_points;
    std::uint32_t widest = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t width = 0;
        auto c = static_cast<std::uint32_t>(lang::code_point_at(utf8, i, width));
        code_points.push_back(c);
        widest = std::max(widest, c);
        i += width;
    }
    std::size_t kind = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
    std::string out;
    out.reserve(code_points.size() * kind);
    for (std::uint32_t c : code_points)
        for (std::size_t b = 0; b < kind; ++b) out += static_cast<char>((c >> (8 * b)) & 0xff);
    return out;
}

}  // namespace

std::uint64_t hash_modulus() { return (std::uint64_t(1) << hash_bits()) - 1; }

void init_hashing(const Profile& profile) {
    g_spec = profile.hash;
    init_secret();
}

const HashSpec& hash_spec() { return g_spec; }

std::int64_t signed_hash(std::uint64_t h, std::int64_t minus_one) {
    std::int64_t v = g_spec.width == 64 ? static_cast<std::int64_t>(h) : std::int64_t(std::int32_t(std::uint32_t(h)));
    return v == -1 ? minus_one : v;
}

std::int64_t hash_bytes(std::string_view bytes) {
    if (bytes.empty() && !g_spec.utf8) return 0;
    std::uint64_t k0 = little_endian_u64(g_secret.data(), 8), k1 = little_endian_u64(g_secret.data() + 8, 8);
    switch (g_spec.algorithm) {
    case StrHash::SipHash13: return signed_hash(siphash(1, 3, k0, k1, bytes));
    case StrHash::SipHash24: return signed_hash(siphash(2, 4, k0, k1, bytes));
    case StrHash::Fnv:
        return signed_hash(fnv32(static_cast<std::uint32_t>(little_endian_u64(g_secret.data(), 4)),
                                 static_cast<std::uint32_t>(little_endian_u64(g_secret.data() + 4, 4)), bytes));
    }
    return 0;
}

std::int64_t hash_str_text(std::string_view utf8, bool ascii) {
    if (ascii || g_spec.utf8) return hash_bytes(utf8);
    return hash_bytes(pep393_buffer(utf8));
}

// long_hash: the magnitude modulo 2**bits - 1, with the int's sign.
std::int64_t hash_int(std::int64_t v) {
    std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    auto h = static_cast<std::int64_t>(magnitude % hash_modulus());
    return signed_hash(static_cast<std::uint64_t>(v < 0 ? -h : h));
}

// _Py_HashDouble: the value as a fraction, its mantissa taken 28 bits at
// a time modulo 2**bits - 1, then the exponent as a rotation.
std::int64_t hash_double(double v) {
    if (std::isinf(v)) return v > 0 ? 314159 : -314159;
    const int bits = hash_bits();
    const std::uint64_t modulus = hash_modulus();
    int e = 0;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    std::uint64_t x = 0;
    while (m != 0) {
        x = ((x << 28) & modulus) | x >> (bits - 28);
        m *= 268435456.0;  // 2**28
        e -= 28;
        auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= modulus) x -= modulus;
    }
    e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
    x = ((x << e) & modulus) | x >> (bits - e);
    return signed_hash(x * static_cast<std::uint64_t>(static_cast<std::int64_t>(sign)));
}

std::int64_t hash_complex(std::int64_t real_hash, std::int64_t imag_hash) {
    return signed_hash(static_cast<std::uint64_t>(real_hash) + 1000003u * static_cast<std::uint64_t>(imag_hash));
}

// tuplehash's xxHash primes and rotation, by width.
void TupleHash::add(std::int64_t lane) {
    if (!started_) {
        acc_ = g_spec.width == 64 ? 2870177450012600261ULL : 374761393u;
        started_ = true;
    }
    auto u = static_cast<std::uint64_t>(lane);
    if (g_spec.width == 64) {
        acc_ += u * 14029467366897019727ULL;
        acc_ = std::rotl(acc_, 31) * 11400714785074694791ULL;
    } else {
        auto acc = static_cast<std::uint32_t>(acc_) + static_cast<std::uint32_t>(u) * 2246822519u;
        acc_ = std::rotl(acc, 13) * 2654435761u;
    }
}

std::int64_t TupleHash::finish(std::size_t length) const {
    std::uint64_t prime5 = g_spec.width == 64 ? 2870177450012600261ULL : 374761393u;
    std::uint64_t acc = (started_ ? acc_ : prime5) + (std::uint64_t(length) ^ (prime5 ^ 3527539u));
    return signed_hash(acc, 1546275796);
}

std::int64_t TupleHash::finish_without_length() const { return signed_hash(acc_, 1546275796); }

// _shuffle_bits of each item's hash, xor'ed.
void FrozensetHash::add(std::int64_t item_hash) {
    auto h = static_cast<std::uint64_t>(item_hash);
    if (g_spec.width == 32) h = static_cast<std::uint32_t>(h);
    acc_ ^= ((h ^ 89869747u) ^ (h << 16)) * 3644798167u;
}

std::int64_t FrozensetHash::finish(std::size_t size) const {
    std::uint64_t mask = g_spec.width == 64 ? ~std::uint64_t(0) : 0xFFFFFFFFu;
    std::uint64_t h = acc_ & mask;
    h ^= ((std::uint64_t(size) + 1) * 1927868237u) & mask;
    h ^= (h >> 11) ^ (h >> 25);
    h = (h * 69069u + 907133923u) & mask;
    return signed_hash(h, 590923713);
}

}  // namespace vm
