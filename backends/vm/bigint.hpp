// Ints beyond 64 bits: an IntObject whose value does not fit an int64 holds
// it as a BigInt (Boost.Multiprecision's cpp_int: header-only, and Boost is
// already a dependency; its schoolbook multiplication and division are
// CPython's own algorithms up to its Karatsuba threshold). Every int that
// fits an int64 stays small, so the 64-bit fast paths see no BigInt; an
// operation that overflows them comes here (bigint.cpp).
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <string>

#include "values.hpp"

namespace vm {

using BigInt = boost::multiprecision::cpp_int;

struct BigDigits {
    BigInt value;
};

inline bool is_big(const Object* o) { return static_cast<const IntObject*>(o)->big != nullptr; }
// An int's value, small or big.
BigInt big_value(const Object* o);
// A new int of `v`: small when it fits an int64.
Ref<> new_int(const BigInt& v);
// The same, in a block of `allocated_digits` (or as many as it needs, if
// more): CPython allocates some results before it knows their length.
Ref<> new_int_allocated(const BigInt& v, std::int64_t allocated_digits);
// CPython's 30-bit digits of |v| (0 for 0).
std::int64_t int_digit_count(const BigInt& v);

// PyLong_AsDouble: correctly rounded, half to even; OverflowError past
// the largest double.
double int_to_double(const Object* o);
// The same, false where it would raise.
bool int_as_double(const Object* o, double& out);
// long_true_divide: a / b correctly rounded (b != 0).
double int_true_divide(const BigInt& a, const BigInt& b);
// The three-way comparison of an int with a float that is not a NaN,
// exact (float_richcompare).
int compare_int_float(const Object* i, double d);
// The int of a finite double's integer part (PyLong_FromDouble).
Ref<> int_from_double(double d);

// An int operation (lang::BinaryOp numbering) where an operand is big or
// the 64-bit result overflowed.
Ref<> int_binary_big(int op, const Object* a, const Object* b);
Ref<> int_negative_big(const Object* o);
Ref<> int_invert_big(const Object* o);
std::int64_t int_hash_big(const Object* o);
// int.__round__: the int itself (an exact copy of a subclass's), or, for
// a negative `ndigits`, rounded half to even at 10**-ndigits.
Ref<> round_int(Object* number, Object* ndigits);

// The digits of |v| in `base` (2, 8, 10 or 16), lowercase.
std::string big_digits(const BigInt& v, int base);
// str(int) under sys.set_int_max_str_digits' limit (ValueError past it).
std::string int_decimal(const Object* o);
// The value of digits already checked by int()'s parser (no sign, no
// underscores) in `base`; the decimal limit applies for bases other than
// powers of two.
Ref<> int_from_digits(const std::string& digits, int base, bool negative);

}  // namespace vm
