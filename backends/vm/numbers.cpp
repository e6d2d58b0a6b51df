// int, bool, float and complex, and the singletons None, NotImplemented,
// Ellipsis.
// An int that fits an int64 is computed here; beyond, bigint.cpp.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>

#include "api.hpp"
#include "bigint.hpp"
#include "instance.hpp"

namespace vm {

Ref<> new_int(std::int64_t v) {
    if (v >= kSmallIntMin && v <= kSmallIntMax) return share<Object>(consts.small_ints[v - kSmallIntMin]);
    // make<IntObject>, with allocate_block's int case inline (the most
    // frequent allocation); an int is no GC object.
    auto* o = new IntObject(types.int_, v);
    if (const std::optional<Profile::Sizes>& sizes = rt().profile().sizes) account_block(o, sizes->int_size(v));
    g_manager->on_allocate(o, false);
    return Ref<>::take(o);
}

Ref<> new_float(double v) { return make<FloatObject>(types.float_, v); }

Ref<> new_complex(double real, double imag) { return make<ComplexObject>(types.complex, real, imag); }

Ref<> compare_result(int c, CompareOp op) {
    switch (op) {
    case CompareOp::Lt: return new_bool(c < 0);
    case CompareOp::Le: return new_bool(c <= 0);
    case CompareOp::Eq: return new_bool(c == 0);
    case CompareOp::Ne: return new_bool(c != 0);
    case CompareOp::Gt: return new_bool(c > 0);
    case CompareOp::Ge: return new_bool(c >= 0);
    }
    return share(consts.NotImplemented);
}

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    std::string s = fmt::format("{}", d);
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}

namespace {

// Both operands as int64 when both are ints (bool included) that fit one.
bool ints(Object* a, Object* b, std::int64_t& x, std::int64_t& y) {
    if (!is_int(a) || !is_int(b) || is_big(a) || is_big(b)) return false;
    x = static_cast<IntObject*>(a)->value;
    y = static_cast<IntObject*>(b)->value;
    return true;
}

double float_of(Object* o) { return static_cast<FloatObject*>(o)->value; }

// Both operands as doubles when they are numbers and one is a float.
bool floats(Object* a, Object* b, double& x, double& y) {
    auto num = [](Object* o, double& out) {
        if (is_float(o)) out = static_cast<FloatObject*>(o)->value;
        else if (is_int(o)) out = int_to_double(o);
        else return false;
        return true;
    };
    return (is_float(a) || is_float(b)) && num(a, x) && num(b, y);
}

// x // y; x is not INT64_MIN when y is -1.
std::int64_t floor_div(std::int64_t x, std::int64_t y) {
    if (y == 0) raise(types.ZeroDivisionError, "integer division or modulo by zero");
    std::int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
    return q;
}

std::int64_t floor_mod(std::int64_t x, std::int64_t y) {
    if (y == 0) raise(types.ZeroDivisionError, "integer modulo by zero");
    if (y == -1) return 0;
    std::int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return r;
}

// base ** exp (exp >= 0), false when it overflows an int64.
bool int_pow(std::int64_t base, std::int64_t exp, std::int64_t& result) {
    result = 1;
    while (exp > 0) {
        if ((exp & 1) && __builtin_mul_overflow(result, base, &result)) return false;
        exp >>= 1;
        if (exp && __builtin_mul_overflow(base, base, &base)) return false;
    }
    return true;
}

// x / y of ints that fit an int64: a double division is correctly rounded
// while both are exact doubles (long_true_divide's fast path).
double small_true_divide(std::int64_t x, std::int64_t y) {
    if (y == 0) raise(types.ZeroDivisionError, "division by zero");
    constexpr std::int64_t kExact = std::int64_t{1} << 53;
    if (x >= -kExact && x <= kExact && y >= -kExact && y <= kExact)
        return static_cast<double>(x) / static_cast<double>(y);
    return int_true_divide(x, y);
}

// float_floor_div: the quotient of x less its fmod remainder, adjusted to
// the divisor's sign and rounded to the nearest integer (floor(x / y)
// would round the division first: 1 // 0.1 is 9.0, not 10.0).
double float_floor_div(double x, double y) {
    double mod = std::fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0 && ((y < 0) != (mod < 0))) div -= 1.0;
    if (div == 0) return std::copysign(0.0, x / y);
    double floored = std::floor(div);
    return div - floored > 0.5 ? floored + 1.0 : floored;
}

double float_mod(double x, double y) {
    if (y == 0) raise_message(types.ZeroDivisionError, "float_mod_zero", "float modulo");
    double m = std::fmod(x, y);
    if (m != 0 && ((m < 0) != (y < 0))) m += y;
    return m;
}

// The result of an int operation, keeping bool for & | ^ of two bools.
Ref<> int_result(Object* a, Object* b, std::int64_t r) {
    if (a->type == types.bool_ && b->type == types.bool_) return new_bool(r != 0);
    return new_int(r);
}

template <int OP> Ref<> number_binary(Object* a, Object* b) {
    std::int64_t x, y, r = 0;
    if (ints(a, b, x, y)) {
        // A result beyond an int64 is bigint.cpp's.
        switch (OP) {
        case 0:
            if (__builtin_add_overflow(x, y, &r)) return int_binary_big(OP, a, b);
            return new_int(r);
        case 1: return int_result(a, b, x & y);
        case 2:
            if (x == INT64_MIN && y == -1) return int_binary_big(OP, a, b);
            return new_int(floor_div(x, y));
        case 3:
            if (y < 0) raise(types.ValueError, "negative shift count");
            if (y >= 63 || (x != 0 && (x > (INT64_MAX >> y) || x < (INT64_MIN >> y)))) {
                if (x == 0) return new_int(0);
                return int_binary_big(OP, a, b);
            }
            return new_int(x * (std::int64_t(1) << y));
        case 5:
            if (__builtin_mul_overflow(x, y, &r)) return int_binary_big(OP, a, b);
            return new_int(r);
        case 6: return new_int(floor_mod(x, y));
        case 7: return int_result(a, b, x | y);
        case 8:
            if (y < 0) {
                if (x == 0) raise(types.ZeroDivisionError, "0.0 cannot be raised to a negative power");
                return new_float(std::pow(static_cast<double>(x), static_cast<double>(y)));
            }
            if (!int_pow(x, y, r)) return int_binary_big(OP, a, b);
            return new_int(r);
        case 9:
            if (y < 0) raise(types.ValueError, "negative shift count");
            return new_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
        case 10:
            if (__builtin_sub_overflow(x, y, &r)) return int_binary_big(OP, a, b);
            return new_int(r);
        case 11: return new_float(small_true_divide(x, y));
        case 12: return int_result(a, b, x ^ y);
        default: return share(consts.NotImplemented);
        }
    }
    if (is_int(a) && is_int(b)) return int_binary_big(OP, a, b);
    double fx, fy;
    if (floats(a, b, fx, fy)) {
        switch (OP) {
        case 0: return new_float(fx + fy);
        case 2:
            if (fy == 0) raise_message(types.ZeroDivisionError, "float_floordiv_zero", "float floor division by zero");
            return new_float(float_floor_div(fx, fy));
        case 5: return new_float(fx * fy);
        case 6: return new_float(float_mod(fx, fy));
        case 8:
            if (fx == 0 && fy < 0) raise(types.ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return new_float(std::pow(fx, fy));
        case 10: return new_float(fx - fy);
        case 11:
            if (fy == 0) raise(types.ZeroDivisionError, "float division by zero");
            return new_float(fx / fy);
        default: return share(consts.NotImplemented);
        }
    }
    return share(consts.NotImplemented);
}

template <int... OPS> constexpr auto number_slots(std::integer_sequence<int, OPS...>) {
    return std::array<Ref<Object> (*)(Object*, Object*), sizeof...(OPS)>{&number_binary<OPS>...};
}
constexpr auto numeric_slots = number_slots(std::make_integer_sequence<int, kBinaryOpCount>{});

template <class T> int compare3(T x, T y) { return x < y ? -1 : (x > y ? 1 : 0); }

Ref<> number_richcompare(Object* a, Object* b, CompareOp op) {
    std::int64_t x, y;
    if (ints(a, b, x, y)) return compare_result(compare3(x, y), op);
    if (is_int(a) && is_int(b)) return compare_result(compare3(big_value(a), big_value(b)), op);
    // An int and a float compare exactly (float_richcompare), not as doubles.
    auto float_and_int = [op](double d, Object* i, bool int_first) {
        if (std::isnan(d)) return new_bool(op == CompareOp::Ne);
        int c = compare_int_float(i, d);
        return compare_result(int_first ? c : -c, op);
    };
    if (is_float(a) && is_int(b)) return float_and_int(float_of(a), b, false);
    if (is_int(a) && is_float(b)) return float_and_int(float_of(b), a, true);
    if (is_float(a) && is_float(b)) {
        double fx = float_of(a), fy = float_of(b);
        if (std::isnan(fx) || std::isnan(fy)) return new_bool(op == CompareOp::Ne);
        return compare_result(compare3(fx, fy), op);
    }
    return share(consts.NotImplemented);
}

Ref<> int_repr(Object* self) { return new_str(int_decimal(self)); }
std::int64_t int_hash(Object* self) { return is_big(self) ? int_hash_big(self) : hash_int(int_value(self)); }
bool int_truth(Object* self) { return is_big(self) || int_value(self) != 0; }
Ref<> int_negative(Object* self) {
    if (is_big(self) || int_value(self) == INT64_MIN) return int_negative_big(self);
    return new_int(-int_value(self));
}
Ref<> int_positive(Object* self) { return is_big(self) ? new_int(big_value(self)) : new_int(int_value(self)); }
Ref<> int_invert(Object* self) { return is_big(self) ? int_invert_big(self) : new_int(~int_value(self)); }
std::int64_t int_index(Object* self) { return int_value(self); }

// int(str) as CPython parses it: optional sign, digits with underscores
// between them, surrounding whitespace. `text` is `original` made ASCII
// (numeric_text_to_ascii); the message shows `original`.
Ref<> parse_int(const std::string& text, const std::string& original, int base) {
    std::size_t a = text.find_first_not_of(" \t\n\r\f\v");
    std::size_t b = text.find_last_not_of(" \t\n\r\f\v");
    auto invalid = [&] {
        raisef(types.ValueError, "invalid literal for int() with base {}: {}", base, quote_str(original));
    };
    if (a == std::string::npos) invalid();
    std::string s = text.substr(a, b - a + 1);
    bool neg = false;
    std::size_t i = 0;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i >= s.size()) invalid();
    // A prefix (0x, 0o, 0b) is allowed with its base or base 0.
    if (s.size() > i + 1 && s[i] == '0' && std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
        char p = static_cast<char>(std::tolower(s[i + 1]));
        int prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefixed && (base == 0 || base == prefixed)) {
            base = prefixed;
            i += 2;
            if (i < s.size() && s[i] == '_') ++i;
        }
    }
    if (base == 0) base = 10;
    if (i >= s.size()) invalid();
    std::int64_t value = 0;
    bool fits = true;  // in an int64; else the digits go to bigint.cpp
    std::string digits;
    bool prev_underscore = true;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') {
            if (prev_underscore) invalid();
            prev_underscore = true;
            continue;
        }
        int d = std::isdigit(static_cast<unsigned char>(c))   ? c - '0'
                : std::isalpha(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                              : 99;
        if (d >= base) invalid();
        digits += c;
        if (fits && (__builtin_mul_overflow(value, base, &value) || __builtin_add_overflow(value, d, &value)))
            fits = false;
        prev_underscore = false;
    }
    if (prev_underscore) invalid();
    if (!fits || digits.size() > 640) return int_from_digits(digits, base, neg);  // the limit applies from 640
    return new_int(neg ? -value : value);
}

// float(str) as CPython parses it (_Py_string_to_number_with_underscores,
// float_from_string_inner, _PyOS_ascii_strtod): underscores only between
// digits, surrounding whitespace, a sign, then "inf", "infinity" or "nan"
// in any case, or decimal digits with an optional point and exponent; no
// hex, no "nan(...)". `text` is `original` made ASCII
// (numeric_text_to_ascii); the message shows `original`.
double parse_float(const std::string& text, const std::string& original) {
    auto invalid = [&] { raisef(types.ValueError, "could not convert string to float: {}", quote_str(original)); };
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::string s;
    char prev = '\0';
    for (char c : text) {
        if (c == '_' ? !is_digit(prev) : prev == '_' && !is_digit(c)) invalid();
        if (c != '_') s += c;
        prev = c;
    }
    if (prev == '_') invalid();
    std::size_t first = s.find_first_not_of(" \t\n\r\f\v");
    if (first == std::string::npos)  // 3.8 and 3.9 show what follows the whitespace: nothing
        raise_message(types.ValueError, "float_blank_text", "could not convert string to float: {}",
                      quote_str(original));
    s = s.substr(first, s.find_last_not_of(" \t\n\r\f\v") - first + 1);
    std::size_t i = s[0] == '+' || s[0] == '-' ? 1 : 0;
    std::string word = s.substr(i);
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "inf" || word == "infinity" || word == "nan") return std::strtod(s.c_str(), nullptr);
    std::size_t digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) ++digits;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && is_digit(s[i]); ++i) ++digits;
    if (digits && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t exponent = i + 1 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-') ? i + 2 : i + 1;
        if (exponent < s.size() && is_digit(s[exponent]))
            for (i = exponent; i < s.size() && is_digit(s[i]); ++i) {
            }
    }
    if (!digits || i != s.size()) invalid();
    return std::strtod(s.c_str(), nullptr);
}

// An instance of a subclass of int or float (long_subtype_new,
// float_subtype_new): the value made first as the base's, then copied into
// the class's layout, tracked as every instance of a class is.
template <class T> Ref<> new_number_subclass(TypeObject* type, Ref<> made) {
    Object* o = type->class_layout->sub->allocate(type);
    static_cast<T*>(o)->value = static_cast<T*>(made.get())->value;
    if constexpr (std::is_same_v<T, IntObject>)
        if (is_big(made.get())) static_cast<IntObject*>(o)->big = new BigDigits{big_value(made.get())};
    allocate_block(o);
    g_manager->on_allocate(o, true);
    if (type->class_layout->has_dict) type->class_layout->instance_made();  // _PyObject_InitializeDict
    return Ref<>::take(o);
}

Ref<> int_new_exact(Args args) {
    Object *x = nullptr, *base = nullptr;
    parse_args("int", args, {"x", "base"}, 0, {&x, &base});
    if (!x) return new_int(0);
    if (base) {
        if (!is_str(x)) raise(types.TypeError, "int() can't convert non-string with explicit base");
        std::int64_t b = as_index(base);
        if (b != 0 && (b < 2 || b > 36)) raise(types.ValueError, "int() base must be >= 2 and <= 36, or 0");
        return parse_int(numeric_text_to_ascii(static_cast<StrObject*>(x)), str_value(x), static_cast<int>(b));
    }
    if (is_int(x)) return is_big(x) ? new_int(big_value(x)) : new_int(int_value(x));
    if (is_float(x)) {
        double d = static_cast<FloatObject*>(x)->value;
        if (std::isnan(d)) raise(types.ValueError, "cannot convert float NaN to integer");
        if (std::isinf(d)) raise(types.OverflowError, "cannot convert float infinity to integer");
        return int_from_double(std::trunc(d));
    }
    if (is_str(x)) return parse_int(numeric_text_to_ascii(static_cast<StrObject*>(x)), str_value(x), 10);
    if (x->type->tp.index) return new_int(as_index(x));
    raisef(types.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '{}'",
           type_name(x));
}

Ref<> int_new(TypeObject* type, Args args) {
    Ref<> made = int_new_exact(args);
    return type == types.int_ ? made : new_number_subclass<IntObject>(type, std::move(made));
}

Ref<> bool_repr(Object* self) { return new_str(self == consts.True ? "True" : "False"); }

Ref<> bool_new(TypeObject*, Args args) {
    check_nargs("bool", args, 0, 1);
    return new_bool(args.nargs && truthy(args[0]));
}

Ref<> float_repr_slot(Object* self) { return new_str(float_repr(float_of(self))); }
// _Py_HashDouble: a NaN hashes by the address of its object (3.10+), or
// as 0.
std::int64_t double_hash(Object* owner, double d) {
    if (std::isnan(d)) return rt().profile().nan_hash_zero ? 0 : types.object->tp.hash(owner);
    return hash_double(d);
}
std::int64_t float_hash(Object* self) { return double_hash(self, float_of(self)); }
bool float_truth(Object* self) { return float_of(self) != 0; }
Ref<> float_negative(Object* self) { return new_float(-float_of(self)); }
Ref<> float_positive(Object* self) { return new_float(float_of(self)); }

Ref<> float_new_exact(Args args) {
    no_keywords("float", args);
    check_nargs("float", args, 0, 1);
    if (!args.nargs) return new_float(0);
    Object* x = args[0];
    if (is_float(x)) return new_float(float_of(x));
    if (is_int(x)) return new_float(int_to_double(x));
    if (is_str(x)) {
        return new_float(parse_float(numeric_text_to_ascii(static_cast<StrObject*>(x)), str_value(x)));
    }
    raisef(types.TypeError, "float() argument must be a string or a real number, not '{}'", type_name(x));
}

Ref<> float_new(TypeObject* type, Args args) {
    Ref<> made = float_new_exact(args);
    return type == types.float_ ? made : new_number_subclass<FloatObject>(type, std::move(made));
}

Ref<> none_repr(Object*) { return new_str("None"); }
std::int64_t none_hash(Object*) { return signed_hash(static_cast<std::uint64_t>(rt().profile().none_hash)); }
Ref<> not_implemented_repr(Object*) { return new_str("NotImplemented"); }
Ref<> ellipsis_repr(Object*) { return new_str("Ellipsis"); }
bool false_truth(Object*) { return false; }

}  // namespace

// ---- complex: what CPython's own memory tests use of it (literals,
// arithmetic, comparison, hashing, repr) -----------------------------------------------------------

// An int, float or complex operand as its two parts.
bool complex_parts(Object* o, double& real, double& imag) {
    imag = 0;
    if (o->type == types.complex) {
        real = static_cast<ComplexObject*>(o)->real;
        imag = static_cast<ComplexObject*>(o)->imag;
    } else if (is_float(o)) real = float_of(o);
    else if (is_int(o)) real = int_to_double(o);
    else return false;
    return true;
}

Ref<> complex_repr(Object* self) {
    auto* c = static_cast<ComplexObject*>(self);
    return new_str(lang::complex_repr({c->real, c->imag}));
}

// complex_hash: hash(real) + 1000003 * hash(imag), as CPython combines them.
std::int64_t complex_hash(Object* self) {
    auto* c = static_cast<ComplexObject*>(self);
    return hash_complex(double_hash(self, c->real), double_hash(self, c->imag));
}

bool complex_truth(Object* self) {
    auto* c = static_cast<ComplexObject*>(self);
    return c->real != 0 || c->imag != 0;
}
Ref<> complex_negative(Object* self) {
    auto* c = static_cast<ComplexObject*>(self);
    return new_complex(-c->real, -c->imag);
}
Ref<> complex_positive(Object* self) {
    auto* c = static_cast<ComplexObject*>(self);
    return new_complex(c->real, c->imag);
}

template <int OP> Ref<> complex_binary(Object* a, Object* b) {
    double ar, ai, br, bi;
    if (!complex_parts(a, ar, ai) || !complex_parts(b, br, bi)) return share(consts.NotImplemented);
    switch (OP) {
    case 0: return new_complex(ar + br, ai + bi);
    case 5: return new_complex(ar * br - ai * bi, ar * bi + ai * br);
    case 10: return new_complex(ar - br, ai - bi);
    case 11: {
        auto q = lang::complex_quotient({ar, ai}, {br, bi});
        if (!q) raise(types.ZeroDivisionError, "complex division by zero");
        return new_complex(q->real, q->imag);
    }
    default: unsupported("this complex operation");
    }
}

Ref<> complex_richcompare(Object* a, Object* b, CompareOp op) {
    double ar, ai, br, bi;
    if (!complex_parts(a, ar, ai) || !complex_parts(b, br, bi) || (op != CompareOp::Eq && op != CompareOp::Ne))
        return share(consts.NotImplemented);
    return new_bool((ar == br && ai == bi) == (op == CompareOp::Eq));
}

Ref<> complex_new(TypeObject*, Args args) {
    Object *real = nullptr, *imag = nullptr;
    parse_args("complex", args, {"real", "imag"}, 0, {&real, &imag});
    double rr = 0, ri = 0, ir = 0, ii = 0;
    if (real && !complex_parts(real, rr, ri))
        raisef(types.TypeError, "complex() first argument must be a string or a number, not '{}'", type_name(real));
    if (imag && !complex_parts(imag, ir, ii))
        raisef(types.TypeError, "complex() second argument must be a number, not '{}'", type_name(imag));
    return new_complex(rr - ii, ri + ir);
}

Ref<> complex_real(Object* self) { return new_float(static_cast<ComplexObject*>(self)->real); }
Ref<> complex_imag(Object* self) { return new_float(static_cast<ComplexObject*>(self)->imag); }
Ref<> m_conjugate(Object* self, Args, void*) {
    auto* c = static_cast<ComplexObject*>(self);
    return new_complex(c->real, -c->imag);
}

// int.to_bytes and int.from_bytes with the length and byte order given by
// position; a call that leans on a version's defaults stops the program.
bool little_endian(Object* byteorder) {
    if (!is_str(byteorder))
        raisef(types.TypeError, "to_bytes() argument 'byteorder' must be str, not {}", type_name(byteorder));
    if (str_value(byteorder) == "little") return true;
    if (str_value(byteorder) == "big") return false;
    raise(types.ValueError, "byteorder must be either 'little' or 'big'");
}

bool signed_keyword(const char* method, Args args) {
    bool is_signed = false;
    for (std::size_t i = 0; i < args.nkw(); ++i) {
        if (str_value(args.kwnames->items[i]) != "signed")
            unsupported(fmt::format("int.{}() with keyword arguments", method));
        is_signed = truthy(args[args.nargs + i]);
    }
    return is_signed;
}

Ref<> m_to_bytes(Object* self, Args args, void*) {
    if (args.nargs != 2) unsupported("int.to_bytes() without its length and byteorder given by position");
    bool is_signed = signed_keyword("to_bytes", args);
    std::int64_t length = as_index(args[0]);
    if (length < 0) raise(types.ValueError, "length argument must be non-negative");
    bool little = little_endian(args[1]);
    BigInt value = big_value(self);
    if (value < 0 && !is_signed) raise(types.OverflowError, "can't convert negative int to unsigned");
    // What fits: below 2**(8 * length), or, signed, the sign bit's half of it.
    std::int64_t bits = 8 * length - (is_signed ? 1 : 0);
    bool fits = length == 0 ? value == 0 : bits >= 0 && value < (BigInt(1) << bits) && -value <= (BigInt(1) << bits);
    if (!fits) raise(types.OverflowError, "int too big to convert");
    if (value < 0) value += BigInt(1) << (8 * length);  // two's complement
    std::string out(static_cast<std::size_t>(length), '\0');
    for (std::size_t i = 0; i < out.size() && value != 0; ++i, value >>= 8)
        out[i] = static_cast<char>(static_cast<unsigned>(value & 0xff));
    if (!little) std::reverse(out.begin(), out.end());
    return new_bytes(std::move(out));
}

Ref<> m_from_bytes(Object* cls, Args args, void*) {
    if (args.nargs != 2) unsupported("int.from_bytes() without its bytes and byteorder given by position");
    if (cls != types.int_) unsupported("int.from_bytes() of a subclass of int");
    bool is_signed = signed_keyword("from_bytes", args);
    if (args[0]->type != types.bytes) unsupported("int.from_bytes() of a '" + type_name(args[0]) + "'");
    std::string data = bytes_value(args[0]);
    if (little_endian(args[1])) std::reverse(data.begin(), data.end());  // most significant first
    BigInt value = 0;
    for (char c : data) value = (value << 8) | static_cast<unsigned char>(c);
    if (is_signed && !data.empty() && (static_cast<unsigned char>(data[0]) & 0x80))
        value -= BigInt(1) << (8 * data.size());
    return new_int(value);
}

Ref<> m_bit_length(Object* self, Args args, void*) {
    check_nargs("int.bit_length", args, 0, 0);
    BigInt v = boost::multiprecision::abs(big_value(self));
    return new_int(v == 0 ? 0 : static_cast<std::int64_t>(boost::multiprecision::msb(v)) + 1);
}

Ref<> m_bit_count(Object* self, Args args, void*) {
    check_nargs("int.bit_count", args, 0, 0);
    BigInt v = boost::multiprecision::abs(big_value(self));
    std::int64_t count = 0;
    for (; v != 0; v >>= 64) count += std::popcount(static_cast<std::uint64_t>(v & UINT64_MAX));
    return new_int(count);
}

template <int... OPS> constexpr auto complex_slots(std::integer_sequence<int, OPS...>) {
    return std::array<Ref<Object> (*)(Object*, Object*), sizeof...(OPS)>{&complex_binary<OPS>...};
}

void init_number_types() {
    TypeObject* t = types.int_;
    t->tp.repr = &int_repr;
    t->tp.str = &int_repr;
    t->tp.hash = &int_hash;
    t->tp.richcompare = &number_richcompare;
    t->tp.truth = &int_truth;
    t->tp.negative = &int_negative;
    t->tp.positive = &int_positive;
    t->tp.invert = &int_invert;
    t->tp.index = &int_index;
    t->tp.new_ = &int_new;
    t->tp.init = nullptr;
    for (int op = 0; op < kBinaryOpCount; ++op) t->tp.number[op] = numeric_slots[op];
    add_method(t, "to_bytes", &m_to_bytes);
    add_method(t, "bit_length", &m_bit_length);
    const RuntimeNames& names = rt().profile().runtime_names();
    if (names.empty() || names.has("type int", "bit_count")) add_method(t, "bit_count", &m_bit_count);  // 3.10+
    add_class_method(t, "from_bytes", &m_from_bytes);

    TypeObject* b = types.bool_;
    b->tp = t->tp;
    b->tp.repr = &bool_repr;
    b->tp.str = &bool_repr;
    b->tp.new_ = &bool_new;

    TypeObject* f = types.float_;
    f->tp.repr = &float_repr_slot;
    f->tp.str = &float_repr_slot;
    f->tp.hash = &float_hash;
    f->tp.richcompare = &number_richcompare;
    f->tp.truth = &float_truth;
    f->tp.negative = &float_negative;
    f->tp.positive = &float_positive;
    f->tp.new_ = &float_new;
    f->tp.init = nullptr;
    for (int op = 0; op < kBinaryOpCount; ++op) f->tp.number[op] = numeric_slots[op];

    TypeObject* c = types.complex;
    c->tp.repr = &complex_repr;
    c->tp.str = &complex_repr;
    c->tp.hash = &complex_hash;
    c->tp.richcompare = &complex_richcompare;
    c->tp.truth = &complex_truth;
    c->tp.negative = &complex_negative;
    c->tp.positive = &complex_positive;
    c->tp.new_ = &complex_new;
    c->tp.init = nullptr;
    constexpr auto complex_ops = complex_slots(std::make_integer_sequence<int, kBinaryOpCount>{});
    for (int op : {0, 5, 8, 10, 11}) c->tp.number[op] = complex_ops[op];
    add_getset(c, "real", &complex_real);
    add_getset(c, "imag", &complex_imag);
    add_method(c, "conjugate", &m_conjugate);

    types.none->tp.repr = &none_repr;
    if (rt().profile().none_hash) types.none->tp.hash = &none_hash;
    types.none->tp.truth = &false_truth;
    types.none->tp.new_ = nullptr;
    types.not_implemented->tp.repr = &not_implemented_repr;
    types.not_implemented->tp.new_ = nullptr;
    types.ellipsis->tp.repr = &ellipsis_repr;
    types.ellipsis->tp.new_ = nullptr;
}

}  // namespace vm
