// The opcode table (from opcodes.def), constant comparison and repr.
#include "code.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lang {

namespace {

struct OpcodeInfo {
    const char* name;
    ArgKind arg;
    bool pseudo;
};

constexpr OpcodeInfo opcode_table[] = {
#define OPCODE(name, arg, effect, jump_effect) {#name, ArgKind::arg, false},
#define PSEUDO(name, arg, effect, jump_effect) {#name, ArgKind::arg, true},
#include "opcodes.def"
#undef OPCODE
#undef PSEUDO
};

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    std::string s = fmt::format("{}", d);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

}  // namespace

const char* opcode_name(Opcode op) { return opcode_table[static_cast<int>(op)].name; }
ArgKind opcode_arg_kind(Opcode op) { return opcode_table[static_cast<int>(op)].arg; }
bool is_pseudo(Opcode op) { return opcode_table[static_cast<int>(op)].pseudo; }

bool never_falls_through(Opcode op) {
    switch (op) {
    case Opcode::JUMP_FORWARD:
    case Opcode::JUMP_BACKWARD:
    case Opcode::JUMP_BACKWARD_NO_INTERRUPT:
    case Opcode::RETURN_VALUE:
    case Opcode::RAISE_VARARGS:
    case Opcode::RERAISE: return true;
    default: return false;
    }
}

const ExceptionEntry* handler_of(const Code& code, int i) {
    for (const ExceptionEntry& e : code.exception_table)
        if (e.start <= i && i < e.end) return &e;
    return nullptr;
}

int stack_effect(Opcode op, int arg, bool jump) {
    switch (op) {
#define OPCODE(name, kind, effect, jump_effect) \
    case Opcode::name:                          \
        return jump ? (jump_effect) : (effect);
#define PSEUDO OPCODE
#include "opcodes.def"
#undef OPCODE
#undef PSEUDO
    }
    return 0;
}

const char* binary_op_symbol(int arg) {
    static const char* const symbols[] = {
        "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
        "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
    };
    return arg >= 0 && arg < 2 * kInplaceOffset ? symbols[arg] : "?";
}

const char* compare_op_symbol(int arg) {
    static const char* const symbols[] = {"<", "<=", "==", "!=", ">", ">="};
    return arg >= 0 && arg < 6 ? symbols[arg] : "?";
}

bool Tuple::operator==(const Tuple& other) const { return items == other.items; }

bool FrozenSet::operator==(const FrozenSet& other) const {
    std::string key, other_key;
    append_constant_key(Constant{*this}, key);
    append_constant_key(Constant{other}, other_key);
    return key == other_key;
}

bool Complex::operator==(const Complex& other) const {
    // Bitwise, so that 0j and -0j stay two constants.
    return std::memcmp(&real, &other.real, sizeof real) == 0 && std::memcmp(&imag, &other.imag, sizeof imag) == 0;
}

// complex_repr: the parts as repr() writes floats, without an integral
// value's ".0"; no real part when it is 0.0 (not -0.0).
std::string complex_repr(const Complex& c) {
    auto part = [](double d) {
        std::string s = float_repr(d);
        if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
        return s;
    };
    if (c.real == 0 && !std::signbit(c.real)) return part(c.imag) + "j";
    std::string imag = part(c.imag);
    return "(" + part(c.real) + (imag[0] == '-' ? "" : "+") + imag + "j)";
}

void append_constant_key(const Constant& c, std::string& out) {
    struct Visitor {
        std::string& out;
        void operator()(const NoneConst&) { out += 'N'; }
        void operator()(const EllipsisConst&) { out += 'E'; }
        void operator()(bool b) { out += b ? "T" : "F"; }
        void operator()(std::int64_t i) { out += 'i' + std::to_string(i) + ';'; }
        void operator()(const BigIntConst& i) { out += 'i' + i.decimal + ';'; }
        void operator()(double d) { out += 'f' + std::to_string(std::bit_cast<std::uint64_t>(d)) + ';'; }
        void operator()(const Complex& z) {
            out += 'x' + std::to_string(std::bit_cast<std::uint64_t>(z.real)) + ',' +
                   std::to_string(std::bit_cast<std::uint64_t>(z.imag)) + ';';
        }
        void operator()(const std::string& s) { out += 's' + std::to_string(s.size()) + ':' + s; }
        void operator()(const Bytes& b) { out += 'b' + std::to_string(b.value.size()) + ':' + b.value; }
        void operator()(const Tuple& t) {
            out += '(';
            for (const Constant& item : t.items) append_constant_key(item, out);
            out += ')';
        }
        void operator()(const std::shared_ptr<const Code>& code) {
            out += 'c' + std::to_string(reinterpret_cast<std::uintptr_t>(code.get())) + ';';
        }
        // The set of its items' keys, as _PyCode_ConstantKey's frozenset.
        void operator()(const FrozenSet& s) {
            std::set<std::string> keys;
            for (const Constant& item : s.items) {
                std::string key;
                append_constant_key(item, key);
                keys.insert(std::move(key));
            }
            out += '{';
            for (const std::string& key : keys) out += key;
            out += '}';
        }
    };
    std::visit(Visitor{out}, c.value);
}

bool Constant::operator==(const Constant& other) const {
    if (value.index() != other.value.index()) return false;
    if (auto* d = std::get_if<double>(&value)) {
        // Bitwise, so that 0.0 and -0.0 stay two constants.
        double e = std::get<double>(other.value);
        return std::memcmp(d, &e, sizeof e) == 0;
    }
    return value == other.value;
}

// Smith's method, as _Py_c_quot: the ratio of the smaller part of b to
// the larger.
std::optional<Complex> complex_quotient(const Complex& a, const Complex& b) {
    double abs_real = std::fabs(b.real), abs_imag = std::fabs(b.imag);
    if (abs_real >= abs_imag) {
        if (abs_real == 0.0) return std::nullopt;
        double ratio = b.imag / b.real;
        double denom = b.real + b.imag * ratio;
        return Complex{(a.real + a.imag * ratio) / denom, (a.imag - a.real * ratio) / denom};
    }
    if (abs_imag >= abs_real) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        return Complex{(a.real * ratio + a.imag) / denom, (a.imag * ratio - a.real) / denom};
    }
    return Complex{NAN, NAN};  // a NaN part
}

std::string code_repr(const Code& code) { return fmt::format("<code object {}, line {}>", code.name, code.first_line); }

std::string constant_repr(const Constant& c, const UnicodeTables& tables) {
    return std::visit(
        [&tables](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, NoneConst>) return "None";
            else if constexpr (std::is_same_v<T, EllipsisConst>) return "Ellipsis";
            else if constexpr (std::is_same_v<T, bool>) return v ? "True" : "False";
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else if constexpr (std::is_same_v<T, BigIntConst>) return v.decimal;
            else if constexpr (std::is_same_v<T, double>) return float_repr(v);
            else if constexpr (std::is_same_v<T, Complex>) return complex_repr(v);
            else if constexpr (std::is_same_v<T, std::string>) return str_repr(v, tables);
            else if constexpr (std::is_same_v<T, Bytes>) return bytes_repr(v.value);
            else if constexpr (std::is_same_v<T, Tuple>) {
                std::vector<std::string> items;
                for (const Constant& item : v.items) items.push_back(constant_repr(item, tables));
                return fmt::format("({}{})", fmt::join(items, ", "), items.size() == 1 ? "," : "");
            } else if constexpr (std::is_same_v<T, FrozenSet>) {
                // In the source's order: the set's own order is its hashes'.
                std::vector<std::string> items;
                for (const Constant& item : v.items) items.push_back(constant_repr(item, tables));
                return fmt::format("frozenset({{{}}})", fmt::join(items, ", "));
            } else {
                return code_repr(*v);
            }
        },
        c.value);
}

}  // namespace lang
