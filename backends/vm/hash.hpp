// The hashes a runtime makes deterministic, as the modeled one computes
// them: ints, floats and complex numbers (the numeric hash the language
// reference specifies, modulo 2**61 - 1, or 2**31 - 1 where hashes are 32
// bits wide), str and bytes under the key PYTHONHASHSEED gives (SipHash-2-4
// to 3.10 and on PyPy, SipHash-1-3 from 3.11, FNV on a 32-bit build),
// tuples (xxHash's round, 3.8+) and frozensets. A set's order follows
// them, so they must be the runtime's to the bit.
#pragma once

#include <cstdint>
#include <string_view>

namespace vm {

struct Profile;

enum class StrHash : std::uint8_t { SipHash13, SipHash24, Fnv };

struct HashSpec {
    int width = 64;  // sys.hash_info.width: Py_hash_t's bits (32 on wasm32)
    StrHash algorithm = StrHash::SipHash13;
    // A str hashes its UTF-8 bytes (PyPy), not CPython's PEP 393 buffer
    // (one, two or four bytes a character, as its widest needs), and the
    // empty str and bytes hash like any other (CPython's are 0).
    bool utf8 = false;
};

// The runtime's hashing, from its profile and PYTHONHASHSEED (unset,
// "random" or 0: the key of 0, as CPython's with PYTHONHASHSEED=0; N:
// CPython's and PyPy's key derived from N).
void init_hashing(const Profile& profile);
const HashSpec& hash_spec();

// _Py_HashBytes: a str's or bytes' hash from the bytes hashed.
std::int64_t hash_bytes(std::string_view bytes);
// A str's hash from its UTF-8 text (`ascii`: every character below 128).
std::int64_t hash_str_text(std::string_view utf8, bool ascii);
// The numeric hash of an int, and of a finite or infinite float (NaN is
// the caller's: by address from 3.10, else 0).
std::int64_t hash_int(std::int64_t v);
// The prime ints hash modulo: 2**61 - 1, or 2**31 - 1 on a 32-bit runtime.
std::uint64_t hash_modulus();
std::int64_t hash_double(double v);
// complex_hash: hash(real) + 1000003 * hash(imag).
std::int64_t hash_complex(std::int64_t real_hash, std::int64_t imag_hash);

// tuplehash: xxHash's round over the items' hashes, then the length.
class TupleHash {
  public:
    void add(std::int64_t lane);
    std::int64_t finish(std::size_t length) const;
    std::int64_t finish_without_length() const;  // slicehash's

  private:
    std::uint64_t acc_ = 0;
    bool started_ = false;
};

// frozenset_hash: a mix of each item's hash, combined by xor so that the
// order does not matter, then of the number of items.
class FrozensetHash {
  public:
    void add(std::int64_t item_hash);
    std::int64_t finish(std::size_t size) const;

  private:
    std::uint64_t acc_ = 0;
};

// Py_hash_t's value of `h` computed in Py_uhash_t: truncated to the
// runtime's width and sign-extended, -1 (the error value) made `minus_one`.
std::int64_t signed_hash(std::uint64_t h, std::int64_t minus_one = -2);

}  // namespace vm
