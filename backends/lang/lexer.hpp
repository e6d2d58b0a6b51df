// The lexer: Python 3.11's tokenizer rules for the whole language (the
// parser, not the lexer, decides what is outside pymodel's subset).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace lang {

// TOKEN(kind, spelling): the spelling is the operator or keyword itself, or a
// description for the other kinds.
// clang-format off
#define LANG_TOKENS(TOKEN)                                                                       \
    TOKEN(EndMarker, "end of file") TOKEN(Newline, "newline") TOKEN(Indent, "indent")             \
    TOKEN(Dedent, "dedent") TOKEN(Name, "name") TOKEN(Number, "number") TOKEN(String, "string")  \
    TOKEN(Error, "error")                                                                        \
    /* operators and delimiters */                                                               \
    TOKEN(LParen, "(") TOKEN(RParen, ")") TOKEN(LBracket, "[") TOKEN(RBracket, "]")              \
    TOKEN(LBrace, "{") TOKEN(RBrace, "}") TOKEN(Colon, ":") TOKEN(Comma, ",")                    \
    TOKEN(Semicolon, ";") TOKEN(Plus, "+") TOKEN(Minus, "-") TOKEN(Star, "*") TOKEN(Slash, "/")  \
    TOKEN(VBar, "|") TOKEN(Amper, "&") TOKEN(Less, "<") TOKEN(Greater, ">") TOKEN(Equal, "=")    \
    TOKEN(Dot, ".") TOKEN(Percent, "%") TOKEN(EqEqual, "==") TOKEN(NotEqual, "!=")               \
    TOKEN(LessEqual, "<=") TOKEN(GreaterEqual, ">=") TOKEN(Tilde, "~") TOKEN(Circumflex, "^")    \
    TOKEN(LeftShift, "<<") TOKEN(RightShift, ">>") TOKEN(DoubleStar, "**")                       \
    TOKEN(PlusEqual, "+=") TOKEN(MinEqual, "-=") TOKEN(StarEqual, "*=") TOKEN(SlashEqual, "/=")  \
    TOKEN(PercentEqual, "%=") TOKEN(AmperEqual, "&=") TOKEN(VBarEqual, "|=")                     \
    TOKEN(CircumflexEqual, "^=") TOKEN(LeftShiftEqual, "<<=") TOKEN(RightShiftEqual, ">>=")      \
    TOKEN(DoubleStarEqual, "**=") TOKEN(DoubleSlash, "//") TOKEN(DoubleSlashEqual, "//=")        \
    TOKEN(At, "@") TOKEN(AtEqual, "@=") TOKEN(RArrow, "->") TOKEN(Ellipsis, "...")               \
    TOKEN(ColonEqual, ":=") TOKEN(Exclamation, "!")                                              \
    /* keywords */                                                                               \
    TOKEN(False, "False") TOKEN(None, "None") TOKEN(True, "True") TOKEN(And, "and")              \
    TOKEN(As, "as") TOKEN(Assert, "assert") TOKEN(Async, "async") TOKEN(Await, "await")          \
    TOKEN(Break, "break") TOKEN(Class, "class") TOKEN(Continue, "continue") TOKEN(Def, "def")    \
    TOKEN(Del, "del") TOKEN(Elif, "elif") TOKEN(Else, "else") TOKEN(Except, "except")            \
    TOKEN(Finally, "finally") TOKEN(For, "for") TOKEN(From, "from") TOKEN(Global, "global")      \
    TOKEN(If, "if") TOKEN(Import, "import") TOKEN(In, "in") TOKEN(Is, "is")                      \
    TOKEN(Lambda, "lambda") TOKEN(Nonlocal, "nonlocal") TOKEN(Not, "not") TOKEN(Or, "or")        \
    TOKEN(Pass, "pass") TOKEN(Raise, "raise") TOKEN(Return, "return") TOKEN(Try, "try")          \
    TOKEN(While, "while") TOKEN(With, "with") TOKEN(Yield, "yield")
// clang-format on

enum class Tok : std::uint8_t {
#define LANG_TOKEN_ENUM(kind, spelling) kind,
    LANG_TOKENS(LANG_TOKEN_ENUM)
#undef LANG_TOKEN_ENUM
};
constexpr int kTokenKindCount = static_cast<int>(Tok::Yield) + 1;

// "(" for Tok::LParen, "if" for Tok::If, "name" for Tok::Name, ...
const char* token_spelling(Tok kind);
bool is_keyword(Tok kind);
// Whether `text` reads as one name (str.isidentifier, keywords included),
// by the lexer's rule for characters beyond ASCII.
bool is_identifier(std::string_view text);

struct Token {
    Tok kind = Tok::EndMarker;
    std::string_view text;  // the source text (a string keeps its prefix and quotes)
    // 1-based lines, 0-based byte columns; -1 for DEDENT and a last ENDMARKER,
    // which have none (as in CPython)
    int line = 0, col = 0, end_line = 0, end_col = 0;
};

// Tokenizes `source` completely. Tokenizing stops at the first error: the
// last token is then Tok::Error and `error` holds the diagnostic, which the
// parser raises only when it reaches that token (so that an earlier parse
// error wins, as in CPython, whose parser pulls tokens one by one).
struct TokenStream {
    std::vector<Token> tokens;
    std::optional<Diagnostic> error;
    std::vector<Warning> warnings;  // "invalid decimal literal" for 1if, as CPython warns
    // The error is the end of the file inside brackets ("'(' was never
    // closed"), opened on `unclosed_line`.
    bool unclosed = false;
    int unclosed_line = 0;
    // A PEP 263 declaration of an encoding other than UTF-8 (pymodel reads
    // UTF-8 only), and its line.
    std::optional<std::string> foreign_encoding;
    int encoding_line = 0;
};
TokenStream tokenize(std::string_view source, const std::string& filename);

// Tokenizes the expression of an f-string replacement field, `text`, which
// starts at (line, col) of the file: as if inside brackets, without
// NEWLINE/INDENT tokens.
TokenStream tokenize_fstring_expression(std::string_view text, const std::string& filename, int line, int col);

// A string literal token taken apart.
struct StringPrefix {
    bool raw = false, bytes = false, formatted = false;
    std::size_t length = 0;  // characters of the prefix
    std::size_t quote = 1;  // 1 or 3
};
StringPrefix string_prefix(std::string_view token_text);

// What can go wrong in a literal's escapes, with the byte offsets in the
// body that CPython's messages give.
struct EscapeProblem {
    enum class Kind { None, Truncated, IllegalCharacter, BadBytesEscape, NamedEscape } kind = Kind::None;
    std::size_t start = 0, end = 0;  // the escape's first and last byte
    char escape = 0;  // x, u or U
};
// CPython's message for a problem (not NamedEscape, which is unsupported).
std::string escape_problem_message(const EscapeProblem& p);

// Decodes the escapes of `body`, a literal's text (or a piece of an
// f-string) with the given prefix: UTF-8 out, one char per byte for bytes.
// Stops at the first problem.
std::string decode_escapes(std::string_view body, const StringPrefix& prefix, EscapeProblem& problem);

// The value of a (non f-) string literal token.
std::string decode_string(const Token& token, EscapeProblem& problem);

}  // namespace lang
