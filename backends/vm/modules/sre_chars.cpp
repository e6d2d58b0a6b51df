// What the _sre engine asks of a character (sre_engine.hpp, Chars): Unicode's
// answers from the modeled runtime's tables, the locale's from the C
// library in the locale CPython takes from the environment at start-up.
#include <langinfo.h>
#include <clocale>

#include <cctype>
#include <cstring>

#include "../api.hpp"
#include "sre_engine.hpp"

namespace vm::sre {

namespace {

using Set = lang::UnicodeTables::Set;
using Mapping = lang::UnicodeTables::Mapping;

Code first_of_mapping(Mapping mapping, Code c) {
    static std::u32string mapped;
    mapped.clear();
    unicode_tables().map(mapping, static_cast<char32_t>(c), mapped);
    return mapped.empty() ? c : mapped[0];
}

// The LC_CTYPE locale CPython sets from the environment when it starts
// (setlocale(LC_CTYPE, "")), or "C" when the environment names none that
// exists.
locale_t ctype_locale() {
    static locale_t locale = [] {
        locale_t l = newlocale(LC_CTYPE_MASK, "", static_cast<locale_t>(nullptr));
        return l ? l : newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(nullptr));
    }();
    return locale;
}

}  // namespace

bool Chars::uni_space(Code c) { return is_unicode_space(static_cast<char32_t>(c)); }

bool Chars::uni_digit(Code c) {
    if (c < 0x80) return ascii_digit(c);
    return unicode_tables().has(Set::Decimal, static_cast<char32_t>(c));
}

bool Chars::uni_word(Code c) {
    if (c < 0x80) return ascii_word(c);
    const lang::UnicodeTables& tables = unicode_tables();
    auto ch = static_cast<char32_t>(c);
    return tables.has(Set::Alpha, ch) || tables.has(Set::Decimal, ch) || tables.has(Set::Digit, ch) ||
           tables.has(Set::Numeric, ch);
}

Code Chars::uni_lower(Code c) { return c < 0x80 ? ascii_lower(c) : first_of_mapping(Mapping::Lower, c); }

Code Chars::uni_upper(Code c) { return c < 0x80 ? ascii_upper(c) : first_of_mapping(Mapping::Upper, c); }

// SRE_LOC_IS_ALNUM, sre_lower_locale and sre_upper_locale: only a byte has
// an answer in the locale.
bool Chars::loc_alnum(Code c) { return c < 256 && isalnum_l(static_cast<int>(c), ctype_locale()); }

Code Chars::loc_lower(Code c) {
    return c < 256 ? static_cast<Code>(tolower_l(static_cast<int>(c), ctype_locale())) : c;
}

Code Chars::loc_upper(Code c) {
    return c < 256 ? static_cast<Code>(toupper_l(static_cast<int>(c), ctype_locale())) : c;
}

bool Chars::category(Code category, Code c) {
    switch (category) {
    case CATEGORY_DIGIT: return ascii_digit(c);
    case CATEGORY_NOT_DIGIT: return !ascii_digit(c);
    case CATEGORY_SPACE: return ascii_space(c);
    case CATEGORY_NOT_SPACE: return !ascii_space(c);
    case CATEGORY_WORD: return ascii_word(c);
    case CATEGORY_NOT_WORD: return !ascii_word(c);
    case CATEGORY_LINEBREAK: return c == '\n';
    case CATEGORY_NOT_LINEBREAK: return c != '\n';
    case CATEGORY_LOC_WORD: return loc_word(c);
    case CATEGORY_LOC_NOT_WORD: return !loc_word(c);
    case CATEGORY_UNI_DIGIT: return uni_digit(c);
    case CATEGORY_UNI_NOT_DIGIT: return !uni_digit(c);
    case CATEGORY_UNI_SPACE: return uni_space(c);
    case CATEGORY_UNI_NOT_SPACE: return !uni_space(c);
    case CATEGORY_UNI_WORD: return uni_word(c);
    case CATEGORY_UNI_NOT_WORD: return !uni_word(c);
    case CATEGORY_UNI_LINEBREAK: return uni_linebreak(c);
    case CATEGORY_UNI_NOT_LINEBREAK: return !uni_linebreak(c);
    default: return false;
    }
}

}  // namespace vm::sre
