// lang::Code as bytes and back (serialize.hpp).
//
// The bytes: the number of code objects, then each of them, those a code
// object refers to before it, the outermost last; a reference to a code
// object is its index there. A field is written as its type says: an
// integer as a LEB128 varint (a signed one zigzag-encoded), a bool or an
// enum as an integer, a double as its 8 bytes (little-endian bit pattern,
// so -0.0 and NaNs survive), a string or a vector as its length and then
// its bytes or items, a constant as the index of its alternative and then
// the value, a struct as its fields in order.
#include "serialize.hpp"

#include <bit>
#include <concepts>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lang {

namespace {

// ---- the fields of each struct ------------------------------------------------------------------

// members(x): a tuple of references to every field of x, in declaration
// order. The structured binding does not compile once the struct has a
// field more or fewer than it names.
#define LANG_MEMBERS(Type, ...)                         \
    template <class T>                                  \
    requires std::same_as<std::remove_const_t<T>, Type> \
    auto members(T& x) {                                \
        auto& [__VA_ARGS__] = x;                        \
        return std::tie(__VA_ARGS__);                   \
    }

LANG_MEMBERS(Instruction, op, arg)
LANG_MEMBERS(Position, line, col, end_line, end_col)
LANG_MEMBERS(ExceptionEntry, start, end, target, depth, lasti)
LANG_MEMBERS(NopLine, before, line)
LANG_MEMBERS(Complex, real, imag)
LANG_MEMBERS(Bytes, value)
LANG_MEMBERS(BigIntConst, decimal)
LANG_MEMBERS(Tuple, items)
LANG_MEMBERS(FrozenSet, items)
LANG_MEMBERS(ConstantUse, origin, value, source_node, unemitted)
LANG_MEMBERS(Code, name, qualname, filename, first_line, argcount, posonlyargcount, kwonlyargcount, flags,
             yield_inside_try, directives, inlined_comprehension, inline_locals, inline_swaps_scopes, stacksize,
             instructions, positions, exception_table, nop_lines, borrowed_slots, duplicated_slots, constants,
             constant_uses, names, varnames, cellvars, freevars, cell2arg)
LANG_MEMBERS(CompileOptions, while_test_at_bottom, borrow_fast_loads, class_static_attributes, class_dict_cell,
             removes_unused_constants, trims_unused_constants, merges_equal_constants, keyword_maps_unpack_with_call,
             const_key_maps, inline_comprehensions, swaps_statement_pops, constant_lists_extended, doc_constant_always,
             constant_tests_to_bools, emits_dead_branches, cfg_folds_constants, arena_holds_one_token_bytes_twice,
             displays_extended, long_displays_grown, percent_formats_as_fstrings, constant_sets_frozen, match_statement,
             static_pattern_swaps, class_and_mapping_patterns)

#undef LANG_MEMBERS

template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};

using CodePtr = std::shared_ptr<const Code>;

// The code objects `c` refers to, directly or in a tuple.
template <class F> void for_each_code(const Constant& c, F&& f) {
    if (auto* code = std::get_if<CodePtr>(&c.value)) f(*code);
    else if (auto* tuple = std::get_if<Tuple>(&c.value))
        for (const Constant& item : tuple->items) for_each_code(item, f);
}

// ---- writing ------------------------------------------------------------------------------------

class Writer {
  public:
    std::string out;

    // Writes `root` and every code object it refers to.
    void write_tree(const Code& root) {
        number(root);
        put_unsigned(order_.size());
        for (const Code* code : order_) put(*code);
    }

    template <class T> void put(const T& x) {
        if constexpr (std::is_same_v<T, bool>) {
            put_unsigned(x ? 1 : 0);
        } else if constexpr (std::is_enum_v<T>) {
            put(static_cast<std::underlying_type_t<T>>(x));
        } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
            auto v = static_cast<std::int64_t>(x);
            put_unsigned((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
        } else if constexpr (std::is_integral_v<T>) {
            put_unsigned(x);
        } else if constexpr (std::is_same_v<T, double>) {
            auto bits = std::bit_cast<std::uint64_t>(x);
            for (int i = 0; i < 8; ++i) out += static_cast<char>((bits >> (8 * i)) & 0xFF);
        } else if constexpr (std::is_same_v<T, std::string>) {
            put_unsigned(x.size());
            out += x;
        } else if constexpr (IsVector<T>::value) {
            put_unsigned(x.size());
            for (const auto& item : x) put(item);
        } else if constexpr (std::is_same_v<T, Constant>) {
            put_unsigned(x.value.index());
            std::visit([&](const auto& v) { put(v); }, x.value);
            put(x.arena_refs);
        } else if constexpr (std::is_same_v<T, CodePtr>) {
            put_unsigned(index_.at(x.get()));
        } else if constexpr (std::is_empty_v<T>) {
            // NoneConst, EllipsisConst: the alternative's index says it all
        } else {
            std::apply([&](const auto&... field) { (put(field), ...); }, members(x));
        }
    }

  private:
    std::vector<const Code*> order_;
    std::unordered_map<const Code*, std::size_t> index_;

    // Numbers the code objects `code` refers to, then `code`.
    void number(const Code& code) {
        auto visit = [&](const CodePtr& nested) {
            if (!index_.contains(nested.get())) number(*nested);
        };
        for (const Constant& c : code.constants) for_each_code(c, visit);
        for (const ConstantUse& use : code.constant_uses) for_each_code(use.value, visit);
        index_.emplace(&code, order_.size());
        order_.push_back(&code);
    }

    void put_unsigned(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
    }
};

// ---- reading ------------------------------------------------------------------------------------

constexpr std::uint64_t kOpcodes = 0
#define OPCODE(name, arg, effect, jump_effect) +1
#define PSEUDO OPCODE
#include "opcodes.def"
#undef OPCODE
#undef PSEUDO
    ;

struct Malformed {};

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}

    CodePtr read_tree() {
        std::uint64_t count = get_unsigned();
        if (count == 0 || count > in_.size()) throw Malformed{};
        for (std::uint64_t i = 0; i < count; ++i) {
            auto code = std::make_shared<Code>();
            get(*code);
            codes_.push_back(std::move(code));
        }
        if (pos_ != in_.size()) throw Malformed{};
        return codes_.back();
    }

    template <class T> void get(T& x) {
        if constexpr (std::is_same_v<T, bool>) {
            std::uint64_t v = get_unsigned();
            if (v > 1) throw Malformed{};
            x = v == 1;
        } else if constexpr (std::is_same_v<T, Opcode>) {
            std::uint64_t v = get_unsigned();
            if (v >= kOpcodes) throw Malformed{};
            x = static_cast<Opcode>(v);
        } else if constexpr (std::is_enum_v<T>) {
            std::underlying_type_t<T> v;
            get(v);
            x = static_cast<T>(v);
        } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
            std::uint64_t u = get_unsigned();
            auto v = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
            if (!std::in_range<T>(v)) throw Malformed{};
            x = static_cast<T>(v);
        } else if constexpr (std::is_integral_v<T>) {
            std::uint64_t v = get_unsigned();
            if (!std::in_range<T>(v)) throw Malformed{};
            x = static_cast<T>(v);
        } else if constexpr (std::is_same_v<T, double>) {
            if (in_.size() - pos_ < 8) throw Malformed{};
            std::uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits |= std::uint64_t{static_cast<unsigned char>(in_[pos_ + i])} << (8 * i);
            pos_ += 8;
            x = std::bit_cast<double>(bits);
        } else if constexpr (std::is_same_v<T, std::string>) {
            std::uint64_t size = get_length();
            x.assign(in_.substr(pos_, size));
            pos_ += size;
        } else if constexpr (IsVector<T>::value) {
            // Every item takes a byte at least, so the length is bounded
            // by what is left.
            x.resize(get_length());
            for (auto& item : x) get(item);
        } else if constexpr (std::is_same_v<T, Constant>) {
            get_alternative(x, get_unsigned());
            get(x.arena_refs);
        } else if constexpr (std::is_same_v<T, CodePtr>) {
            std::uint64_t i = get_unsigned();
            if (i >= codes_.size()) throw Malformed{};  // only those before
            x = codes_[i];
        } else if constexpr (std::is_empty_v<T>) {
        } else {
            std::apply([&](auto&... field) { (get(field), ...); }, members(x));
        }
    }

  private:
    std::string_view in_;
    std::size_t pos_ = 0;
    std::vector<CodePtr> codes_;

    std::uint64_t get_unsigned() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ == in_.size()) throw Malformed{};
            auto byte = static_cast<unsigned char>(in_[pos_++]);
            v |= std::uint64_t{byte & 0x7Fu} << shift;
            if (!(byte & 0x80)) return v;
        }
        throw Malformed{};
    }

    std::uint64_t get_length() {
        std::uint64_t size = get_unsigned();
        if (size > in_.size() - pos_) throw Malformed{};
        return size;
    }

    template <std::size_t I = 0> void get_alternative(Constant& c, std::uint64_t index) {
        using Value = decltype(Constant::value);
        if constexpr (I < std::variant_size_v<Value>) {
            if (index != I) return get_alternative<I + 1>(c, index);
            std::variant_alternative_t<I, Value> v{};
            get(v);
            c.value = std::move(v);
        } else {
            throw Malformed{};
        }
    }
};

// ---- comparing ----------------------------------------------------------------------------------

class Comparer {
  public:
    template <class T> bool equal(const T& a, const T& b) {
        if constexpr (std::is_same_v<T, double>) {
            return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
        } else if constexpr (IsVector<T>::value) {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!equal(a[i], b[i])) return false;
            return true;
        } else if constexpr (std::is_same_v<T, Constant>) {
            return a.value.index() == b.value.index() && a.arena_refs == b.arena_refs &&
                   std::visit(
                       [&](const auto& x, const auto& y) {
                           if constexpr (std::is_same_v<decltype(x), decltype(y)>) return equal(x, y);
                           else return false;
                       },
                       a.value, b.value);
        } else if constexpr (std::is_same_v<T, CodePtr>) {
            if (!a || !b) return !a && !b;
            return equal(*a, *b);
        } else if constexpr (std::is_same_v<T, Code>) {
            // The same code object of `a` is the same one of `b`, both ways.
            auto [ab, new_a] = a_to_b_.emplace(&a, &b);
            auto [ba, new_b] = b_to_a_.emplace(&b, &a);
            if (ab->second != &b || ba->second != &a) return false;
            if (!new_a) return true;  // compared already
            return equal_members(a, b);
        } else if constexpr (std::is_empty_v<T>) {
            return true;
        } else if constexpr (std::is_class_v<T> && !std::is_same_v<T, std::string>) {
            return equal_members(a, b);
        } else {
            return a == b;
        }
    }

  private:
    std::unordered_map<const Code*, const Code*> a_to_b_, b_to_a_;

    template <class T> bool equal_members(const T& a, const T& b) {
        auto fields_a = members(a);
        auto fields_b = members(b);
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return (equal(std::get<I>(fields_a), std::get<I>(fields_b)) && ...);
        }
        (std::make_index_sequence<std::tuple_size_v<decltype(fields_a)>>{});
    }
};

}  // namespace

std::string serialize(const Code& code) {
    Writer w;
    w.write_tree(code);
    return std::move(w.out);
}

std::shared_ptr<const Code> deserialize(std::string_view bytes) {
    try {
        return Reader(bytes).read_tree();
    } catch (const Malformed&) {
        return nullptr;
    }
}

std::string options_key(const CompileOptions& options) {
    Writer w;
    w.put(options);
    return std::move(w.out);
}

bool same_code(const Code& a, const Code& b) { return Comparer().equal(a, b); }

}  // namespace lang
