// The parser: golden syntax trees for every construct (tests/lang/inputs),
// and operator precedence.
#include <catch2/catch.hpp>

#include "lang/ast.hpp"
#include "lang/parser.hpp"
#include "support.hpp"

namespace {

std::string ast_of(const std::string& source) {
    lang::Notes notes;
    return lang::ast::dump(lang::parse(source, "t.py", notes), test::unicode_tables());
}

// A compact rendering of an expression's tree, without spans:
// "BinOp + (Name a) (BinOp * (Name b) (Name c))".
std::string shape(const std::string& expression) {
    std::string dump = ast_of("(" + expression + ")\n");
    std::string out;
    int last_indent = -1;
    std::vector<int> open;
    for (std::size_t pos = 0; pos < dump.size();) {
        std::size_t eol = dump.find('\n', pos);
        std::string line = dump.substr(pos, eol - pos);
        pos = eol + 1;
        int indent = static_cast<int>(line.find_first_not_of(' '));
        std::string text = line.substr(indent);
        if (text.back() == ':') continue;  // field labels
        std::size_t space = text.find(' ');
        if (text[0] >= '0' && text[0] <= '9') text = text.substr(space + 1);  // drop the span
        if (indent == 0) continue;  // the Expr statement
        while (!open.empty() && open.back() >= indent) {
            out += ")";
            open.pop_back();
        }
        out += (last_indent < 0 ? "(" : " (") + text;
        open.push_back(indent);
        last_indent = indent;
    }
    for (std::size_t i = 0; i < open.size(); ++i) out += ")";
    return out;
}

}  // namespace

TEST_CASE("golden syntax trees", "[parser][golden]") { test::check_golden(".ast", ast_of); }

TEST_CASE("binary operators follow Python's precedence", "[parser]") {
    CHECK(shape("a + b * c") == "(BinOp + (Name a) (BinOp * (Name b) (Name c)))");
    CHECK(shape("a - b - c") == "(BinOp - (BinOp - (Name a) (Name b)) (Name c))");
    CHECK(shape("a ** b ** c") == "(BinOp ** (Name a) (BinOp ** (Name b) (Name c)))");
    CHECK(shape("-a ** b") == "(UnaryOp - (BinOp ** (Name a) (Name b)))");
    CHECK(shape("a ** -b") == "(BinOp ** (Name a) (UnaryOp - (Name b)))");
    CHECK(shape("a | b ^ c & d << e + f") ==
          "(BinOp | (Name a) (BinOp ^ (Name b) (BinOp & (Name c) (BinOp << (Name d) (BinOp + (Name e) (Name f))))))");
}

TEST_CASE("boolean operators, not and comparisons", "[parser]") {
    CHECK(shape("not a == b") == "(UnaryOp not (Compare == (Name a) (Name b)))");
    CHECK(shape("a or b and not c") == "(BoolOp or (Name a) (BoolOp and (Name b) (UnaryOp not (Name c))))");
    CHECK(shape("a or b or c") == "(BoolOp or (Name a) (Name b) (Name c))");
    CHECK(shape("a < b is not c not in d") == "(Compare < is not not in (Name a) (Name b) (Name c) (Name d))");
    CHECK(shape("a if b else c if d else e") == "(IfExp (Name b) (Name a) (IfExp (Name d) (Name c) (Name e)))");
}

TEST_CASE("primaries bind tightest", "[parser]") {
    CHECK(shape("-a.b(c)[d]") == "(UnaryOp - (Subscript (Call (Attribute .b (Name a)) (Name c)) (Name d)))");
    CHECK(shape("a[1:2, ::3]") ==
          "(Subscript (Name a) (Tuple (Slice (Constant 1) (Constant 2)) (Slice (Constant 3))))");
}

TEST_CASE("f-strings are split into literal parts and fields", "[parser]") {
    CHECK(shape("f'a{b!r}c{d}' 'e'") ==
          "(JoinedStr (Constant 'a') (FormattedValue !r (Name b)) (Constant 'c') (FormattedValue (Name d)) (Constant "
          "'e'))");
    CHECK(shape("f'{{x}}'") == "(Constant '{x}')");
    // A format spec is a JoinedStr, empty too (as CPython's ast), with its
    // literal text and nested fields.
    CHECK(shape("f'{a + b:}'") == "(JoinedStr (FormattedValue (BinOp + (Name a) (Name b)) (JoinedStr)))");
    CHECK(
        shape("f'{a:>{w}.2f}'") ==
        "(JoinedStr (FormattedValue (Name a) (JoinedStr (Constant '>') (FormattedValue (Name w)) (Constant '.2f'))))");
    CHECK(shape("f'''{\n  x\n}'''") == "(JoinedStr (FormattedValue (Name x)))");
}

TEST_CASE("spans cover the whole construct", "[parser]") {
    CHECK(ast_of("x = f(1,\n      2)\n") ==
          "1:0-2:8 Assign\n"
          "  targets:\n"
          "    1:0-1:1 Name x\n"
          "  value:\n"
          "    1:4-2:8 Call\n"
          "      func:\n"
          "        1:4-1:5 Name f\n"
          "      args:\n"
          "        1:6-1:7 Constant 1\n"
          "        2:6-2:7 Constant 2\n");
}
