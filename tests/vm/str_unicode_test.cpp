// str's answers that depend on a character's Unicode properties, from the
// tables of the profile's Unicode version (tools/unicode). Each expected
// output is what python3.8, 3.11, 3.13, Pyodide's 3.14 and pypy3 print,
// where they agree; else what the version named prints.
#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

namespace {

std::string run(const std::string& source) { return test::run_output(source); }

void check_unsupported(const std::string& source, const std::string& what) {
    test::Outcome o = test::run_program(source);
    INFO(o.output);
    CHECK(o.status == 3);
    CHECK(o.output.find("pymodel: unsupported: " + what) != std::string::npos);
}

}  // namespace

TEST_CASE("repr escapes Latin-1's unprintable characters, surrogates and separators", "[vm][str]") {
    CHECK(run(R"(print(repr('\x85'), repr('\xa0'), repr('é'), repr('\xad'), repr('\ud800'), repr('\u2028\u3000'))
print('{!a} {!r}'.format('é\ud800', 'é'), ascii('\xff') + '|%r' % ('x',), ascii(['é', '\x85']))
)") == "'\\x85' '\\xa0' 'é' '\\xad' '\\ud800' '\\u2028\\u3000'\n'\\xe9\\ud800' 'é' '\\xff'|'x' ['\\xe9', "
       "'\\x85']\n");
}

TEST_CASE("splitlines breaks at every line boundary, split and strip at every space", "[vm][str]") {
    CHECK(run(R"(print('a\x0bb\x0cc\x1cd\u2028e\r\nf\x85g\u2029h'.splitlines(), ''.splitlines(), 'x\n'.splitlines(True))
print(' a\u3000b\xa0c\x1cd '.split(), '\u3000 ab\u2003'.strip(), 'éaé'.strip('é'), 'xé'.rstrip('é'))
print('\u3000'.isspace(), ' \x1c'.isspace(), int(' 7\u3000'), float('\xa01.5'))
)") == "['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] [] ['x\\n']\n['a', 'b', 'c', 'd'] ab a x\nTrue True 7 1.5\n");
}

TEST_CASE("isupper and islower ask for one cased character, the others ignored", "[vm][str]") {
    CHECK(run("print('A1'.isupper(), 'a1'.islower(), '1'.isupper(), 'aB'.islower())\n") == "True True False False\n");
}

TEST_CASE("str answers outside ASCII come from the runtime's Unicode tables", "[vm][str]") {
    CHECK(run(R"(print(repr('\u200b\u4e00\U0001f600'), 'é'.upper(), 'ß'.upper(), len('İ'.lower()), 'ǆa'.title())
print('é'.isalpha(), '٣'.isdigit(), '²'.isdecimal(), '½'.isnumeric(), 'ǅ'.istitle(), 'ΑΣ'.lower(), 'ΣΑ'.lower())
print(int('٣٤'), float('١.٥'), 'ǅ'.swapcase(), 'ß'.casefold(), 'ǆ'.capitalize(), ''.isprintable())
)") == "'\\u200b一😀' É SS 2 ǅa\nTrue True False True True ας σα\n34 1.5 ǅ ss ǅ True\n");
}

TEST_CASE("a character new in Unicode 16.0 is a letter on 3.14, unassigned on 3.13", "[vm][str]") {
    const char* program = "c = '\\ua7cb'\nprint(repr(c), c.isalpha(), ascii(c.lower()), ascii('\\u0264'.upper()))\n";
    vm::Profile p313 = test::load_profile("cpython-3.13"), p314 = test::load_profile("cpython-3.14");
    CHECK(test::run_program(program, nullptr, &p313).output == "'\\ua7cb' False '\\ua7cb' '\\u0264'\n");
    CHECK(test::run_program(program, nullptr, &p314).output == "'\ua7cb' True '\\u0264' '\\ua7cb'\n");
}

TEST_CASE("int() of a str that is no number shows the str, not the ASCII it parsed", "[vm][str]") {
    CHECK(run(R"(for s in ['١é', 'x١', '\u3000x']:
    try:
        int(s)
    except ValueError as e:
        print(e)
)") == "invalid literal for int() with base 10: '١é'\ninvalid literal for int() with base 10: 'x١'\n"
       "invalid literal for int() with base 10: '\\u3000x'\n");
}

TEST_CASE("str answers with no table or no encoding are unsupported", "[vm][str]") {
    check_unsupported("'é'.encode('latin-1')\n", "str.encode()");
    check_unsupported("print('\\ud800')\n", "writing to a text file of a str with a lone surrogate");
    vm::Profile without_tables = test::load_profile("cpython-3.11");
    without_tables.unicode_tables_file.clear();
    test::Outcome o = test::run_program("'é'.upper()\n", nullptr, &without_tables);
    CHECK(o.status == 3);
    CHECK(o.output.find("the profile names no Unicode tables") != std::string::npos);
}
