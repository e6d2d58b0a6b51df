// The math module, as CPython's Modules/mathmodule.c computes each
// function: libm where CPython calls libm (the same glibc, so the same
// bits), CPython's own algorithms where it has its own (gamma, lgamma,
// fsum, hypot and dist, remainder, the special cases of pow and atan2), and
// its rules for turning errno, NaNs and infinities into ValueError and
// OverflowError. The functions a version lacks are dropped by the
// profile's runtime names; what a version does otherwise is the profile's
// [math] table (Profile::Math). Integer results beyond 64 bits are
// bigint.hpp's.
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <numeric>

#include "../api.hpp"
#include "../bigint.hpp"
#include "modules.hpp"

namespace vm {

namespace {

const Profile::Math& behavior() { return rt().profile().math; }

CallKey key(const char* name) { return {"math", name}; }

[[noreturn]] void domain_error() { raise_message(types.ValueError, "math_domain", "math domain error"); }
[[noreturn]] void range_error() { raise_message(types.OverflowError, "math_range", "math range error"); }
namespace mp = boost::multiprecision;

// An integer argument's value (PyNumber_Index), big or small.
BigInt index_value(Object* o) { return is_int(o) ? big_value(o) : BigInt(as_index(o)); }

double float_value(const Object* o) { return static_cast<const FloatObject*>(o)->value; }

// PyFloat_AsDouble: a float's value, __float__ (a class's), an int's
// value, then __index__.
double as_double(Object* o) {
    if (is_float(o)) return float_value(o);
    if (o->type == types.int_ || o->type == types.bool_) return int_to_double(o);
    if (o->type->has(TF_HEAPTYPE)) {
        static StrObject* const float_name = rt().intern("__float__");
        if (Ref<> method = lookup_special(o, float_name)) {
            Ref<> r = call(method.get(), {});
            if (!is_float(r.get()))
                raisef(types.TypeError, "{}.__float__ returned non-float (type {})", type_name(o), type_name(r.get()));
            if (r->type != types.float_) unsupported("__float__ returning a subclass of float (deprecated)");
            return float_value(r.get());
        }
    }
    if (is_int(o)) return int_to_double(o);
    if (o->type->tp.index && behavior().float_from_index) return static_cast<double>(as_index(o));
    if (o->type == types.complex)
        raise_message(types.TypeError, "complex_to_float", "must be real number, not complex");
    raisef(types.TypeError, "must be real number, not {}", type_name(o));
}

// is_error: errno after a libm call (or as a wrapper set it) as Python's
// exception; false for an underflow, which is no error.
bool is_error(double r) {
    if (errno == EDOM) domain_error();
    if (errno == ERANGE) {
        if (std::fabs(r) < behavior().range_error_below) return false;
        range_error();
    }
    unsupported(fmt::format("math: libm's errno {} ({})", errno, std::strerror(errno)));
}

// math_1: a NaN from a non-NaN is a domain error, an infinity from a finite
// number an overflow (`can_overflow`) or a domain error (a singularity).
Ref<> math_1(Object* arg, double (*fn)(double), bool can_overflow) {
    double x = as_double(arg);
    errno = 0;
    double r = fn(x);
    if (std::isnan(r) && !std::isnan(x)) domain_error();
    if (std::isinf(r) && std::isfinite(x)) {
        if (can_overflow) range_error();
        domain_error();
    }
    if (std::isfinite(r) && errno) is_error(r);
    return new_float(r);
}

// math_1a: for the functions that set errno themselves.
Ref<> math_1a(Object* arg, double (*fn)(double)) {
    double x = as_double(arg);
    errno = 0;
    double r = fn(x);
    if (errno) is_error(r);
    return new_float(r);
}

// math_2: errno from the result: a NaN from non-NaNs is EDOM, an infinity
// from finite numbers ERANGE.
Ref<> math_2(const char* name, Args args, double (*fn)(double, double)) {
    check_nargs(key(name), args, 2, 2);
    double x = as_double(args[0]);
    double y = as_double(args[1]);
    double r = fn(x, y);
    errno = 0;
    if (std::isnan(r)) errno = std::isnan(x) || std::isnan(y) ? 0 : EDOM;
    else if (std::isinf(r)) errno = std::isfinite(x) && std::isfinite(y) ? ERANGE : 0;
    if (errno) is_error(r);
    return new_float(r);
}

// ---- CPython's own functions --------------------------------------------------------------------

constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;
constexpr double kSqrtPi = 1.772453850905516027298167483341145182798;

// sin(pi * x), exact for integers and half-integers (the gamma functions'
// reflection).
double sin_pi(double x) {
    double y = std::fmod(std::fabs(x), 2.0);
    double r = 0;
    switch (static_cast<int>(std::round(2.0 * y))) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;  // not -sin(pi*(y-1)): that is -0.0 at y == 1
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    default: r = std::sin(kPi * (y - 2.0)); break;
    }
    return std::copysign(1.0, x) * r;
}

// The Lanczos approximation CPython uses (N = 13, g = 6.024680040776729583740234375,
// Boost's parameters) as a rational function, evaluated in x or, from 5 up,
// in 1/x.
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLanczosNumerator[13] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
constexpr double kLanczosDenominator[13] = {0.0,        39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                            45995730.0, 13339535.0, 2637558.0,   357423.0,    32670.0,
                                            1925.0,     66.0,       1.0};

double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = 12; i >= 0; --i) {
            num = num * x + kLanczosNumerator[i];
            den = den * x + kLanczosDenominator[i];
        }
    } else {
        for (int i = 0; i < 13; ++i) {
            num = num / x + kLanczosNumerator[i];
            den = den / x + kLanczosDenominator[i];
        }
    }
    return num / den;
}

double gamma_fn(double x) {
    if (!std::isfinite(x)) {
        if (std::isnan(x) || x > 0.0) return x;
        errno = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return std::copysign(HUGE_VAL, x);
    }
    if (x == std::floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return NAN;
        }
        if (x <= 23) {  // (x - 1)!, exact as a double up to 22!
            double f = 1.0;
            for (int i = 2; i < static_cast<int>(x); ++i) f *= i;
            return f;
        }
    }
    double ax = std::fabs(x);
    if (ax < 1e-20) {
        double r = 1.0 / x;
        if (std::isinf(r)) errno = ERANGE;
        return r;
    }
    if (ax > 200.0) {
        if (x < 0.0) return 0.0 / sin_pi(x);
        errno = ERANGE;
        return HUGE_VAL;
    }
    double y = ax + kLanczosGMinusHalf;
    // The rounding error of y, as exactly as two subtractions give it.
    double z = ax > kLanczosGMinusHalf ? (y - ax) - kLanczosGMinusHalf : (y - kLanczosGMinusHalf) - ax;
    z = z * kLanczosG / y;
    double r;
    if (x < 0.0) {
        r = -kPi / sin_pi(ax) / ax * std::exp(y) / lanczos_sum(ax);
        r -= z * r;
        if (ax < 140.0) {
            r /= std::pow(y, ax - 0.5);
        } else {
            double half_power = std::pow(y, ax / 2.0 - 0.25);
            r /= half_power;
            r /= half_power;
        }
    } else {
        r = lanczos_sum(ax) / std::exp(y);
        r += z * r;
        if (ax < 140.0) {
            r *= std::pow(y, ax - 0.5);
        } else {
            double half_power = std::pow(y, ax / 2.0 - 0.25);
            r *= half_power;
            r *= half_power;
        }
    }
    if (std::isinf(r)) errno = ERANGE;
    return r;
}

double lgamma_fn(double x) {
    if (!std::isfinite(x)) return std::isnan(x) ? x : HUGE_VAL;
    if (x == std::floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM;
            return HUGE_VAL;
        }
        return 0.0;
    }
    double ax = std::fabs(x);
    if (ax < 1e-20) return -std::log(ax);
    double r = std::log(lanczos_sum(ax)) - kLanczosG;
    r += (ax - 0.5) * (std::log(ax + kLanczosG - 0.5) - 1);
    if (x < 0.0) r = kLogPi - std::log(std::fabs(sin_pi(ax))) - std::log(ax) - r;
    if (std::isinf(r)) errno = ERANGE;
    return r;
}

// erf and erfc without libm's (PyPy's, and CPython's before it had them):
// a power series below 1.5, a continued fraction for erfc from there to 30.
double erf_series(double x) {
    double x2 = x * x, acc = 0.0, fk = 25.5;
    for (int i = 0; i < 25; ++i) {
        acc = 2.0 + x2 * acc / fk;
        fk -= 1.0;
    }
    int saved = errno;
    double r = acc * x * std::exp(-x2) / kSqrtPi;
    errno = saved;
    return r;
}

double erfc_continued_fraction(double x) {
    if (x >= 30.0) return 0.0;
    double x2 = x * x, a = 0.0, da = 0.5, p = 1.0, p_last = 0.0, q = da + x2, q_last = 1.0;
    for (int i = 0; i < 50; ++i) {
        a += da;
        da += 2.0;
        double b = da + x2;
        double t = p;
        p = b * p - a * p_last;
        p_last = t;
        t = q;
        q = b * q - a * q_last;
        q_last = t;
    }
    int saved = errno;
    double r = p / q * x * std::exp(-x2) / kSqrtPi;
    errno = saved;
    return r;
}

double erf_fn(double x) {
    if (behavior().erf_from_libm) return std::erf(x);
    if (std::isnan(x)) return x;
    double ax = std::fabs(x);
    if (ax < 1.5) return erf_series(x);
    double cf = erfc_continued_fraction(ax);
    return x > 0.0 ? 1.0 - cf : cf - 1.0;
}

double erfc_fn(double x) {
    if (behavior().erf_from_libm) return std::erfc(x);
    if (std::isnan(x)) return x;
    double ax = std::fabs(x);
    if (ax < 1.5) return 1.0 - erf_series(x);
    double cf = erfc_continued_fraction(ax);
    return x > 0.0 ? cf : 2.0 - cf;
}

// atan2 with C99's special cases decided here, not by the platform.
double atan2_fn(double y, double x) {
    if (std::isnan(x) || std::isnan(y)) return NAN;
    if (std::isinf(y)) {
        if (std::isinf(x)) return std::copysign(std::copysign(1., x) == 1. ? 0.25 * kPi : 0.75 * kPi, y);
        return std::copysign(0.5 * kPi, y);
    }
    if (std::isinf(x) || y == 0.) return std::copysign(std::copysign(1., x) == 1. ? 0. : kPi, y);
    return std::atan2(y, x);
}

// IEEE 754's remainder, exact: x - n*y for the nearest multiple, n even on a tie.
double remainder_fn(double x, double y) {
    if (std::isfinite(x) && std::isfinite(y)) {
        if (y == 0.0) return NAN;
        double ax = std::fabs(x), ay = std::fabs(y);
        double m = std::fmod(ax, ay);
        // m against ay - m rather than 0.5 * ay, which may not be representable.
        double c = ay - m;
        double r = m < c ? m : m > c ? -c : m - 2.0 * std::fmod(0.5 * (ax - m), ay);
        return std::copysign(1.0, x) * r;
    }
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
    if (std::isinf(x)) return NAN;
    return x;
}

double log_fn(double x) {
    if (std::isfinite(x)) {
        if (x > 0.0) return std::log(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}

double log2_fn(double x) {
    if (std::isfinite(x)) {
        if (x > 0.0) return std::log2(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}

double log10_fn(double x) {
    if (std::isfinite(x)) {
        if (x > 0.0) return std::log10(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}

// ---- the functions of one float -----------------------------------------------------------------

template <double (*F)(double), bool CanOverflow> Ref<> one(Object*, Args args, void* name) {
    check_nargs(key(static_cast<const char*>(name)), args, 1, 1);
    return math_1(args[0], F, CanOverflow);
}

template <double (*F)(double)> Ref<> one_a(Object*, Args args, void* name) {
    check_nargs(key(static_cast<const char*>(name)), args, 1, 1);
    return math_1a(args[0], F);
}

template <double (*F)(double, double)> Ref<> two(Object*, Args args, void* name) {
    return math_2(static_cast<const char*>(name), args, F);
}

double c_acos(double x) { return std::acos(x); }
double c_acosh(double x) { return std::acosh(x); }
double c_asin(double x) { return std::asin(x); }
double c_asinh(double x) { return std::asinh(x); }
double c_atan(double x) { return std::atan(x); }
double c_atanh(double x) { return std::atanh(x); }
double c_cbrt(double x) { return std::cbrt(x); }
double c_cos(double x) { return std::cos(x); }
double c_cosh(double x) { return std::cosh(x); }
double c_exp(double x) { return std::exp(x); }
double c_exp2(double x) { return std::exp2(x); }
double c_expm1(double x) { return std::expm1(x); }
double c_fabs(double x) { return std::fabs(x); }
double c_log1p(double x) { return x == 0.0 ? x : std::log1p(x); }
double c_sin(double x) { return std::sin(x); }
double c_sinh(double x) { return std::sinh(x); }
double c_sqrt(double x) { return std::sqrt(x); }
double c_tan(double x) { return std::tan(x); }
double c_tanh(double x) { return std::tanh(x); }
double c_copysign(double x, double y) { return std::copysign(x, y); }

// loghelper: an int is taken whole (no OverflowError), a non-positive one a
// domain error; anything else goes through math_1.
// loghelper: an int too large for a float is x * 2**e, x in [0.5, 1)
// rounded to 53 bits (_PyLong_Frexp), its log fn(x) + fn(2.0) * e.
Ref<> log_of(Object* arg, double (*fn)(double)) {
    if (is_int(arg)) {
        BigInt v = big_value(arg);
        if (v <= 0) domain_error();
        auto bits = static_cast<std::int64_t>(mp::msb(v)) + 1;
        if (double x; int_as_double(arg, x)) return new_float(fn(x));
        std::int64_t drop = bits - 55;  // 55 bits and a sticky one, then rounded to 53
        BigInt top = v >> drop;
        if ((top << drop) != v) top |= 1;
        double x = std::ldexp(static_cast<double>(static_cast<std::uint64_t>(top)), -55);
        return new_float(fn(x) + fn(2.0) * static_cast<double>(bits));
    }
    return math_1(arg, fn, false);
}

Ref<> m_log(Object*, Args args, void*) {
    check_nargs(key("log"), args, 1, 2);
    Ref<> num = log_of(args[0], &log_fn);
    if (args.nargs == 1) return num;
    Ref<> den = log_of(args[1], &log_fn);
    return binary_op(num.get(), den.get(), number_slot(lang::BinaryOp::TrueDivide));
}

Ref<> m_log2(Object*, Args args, void*) {
    check_nargs(key("log2"), args, 1, 1);
    return log_of(args[0], &log2_fn);
}

Ref<> m_log10(Object*, Args args, void*) {
    check_nargs(key("log10"), args, 1, 1);
    return log_of(args[0], &log10_fn);
}

// ---- rounding to an int -------------------------------------------------------------------------

// PyLong_FromDouble of an integral value.
Ref<> int_of_integral(double d) {
    if (std::isnan(d)) raise(types.ValueError, "cannot convert float NaN to integer");
    if (std::isinf(d)) raise(types.OverflowError, "cannot convert float infinity to integer");
    return int_from_double(d);
}

// An int's own __floor__, __ceil__, __trunc__: the int itself, or an exact
// copy of a subclass's (bool's) value.
Ref<> int_itself(Object* o) { return o->type == types.int_ ? share(o) : new_int(big_value(o)); }

// floor, ceil, trunc: a class's own special method, an int's or a float's;
// `fallback` for anything else.
Ref<> round_with(Object* x, const char* special, double (*round)(double), bool float_fallback) {
    if (x->type == types.float_) return int_of_integral(round(float_value(x)));
    if (x->type->has(TF_HEAPTYPE))
        if (Ref<> method = lookup_special(x, rt().intern(special))) return call(method.get(), {});
    if (is_int(x)) return int_itself(x);
    if (is_float(x)) return int_of_integral(round(float_value(x)));
    if (!float_fallback) raisef(types.TypeError, "type {} doesn't define {} method", type_name(x), special);
    return int_of_integral(round(as_double(x)));
}

double c_floor(double x) { return std::floor(x); }
double c_ceil(double x) { return std::ceil(x); }
double c_trunc(double x) { return std::trunc(x); }

Ref<> m_floor(Object*, Args args, void*) {
    check_nargs(key("floor"), args, 1, 1);
    return round_with(args[0], "__floor__", &c_floor, true);
}

Ref<> m_ceil(Object*, Args args, void*) {
    check_nargs(key("ceil"), args, 1, 1);
    return round_with(args[0], "__ceil__", &c_ceil, true);
}

Ref<> m_trunc(Object*, Args args, void*) {
    check_nargs(key("trunc"), args, 1, 1);
    return round_with(args[0], "__trunc__", &c_trunc, false);
}

// ---- the other float functions ------------------------------------------------------------------

Ref<> m_fmod(Object*, Args args, void*) {
    check_nargs(key("fmod"), args, 2, 2);
    double x = as_double(args[0]), y = as_double(args[1]);
    if (std::isinf(y) && std::isfinite(x)) return new_float(x);
    double r = std::fmod(x, y);
    if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) domain_error();
    return new_float(r);
}

Ref<> m_pow(Object*, Args args, void*) {
    check_nargs(key("pow"), args, 2, 2);
    double x = as_double(args[0]), y = as_double(args[1]);
    double r;
    errno = 0;
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x)) {
            r = y == 0. ? 1. : x;
        } else if (std::isnan(y)) {
            r = x == 1. ? 1. : y;
        } else if (std::isinf(x)) {
            bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            r = y > 0. ? (odd_y ? x : std::fabs(x)) : y == 0. ? 1. : (odd_y ? std::copysign(0., x) : 0.);
        } else if (std::fabs(x) == 1.0) {
            r = 1.;
        } else if (y > 0. && std::fabs(x) > 1.0) {
            r = y;
        } else if (y < 0. && std::fabs(x) < 1.0) {
            r = -y;
            if (x == 0. && behavior().pow_zero_to_minus_infinity_raises) errno = EDOM;
        } else {
            r = 0.;
        }
    } else {
        r = std::pow(x, y);
        if (std::isnan(r)) errno = EDOM;
        else if (std::isinf(r)) errno = x == 0. ? EDOM : ERANGE;
    }
    if (errno) is_error(r);
    return new_float(r);
}

Ref<> m_ldexp(Object*, Args args, void*) {
    check_nargs(key("ldexp"), args, 2, 2);
    double x = as_double(args[0]);
    if (!is_int(args[1])) raise(types.TypeError, "Expected an int as second argument to ldexp.");
    std::int64_t e = int_value(args[1]);
    double r;
    errno = 0;
    if (x == 0. || !std::isfinite(x)) {
        r = x;
    } else if (e > INT32_MAX) {
        r = std::copysign(HUGE_VAL, x);
        errno = ERANGE;
    } else if (e < INT32_MIN) {
        r = std::copysign(0., x);
    } else {
        r = std::ldexp(x, static_cast<int>(e));
        if (std::isinf(r)) errno = ERANGE;
    }
    if (errno) is_error(r);
    return new_float(r);
}

Ref<> pair(Ref<> a, Ref<> b) { return new_tuple({a.release(), b.release()}); }

Ref<> m_frexp(Object*, Args args, void*) {
    check_nargs(key("frexp"), args, 1, 1);
    double x = as_double(args[0]);
    int e = 0;
    if (!std::isnan(x) && !std::isinf(x) && x != 0) x = std::frexp(x, &e);
    return pair(new_float(x), new_int(e));
}

Ref<> m_modf(Object*, Args args, void*) {
    check_nargs(key("modf"), args, 1, 1);
    double x = as_double(args[0]);
    if (std::isinf(x)) return pair(new_float(std::copysign(0., x)), new_float(x));
    if (std::isnan(x)) return pair(new_float(x), new_float(x));
    double whole;
    double fraction = std::modf(x, &whole);
    return pair(new_float(fraction), new_float(whole));
}

Ref<> m_degrees(Object*, Args args, void*) {
    check_nargs(key("degrees"), args, 1, 1);
    return new_float(as_double(args[0]) * (180.0 / kPi));
}

Ref<> m_radians(Object*, Args args, void*) {
    check_nargs(key("radians"), args, 1, 1);
    return new_float(as_double(args[0]) * (kPi / 180.0));
}

Ref<> m_isfinite(Object*, Args args, void*) {
    check_nargs(key("isfinite"), args, 1, 1);
    return new_bool(std::isfinite(as_double(args[0])));
}

Ref<> m_isinf(Object*, Args args, void*) {
    check_nargs(key("isinf"), args, 1, 1);
    return new_bool(std::isinf(as_double(args[0])));
}

Ref<> m_isnan(Object*, Args args, void*) {
    check_nargs(key("isnan"), args, 1, 1);
    return new_bool(std::isnan(as_double(args[0])));
}

Ref<> m_isclose(Object*, Args args, void*) {
    Object *a = nullptr, *b = nullptr, *rel = nullptr, *abs = nullptr;
    if (args.nargs > 2) raise_arity_error(key("isclose"), args.nargs);  // the tolerances are keywords only
    parse_args(key("isclose"), args, {"a", "b", "rel_tol", "abs_tol"}, 2, {&a, &b, &rel, &abs});
    double x = as_double(a), y = as_double(b);
    double rel_tol = rel ? as_double(rel) : 1e-09, abs_tol = abs ? as_double(abs) : 0.0;
    if (rel_tol < 0.0 || abs_tol < 0.0) raise(types.ValueError, "tolerances must be non-negative");
    if (x == y) return new_bool(true);
    if (std::isinf(x) || std::isinf(y)) return new_bool(false);
    double diff = std::fabs(y - x);
    return new_bool(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol);
}

Ref<> m_nextafter(Object*, Args args, void*) {
    Object *x_arg = nullptr, *y_arg = nullptr, *steps = nullptr;
    if (args.nargs != 2 || (args.nkw() && !behavior().nextafter_steps)) raise_call_error(key("nextafter"), args);
    parse_args(key("nextafter"), args, {"x", "y", "steps"}, 2, {&x_arg, &y_arg, &steps});
    double x = as_double(x_arg), y = as_double(y_arg);
    if (!steps || steps == consts.None) return new_float(std::nextafter(x, y));
    std::int64_t n = as_index(steps);
    if (n < 0) raise(types.ValueError, "steps must be a non-negative integer");
    auto count = static_cast<std::uint64_t>(n);
    if (count == 0 || std::isnan(x)) return new_float(x);
    if (std::isnan(y)) return new_float(y);
    // Steps through the bit patterns, which order the floats of one sign.
    std::uint64_t ux, uy;
    std::memcpy(&ux, &x, 8);
    std::memcpy(&uy, &y, 8);
    if (ux == uy) return new_float(x);
    constexpr std::uint64_t sign = std::uint64_t(1) << 63;
    std::uint64_t ax = ux & ~sign, ay = uy & ~sign;
    std::uint64_t out;
    if ((ux ^ uy) & sign) {
        if (ax + ay <= count) out = uy;
        else if (ax < count) out = (uy & sign) | (count - ax);
        else out = ux - count;
    } else if (ax > ay) {
        out = ax - ay >= count ? ux - count : uy;
    } else {
        out = ay - ax >= count ? ux + count : uy;
    }
    double r;
    std::memcpy(&r, &out, 8);
    return new_float(r);
}

Ref<> m_ulp(Object*, Args args, void*) {
    check_nargs(key("ulp"), args, 1, 1);
    double x = as_double(args[0]);
    if (std::isnan(x)) return new_float(x);
    x = std::fabs(x);
    if (std::isinf(x)) return new_float(x);
    double above = std::nextafter(x, HUGE_VAL);
    if (std::isinf(above)) return new_float(x - std::nextafter(x, -HUGE_VAL));
    return new_float(above - x);
}

Ref<> m_fma(Object*, Args args, void*) {
    check_nargs(key("fma"), args, 3, 3);
    double x = as_double(args[0]), y = as_double(args[1]), z = as_double(args[2]);
    double r = std::fma(x, y, z);
    if (!std::isfinite(r)) {
        if (std::isnan(r)) {
            if (!std::isnan(x) && !std::isnan(y) && !std::isnan(z)) raise(types.ValueError, "invalid operation in fma");
        } else if (std::isfinite(x) && std::isfinite(y) && std::isfinite(z)) {
            raise(types.OverflowError, "overflow in fma");
        }
    }
    return new_float(r);
}

// ---- sums and norms -----------------------------------------------------------------------------

// math.fsum: Shewchuk's exact partial sums (non-overlapping, increasing in
// magnitude), then their sum rounded half-even across partials.
Ref<> m_fsum(Object*, Args args, void*) {
    check_nargs(key("fsum"), args, 1, 1);
    Ref<> it = get_iter(args[0]);
    std::vector<double> partials;
    double special_sum = 0.0, inf_sum = 0.0;
    while (Ref<> item = iter_next(it.get())) {
        double x = as_double(item.get());
        item.reset();
        const double original = x;
        std::size_t kept = 0;
        for (double y : partials) {
            if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
            volatile double hi = x + y;
            volatile double low = y - (hi - x);
            if (low != 0.0) partials[kept++] = low;
            x = hi;
        }
        partials.resize(kept);
        if (x == 0.0) continue;
        if (!std::isfinite(x)) {
            // An overflow of the partials, or an infinity or NaN summed.
            if (std::isfinite(original)) raise(types.OverflowError, "intermediate overflow in fsum");
            if (std::isinf(original)) inf_sum += original;
            special_sum += original;
            partials.clear();
        } else {
            partials.push_back(x);
        }
    }
    if (special_sum != 0.0) {
        if (std::isnan(inf_sum)) raise(types.ValueError, "-inf + inf in fsum");
        return new_float(special_sum);
    }
    volatile double hi = 0.0, low = 0.0;
    std::size_t n = partials.size();
    if (n > 0) {
        hi = partials[--n];
        // From the top, until the sum is no longer exact.
        while (n > 0) {
            double x = hi, y = partials[--n];
            hi = x + y;
            low = y - (hi - x);
            if (low != 0.0) break;
        }
        // Half-even rounding across the partials left.
        if (n > 0 && ((low < 0.0 && partials[n - 1] < 0.0) || (low > 0.0 && partials[n - 1] > 0.0))) {
            double y = low * 2.0;
            double x = hi + y;
            volatile double back = x - hi;
            if (y == back) hi = x;
        }
    }
    return new_float(hi);
}

// The Euclidean norm of `v` (absolute values; `max` the largest, infinity
// if one is infinite), as the profile's version computes it.
double vector_norm(std::vector<double>& v, double max, bool found_nan) {
    if (std::isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || v.size() <= 1) return max;
    int max_e;
    std::frexp(max, &max_e);
    if (!behavior().hypot_scales_by_power_of_two || max_e < -1023) {
        // Each coordinate divided by max, the squares summed from 1.0 with
        // their rounding errors kept apart.
        double csum = 1.0, frac = 0.0;
        for (double x : v) {
            x /= max;
            x = x * x;
            double old = csum;
            csum += x;
            frac += (old - csum) + x;
        }
        return max * std::sqrt(csum - 1.0 + frac);
    }
    // A power-of-two scale (exact), each square split exactly
    // (Veltkamp-Dekker) into three compensated sums, then one correction
    // of the square root.
    constexpr double kSplit = 134217729.0;  // 2**27 + 1
    double scale = std::ldexp(1.0, -max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
    auto add = [&csum](double x, double& frac) {
        double old = csum;
        csum += x;
        frac += (old - csum) + x;
    };
    for (double x : v) {
        x *= scale;
        double t = x * kSplit;
        double hi = t - (t - x);
        double lo = x - hi;
        add(hi * hi, frac1);
        add(2.0 * hi * lo, frac2);
        frac3 += lo * lo;
    }
    double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    double t = h * kSplit;
    double hi = t - (t - h);
    double lo = h - hi;
    add(-hi * hi, frac1);
    add(-2.0 * hi * lo, frac2);
    add(-lo * lo, frac3);
    double x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
}

Ref<> m_hypot(Object*, Args args, void*) {
    no_keywords(key("hypot"), args);
    std::vector<double> coordinates;
    double max = 0.0;
    bool found_nan = false;
    for (std::size_t i = 0; i < args.nargs; ++i) {
        double x = std::fabs(as_double(args[i]));
        coordinates.push_back(x);
        found_nan |= std::isnan(x);
        if (x > max) max = x;
    }
    return new_float(vector_norm(coordinates, max, found_nan));
}

Ref<> m_dist(Object*, Args args, void*) {
    check_nargs(key("dist"), args, 2, 2);
    Ref<> p = share(args[0]), q = share(args[1]);
    if (!is_tuple(p.get())) p = sequence_tuple(p.get());
    if (!is_tuple(q.get())) q = sequence_tuple(q.get());
    const ItemArray& ps = static_cast<TupleObject*>(p.get())->items;
    const ItemArray& qs = static_cast<TupleObject*>(q.get())->items;
    if (ps.size() != qs.size()) {
        // CPython 3.8 and 3.9 return here without dropping the tuples they made.
        if (behavior().dist_leaks_tuples_on_mismatch && (p.get() != args[0] || q.get() != args[1]))
            unsupported("math.dist of points of different lengths made from non-tuples (CPython leaks them)");
        raise(types.ValueError, "both points must have the same number of dimensions");
    }
    std::vector<double> diffs;
    double max = 0.0;
    bool found_nan = false;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        double px = as_double(ps[i]);
        double qx = as_double(qs[i]);
        double x = std::fabs(px - qx);
        diffs.push_back(x);
        found_nan |= std::isnan(x);
        if (x > max) max = x;
    }
    return new_float(vector_norm(diffs, max, found_nan));
}

Ref<> m_prod(Object*, Args args, void*) {
    Object *iterable = nullptr, *start = nullptr;
    if (args.nargs != 1) raise_call_error(key("prod"), args);
    parse_args(key("prod"), args, {"iterable", "start"}, 1, {&iterable, &start});
    Ref<> it = get_iter(iterable);
    Ref<> result = start ? share(start) : new_int(1);
    while (Ref<> item = iter_next(it.get()))
        result = binary_op(result.get(), item.get(), number_slot(lang::BinaryOp::Multiply));
    return result;
}

Ref<> m_sumprod(Object*, Args args, void*) {
    check_nargs(key("sumprod"), args, 2, 2);
    Ref<> p = get_iter(args[0]), q = get_iter(args[1]);
    Ref<> total = new_int(0);
    while (true) {
        Ref<> a = iter_next(p.get());
        Ref<> b = iter_next(q.get());
        if (!a || !b) {
            if (a || b) raise(types.ValueError, "Inputs are not the same length");
            return total;
        }
        // CPython sums floats in triple-length arithmetic, which the model does not.
        if (!is_int(a.get()) || !is_int(b.get()) || !is_int(total.get()))
            unsupported("math.sumprod of anything but ints");
        Ref<> product = binary_op(a.get(), b.get(), number_slot(lang::BinaryOp::Multiply));
        total = binary_op(total.get(), product.get(), number_slot(lang::BinaryOp::Add));
    }
}

// ---- integers -----------------------------------------------------------------------------------

Ref<> m_gcd(Object*, Args args, void*) {
    no_keywords(key("gcd"), args);
    if (!behavior().gcd_varargs && args.nargs != 2) raise_call_error(key("gcd"), args);
    if (args.nargs == 0) return new_int(0);
    BigInt g = mp::abs(index_value(args[0]));
    for (std::size_t i = 1; i < args.nargs; ++i) g = mp::gcd(g, mp::abs(index_value(args[i])));
    return new_int(g);
}

Ref<> m_lcm(Object*, Args args, void*) {
    no_keywords(key("lcm"), args);
    if (args.nargs == 0) return new_int(1);
    BigInt l = mp::abs(index_value(args[0]));
    for (std::size_t i = 1; i < args.nargs; ++i) {
        BigInt x = mp::abs(index_value(args[i]));
        l = l == 0 || x == 0 ? BigInt(0) : BigInt(l / mp::gcd(l, x) * x);
    }
    return new_int(l);
}

Ref<> m_isqrt(Object*, Args args, void*) {
    check_nargs(key("isqrt"), args, 1, 1);
    BigInt n = index_value(args[0]);
    if (n < 0) raise(types.ValueError, "isqrt() argument must be nonnegative");
    return new_int(BigInt(mp::sqrt(n)));
}

// n! for a count checked non-negative.
Ref<> factorial_of(std::int64_t n) {
    BigInt f = 1;
    for (std::int64_t i = 2; i <= n; ++i) f *= i;
    return new_int(f);
}

Ref<> factorial(Object* arg) {
    if (is_float(arg) && behavior().factorial_accepts_floats) {
        if (behavior().factorial_floats_deprecated)
            warn(types.DeprecationWarning, "Using factorial() with floats is deprecated");
        double d = float_value(arg);
        if (!std::isfinite(d) || d != std::floor(d))
            raise(types.ValueError, "factorial() only accepts integral values");
        if (d < 0) raise(types.ValueError, "factorial() not defined for negative values");
        if (d > 1e6) unsupported("factorial() of more than a million");
        return factorial_of(static_cast<std::int64_t>(d));
    }
    BigInt n = index_value(arg);
    if (n < 0) raise(types.ValueError, "factorial() not defined for negative values");
    if (n > 1000000) unsupported("factorial() of more than a million");
    return factorial_of(static_cast<std::int64_t>(n));
}

Ref<> m_factorial(Object*, Args args, void*) {
    check_nargs(key("factorial"), args, 1, 1);
    return factorial(args[0]);
}

// perm(n, k) or comb(n, k) for 0 <= k <= n.
Ref<> perm_comb(const BigInt& n, BigInt k, bool comb) {
    if (comb) k = std::min(k, BigInt(n - k));
    if (k > 1000000) unsupported("comb() or perm() of more than a million factors");
    BigInt r = 1;
    for (BigInt i = 1; i <= k; ++i) {
        r *= n - k + i;  // comb: r was comb(n - k + i - 1, i - 1)
        if (comb) r /= i;
    }
    return new_int(r);
}

Ref<> m_comb(Object*, Args args, void*) {
    check_nargs(key("comb"), args, 2, 2);
    BigInt n = index_value(args[0]);
    BigInt k = index_value(args[1]);
    if (n < 0) raise(types.ValueError, "n must be a non-negative integer");
    if (k < 0) raise(types.ValueError, "k must be a non-negative integer");
    if (k > n) return new_int(0);
    return perm_comb(n, k, true);
}

Ref<> m_perm(Object*, Args args, void*) {
    check_nargs(key("perm"), args, 1, 2);
    if (args.nargs == 1 || args[1] == consts.None) return factorial(args[0]);
    BigInt n = index_value(args[0]);
    BigInt k = index_value(args[1]);
    if (n < 0) raise(types.ValueError, "n must be a non-negative integer");
    if (k < 0) raise(types.ValueError, "k must be a non-negative integer");
    if (k > n) return new_int(0);
    return perm_comb(n, k, false);
}

struct Function {
    const char* name;
    NativeFn fn;
};

const Function kFunctions[] = {
    {"acos", &one<&c_acos, false>},
    {"acosh", &one<&c_acosh, false>},
    {"asin", &one<&c_asin, false>},
    {"asinh", &one<&c_asinh, false>},
    {"atan", &one<&c_atan, false>},
    {"atan2", &two<&atan2_fn>},
    {"atanh", &one<&c_atanh, false>},
    {"cbrt", &one<&c_cbrt, false>},
    {"ceil", &m_ceil},
    {"comb", &m_comb},
    {"copysign", &two<&c_copysign>},
    {"cos", &one<&c_cos, false>},
    {"cosh", &one<&c_cosh, true>},
    {"degrees", &m_degrees},
    {"dist", &m_dist},
    {"erf", &one_a<&erf_fn>},
    {"erfc", &one_a<&erfc_fn>},
    {"exp", &one<&c_exp, true>},
    {"exp2", &one<&c_exp2, true>},
    {"expm1", &one<&c_expm1, true>},
    {"fabs", &one<&c_fabs, false>},
    {"factorial", &m_factorial},
    {"floor", &m_floor},
    {"fma", &m_fma},
    {"fmod", &m_fmod},
    {"frexp", &m_frexp},
    {"fsum", &m_fsum},
    {"gamma", &one_a<&gamma_fn>},
    {"gcd", &m_gcd},
    {"hypot", &m_hypot},
    {"isclose", &m_isclose},
    {"isfinite", &m_isfinite},
    {"isinf", &m_isinf},
    {"isnan", &m_isnan},
    {"isqrt", &m_isqrt},
    {"lcm", &m_lcm},
    {"ldexp", &m_ldexp},
    {"lgamma", &one_a<&lgamma_fn>},
    {"log", &m_log},
    {"log10", &m_log10},
    {"log1p", &one<&c_log1p, false>},
    {"log2", &m_log2},
    {"modf", &m_modf},
    {"nextafter", &m_nextafter},
    {"perm", &m_perm},
    {"pow", &m_pow},
    {"prod", &m_prod},
    {"radians", &m_radians},
    {"remainder", &two<&remainder_fn>},
    {"sin", &one<&c_sin, false>},
    {"sinh", &one<&c_sinh, true>},
    {"sqrt", &one<&c_sqrt, false>},
    {"sumprod", &m_sumprod},
    {"tan", &one<&c_tan, false>},
    {"tanh", &one<&c_tanh, false>},
    {"trunc", &m_trunc},
    {"ulp", &m_ulp},
};

}  // namespace

Ref<ModuleObject> make_math_module() {
    require_runtime_module("math");
    NativeModule m("math");
    for (const Function& f : kFunctions) m.add_function(f.name, f.fn, const_cast<char*>(f.name));
    m.add("pi", new_float(kPi).get());
    m.add("e", new_float(2.718281828459045235360287471352662498).get());
    m.add("tau", new_float(6.283185307179586476925286766559005768).get());
    m.add("inf", new_float(HUGE_VAL).get());
    m.add("nan", new_float(NAN).get());
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
