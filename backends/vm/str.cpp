// str: UTF-8 text indexed by code points and its methods (formatting is
// in str_format.cpp).
#include <algorithm>
#include <cctype>
#include <cmath>

#include <limits>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

std::size_t count_code_points(const std::string& s, bool& ascii) {
    ascii = true;
    std::size_t n = 0;
    for (unsigned char c : s) {
        if (c >= 0x80) ascii = false;
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

StrObject::StrObject(TypeObject* t, std::string v) : Atom(t), value(std::move(v)) {
    length = count_code_points(value, ascii);
}

Ref<StrObject> new_str(std::string s) {
    if (s.empty() && consts.empty_str) return share(consts.empty_str);
    return make<StrObject>(types.str, std::move(s));
}

// Py_UNICODE_ISSPACE: the same characters in every Unicode version from
// 6.3 (12.1 to 16.0 are modeled).
bool is_unicode_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// A str's characters reach the modeled runtime's output only as UTF-8,
// which a lone surrogate has none of (CPython raises UnicodeEncodeError).
void require_no_surrogates(std::string_view s, const char* what) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0)
            unsupported(fmt::format("{} of a str with a lone surrogate (UnicodeEncodeError)", what));
}

const lang::UnicodeTables& unicode_tables() {
    const lang::UnicodeTables& tables = rt().profile().unicode_tables();
    if (tables.empty())
        unsupported("a str method's answer for a character outside ASCII: the profile names no Unicode tables");
    return tables;
}

std::string quote_str(std::string_view s) {
    // An ASCII text needs no table (and reads none).
    static const lang::UnicodeTables kNoTables;
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return lang::str_repr(s, ascii ? kNoTables : unicode_tables());
}

std::string numeric_text_to_ascii(const StrObject* s) {
    if (s->ascii) return s->value;
    const lang::UnicodeTables& tables = unicode_tables();
    std::string out;
    for (std::size_t i = 0, width = 1; i < s->value.size(); i += width) {
        char32_t c = code_point_at(s->value, i, width);
        int digit = c < 0x80 ? -1 : tables.decimal_value(c);
        if (c < 0x80) out += static_cast<char>(c);
        else if (is_unicode_space(c)) out += ' ';
        else if (digit >= 0) out += static_cast<char>('0' + digit);
        else return out + '?';  // no number: the text ends there
    }
    return out;
}

std::string ascii_escape(std::string_view repr) {
    std::string out;
    for (std::size_t i = 0; i < repr.size(); ++i) {
        if (static_cast<unsigned char>(repr[i]) < 0x80) {
            out += repr[i];
            continue;
        }
        std::size_t width = 0;
        auto c = static_cast<std::uint32_t>(code_point_at(repr, i, width));
        out += c <= 0xFF     ? fmt::format("\\x{:02x}", c)
               : c <= 0xFFFF ? fmt::format("\\u{:04x}", c)
                             : fmt::format("\\U{:08x}", c);
        i += width - 1;
    }
    return out;
}

std::int64_t str_hash(StrObject* s) {
    if (s->hash_cache == -1) s->hash_cache = hash_str_text(s->value, s->ascii);
    return s->hash_cache;
}

bool str_equal(const StrObject* a, const StrObject* b) {
    if (a == b) return true;
    if (a->interned != Interned::No && b->interned != Interned::No) return false;
    return a->value == b->value;
}

namespace {

StrObject* as_str(Object* o) { return static_cast<StrObject*>(o); }

// Byte offset of each code point, plus the end (for non-ASCII indexing).
std::vector<std::size_t> code_point_offsets(const std::string& s) {
    std::vector<std::size_t> offs;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offs.push_back(i);
    offs.push_back(s.size());
    return offs;
}

// The substring of code points [from, to).
std::string code_point_range(StrObject* s, std::int64_t from, std::int64_t to) {
    if (from >= to) return {};
    if (s->ascii) return s->value.substr(from, to - from);
    auto offs = code_point_offsets(s->value);
    return s->value.substr(offs[from], offs[to] - offs[from]);
}

Ref<> str_repr(Object* self) { return new_str(quote_str(str_value(self))); }
Ref<> str_str(Object* self) {
    if (self->type == types.str) return share(self);
    return new_str(str_value(self));
}
std::int64_t str_hash_slot(Object* self) { return str_hash(as_str(self)); }
std::size_t str_len(Object* self) { return as_str(self)->length; }

Ref<> str_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_str(a) || !is_str(b)) return share(consts.NotImplemented);
    return compare_result(str_value(a).compare(str_value(b)), op);
}

Ref<> str_getitem(Object* self, Object* key) {
    StrObject* s = as_str(self);
    auto n = static_cast<std::int64_t>(s->length);
    if (key->type == types.slice) {
        std::int64_t start, stop, step;
        slice_indices(static_cast<SliceObject*>(key), n, start, stop, step);
        if (step == 1) return new_str(code_point_range(s, start, std::max(start, stop)));
        std::string out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out += code_point_range(s, i, i + 1);
        return new_str(std::move(out));
    }
    if (!key->type->tp.index)
        raise_message(types.TypeError, "str_index_type", "string indices must be integers, not '{}'", type_name(key));
    std::int64_t i = as_index(key);
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(types.IndexError, "string index out of range");
    return new_str(code_point_range(s, i, i + 1));
}

bool str_contains(Object* self, Object* item) {
    if (!is_str(item))
        raisef(types.TypeError, "'in <string>' requires string as left operand, not {}", type_name(item));
    return str_value(self).find(str_value(item)) != std::string::npos;
}

Ref<> str_iter(Object* self) { return make<SeqIterObject>(types.str_iterator, share(self).release(), 0); }

Ref<> str_add(Object* a, Object* b) {
    if (!is_str(a)) return share(consts.NotImplemented);
    if (!is_str(b))
        raise_message(types.TypeError, "concat", "can only concatenate {0} (not \"{2}\") to {0}", "str", type_name(a),
                      type_name(b));
    return new_str(str_value(a) + str_value(b));
}

Ref<> str_mul(Object* a, Object* b) {
    Object* s = is_str(a) ? a : b;
    Object* n = s == a ? b : a;
    if (!is_str(s) || !n->type->tp.index) return share(consts.NotImplemented);
    std::int64_t count = as_index(n);
    std::string out;
    for (std::int64_t i = 0; i < count; ++i) out += str_value(s);
    return new_str(std::move(out));
}

Ref<> str_mod(Object* a, Object* b) {
    if (!is_str(a)) return share(consts.NotImplemented);
    return str_percent_format(as_str(a), b);
}

Ref<> str_new(TypeObject*, Args args) {
    Object* obj = nullptr;
    parse_args("str", args, {"object"}, 0, {&obj});
    if (!obj) return new_str("");
    return str(obj);
}

// ---- methods ------------------------------------------------------------------------------------

const std::string& self_str(Object* self) { return str_value(self); }

const std::string& str_arg(const char* fn, Object* o, int n = 1) {
    if (!is_str(o)) raisef(types.TypeError, "{}() argument {} must be str, not {}", fn, n, type_name(o));
    return str_value(o);
}

Ref<> m_join(Object* self, Args args, void*) {
    check_nargs("str.join", args, 1, 1);
    Ref<> it = get_iter(args[0]);
    std::string out;
    std::size_t i = 0;
    while (Ref<> item = iter_next(it.get())) {
        if (!is_str(item.get()))
            raisef(types.TypeError, "sequence item {}: expected str instance, {} found", i, type_name(item.get()));
        if (i++) out += self_str(self);
        out += str_value(item.get());
    }
    return new_str(std::move(out));
}

// The byte length of the whitespace character at s[i], 0 if it is none.
std::size_t space_width(const std::string& s, std::size_t i) {
    std::size_t width = 1;
    return is_unicode_space(code_point_at(s, i, width)) ? width : 0;
}

// The byte length of the character at s[i].
std::size_t char_width(const std::string& s, std::size_t i) {
    std::size_t width = 1;
    code_point_at(s, i, width);
    return width;
}

// The byte offset of the character before byte offset `end`.
std::size_t previous_char(const std::string& s, std::size_t end) {
    do --end;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80);
    return end;
}

Ref<> strip_impl(Object* self, Args args, bool left, bool right, const char* name) {
    check_nargs({"str", name}, args, 0, 1);
    const std::string& s = self_str(self);
    std::string chars;
    bool whitespace = !args.nargs || args[0] == consts.None;
    if (!whitespace) chars = str_arg(name, args[0]);
    // Whether the character at s[i] goes, as code points (chars may not be ASCII).
    auto strip_this = [&](std::size_t i) {
        if (whitespace) return space_width(s, i) != 0;
        return chars.find(s.substr(i, char_width(s, i))) != std::string::npos;
    };
    std::size_t a = 0, b = s.size();
    if (left)
        while (a < b && strip_this(a)) a += char_width(s, a);
    if (right)
        while (b > a && strip_this(previous_char(s, b))) b = previous_char(s, b);
    return new_str(s.substr(a, b - a));
}
Ref<> m_strip(Object* self, Args args, void*) { return strip_impl(self, args, true, true, "strip"); }
Ref<> m_lstrip(Object* self, Args args, void*) { return strip_impl(self, args, true, false, "lstrip"); }
Ref<> m_rstrip(Object* self, Args args, void*) { return strip_impl(self, args, false, true, "rstrip"); }

// str.split as unicode_split and stringlib's split functions do it: the
// list is made first, for PREALLOC_SIZE(maxcount) items (MAX_PREALLOC 12;
// from 3.12 maxcount is no more than the string can give), and an exact str
// with no separator in it is its own only item.
// The list split() and rsplit() fill, made as big as CPython's
// PREALLOC_SIZE (for at most `bound` items, where the profile says so).
void preallocate_split(ListObject* list, std::int64_t& maxcount, std::int64_t bound) {
    if (rt().profile().list_split_prealloc_bounded) maxcount = std::min(maxcount, bound);
    constexpr std::int64_t max_prealloc = 12;
    list->items.set_capacity(static_cast<std::size_t>(maxcount >= max_prealloc ? max_prealloc : maxcount + 1));
}

Ref<> m_split(Object* self, Args args, void*) {
    Object *sep = nullptr, *maxsplit = nullptr;
    parse_args("str.split", args, {"sep", "maxsplit"}, 0, {&sep, &maxsplit});
    const std::string& s = self_str(self);
    const auto length = static_cast<std::int64_t>(static_cast<StrObject*>(self)->length);
    const bool by_whitespace = !sep || sep == consts.None;
    if (!by_whitespace && !is_str(sep)) raisef(types.TypeError, "must be str or None, not {}", type_name(sep));
    const std::string& d = by_whitespace ? s : str_value(sep);
    if (!by_whitespace && d.empty()) raise(types.ValueError, "empty separator");
    const std::int64_t sep_length = by_whitespace ? 1 : static_cast<std::int64_t>(static_cast<StrObject*>(sep)->length);
    std::int64_t maxcount = maxsplit ? as_index(maxsplit) : -1;
    if (maxcount < 0) maxcount = std::numeric_limits<std::int64_t>::max();
    const bool self_is_exact = self->type == types.str;
    Ref<ListObject> list = new_list();
    if (!by_whitespace && length < sep_length) {  // unicode_split's shortcut: [self]
        list->items.set_capacity(1);
        list_append(list.get(), self);
        return list;
    }
    preallocate_split(list.get(), maxcount, by_whitespace ? (length - 1) / 2 + 1 : length / sep_length + 1);
    auto add = [&](std::size_t from, std::size_t to) {
        list_append_owned(list.get(), new_str(s.substr(from, to - from)).release());
    };
    std::size_t i = 0;
    if (by_whitespace) {
        auto skip_spaces = [&] {
            while (i < s.size())
                if (std::size_t w = space_width(s, i)) i += w;
                else break;
        };
        while (maxcount-- > 0) {
            skip_spaces();
            if (i == s.size()) break;
            std::size_t start = i;
            while (i < s.size() && !space_width(s, i)) i += char_width(s, i);
            if (start == 0 && i == s.size() && self_is_exact) {
                list_append(list.get(), self);
                break;
            }
            add(start, i);
        }
        if (i < s.size()) {  // maxcount reached: the rest, from its first non-space
            skip_spaces();
            if (i != s.size()) add(i, s.size());
        }
        return list;
    }
    bool found = false;
    while (maxcount-- > 0) {
        std::size_t at = s.find(d, i);
        if (at == std::string::npos) break;
        add(i, at);
        found = true;
        i = at + d.size();
    }
    if (!found && self_is_exact) list_append(list.get(), self);
    else add(i, s.size());
    return list;
}

// rsplit with a separator: the pieces found from the right, put back in
// order at the end (as CPython reverses its list).
Ref<> m_rsplit(Object* self, Args args, void*) {
    Object *sep = nullptr, *maxsplit = nullptr;
    parse_args("str.rsplit", args, {"sep", "maxsplit"}, 0, {&sep, &maxsplit});
    if (!sep || sep == consts.None) unsupported("str.rsplit() at whitespace");
    if (!is_str(sep)) raisef(types.TypeError, "must be str or None, not {}", type_name(sep));
    const std::string& s = self_str(self);
    const std::string& d = str_value(sep);
    if (d.empty()) raise(types.ValueError, "empty separator");
    const auto length = static_cast<std::int64_t>(as_str(self)->length);
    const auto sep_length = static_cast<std::int64_t>(as_str(sep)->length);
    std::int64_t maxcount = maxsplit ? as_index(maxsplit) : -1;
    if (maxcount < 0) maxcount = std::numeric_limits<std::int64_t>::max();
    Ref<ListObject> list = new_list();
    if (length < sep_length) {
        list->items.set_capacity(1);
        list_append(list.get(), self);
        return list;
    }
    preallocate_split(list.get(), maxcount, length / sep_length + 1);
    std::vector<std::string> pieces;
    std::size_t end = s.size();
    while (maxcount-- > 0 && end >= d.size()) {
        std::size_t at = s.rfind(d, end - d.size());
        if (at == std::string::npos) break;
        pieces.push_back(s.substr(at + d.size(), end - at - d.size()));
        end = at;
    }
    if (pieces.empty() && self->type == types.str) {
        list_append(list.get(), self);
        return list;
    }
    pieces.push_back(s.substr(0, end));
    for (auto piece = pieces.rbegin(); piece != pieces.rend(); ++piece)
        list_append_owned(list.get(), new_str(*piece).release());
    return list;
}

// The byte length of the line boundary at s[i] (\r\n is one), 0 if it is
// none: the same characters in every Unicode version.
std::size_t line_break_width(const std::string& s, std::size_t i) {
    switch (static_cast<unsigned char>(s[i])) {
    case '\r': return i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    case '\n':
    case '\v':
    case '\f':
    case 0x1C:
    case 0x1D:
    case 0x1E: return 1;
    case 0xC2: return i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85 ? 2 : 0;  // U+0085
    case 0xE2:  // U+2028, U+2029
        return i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8
                   ? 3
                   : 0;
    default: return 0;
    }
}

// str.splitlines: appended one by one to an empty list, as stringlib's; an
// exact str of one line without a line break is its own only item.
Ref<> m_splitlines(Object* self, Args args, void*) {
    check_nargs("str.splitlines", args, 0, 1);
    bool keepends = args.nargs && truthy(args[0]);
    const std::string& s = self_str(self);
    Ref<ListObject> list = new_list();
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        std::size_t boundary = 0;
        while (j < s.size() && !(boundary = line_break_width(s, j))) ++j;
        std::size_t end = j;
        j += boundary;
        if (keepends) end = j;
        if (i == 0 && end == s.size() && self->type == types.str) {
            list_append(list.get(), self);
            break;
        }
        list_append_owned(list.get(), new_str(s.substr(i, end - i)).release());
        i = j;
    }
    return list;
}

// The new tuple the runtime packs the arguments of str's method `name` in
// where it is METH_VARARGS (to 3.12: the profile's builtins.varargs names
// it str.NAME), alive during the call; else null.
Ref<TupleObject> packed_if_varargs(std::string_view name, Args args) {
    return rt().profile().packs_arguments("str", name) ? positional_tuple(args) : nullptr;
}

Ref<> affix_impl(Object* self, Args args, bool prefix, const char* name) {
    Ref<TupleObject> packed = packed_if_varargs(name, args);
    check_nargs({"str", name}, args, 1, 3);
    const std::string& s = self_str(self);
    auto test = [&](const std::string& a) {
        return a.size() <= s.size() &&
               (prefix ? s.compare(0, a.size(), a) == 0 : s.compare(s.size() - a.size(), a.size(), a) == 0);
    };
    if (is_tuple(args[0])) {
        for (Object* o : static_cast<TupleObject*>(args[0])->items)
            if (test(str_arg(name, o))) return new_bool(true);
        return new_bool(false);
    }
    if (!is_str(args[0]))
        raisef(types.TypeError, "{} first arg must be str or a tuple of str, not {}", name, type_name(args[0]));
    return new_bool(test(str_value(args[0])));
}
Ref<> m_startswith(Object* self, Args args, void*) { return affix_impl(self, args, true, "startswith"); }
Ref<> m_endswith(Object* self, Args args, void*) { return affix_impl(self, args, false, "endswith"); }

// ---- Unicode: the runtime's tables for a str outside ASCII, ctype's for one in it ---------------

using Set = lang::UnicodeTables::Set;
using Mapping = lang::UnicodeTables::Mapping;

// lower_ucs4: a capital sigma is final (ς) after a cased character and
// not before one, case-ignorable characters skipped both ways
// (handle_capital_sigma).
void append_lower(const lang::UnicodeTables& tables, const std::u32string& text, std::size_t i, std::u32string& out) {
    constexpr char32_t kCapitalSigma = 0x3A3, kSmallSigma = 0x3C3, kFinalSigma = 0x3C2;
    if (text[i] != kCapitalSigma) return tables.map(Mapping::Lower, text[i], out);
    std::size_t before = i;
    while (before > 0 && tables.has(Set::CaseIgnorable, text[before - 1])) --before;
    bool final = before > 0 && tables.has(Set::Cased, text[before - 1]);
    std::size_t after = i + 1;
    while (after < text.size() && tables.has(Set::CaseIgnorable, text[after])) ++after;
    final = final && (after == text.size() || !tables.has(Set::Cased, text[after]));
    out += final ? kFinalSigma : kSmallSigma;
}

enum class CaseChange { Upper, Lower, Capitalize, Title, SwapCase, CaseFold };

// A str's case changed: ctype's in ASCII, else each character's full
// mapping in the runtime's tables (do_upper, do_lower, do_capitalize,
// do_title, do_swapcase, do_casefold).
std::string change_case(StrObject* s, CaseChange change) {
    if (s->ascii) {
        std::string out = s->value;
        bool previous_cased = false;
        for (std::size_t i = 0; i < out.size(); ++i) {
            auto c = static_cast<unsigned char>(out[i]);
            bool upper = change == CaseChange::Upper || (change == CaseChange::Capitalize && i == 0) ||
                         (change == CaseChange::Title && !previous_cased) ||
                         (change == CaseChange::SwapCase && !std::isupper(c));
            out[i] = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
            previous_cased = std::isalpha(c);
        }
        return out;
    }
    const lang::UnicodeTables& tables = unicode_tables();
    std::u32string text = decode_utf8(s->value), out;
    bool previous_cased = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        switch (change) {
        case CaseChange::Upper: tables.map(Mapping::Upper, c, out); break;
        case CaseChange::Lower: append_lower(tables, text, i, out); break;
        case CaseChange::CaseFold: tables.map(Mapping::Casefold, c, out); break;
        case CaseChange::Capitalize:  // the first character in titlecase from 3.8
            if (i == 0) tables.map(Mapping::Title, c, out);
            else append_lower(tables, text, i, out);
            break;
        case CaseChange::Title:
            if (previous_cased) append_lower(tables, text, i, out);
            else tables.map(Mapping::Title, c, out);
            previous_cased = tables.has(Set::Cased, c);
            break;
        case CaseChange::SwapCase:
            if (tables.has(Set::Upper, c)) append_lower(tables, text, i, out);
            else if (tables.has(Set::Lower, c)) tables.map(Mapping::Upper, c, out);
            else out += c;
            break;
        }
    }
    return encode_utf8(out);
}

template <CaseChange Change, const char* Name> Ref<> m_change_case(Object* self, Args args, void*) {
    check_nargs({"str", Name}, args, 0, 0);
    return new_str(change_case(as_str(self), Change));
}

// The character tests of str's predicates: ctype's for ASCII.
bool is_alnum(const lang::UnicodeTables& tables, char32_t c) {  // Py_UNICODE_ISALNUM
    return tables.has(Set::Alpha, c) || tables.has(Set::Decimal, c) || tables.has(Set::Digit, c) ||
           tables.has(Set::Numeric, c);
}
template <Set S> bool in_set(const lang::UnicodeTables& tables, char32_t c) { return tables.has(S, c); }
int is_ascii_printable(int c) { return c >= 0x20 && c < 0x7F; }

// str.isalpha() and the like: every character passes, and there is one at
// least (isprintable(): an empty str is printable).
template <int (*Ascii)(int), bool (*Test)(const lang::UnicodeTables&, char32_t), const char* Name, bool Empty = false>
Ref<> test_chars(Object* self, Args args, void*) {
    check_nargs({"str", Name}, args, 0, 0);
    const StrObject* s = as_str(self);
    if (s->value.empty()) return new_bool(Empty);
    if (s->ascii)
        return new_bool(std::all_of(s->value.begin(), s->value.end(),
                                    [](char c) { return Ascii(static_cast<unsigned char>(c)) != 0; }));
    const lang::UnicodeTables& tables = unicode_tables();
    for (std::size_t i = 0, width = 1; i < s->value.size(); i += width)
        if (!Test(tables, code_point_at(s->value, i, width))) return new_bool(false);
    return new_bool(true);
}

// isspace() by Py_UNICODE_ISSPACE, right for every character.
Ref<> m_isspace(Object* self, Args args, void*) {
    check_nargs("str.isspace", args, 0, 0);
    const std::string& s = self_str(self);
    if (s.empty()) return new_bool(false);
    for (std::size_t i = 0; i < s.size();)
        if (std::size_t w = space_width(s, i)) i += w;
        else return new_bool(false);
    return new_bool(true);
}

enum class CaseTest { Upper, Lower, Title };

// isupper(), islower(), istitle() (unicode_isupper_impl and the others):
// a character's case is Upper, Lower, Title (Lt) or none.
template <CaseTest Test, const char* Name> Ref<> test_case(Object* self, Args args, void*) {
    check_nargs({"str", Name}, args, 0, 0);
    const StrObject* s = as_str(self);
    const lang::UnicodeTables* tables = s->ascii ? nullptr : &unicode_tables();
    bool cased = false, previous_cased = false;
    for (std::size_t i = 0, width = 1; i < s->value.size(); i += width) {
        char32_t c = code_point_at(s->value, i, width);
        bool upper = c < 0x80 ? std::isupper(static_cast<int>(c)) != 0 : tables->has(Set::Upper, c);
        bool lower = c < 0x80 ? std::islower(static_cast<int>(c)) != 0 : tables->has(Set::Lower, c);
        bool title = c >= 0x80 && tables->has(Set::Title, c);
        if (Test == CaseTest::Title) {  // cased characters: Upper or Title after none, Lower after one
            if ((upper || title) ? previous_cased : lower && !previous_cased) return new_bool(false);
            previous_cased = upper || title || lower;
            cased = cased || previous_cased;
        } else {
            if (title || (Test == CaseTest::Upper ? lower : upper)) return new_bool(false);
            cased = cased || (Test == CaseTest::Upper ? upper : lower);
        }
    }
    return new_bool(cased);
}

constexpr char kUpper[] = "upper", kLower[] = "lower", kCapitalize[] = "capitalize", kTitle[] = "title",
               kSwapCase[] = "swapcase", kCaseFold[] = "casefold", kIsDigit[] = "isdigit", kIsAlpha[] = "isalpha",
               kIsAlnum[] = "isalnum", kIsDecimal[] = "isdecimal", kIsNumeric[] = "isnumeric",
               kIsPrintable[] = "isprintable", kIsUpper[] = "isupper", kIsLower[] = "islower", kIsTitle[] = "istitle";

Ref<> m_replace(Object* self, Args args, void*) {
    check_nargs("str.replace", args, 2, 3);
    const std::string& s = self_str(self);
    const std::string& old = str_arg("replace", args[0], 1);
    const std::string& rep = str_arg("replace", args[1], 2);
    std::int64_t count = args.nargs > 2 ? as_index(args[2]) : -1;
    std::string out;
    std::size_t i = 0;
    std::int64_t done = 0;
    if (old.empty()) {
        for (std::size_t k = 0; k <= s.size(); ++k) {
            if (count < 0 || done < count) {
                out += rep;
                ++done;
            }
            if (k < s.size()) out += s[k];
        }
        return new_str(std::move(out));
    }
    while (count < 0 || done < count) {
        std::size_t j = s.find(old, i);
        if (j == std::string::npos) break;
        out += s.substr(i, j - i) + rep;
        i = j + old.size();
        ++done;
    }
    out += s.substr(i);
    return new_str(std::move(out));
}

// find/rfind/index/count as code point positions.
std::int64_t byte_to_cp(StrObject* s, std::size_t byte) {
    if (s->ascii) return static_cast<std::int64_t>(byte);
    std::int64_t n = 0;
    for (std::size_t i = 0; i < byte; ++i)
        if ((static_cast<unsigned char>(s->value[i]) & 0xC0) != 0x80) ++n;
    return n;
}

std::int64_t find_impl(Object* self, Args args, bool reverse, const char* name) {
    Ref<TupleObject> packed = packed_if_varargs(name, args);
    check_nargs({"str", name}, args, 1, 1);
    const std::string& sub = str_arg(name, args[0]);
    std::size_t r = reverse ? self_str(self).rfind(sub) : self_str(self).find(sub);
    return r == std::string::npos ? -1 : byte_to_cp(as_str(self), r);
}
Ref<> m_find(Object* self, Args args, void*) { return new_int(find_impl(self, args, false, "find")); }
Ref<> m_rfind(Object* self, Args args, void*) { return new_int(find_impl(self, args, true, "rfind")); }
Ref<> m_index(Object* self, Args args, void*) {
    std::int64_t r = find_impl(self, args, false, "index");
    if (r < 0) raise(types.ValueError, "substring not found");
    return new_int(r);
}

Ref<> m_count(Object* self, Args args, void*) {
    Ref<TupleObject> packed = packed_if_varargs("count", args);
    check_nargs("str.count", args, 1, 1);
    const std::string& s = self_str(self);
    const std::string& sub = str_arg("count", args[0]);
    if (sub.empty()) return new_int(static_cast<std::int64_t>(as_str(self)->length + 1));
    std::int64_t n = 0;
    for (std::size_t i = s.find(sub); i != std::string::npos; i = s.find(sub, i + sub.size())) ++n;
    return new_int(n);
}

Ref<> pad_impl(Object* self, Args args, int align, const char* name) {
    check_nargs({"str", name}, args, 1, 2);
    std::int64_t width = as_index(args[0]);
    std::string fill = args.nargs > 1 ? str_arg(name, args[1], 2) : " ";
    auto len = static_cast<std::int64_t>(as_str(self)->length);
    if (width <= len) return share(self);
    std::int64_t total = width - len;
    std::int64_t left = align < 0 ? 0 : align > 0 ? total : total / 2 + (total & width & 1);
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += fill;
    out += self_str(self);
    for (std::int64_t i = 0; i < total - left; ++i) out += fill;
    return new_str(std::move(out));
}
Ref<> m_ljust(Object* self, Args args, void*) { return pad_impl(self, args, -1, "ljust"); }
Ref<> m_rjust(Object* self, Args args, void*) { return pad_impl(self, args, 1, "rjust"); }
Ref<> m_center(Object* self, Args args, void*) { return pad_impl(self, args, 0, "center"); }

Ref<> m_zfill(Object* self, Args args, void*) {
    check_nargs("str.zfill", args, 1, 1);
    std::string s = self_str(self);
    auto width = static_cast<std::size_t>(std::max<std::int64_t>(0, as_index(args[0])));
    if (s.size() >= width) return share(self);
    std::size_t sign = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
    s.insert(sign, width - s.size(), '0');
    return new_str(std::move(s));
}

// partition and rpartition: the first (last) `sep` splits the str in three;
// without one, the str whole and two empty ones.
template <bool FROM_RIGHT> Ref<> partition_impl(Object* self, Args args, const char* name) {
    check_nargs({"str", name}, args, 1, 1);
    const std::string& s = self_str(self);
    const std::string& sep = str_arg(name, args[0]);
    if (sep.empty()) raise(types.ValueError, "empty separator");
    std::size_t i = FROM_RIGHT ? s.rfind(sep) : s.find(sep);
    if (i == std::string::npos) {
        Ref<> whole = self->type == types.str ? share(self) : Ref<>(new_str(s));
        Ref<> empty = new_str("");
        return FROM_RIGHT ? tuple_of({empty.get(), empty.get(), whole.get()})
                          : tuple_of({whole.get(), empty.get(), empty.get()});
    }
    return tuple_of({new_str(s.substr(0, i)).get(), args[0], new_str(s.substr(i + sep.size())).get()});
}
Ref<> m_partition(Object* self, Args args, void*) { return partition_impl<false>(self, args, "partition"); }
Ref<> m_rpartition(Object* self, Args args, void*) { return partition_impl<true>(self, args, "rpartition"); }

// The names CPython's codecs know UTF-8 by (case and - or _ aside).
bool is_utf8_name(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::replace(name.begin(), name.end(), '_', '-');
    return name == "utf-8" || name == "utf8" || name == "u8" || name == "utf";
}

// UTF-8, the model's str; an ASCII str is the same bytes in any encoding
// CPython ships that a program would name (latin-1, ascii, cp1252, ...).
Ref<> m_encode(Object* self, Args args, void*) {
    Object *encoding = nullptr, *errors = nullptr;
    parse_args("str.encode", args, {"encoding", "errors"}, 0, {&encoding, &errors});
    if (encoding && !(is_str(encoding) && is_utf8_name(str_value(encoding))) && !as_str(self)->ascii)
        unsupported("str.encode() of a str with characters outside ASCII to an encoding other than UTF-8");
    require_no_surrogates(self_str(self), "str.encode()");
    return new_bytes(self_str(self));
}

Ref<> m_format(Object* self, Args args, void*) { return new_str(str_format(self_str(self), args)); }

}  // namespace

void init_str_type() {
    TypeObject* t = types.str;
    t->tp.repr = &str_repr;
    t->tp.str = &str_str;
    t->tp.hash = &str_hash_slot;
    t->tp.richcompare = &str_richcompare;
    t->tp.len = &str_len;
    t->tp.getitem = &str_getitem;
    t->tp.contains = &str_contains;
    t->tp.iter = &str_iter;
    t->tp.new_ = &str_new;
    t->tp.init = nullptr;
    t->tp.number[number_slot(lang::BinaryOp::Add)] = &str_add;
    t->tp.number[number_slot(lang::BinaryOp::Multiply)] = &str_mul;
    t->tp.sequence_repeat = true;
    t->tp.number[number_slot(lang::BinaryOp::Remainder)] = &str_mod;
    add_method(t, "join", &m_join);
    add_method(t, "strip", &m_strip);
    add_method(t, "lstrip", &m_lstrip);
    add_method(t, "rstrip", &m_rstrip);
    add_method(t, "split", &m_split);
    add_method(t, "splitlines", &m_splitlines);
    add_method(t, "startswith", &m_startswith);
    add_method(t, "endswith", &m_endswith);
    add_method(t, "upper", &m_change_case<CaseChange::Upper, kUpper>);
    add_method(t, "lower", &m_change_case<CaseChange::Lower, kLower>);
    add_method(t, "capitalize", &m_change_case<CaseChange::Capitalize, kCapitalize>);
    add_method(t, "title", &m_change_case<CaseChange::Title, kTitle>);
    add_method(t, "swapcase", &m_change_case<CaseChange::SwapCase, kSwapCase>);
    add_method(t, "casefold", &m_change_case<CaseChange::CaseFold, kCaseFold>);
    add_method(t, "isdigit", &test_chars<std::isdigit, in_set<Set::Digit>, kIsDigit>);
    add_method(t, "isdecimal", &test_chars<std::isdigit, in_set<Set::Decimal>, kIsDecimal>);
    add_method(t, "isnumeric", &test_chars<std::isdigit, in_set<Set::Numeric>, kIsNumeric>);
    add_method(t, "isalpha", &test_chars<std::isalpha, in_set<Set::Alpha>, kIsAlpha>);
    add_method(t, "isalnum", &test_chars<std::isalnum, is_alnum, kIsAlnum>);
    add_method(t, "isprintable", &test_chars<is_ascii_printable, in_set<Set::Printable>, kIsPrintable, true>);
    add_method(t, "isspace", &m_isspace);
    add_method(t, "isupper", &test_case<CaseTest::Upper, kIsUpper>);
    add_method(t, "islower", &test_case<CaseTest::Lower, kIsLower>);
    add_method(t, "istitle", &test_case<CaseTest::Title, kIsTitle>);
    add_method(t, "replace", &m_replace);
    add_method(t, "find", &m_find);
    add_method(t, "rfind", &m_rfind);
    add_method(t, "index", &m_index);
    add_method(t, "count", &m_count);
    add_method(t, "ljust", &m_ljust);
    add_method(t, "rjust", &m_rjust);
    add_method(t, "center", &m_center);
    add_method(t, "zfill", &m_zfill);
    add_method(t, "partition", &m_partition);
    add_method(t, "rpartition", &m_rpartition);
    add_method(t, "rsplit", &m_rsplit);
    add_method(t, "encode", &m_encode);
    add_method(t, "format", &m_format);
}

}  // namespace vm
