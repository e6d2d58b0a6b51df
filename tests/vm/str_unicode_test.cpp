// str's answers that depend on a character's Unicode properties: right for
// the characters whose properties are the same in every modeled Unicode
// version (12.1 to 16.0), unsupported for the others. Each expected output
// is what python3.8, 3.11, 3.13, Pyodide's 3.14 and pypy3 print.
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
print('{!a} {!r}'.format('é\ud800', 'é'), '%a|%r' % ('\xff', 'x'), ascii(['é', '\x85']))
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

TEST_CASE("str answers that need the runtime's Unicode tables are unsupported", "[vm][str]") {
    check_unsupported("repr('\\u200b')\n", "repr() of a str with U+200B");
    check_unsupported("'é'.upper()\n", "str.upper() of a str with characters outside ASCII");
    check_unsupported("'é'.isalpha()\n", "str.isalpha()");
    check_unsupported("'ǅ'.title()\n", "str.title()");
    check_unsupported("int('٣')\n", "int() of a str with characters outside ASCII");
    check_unsupported("'é'.encode('latin-1')\n", "str.encode()");
    check_unsupported("print('\\ud800')\n", "writing to a text file of a str with a lone surrogate");
}
