// The matching engine of _sre (CPython's Modules/_sre): a backtracking
// machine over the code words re's compiler makes (re/_compiler.py,
// sre_compile.py before 3.11). It keeps its backtracking state on a stack of
// its own, as CPython's does, so that a deep match costs memory, never the
// C++ stack. What a version of CPython does differently is its Dialect.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vm::sre {

using Code = std::uint32_t;

// The opcodes, numbered as from CPython 3.11 (re/_constants.py); a code list
// of an earlier version is renumbered when it is compiled (sre_code.cpp).
// The names are CPython's, so that they can be looked up there.
enum Op : Code {
    FAILURE,
    SUCCESS,
    ANY,
    ANY_ALL,
    ASSERT,
    ASSERT_NOT,
    AT,
    BRANCH,
    CATEGORY,
    CHARSET,
    BIGCHARSET,
    GROUPREF,
    GROUPREF_EXISTS,
    IN,
    INFO,
    JUMP,
    LITERAL,
    MARK,
    MAX_UNTIL,
    MIN_UNTIL,
    NOT_LITERAL,
    NEGATE,
    RANGE,
    REPEAT,
    REPEAT_ONE,
    SUBPATTERN,
    MIN_REPEAT_ONE,
    ATOMIC_GROUP,
    POSSESSIVE_REPEAT,
    POSSESSIVE_REPEAT_ONE,
    GROUPREF_IGNORE,
    IN_IGNORE,
    LITERAL_IGNORE,
    NOT_LITERAL_IGNORE,
    GROUPREF_LOC_IGNORE,
    IN_LOC_IGNORE,
    LITERAL_LOC_IGNORE,
    NOT_LITERAL_LOC_IGNORE,
    GROUPREF_UNI_IGNORE,
    IN_UNI_IGNORE,
    LITERAL_UNI_IGNORE,
    NOT_LITERAL_UNI_IGNORE,
    RANGE_UNI_IGNORE,
    kOpCount
};

// AT's argument (the same in every version).
enum At : Code {
    AT_BEGINNING,
    AT_BEGINNING_LINE,
    AT_BEGINNING_STRING,
    AT_BOUNDARY,
    AT_NON_BOUNDARY,
    AT_END,
    AT_END_LINE,
    AT_END_STRING,
    AT_LOC_BOUNDARY,
    AT_LOC_NON_BOUNDARY,
    AT_UNI_BOUNDARY,
    AT_UNI_NON_BOUNDARY,
    kAtCount
};

// CATEGORY's argument (the same in every version).
enum Category : Code {
    CATEGORY_DIGIT,
    CATEGORY_NOT_DIGIT,
    CATEGORY_SPACE,
    CATEGORY_NOT_SPACE,
    CATEGORY_WORD,
    CATEGORY_NOT_WORD,
    CATEGORY_LINEBREAK,
    CATEGORY_NOT_LINEBREAK,
    CATEGORY_LOC_WORD,
    CATEGORY_LOC_NOT_WORD,
    CATEGORY_UNI_DIGIT,
    CATEGORY_UNI_NOT_DIGIT,
    CATEGORY_UNI_SPACE,
    CATEGORY_UNI_NOT_SPACE,
    CATEGORY_UNI_WORD,
    CATEGORY_UNI_NOT_WORD,
    CATEGORY_UNI_LINEBREAK,
    CATEGORY_UNI_NOT_LINEBREAK,
    kCategoryCount
};

// INFO's flags.
constexpr Code kInfoPrefix = 1, kInfoLiteral = 2, kInfoCharset = 4;

// How a version's engine saves and restores the group marks while it
// backtracks, where that changed what a match reports.
struct Dialect {
    // SRE_MAXREPEAT, a repeat's bound that is no bound: (SRE_CODE)-1, or
    // PY_SSIZE_T_MAX on a 32-bit runtime.
    Code max_repeat = 0xFFFFFFFFu;
    // 3.11 (bpo-35859): BRANCH, REPEAT_ONE, MIN_REPEAT_ONE, MIN_UNTIL and
    // ASSERT_NOT save the marks inside a repeat and put them back when
    // they backtrack; before, only the last mark was restored.
    bool restores_marks = true;
    // PyPy (whose marks are an immutable list, so that every backtrack
    // restores them): the marks saved also outside a repeat.
    bool saves_marks_everywhere = false;
    // PyPy: \b and \B of LOCALE compare what its word test returns, which
    // is no bool: '_', an alphanumeric character (C isalnum's bit) and
    // neither are three classes, so that "a_" has a boundary inside.
    bool locale_boundary_three_classes = false;
    // 3.14 (gh-124130): \B matches where the subject ends at 0, where \b
    // does not either.
    bool non_boundary_matches_empty = false;
};

// A result below zero: an error of the engine.
constexpr std::int64_t kErrorIllegal = -1;  // an opcode where none may be
constexpr std::int64_t kErrorState = -2;  // MAX_UNTIL or MIN_UNTIL outside a REPEAT

// The character predicates and case mappings the engine asks: ASCII's are
// inline, Unicode's come from the runtime's tables, the locale's from the C
// library (sre_chars.cpp).
struct Chars {
    static bool ascii_digit(Code c) { return c >= '0' && c <= '9'; }
    static bool ascii_space(Code c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
    static bool ascii_alnum(Code c) { return ascii_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
    static bool ascii_word(Code c) { return ascii_alnum(c) || c == '_'; }
    static Code ascii_lower(Code c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
    static Code ascii_upper(Code c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
    // Py_UNICODE_ISLINEBREAK (the same in every modeled Unicode version).
    static bool uni_linebreak(Code c) {
        return (c >= '\n' && c <= '\r') || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
    static bool uni_space(Code c);
    static bool uni_digit(Code c);  // Py_UNICODE_ISDECIMAL
    static bool uni_word(Code c);  // Py_UNICODE_ISALNUM, or '_'
    // Py_UNICODE_TOLOWER and TOUPPER: the first character of the full
    // mapping, as CPython's _PyUnicode_ToLowercase reads its table.
    static Code uni_lower(Code c);
    static Code uni_upper(Code c);
    static bool loc_alnum(Code c);
    static bool loc_word(Code c) { return c == '_' || loc_alnum(c); }
    static Code loc_lower(Code c);
    static Code loc_upper(Code c);
    static bool category(Code category, Code c);
};

// The compiled code of a pattern, renumbered and validated.
struct Program {
    std::vector<Code> code;
    std::size_t groups = 0;
    Dialect dialect;
};

// What a match or search works on and leaves: the subject's characters (a
// byte each for bytes and an ASCII str, else a code point each), the
// window [start, end), and after a success the span [start, ptr) and the
// group marks. Positions are indices into the subject; a mark is -1 where
// none was set.
struct State {
    const std::uint8_t* narrow = nullptr;  // one of these two is the subject
    const char32_t* wide = nullptr;
    std::int64_t length = 0;
    std::int64_t start = 0, end = 0, pos = 0, endpos = 0;
    std::int64_t ptr = 0;
    bool match_all = false;  // fullmatch: the match must end at `end`
    bool must_advance = false;  // after an empty match: the next may not be empty at `start`
    // 2 * groups + 2 of them, as far as the code's MARKs may reach.
    std::vector<std::int64_t> marks;
    int lastmark = -1, lastindex = -1;

    // CPython's state_reset: before each search of a loop.
    void reset() { lastmark = lastindex = -1; }
    // The span of group `g` (from 1) or {-1, -1} when it did not take part
    // (pattern_new_match: marks past `lastmark` are not valid).
    std::pair<std::int64_t, std::int64_t> group_span(std::size_t g) const {
        std::size_t i = 2 * (g - 1);
        if (static_cast<int>(i) + 1 > lastmark || marks[i] < 0 || marks[i + 1] < 0) return {-1, -1};
        return {marks[i], marks[i + 1]};
    }
};

// SRE(match) at state.ptr (the caller sets it, usually to start); 1 on a
// match (state.ptr is its end), 0 when none, below 0 on an engine error.
std::int64_t match(const Program& program, State& state);
// SRE(search) from state.start: on a match, state.start and state.ptr are
// its span.
std::int64_t search(const Program& program, State& state);

}  // namespace vm::sre
