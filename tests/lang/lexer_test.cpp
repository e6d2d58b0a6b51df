// Token streams for inputs where Python's lexical rules are subtle.
#include <catch2/catch.hpp>

#include "lang/lexer.hpp"

namespace {

// "NAME:x = NUMBER:1 NEWLINE END" style rendering of the tokens of `source`.
std::string tokens(const std::string& source) {
    lang::TokenStream stream = lang::tokenize(source, "t.py");
    std::string out;
    for (const lang::Token& t : stream.tokens) {
        std::string text;
        switch (t.kind) {
        case lang::Tok::Name: text = "NAME:" + std::string(t.text); break;
        case lang::Tok::Number: text = "NUMBER:" + std::string(t.text); break;
        case lang::Tok::String: text = "STRING:" + std::string(t.text); break;
        case lang::Tok::Newline: text = "NEWLINE"; break;
        case lang::Tok::Indent: text = "INDENT"; break;
        case lang::Tok::Dedent: text = "DEDENT"; break;
        case lang::Tok::EndMarker: text = "END"; break;
        case lang::Tok::Error: text = "ERROR:" + stream.error->type + ": " + stream.error->message; break;
        default: text = lang::token_spelling(t.kind);
        }
        out += (out.empty() ? "" : " ") + text;
    }
    return out;
}

}  // namespace

TEST_CASE("indentation makes INDENT and DEDENT tokens", "[lexer]") {
    CHECK(tokens("if a:\n    b\n    if c:\n        d\ne\n") ==
          "if NAME:a : NEWLINE INDENT NAME:b NEWLINE if NAME:c : NEWLINE INDENT NAME:d NEWLINE DEDENT DEDENT "
          "NAME:e NEWLINE END");
}

TEST_CASE("blank lines and comment lines do not count for indentation", "[lexer]") {
    CHECK(tokens("if a:\n\n  # comment\n    b  # trailing\n\n# at column 0\n    c\n") ==
          "if NAME:a : NEWLINE INDENT NAME:b NEWLINE NAME:c NEWLINE DEDENT END");
}

TEST_CASE("the end of the file closes every open block", "[lexer]") {
    CHECK(tokens("def f():\n  if x:\n    return 1") ==
          "def NAME:f ( ) : NEWLINE INDENT if NAME:x : NEWLINE INDENT return NUMBER:1 NEWLINE DEDENT DEDENT END");
}

TEST_CASE("newlines inside brackets join lines", "[lexer]") {
    CHECK(tokens("x = (1,\n  2,\n\n      [3,\n4])\ny\n") ==
          "NAME:x = ( NUMBER:1 , NUMBER:2 , [ NUMBER:3 , NUMBER:4 ] ) NEWLINE NAME:y NEWLINE END");
}

TEST_CASE("a backslash joins physical lines", "[lexer]") {
    CHECK(tokens("x = 1 + \\\n    2\nif a and \\\n  b:\n  pass\n") ==
          "NAME:x = NUMBER:1 + NUMBER:2 NEWLINE if NAME:a and NAME:b : NEWLINE INDENT pass NEWLINE DEDENT END");
}

TEST_CASE("tabs indent to multiples of eight", "[lexer]") {
    CHECK(tokens("if a:\n\tif b:\n\t\tc\n") ==
          "if NAME:a : NEWLINE INDENT if NAME:b : NEWLINE INDENT NAME:c NEWLINE DEDENT DEDENT END");
    // Eight spaces reach the tab's column, but not if a tab counts as one.
    CHECK(tokens("if a:\n\tb\n        c\n") ==
          "if NAME:a : NEWLINE INDENT NAME:b NEWLINE "
          "ERROR:TabError: inconsistent use of tabs and spaces in indentation");
}

TEST_CASE("a dedent must match an outer level", "[lexer]") {
    CHECK(tokens("if a:\n    b\n  c\n") ==
          "if NAME:a : NEWLINE INDENT NAME:b NEWLINE "
          "ERROR:IndentationError: unindent does not match any outer indentation level");
}

TEST_CASE("strings keep their prefix and quotes; f-strings are one token", "[lexer]") {
    CHECK(tokens("s = f'{a!r} {b[\"k\"]}' rb'\\d' '''x\n'y'''\n") ==
          "NAME:s = STRING:f'{a!r} {b[\"k\"]}' STRING:rb'\\d' STRING:'''x\n'y''' NEWLINE END");
    CHECK(tokens("u'a' Rb\"b\" F'c' fR'd'\n") == "STRING:u'a' STRING:Rb\"b\" STRING:F'c' STRING:fR'd' NEWLINE END");
    CHECK(tokens("bu'x'\n") == "NAME:bu STRING:'x' NEWLINE END");  // not a prefix
}

TEST_CASE("a backslash escapes the closing quote and the newline", "[lexer]") {
    CHECK(tokens("s = 'it\\'s' \"a\\\nb\"\n") == "NAME:s = STRING:'it\\'s' STRING:\"a\\\nb\" NEWLINE END");
}

TEST_CASE("numbers", "[lexer]") {
    CHECK(tokens("1_000 0x_1F 0o17 0b1 1.5 .5 5. 1e-3 2j 00\n") ==
          "NUMBER:1_000 NUMBER:0x_1F NUMBER:0o17 NUMBER:0b1 NUMBER:1.5 NUMBER:.5 NUMBER:5. NUMBER:1e-3 NUMBER:2j "
          "NUMBER:00 NEWLINE END");
    CHECK(tokens("1if x else 2\n") == "NUMBER:1 if NAME:x else NUMBER:2 NEWLINE END");
    CHECK(tokens("1_\n") == "ERROR:SyntaxError: invalid decimal literal");
    CHECK(tokens("0b2\n") == "ERROR:SyntaxError: invalid digit '2' in binary literal");
}

TEST_CASE("operators take the longest match", "[lexer]") {
    CHECK(tokens("a **= b // c ... -> != := <<= >>\n") ==
          "NAME:a **= NAME:b // NAME:c ... -> != := <<= >> NEWLINE END");
}

TEST_CASE("keywords and soft keywords", "[lexer]") {
    CHECK(tokens("match case _ async await None\n") == "NAME:match NAME:case NAME:_ async await None NEWLINE END");
}

TEST_CASE("token positions", "[lexer]") {
    lang::TokenStream s = lang::tokenize("x = '''a\nb''' + y\n", "t.py");
    REQUIRE(s.tokens.size() >= 5);
    const lang::Token& str = s.tokens[2];
    CHECK(std::make_tuple(str.line, str.col, str.end_line, str.end_col) == std::make_tuple(1, 4, 2, 4));
    const lang::Token& y = s.tokens[4];
    CHECK(std::tie(y.line, y.col) == std::make_tuple(2, 7));
}

TEST_CASE("lexical errors", "[lexer]") {
    CHECK(tokens("x = (\n") == "NAME:x = ( ERROR:SyntaxError: '(' was never closed");
    CHECK(tokens("x = )\n") == "NAME:x = ERROR:SyntaxError: unmatched ')'");
    CHECK(tokens("'abc\n") == "ERROR:SyntaxError: unterminated string literal (detected at line 1)");
    CHECK(tokens("x = $\n") == "NAME:x = ERROR:SyntaxError: invalid syntax");
    CHECK(tokens("\xff\n") ==
          "ERROR:SyntaxError: Non-UTF-8 code starting with '\\xff' in file t.py on line 1, but no encoding declared; "
          "see https://peps.python.org/pep-0263/ for details");
}

TEST_CASE("string literals decode their escapes", "[lexer]") {
    auto decode = [](const std::string& source) {
        lang::TokenStream s = lang::tokenize(source, "t.py");
        lang::EscapeProblem problem;
        std::string value = lang::decode_string(s.tokens[0], problem);
        return problem.kind == lang::EscapeProblem::Kind::None ? value
                                                               : "<" + lang::escape_problem_message(problem) + ">";
    };
    CHECK(decode("'a\\tb\\n\\x41\\101\\u00e9\\\\\\q'") == "a\tb\nAA\xc3\xa9\\\\q");
    CHECK(decode("r'a\\tb'") == "a\\tb");
    CHECK(decode("b'\\xff\\u0041'") == "\xff\\u0041");
    CHECK(decode("'''a\\\nb'''") == "ab");
    CHECK(decode("'\\N{DASH}'") == "<>");  // unsupported: no CPython message
    CHECK(decode("'ab\\u12'") ==
          "<(unicode error) 'unicodeescape' codec can't decode bytes in position 2-5: truncated \\uXXXX escape>");
    CHECK(decode("b'\\x4'") == "<(value error) invalid \\x escape at position 0>");
}
