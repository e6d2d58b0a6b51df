// Constant folding (ast_opt.c's, which CPython 3.8 to 3.13 and PyPy share:
// `in` and `for` over displays, subscripts, `__debug__`). Results are bounded as in ast_opt.c (repetition to 4096
// characters, shifts); pymodel bounds concatenation too, where CPython does
// not, so that compiling stays linear. An operation that would raise
// (1 // 0) is left to run time.
#include "fold.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <charconv>
#include <climits>
#include <cmath>
#include <vector>

namespace lang {

using ast::BinOp;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::UnaryOp;
using ast::UnaryOpKind;

namespace {

constexpr std::size_t kMaxStrSize = 4096;  // ast_opt.c's limit for folded strings
constexpr int kMaxShift = 128;

// An int or bool as int64 (bool is an int subclass).
std::optional<std::int64_t> as_int(const Constant& c) {
    if (auto* i = std::get_if<std::int64_t>(&c.value)) return *i;
    if (auto* b = std::get_if<bool>(&c.value)) return *b ? 1 : 0;
    return std::nullopt;
}

std::optional<double> as_float(const Constant& c) {
    if (auto* d = std::get_if<double>(&c.value)) return *d;
    if (auto i = as_int(c)) return static_cast<double>(*i);
    return std::nullopt;
}

// An int, float or complex as complex.
std::optional<Complex> as_complex(const Constant& c) {
    if (auto* z = std::get_if<Complex>(&c.value)) return *z;
    if (auto f = as_float(c)) return Complex{*f, 0.0};
    return std::nullopt;
}

Constant make(std::int64_t v) { return Constant{v}; }
Constant make(double v) { return Constant{v}; }

std::optional<Constant> fold_int(BinaryOp op, std::int64_t a, std::int64_t b) {
    std::int64_t r;
    switch (op) {
    case BinaryOp::Add:
        if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
        return make(r);
    case BinaryOp::Subtract:
        if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
        return make(r);
    case BinaryOp::Multiply:
        if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
        return make(r);
    case BinaryOp::FloorDivide:
    case BinaryOp::Remainder: {
        if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
        std::int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) q -= 1, m += b;  // Python floors
        return make(op == BinaryOp::FloorDivide ? q : m);
    }
    case BinaryOp::TrueDivide:
        if (b == 0) return std::nullopt;
        return make(static_cast<double>(a) / static_cast<double>(b));
    case BinaryOp::Power: {
        if (b < 0) return std::nullopt;
        std::int64_t result = 1;
        for (std::int64_t i = 0; i < b; ++i) {
            if (__builtin_mul_overflow(result, a, &result)) return std::nullopt;
            if (result == 0 || result == 1) break;
        }
        return make(result);
    }
    case BinaryOp::LShift:
        if (b < 0 || b >= kMaxShift || b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b))))
            return std::nullopt;
        return make(a * (std::int64_t{1} << b));
    case BinaryOp::RShift:
        if (b < 0) return std::nullopt;
        return make(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::And: return make(a & b);
    case BinaryOp::Or: return make(a | b);
    case BinaryOp::Xor: return make(a ^ b);
    case BinaryOp::MatMultiply: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Constant> fold_float(BinaryOp op, double a, double b) {
    switch (op) {
    case BinaryOp::Add: return make(a + b);
    case BinaryOp::Subtract: return make(a - b);
    case BinaryOp::Multiply: return make(a * b);
    case BinaryOp::TrueDivide:
        if (b == 0) return std::nullopt;
        return make(a / b);
    default: return std::nullopt;  // float //, %, ** keep their run-time rules
    }
}

std::optional<Constant> fold_complex(BinaryOp op, const Complex& a, const Complex& b) {
    switch (op) {
    case BinaryOp::Add: return Constant{Complex{a.real + b.real, a.imag + b.imag}};
    case BinaryOp::Subtract: return Constant{Complex{a.real - b.real, a.imag - b.imag}};
    case BinaryOp::Multiply:
        return Constant{Complex{a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real}};
    case BinaryOp::TrueDivide:
        if (auto q = complex_quotient(a, b)) return Constant{*q};
        return std::nullopt;
    default: return std::nullopt;  // ** keeps its run-time rules; the others raise TypeError
    }
}

std::string repeated(const std::string& s, std::int64_t times) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(times));
    for (std::int64_t i = 0; i < times; ++i) out += s;
    return out;
}

// str or bytes * int, under ast_opt.c's safe_multiply limits.
std::optional<Constant> repeat(const Constant& sequence, std::int64_t times) {
    auto* s = std::get_if<std::string>(&sequence.value);
    auto* b = std::get_if<Bytes>(&sequence.value);
    if (!s && !b) return std::nullopt;
    std::size_t size = s ? s->size() : b->value.size();
    if (size && (times < 0 || static_cast<std::uint64_t>(times) > kMaxStrSize / size)) return std::nullopt;
    if (!size || times <= 0) times = 0;
    if (s) return Constant{repeated(*s, times)};
    return Constant{Bytes{repeated(b->value, times)}};
}

// An int of `decimal` digits (with a sign): an int64 when it fits.
Constant int_of_decimal(const std::string& decimal) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(decimal.data(), decimal.data() + decimal.size(), v);
    if (ec == std::errc() && end == decimal.data() + decimal.size()) return make(v);
    return Constant{BigIntConst{decimal}};
}

using BigInt = boost::multiprecision::cpp_int;

// An int constant of any size as a BigInt.
std::optional<BigInt> as_big(const Constant& c) {
    if (auto i = as_int(c)) return BigInt(*i);
    if (auto* big = std::get_if<BigIntConst>(&c.value)) return BigInt(big->decimal);
    return std::nullopt;
}

std::int64_t bit_length(const BigInt& v) {
    return v == 0 ? 0 : static_cast<std::int64_t>(boost::multiprecision::msb(boost::multiprecision::abs(v))) + 1;
}

// An int operation whose result is beyond 64 bits, or whose operand is,
// under ast_opt.c's limits (MAX_INT_SIZE: 128 bits for a product, a power
// and a left shift; a sum or a bitwise result of any size).
std::optional<Constant> fold_big(BinaryOp op, const BigInt& a, const BigInt& b) {
    constexpr std::int64_t kMaxIntBits = 128;
    BigInt r;
    switch (op) {
    case BinaryOp::Add: r = a + b; break;
    case BinaryOp::Subtract: r = a - b; break;
    case BinaryOp::Multiply:
        if (a != 0 && b != 0 && bit_length(a) + bit_length(b) > kMaxIntBits) return std::nullopt;
        r = a * b;
        break;
    case BinaryOp::FloorDivide:
    case BinaryOp::Remainder: {
        if (b == 0) return std::nullopt;
        BigInt q, m;
        boost::multiprecision::divide_qr(a, b, q, m);
        if (m != 0 && ((m < 0) != (b < 0))) q -= 1, m += b;  // Python floors
        r = op == BinaryOp::FloorDivide ? q : m;
        break;
    }
    case BinaryOp::Power:
        if (b < 0) return std::nullopt;
        if (a != 0 && b > 0 && bit_length(a) > kMaxIntBits / b) return std::nullopt;
        r = boost::multiprecision::pow(a, static_cast<unsigned>(b));
        break;
    case BinaryOp::LShift:
        if (b < 0) return std::nullopt;
        if (a != 0 && b > 0 && (b > kMaxIntBits || bit_length(a) > kMaxIntBits - b)) return std::nullopt;
        r = a << static_cast<unsigned>(b);
        break;
    case BinaryOp::RShift:
        if (b < 0) return std::nullopt;
        if (b >= bit_length(a)) r = a < 0 ? -1 : 0;
        else r = a >= 0 ? BigInt(a >> static_cast<unsigned>(b)) : BigInt(-((-a - 1) >> static_cast<unsigned>(b)) - 1);
        break;
    case BinaryOp::And: r = a & b; break;
    case BinaryOp::Or: r = a | b; break;
    case BinaryOp::Xor: r = a ^ b; break;
    default: return std::nullopt;  // true division keeps its run-time rounding
    }
    return int_of_decimal(r.str());
}

std::optional<Constant> fold_binary(BinaryOp op, const Constant& l, const Constant& r) {
    auto li = as_int(l), ri = as_int(r);
    if (li && ri)
        if (auto folded = fold_int(op, *li, *ri)) return folded;
    if (auto lb = as_big(l)) {
        if (auto rb = as_big(r)) return fold_big(op, *lb, *rb);
    }
    auto lf = as_float(l), rf = as_float(r);
    if (lf && rf) return fold_float(op, *lf, *rf);
    auto lz = as_complex(l), rz = as_complex(r);
    if (lz && rz) return fold_complex(op, *lz, *rz);
    if (op == BinaryOp::Add) {
        auto* ls = std::get_if<std::string>(&l.value);
        auto* rs = std::get_if<std::string>(&r.value);
        if (ls && rs && ls->size() + rs->size() <= kMaxStrSize) return Constant{*ls + *rs};
        auto* lb = std::get_if<Bytes>(&l.value);
        auto* rb = std::get_if<Bytes>(&r.value);
        if (lb && rb && lb->value.size() + rb->value.size() <= kMaxStrSize)
            return Constant{Bytes{lb->value + rb->value}};
        return std::nullopt;
    }
    if (op == BinaryOp::Multiply) {
        if (li && !ri) return repeat(r, *li);
        if (ri && !li) return repeat(l, *ri);
    }
    return std::nullopt;
}

std::optional<Constant> fold_unary(UnaryOpKind op, const Constant& c) {
    if (op == UnaryOpKind::Not) return Constant{!constant_truth(c)};
    if (op == UnaryOpKind::USub && std::holds_alternative<std::int64_t>(c.value) &&
        std::get<std::int64_t>(c.value) == INT64_MIN)
        return Constant{BigIntConst{"9223372036854775808"}};
    if (const auto* big = std::get_if<BigIntConst>(&c.value)) {  // the sign only: ~ is left to run time
        if (op == UnaryOpKind::UAdd) return c;
        if (op == UnaryOpKind::USub)
            return int_of_decimal(big->decimal[0] == '-' ? big->decimal.substr(1) : "-" + big->decimal);
        return std::nullopt;
    }
    if (auto i = as_int(c)) {
        if (op == UnaryOpKind::USub) return *i == INT64_MIN ? std::nullopt : std::optional(make(-*i));
        if (op == UnaryOpKind::UAdd) return make(*i);
        return make(~*i);
    }
    if (auto* d = std::get_if<double>(&c.value)) {
        if (op == UnaryOpKind::USub) return make(-*d);
        if (op == UnaryOpKind::UAdd) return make(*d);
    }
    if (auto* z = std::get_if<Complex>(&c.value)) {
        if (op == UnaryOpKind::USub) return Constant{Complex{-z->real, -z->imag}};
        if (op == UnaryOpKind::UAdd) return Constant{*z};
    }
    return std::nullopt;
}

// `value[index]` of constants, as ast_opt.c's fold_subscr gets the item
// (PyObject_GetItem): a str's code point, a bytes' int; an index that would
// raise is left to run time. Not a tuple's item: CPython's folded tuple
// lives in the parser's arena, which the compile replay would not know of.
std::optional<Constant> fold_subscript(const Constant& value, const Constant& index) {
    auto i = as_int(index);
    if (!i) return std::nullopt;
    auto at = [&](std::size_t size) -> std::optional<std::size_t> {
        std::int64_t n = static_cast<std::int64_t>(size), k = *i < 0 ? *i + n : *i;
        if (k < 0 || k >= n) return std::nullopt;
        return static_cast<std::size_t>(k);
    };
    if (auto* b = std::get_if<Bytes>(&value.value)) {
        if (auto k = at(b->value.size())) return make(std::int64_t{static_cast<unsigned char>(b->value[*k])});
    } else if (auto* s = std::get_if<std::string>(&value.value)) {
        // UTF-8: a code point starts at each byte that is no continuation byte.
        std::vector<std::size_t> starts;
        for (std::size_t p = 0; p < s->size(); ++p)
            if ((static_cast<unsigned char>((*s)[p]) & 0xC0) != 0x80) starts.push_back(p);
        if (auto k = at(starts.size())) {
            std::size_t end = *k + 1 < starts.size() ? starts[*k + 1] : s->size();
            return Constant{s->substr(starts[*k], end - starts[*k])};
        }
    }
    return std::nullopt;
}

}  // namespace

bool constant_truth(const Constant& c) {
    return std::visit(
        [](const auto& v) -> bool {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, NoneConst>) return false;
            else if constexpr (std::is_same_v<T, EllipsisConst>) return true;
            else if constexpr (std::is_same_v<T, bool>) return v;
            else if constexpr (std::is_same_v<T, std::int64_t>) return v != 0;
            else if constexpr (std::is_same_v<T, double>) return v != 0.0;
            else if constexpr (std::is_same_v<T, Complex>) return v.real != 0.0 || v.imag != 0.0;
            else if constexpr (std::is_same_v<T, std::string>) return !v.empty();
            else if constexpr (std::is_same_v<T, Bytes>) return !v.value.empty();
            else if constexpr (std::is_same_v<T, Tuple>) return !v.items.empty();
            else return true;
        },
        c.value);
}

const std::optional<Constant>& ConstantFolder::fold(const Expr& e) {
    auto found = memo_.find(&e);
    if (found != memo_.end()) return found->second;
    std::optional<Constant> value = compute(e);
    return memo_.emplace(&e, std::move(value)).first->second;
}

std::optional<Constant> ConstantFolder::compute(const Expr& e) {
    std::optional<Constant> folded;
    switch (e.kind) {
    case ExprKind::Constant: {
        const auto& literal = e.as<ast::Constant>();
        Constant c = literal.value;
        c.arena_refs = options_.arena_holds_one_token_bytes_twice && literal.string_tokens == 1 &&
                               std::holds_alternative<Bytes>(c.value)
                           ? 2
                           : 1;
        return c;
    }
    case ExprKind::UnaryOp: {
        const auto& u = e.as<UnaryOp>();
        const auto& operand = fold(*u.operand);
        if (operand) folded = fold_unary(u.op, *operand);
        break;
    }
    case ExprKind::BinOp: {
        const auto& b = e.as<BinOp>();
        const auto& l = fold(*b.left);
        if (!l) return std::nullopt;
        const auto& r = fold(*b.right);
        if (r) folded = fold_binary(b.op, *l, *r);
        break;
    }
    case ExprKind::Subscript: {
        const auto& sub = e.as<ast::Subscript>();
        const auto& value = fold(*sub.value);
        if (!value || sub.slice->kind == ExprKind::Slice) return std::nullopt;
        const auto& index = fold(*sub.slice);
        if (index) folded = fold_subscript(*value, *index);
        break;
    }
    case ExprKind::Name:
        // The optimizer's `__debug__`: True, as no -O is given.
        if (e.as<ast::Name>().id != "__debug__") return std::nullopt;
        folded = Constant{true};
        break;
    case ExprKind::Tuple: {
        Tuple t;
        for (const ExprPtr& elt : e.as<ast::Tuple>().elts) {
            const auto& c = fold(*elt);
            if (!c) return std::nullopt;
            t.items.push_back(*c);
        }
        folded = Constant{std::move(t)};
        break;
    }
    default: return std::nullopt;
    }
    // A new object, which the AST optimizer puts in the arena.
    if (folded) folded->arena_refs = options_.cfg_folds_constants ? 0 : 1;
    return folded;
}

}  // namespace lang
