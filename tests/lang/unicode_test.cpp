// The Unicode tables' file (lang/unicode.hpp), the answers of two versions
// that differ, and str's repr by them.
#include <catch2/catch.hpp>

#include "lang/unicode.hpp"
#include "support.hpp"

using Set = lang::UnicodeTables::Set;
using Mapping = lang::UnicodeTables::Mapping;

namespace {

std::u32string mapped(const lang::UnicodeTables& tables, Mapping mapping, char32_t c) {
    std::u32string out;
    tables.map(mapping, c, out);
    return out;
}

}  // namespace

TEST_CASE("the recorded tables read, each with its version", "[unicode]") {
    for (const char* version : {"12.1.0", "13.0.0", "14.0.0", "15.0.0", "15.1.0", "16.0.0"}) {
        CHECK(test::unicode_tables(version).version() == version);
        std::string error;
        CHECK(test::unicode_tables(version).check(error));
        CHECK(error.empty());
    }
}

TEST_CASE("a letter new in Unicode 16.0 is one there, not in 12.1", "[unicode]") {
    const lang::UnicodeTables& old_tables = test::unicode_tables("12.1.0");
    const lang::UnicodeTables& new_tables = test::unicode_tables("16.0.0");
    constexpr char32_t kCapitalRamsHorn = 0xA7CB, kSmallRamsHorn = 0x264;  // Ɤ ɤ: a pair from 16.0
    CHECK_FALSE(old_tables.has(Set::Alpha, kCapitalRamsHorn));
    CHECK(new_tables.has(Set::Alpha, kCapitalRamsHorn));
    CHECK(new_tables.has(Set::Upper, kCapitalRamsHorn));
    CHECK(mapped(old_tables, Mapping::Lower, kCapitalRamsHorn) == U"\uA7CB");
    CHECK(mapped(new_tables, Mapping::Lower, kCapitalRamsHorn) == U"\u0264");
    CHECK(mapped(old_tables, Mapping::Upper, kSmallRamsHorn) == U"\u0264");
    CHECK(mapped(new_tables, Mapping::Upper, kSmallRamsHorn) == U"\uA7CB");
    CHECK(lang::str_repr("\uA7CB", old_tables) == "'\\ua7cb'");
    CHECK(lang::str_repr("\uA7CB", new_tables) == "'\uA7CB'");
}

TEST_CASE("full case mappings, decimal digits and the sets of every version", "[unicode]") {
    const lang::UnicodeTables& tables = test::unicode_tables("12.1.0");
    CHECK(mapped(tables, Mapping::Upper, U'\u00DF') == U"SS");
    CHECK(mapped(tables, Mapping::Lower, U'\u0130') == U"i\u0307");
    CHECK(mapped(tables, Mapping::Title, U'\u01C6') == U"\u01C5");  // dž: title Dž, upper DŽ
    CHECK(mapped(tables, Mapping::Upper, U'\u01C6') == U"\u01C4");
    CHECK(mapped(tables, Mapping::Casefold, U'\u00DF') == U"ss");
    CHECK(mapped(tables, Mapping::Upper, U'a') == U"A");
    CHECK(mapped(tables, Mapping::Upper, U'\u4E00') == U"\u4E00");
    CHECK(tables.decimal_value(U'\u0663') == 3);  // ARABIC-INDIC DIGIT THREE
    CHECK(tables.decimal_value(U'\u00B2') == -1);  // superscript two: a digit, not decimal
    CHECK(tables.has(Set::Digit, U'\u00B2'));
    CHECK(tables.has(Set::Title, U'\u01C5'));
    CHECK(tables.has(Set::CaseIgnorable, U'\''));
    CHECK_FALSE(tables.has(Set::Printable, U'\u2003'));
    CHECK(lang::str_repr("a\u2003\U0001F600\u0085'", tables) == "\"a\\u2003\U0001F600\\x85'\"");
}

TEST_CASE("a table line the format does not allow is an error naming the file and line", "[unicode]") {
    std::string error;
    auto tables = lang::UnicodeTables::index("unicode 1.0\nalpha 41,x\n", "t.unicode", error);
    REQUIRE(tables);  // its tokens are parsed when asked
    CHECK_THROWS_WITH(tables->has(Set::Alpha, U'A'), "t.unicode:2: `alpha` has a token the format does not allow");
    CHECK_FALSE(tables->check(error));
    CHECK(error == "t.unicode:2: `alpha` has a token the format does not allow");
    CHECK_FALSE(lang::UnicodeTables::index("unicode 1.0\ncolour 1,1\n", "t.unicode", error));
    CHECK(error == "t.unicode:2: `colour` is no set, mapping or `unicode VERSION`");
    CHECK_FALSE(lang::UnicodeTables::index("alpha 41,1a\n", "t.unicode", error));
    CHECK(error == "t.unicode: no `unicode VERSION` line");
    CHECK(lang::UnicodeTables().empty());
}
