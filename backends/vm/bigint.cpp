// Ints beyond 64 bits (bigint.hpp): their arithmetic, conversions to and
// from float and text, and hashing, with CPython's results and errors.
#include "bigint.hpp"

#include <algorithm>
#include <cmath>

#include "api.hpp"

namespace vm {

namespace mp = boost::multiprecision;

void free_big_digits(BigDigits* big) { delete big; }

[[noreturn]] void int_beyond_int64(const Object*) {
    unsupported("an integer beyond 64 bits where pymodel needs a machine integer");
}

bool int_values_equal(const Object* a, const Object* b) { return big_value(a) == big_value(b); }

BigInt big_value(const Object* o) {
    const auto* i = static_cast<const IntObject*>(o);
    return i->big ? i->big->value : BigInt(i->value);
}

std::int64_t int_digit_count(const BigInt& v) {
    if (v == 0) return 0;
    return static_cast<std::int64_t>(mp::msb(mp::abs(v)) / 30 + 1);
}

Ref<> new_int(const BigInt& v) { return new_int_allocated(v, 0); }

Ref<> new_int_allocated(const BigInt& v, std::int64_t allocated_digits) {
    if (v >= INT64_MIN && v <= INT64_MAX) return new_int(static_cast<std::int64_t>(v));
    auto* o = new IntObject(types.int_, 0);
    o->big = new BigDigits{v};
    if (const std::optional<Profile::Sizes>& sizes = rt().profile().sizes)
        account_block(o, sizes->int_size_of_digits(std::max(allocated_digits, int_digit_count(v))));
    g_manager->on_allocate(o, false);
    return Ref<>::take(o);
}

namespace {

// The double nearest to (m + sticky/2) * 2**exp, m > 0, half to even;
// `sticky` stands for nonzero bits below m's last. False when it overflows.
bool scaled_to_double(BigInt m, std::int64_t exp, bool sticky, double& out) {
    constexpr std::int64_t kMantissaBits = 53, kLowestExponent = -1074;  // 2**-1074: the least subnormal
    auto bits = static_cast<std::int64_t>(mp::msb(m)) + 1;
    // Bits to drop: past the 53 of the mantissa, or below the least subnormal.
    std::int64_t drop = std::max(bits - kMantissaBits, kLowestExponent - exp);
    if (drop > 0) {
        if (drop > bits + 1) {  // below half the least subnormal
            out = 0.0;
            return true;
        }
        BigInt rest = m & ((BigInt(1) << drop) - 1);
        m >>= drop;
        exp += drop;
        BigInt half = BigInt(1) << (drop - 1);
        if (rest > half || (rest == half && (sticky || (m & 1) != 0))) m += 1;
    }
    if (m == 0) {
        out = 0.0;
        return true;
    }
    if (static_cast<std::int64_t>(mp::msb(m)) + exp >= 1024) return false;
    out = std::ldexp(static_cast<double>(static_cast<std::uint64_t>(m)), static_cast<int>(exp));
    return !std::isinf(out);
}

std::int64_t bit_length(const BigInt& magnitude) {
    return magnitude == 0 ? 0 : static_cast<std::int64_t>(mp::msb(magnitude)) + 1;
}

// Floor division and modulo, as Python's.
void floor_divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
    if (b == 0) raise(types.ZeroDivisionError, "integer division or modulo by zero");
    mp::divide_qr(a, b, q, r);
    if (r != 0 && ((r < 0) != (b < 0))) {
        q -= 1;
        r += b;
    }
}

// x >> n rounding towards minus infinity.
BigInt floor_shift_right(const BigInt& x, std::int64_t n) {
    if (x >= 0) return x >> n;
    return -((-x - 1) >> n) - 1;
}

std::int64_t shift_count(const Object* b) {
    BigInt n = big_value(b);
    if (n < 0) raise(types.ValueError, "negative shift count");
    return n > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(n);
}

}  // namespace

bool int_as_double(const Object* o, double& out) {
    const auto* i = static_cast<const IntObject*>(o);
    if (!i->big) {
        out = static_cast<double>(i->value);  // correctly rounded
        return true;
    }
    const BigInt& v = i->big->value;
    if (!scaled_to_double(mp::abs(v), 0, false, out)) return false;
    if (v < 0) out = -out;
    return true;
}

double int_to_double(const Object* o) {
    double out;
    if (!int_as_double(o, out)) raise(types.OverflowError, "int too large to convert to float");
    return out;
}

double int_true_divide(const BigInt& a, const BigInt& b) {
    if (b == 0) raise(types.ZeroDivisionError, "division by zero");
    BigInt x = mp::abs(a), y = mp::abs(b);
    bool negative = (a < 0) != (b < 0);
    if (x == 0) return negative ? -0.0 : 0.0;
    // A quotient of 55 bits at least, and whether a remainder was left.
    std::int64_t shift = 55 + bit_length(y) - bit_length(x);
    if (shift > 0) x <<= shift;
    else y <<= -shift;
    BigInt q, r;
    mp::divide_qr(x, y, q, r);
    double out;
    if (!scaled_to_double(q, -shift, r != 0, out))
        raise(types.OverflowError, "integer division result too large for a float");
    return negative ? -out : out;
}

int compare_int_float(const Object* i, double d) {
    if (std::isinf(d)) return d > 0 ? -1 : 1;
    const auto* io = static_cast<const IntObject*>(i);
    constexpr std::int64_t kExact = std::int64_t{1} << 53;  // every int to here is a double
    if (!io->big && io->value >= -kExact && io->value <= kExact) {
        auto x = static_cast<double>(io->value);
        return x < d ? -1 : (x > d ? 1 : 0);
    }
    double whole = std::floor(d);
    BigInt floor_of_d = big_value(int_from_double(whole).get());
    BigInt v = big_value(i);
    if (v < floor_of_d) return -1;
    if (v > floor_of_d) return 1;
    return whole == d ? 0 : -1;
}

Ref<> int_from_double(double d) {
    if (std::fabs(d) < 9.2e18) return new_int(static_cast<std::int64_t>(d));
    int exp = 0;
    double mantissa = std::frexp(std::fabs(d), &exp);  // d = mantissa * 2**exp, mantissa in [0.5, 1)
    BigInt v(static_cast<std::uint64_t>(std::ldexp(mantissa, 53)));
    v <<= exp - 53;
    return new_int(d < 0 ? BigInt(-v) : v);
}

Ref<> int_binary_big(int op, const Object* a, const Object* b) {
    BigInt x = big_value(a), y = big_value(b);
    // The digits CPython allocates for a sum or difference: x_add's one more
    // than the longer operand's, x_sub's as many; a product, both's (x_mul,
    // k_mul). The result is normalized within that block.
    std::int64_t longer = std::max(int_digit_count(x), int_digit_count(y));
    bool same_signs = (x < 0) == (y < 0);
    switch (static_cast<lang::BinaryOp>(op)) {
    case lang::BinaryOp::Add: return new_int_allocated(x + y, same_signs ? longer + 1 : longer);
    case lang::BinaryOp::Subtract: return new_int_allocated(x - y, same_signs ? longer : longer + 1);
    case lang::BinaryOp::Multiply: return new_int_allocated(x * y, int_digit_count(x) + int_digit_count(y));
    case lang::BinaryOp::And: return new_int(BigInt(x & y));
    case lang::BinaryOp::Or: return new_int(BigInt(x | y));
    case lang::BinaryOp::Xor: return new_int(BigInt(x ^ y));
    case lang::BinaryOp::FloorDivide:
    case lang::BinaryOp::Remainder: {
        BigInt q, r;
        floor_divmod(x, y, q, r);
        return new_int(op == static_cast<int>(lang::BinaryOp::FloorDivide) ? q : r);
    }
    case lang::BinaryOp::TrueDivide: return new_float(int_true_divide(x, y));
    case lang::BinaryOp::LShift: {
        std::int64_t n = shift_count(b);
        if (x == 0) return new_int(0);
        if (n > (std::int64_t{1} << 32)) unsupported("an int of more than 2**32 bits");
        return new_int(BigInt(x << n));
    }
    case lang::BinaryOp::RShift: {
        std::int64_t n = shift_count(b);
        if (n >= bit_length(mp::abs(x))) return new_int(x < 0 ? -1 : 0);
        return new_int(floor_shift_right(x, n));
    }
    case lang::BinaryOp::Power: {
        if (y < 0) {
            if (x == 0) raise(types.ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return new_float(std::pow(int_to_double(a), int_to_double(b)));
        }
        if (x == 0 || x == 1) return new_int(x);
        if (x == -1) return new_int((y & 1) != 0 ? -1 : 1);
        if (y * bit_length(mp::abs(x)) > (BigInt(1) << 32)) unsupported("an int of more than 2**32 bits");
        return new_int(BigInt(mp::pow(x, static_cast<unsigned>(y))));
    }
    default: return share(consts.NotImplemented);
    }
}

Ref<> int_negative_big(const Object* o) { return new_int(BigInt(-big_value(o))); }
Ref<> int_invert_big(const Object* o) { return new_int(BigInt(-big_value(o) - 1)); }

// long_hash: |v| modulo the hash prime, the sign kept; -1 becomes -2.
std::int64_t int_hash_big(const Object* o) {
    BigInt v = big_value(o);
    auto h = static_cast<std::int64_t>(static_cast<std::uint64_t>(mp::abs(v) % hash_modulus()));
    return signed_hash(static_cast<std::uint64_t>(v < 0 ? -h : h));
}

Ref<> round_int(Object* number, Object* ndigits) {
    auto itself = [number] { return number->type == types.int_ ? share(number) : new_int(big_value(number)); };
    if (!ndigits || ndigits == consts.None) return itself();
    BigInt places = is_int(ndigits) ? big_value(ndigits) : BigInt(as_index(ndigits));
    if (places >= 0) return itself();
    if (places < -100000) unsupported("round() of an int to more than 100000 places");
    BigInt unit = mp::pow(BigInt(10), static_cast<unsigned>(-places));
    BigInt q, r;
    floor_divmod(big_value(number), unit, q, r);
    BigInt twice = 2 * r;
    if (twice > unit || (twice == unit && (q & 1) != 0)) q += 1;
    return new_int(BigInt(q * unit));
}

std::string big_digits(const BigInt& v, int base) {
    BigInt m = mp::abs(v);
    if (m == 0) return "0";
    if (base == 10) return m.str();
    int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
    std::string out;
    auto unit = static_cast<unsigned>(base - 1);
    while (m != 0) {
        out += "0123456789abcdef"[static_cast<unsigned>(m & unit)];
        m >>= bits;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

namespace {
// sys.set_int_max_str_digits' ValueError: the profile's wording.
[[noreturn]] void exceeds_str_digits(std::int64_t limit, std::int64_t digits, bool parsing) {
    if (parsing)
        raise_message(types.ValueError, "int_max_str_digits_parse",
                      "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                      "sys.set_int_max_str_digits() to increase the limit",
                      limit, digits);
    raise_message(types.ValueError, "int_max_str_digits",
                  "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() "
                  "to increase the limit",
                  limit);
}
}  // namespace

std::string int_decimal(const Object* o) {
    const auto* i = static_cast<const IntObject*>(o);
    if (!i->big) return std::to_string(i->value);
    std::string text = i->big->value.str();
    std::int64_t limit = rt().int_max_str_digits;
    auto digits = static_cast<std::int64_t>(text.size()) - (text[0] == '-' ? 1 : 0);
    if (limit > 0 && digits > limit) exceeds_str_digits(limit, digits, false);
    return text;
}

Ref<> int_from_digits(const std::string& digits, int base, bool negative) {
    bool power_of_two = (base & (base - 1)) == 0;
    std::int64_t limit = rt().int_max_str_digits;
    auto count = static_cast<std::int64_t>(digits.size());
    if (!power_of_two && limit > 0 && count > limit) exceeds_str_digits(limit, count, true);
    BigInt v = 0;
    for (char c : digits) {
        int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        v = v * base + d;
    }
    return new_int(negative ? BigInt(-v) : v);
}

}  // namespace vm
