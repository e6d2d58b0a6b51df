// The lexer, after CPython 3.11's Parser/tokenizer.c: indentation with an
// indent stack (tabs to multiples of 8, checked against tabs counted as 1
// column for TabError), implicit line joining inside brackets, backslash
// continuation, and the tokenizer's own error messages.
#include "lexer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "unicode.hpp"

namespace lang {

namespace {

constexpr std::array<const char*, kTokenKindCount> spellings = {
#define LANG_TOKEN_SPELLING(kind, spelling) spelling,
    LANG_TOKENS(LANG_TOKEN_SPELLING)
#undef LANG_TOKEN_SPELLING
};

constexpr int kMaxIndentLevels = 100;  // CPython's MAXINDENT
constexpr int kMaxParenLevels = 200;  // CPython's MAXLEVEL

bool is_ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// Length of the UTF-8 sequence starting at s[i] if it is valid, else 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    unsigned char c = s[i];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    if (n == 2 && c < 0xC2) return 0;  // overlong
    return n;
}

// Without Unicode's tables, a few ranges of punctuation and symbols stand
// for the characters CPython refuses in identifiers (curly quotes, NBSP...).
bool is_invalid_character(char32_t cp) {
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return false;  // letters: ª µ º
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           cp == 0xFEFF;
}

struct Keyword {
    std::string_view text;
    Tok kind;
};
constexpr Keyword keywords[] = {
    {"False", Tok::False},
    {"None", Tok::None},
    {"True", Tok::True},
    {"and", Tok::And},
    {"as", Tok::As},
    {"assert", Tok::Assert},
    {"async", Tok::Async},
    {"await", Tok::Await},
    {"break", Tok::Break},
    {"class", Tok::Class},
    {"continue", Tok::Continue},
    {"def", Tok::Def},
    {"del", Tok::Del},
    {"elif", Tok::Elif},
    {"else", Tok::Else},
    {"except", Tok::Except},
    {"finally", Tok::Finally},
    {"for", Tok::For},
    {"from", Tok::From},
    {"global", Tok::Global},
    {"if", Tok::If},
    {"import", Tok::Import},
    {"in", Tok::In},
    {"is", Tok::Is},
    {"lambda", Tok::Lambda},
    {"nonlocal", Tok::Nonlocal},
    {"not", Tok::Not},
    {"or", Tok::Or},
    {"pass", Tok::Pass},
    {"raise", Tok::Raise},
    {"return", Tok::Return},
    {"try", Tok::Try},
    {"while", Tok::While},
    {"with", Tok::With},
    {"yield", Tok::Yield},
};

// Operators, longest first so that the first match is the longest.
struct Operator {
    std::string_view text;
    Tok kind;
};
constexpr Operator operators[] = {
    {"**=", Tok::DoubleStarEqual},
    {"//=", Tok::DoubleSlashEqual},
    {"<<=", Tok::LeftShiftEqual},
    {">>=", Tok::RightShiftEqual},
    {"...", Tok::Ellipsis},
    {"==", Tok::EqEqual},
    {"!=", Tok::NotEqual},
    {"<=", Tok::LessEqual},
    {">=", Tok::GreaterEqual},
    {"<<", Tok::LeftShift},
    {">>", Tok::RightShift},
    {"**", Tok::DoubleStar},
    {"//", Tok::DoubleSlash},
    {"+=", Tok::PlusEqual},
    {"-=", Tok::MinEqual},
    {"*=", Tok::StarEqual},
    {"/=", Tok::SlashEqual},
    {"%=", Tok::PercentEqual},
    {"&=", Tok::AmperEqual},
    {"|=", Tok::VBarEqual},
    {"^=", Tok::CircumflexEqual},
    {"@=", Tok::AtEqual},
    {"->", Tok::RArrow},
    {":=", Tok::ColonEqual},
    {"(", Tok::LParen},
    {")", Tok::RParen},
    {"[", Tok::LBracket},
    {"]", Tok::RBracket},
    {"{", Tok::LBrace},
    {"}", Tok::RBrace},
    {":", Tok::Colon},
    {",", Tok::Comma},
    {";", Tok::Semicolon},
    {"+", Tok::Plus},
    {"-", Tok::Minus},
    {"*", Tok::Star},
    {"/", Tok::Slash},
    {"|", Tok::VBar},
    {"&", Tok::Amper},
    {"<", Tok::Less},
    {">", Tok::Greater},
    {"=", Tok::Equal},
    {".", Tok::Dot},
    {"%", Tok::Percent},
    {"~", Tok::Tilde},
    {"^", Tok::Circumflex},
    {"@", Tok::At},
    {"!", Tok::Exclamation},
};

struct LexError {};  // unwinds the lexer once out.error is set

class Lexer {
  public:
    Lexer(std::string_view source, const std::string& filename, bool fstring_expression, int line, int col)
        : src_(source),
          filename_(filename),
          fstring_(fstring_expression),
          line_(line),
          line_start_(-static_cast<long>(col)) {}

    TokenStream run() {
        try {
            if (!fstring_) check_encoding();
            if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3, line_start_ = 3;
            while (!at_end_token()) {
            }
        } catch (const LexError&) {
            out_.tokens.push_back(Token{Tok::Error, {}, line_, column(), line_, column()});
        }
        return std::move(out_);
    }

  private:
    std::string_view src_;
    const std::string& filename_;
    bool fstring_;
    std::size_t pos_ = 0;
    int line_;
    long line_start_;  // offset of the current line's start (columns are pos_ - line_start_)
    bool at_line_start_ = true;
    std::vector<int> indents_{0}, alt_indents_{0};
    struct Open {
        char c;
        int line, col;
    };
    std::vector<Open> parens_;
    TokenStream out_;

    int column() const { return static_cast<int>(static_cast<long>(pos_) - line_start_); }
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }
    bool at_eof() const { return pos_ >= src_.size(); }

    [[noreturn]] void fail(std::string type, std::string message, int line, int col, int end_line = 0,
                           int end_col = 0) {
        Diagnostic d;
        d.type = std::move(type);
        d.message = std::move(message);
        d.filename = filename_;
        d.line = line, d.col = col;
        d.end_line = end_line ? end_line : line;
        d.end_col = end_line ? end_col : col + 1;
        d.char_columns = true;
        out_.error = std::move(d);
        throw LexError{};
    }
    [[noreturn]] void fail(std::string message, int line, int col) {
        fail("SyntaxError", std::move(message), line, col);
    }

    void emit(Tok kind, std::size_t start, int line, int col) {
        out_.tokens.push_back(Token{kind, src_.substr(start, pos_ - start), line, col, line_, column()});
    }

    // A coding declaration (PEP 263) on line 1 or 2: `# -*- coding: NAME -*-`.
    // Returns false for an encoding other than UTF-8.
    bool declared_utf8() {
        std::size_t start = 0;
        for (int line = 1; line <= 2 && start < src_.size(); ++line) {
            std::size_t end = src_.find('\n', start);
            std::string_view text =
                src_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
            std::size_t first = text.find_first_not_of(" \t\f");
            if (first == std::string_view::npos || text[first] != '#') {
                if (first != std::string_view::npos) return true;  // code: no declaration after it
            } else if (std::size_t at = text.find("coding", first); at != std::string_view::npos &&
                                                                    at + 6 < text.size() &&
                                                                    (text[at + 6] == ':' || text[at + 6] == '=')) {
                std::size_t name = text.find_first_not_of(" \t", at + 7);
                std::string encoding;
                for (std::size_t k = name; k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) ||
                                                               text[k] == '-' || text[k] == '_' || text[k] == '.');
                     ++k)
                    encoding +=
                        static_cast<char>(text[k] == '_' ? '-' : std::tolower(static_cast<unsigned char>(text[k])));
                if (encoding == "utf-8" || encoding == "utf8" || encoding.rfind("utf-8-", 0) == 0) return true;
                out_.foreign_encoding = encoding;
                out_.encoding_line = line;
                return false;
            }
            if (end == std::string_view::npos) break;
            start = end + 1;
        }
        return true;
    }

    // CPython decodes the whole file first: invalid UTF-8 and NUL bytes are
    // reported before any token.
    void check_encoding() {
        if (!declared_utf8()) return;
        int line = 1;
        for (std::size_t i = 0; i < src_.size();) {
            if (src_[i] == '\0') fail("SyntaxError", "source code cannot contain null bytes", line, -1);
            std::size_t n = utf8_length(src_, i);
            if (n == 0) {
                Diagnostic d;
                d.message = fmt::format(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding "
                    "declared; see https://peps.python.org/pep-0263/ for details",
                    static_cast<unsigned char>(src_[i]), filename_, line);
                d.filename = filename_;
                out_.error = std::move(d);
                throw LexError{};
            }
            if (src_[i] == '\n') ++line;
            i += n;
        }
    }

    void new_line() {
        ++line_;
        line_start_ = static_cast<long>(pos_);
    }

    // Consumes a line break ("\n", "\r\n" or "\r") at pos_.
    void consume_line_break() {
        if (peek() == '\r' && peek(1) == '\n') ++pos_;
        ++pos_;
        new_line();
    }

    bool at_line_break() const { return peek() == '\n' || peek() == '\r'; }

    // Reads one token (or several DEDENTs); returns true after ENDMARKER.
    bool at_end_token() {
        if (at_line_start_ && parens_.empty() && !fstring_) {
            at_line_start_ = false;
            if (read_indentation()) return false;
        }
        skip_blanks();
        if (at_eof()) return end_of_file();
        char c = peek();
        if (at_line_break()) {
            std::size_t start = pos_;
            int col = column();
            int line = line_;
            consume_line_break();
            if (parens_.empty() && !fstring_) {
                out_.tokens.push_back(Token{Tok::Newline, src_.substr(start, pos_ - start), line, col, line, col + 1});
                at_line_start_ = true;
            }
            return false;
        }
        if (c == '\\') {
            continuation();
            return false;
        }
        std::size_t start = pos_;
        int line = line_, col = column();
        if (is_ident_start(static_cast<unsigned char>(c))) {
            name_or_string(start, line, col);
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
            number(start, line, col);
        } else if (c == '"' || c == '\'') {
            string(start, line, col);
        } else {
            operator_token(start, line, col);
        }
        return false;
    }

    void skip_blanks() {
        for (;;) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\f') {
                ++pos_;
            } else if (c == '#') {
                while (!at_eof() && !at_line_break()) ++pos_;
            } else {
                return;
            }
        }
    }

    void continuation() {
        int col = column();
        ++pos_;
        if (at_eof()) fail("unexpected EOF while parsing", line_, col + 1);
        if (!at_line_break()) fail("unexpected character after line continuation character", line_, col + 1);
        consume_line_break();
        if (at_eof()) fail("unexpected EOF while parsing", line_, 0);
    }

    // At the start of a logical line: measures its indentation and emits
    // INDENT/DEDENT. Returns true for a blank or comment-only line, which
    // does not count.
    bool read_indentation() {
        int col = 0, alt = 0;
        for (;; ++pos_) {
            char c = peek();
            if (c == ' ') ++col, ++alt;
            else if (c == '\t') col = (col / 8 + 1) * 8, ++alt;
            else if (c == '\f') col = alt = 0;
            else break;
        }
        if (peek() == '#' || at_line_break() || at_eof()) {
            skip_blanks();
            if (at_eof()) return false;
            if (at_line_break()) {
                consume_line_break();
                at_line_start_ = true;
                return true;
            }
            return false;
        }
        if (col == indents_.back()) {
            if (alt != alt_indents_.back()) tab_error();
        } else if (col > indents_.back()) {
            if (static_cast<int>(indents_.size()) >= kMaxIndentLevels)
                fail("IndentationError", "too many levels of indentation", line_, -1);
            if (alt <= alt_indents_.back()) tab_error();
            indents_.push_back(col);
            alt_indents_.push_back(alt);
            out_.tokens.push_back(Token{Tok::Indent, {}, line_, 0, line_, column()});
        } else {
            // The whole dedent must land on an outer level before any DEDENT is
            // emitted, as CPython checks it.
            if (std::find(indents_.begin(), indents_.end(), col) == indents_.end()) {
                std::size_t eol = src_.find_first_of("\r\n", pos_);
                int end = static_cast<int>((eol == std::string_view::npos ? src_.size() : eol) - line_start_);
                fail("IndentationError", "unindent does not match any outer indentation level", line_, end);
            }
            while (indents_.size() > 1 && col < indents_.back()) {
                indents_.pop_back();
                alt_indents_.pop_back();
                out_.tokens.push_back(Token{Tok::Dedent, {}, line_, -1, line_, -1});
            }
            if (alt != alt_indents_.back()) tab_error();
        }
        return false;
    }

    [[noreturn]] void tab_error() { fail("TabError", "inconsistent use of tabs and spaces in indentation", line_, -1); }

    bool end_of_file() {
        if (!parens_.empty()) {
            const Open& open = parens_.back();
            out_.unclosed = true;
            out_.unclosed_line = open.line;
            fail(fmt::format("'{}' was never closed", open.c), open.line, open.col);
        }
        int col = column();
        if (!fstring_) {
            if (!out_.tokens.empty() && out_.tokens.back().kind != Tok::Newline &&
                out_.tokens.back().kind != Tok::Dedent)
                out_.tokens.push_back(Token{Tok::Newline, {}, line_, col, line_, col + 1});
            // As CPython's tokenizer, the end is on the last line read.
            if (col == 0 && line_ > 1) line_ -= 1, col = -1;
            for (std::size_t i = 1; i < indents_.size(); ++i)
                out_.tokens.push_back(Token{Tok::Dedent, {}, line_, -1, line_, -1});
        }
        out_.tokens.push_back(Token{Tok::EndMarker, {}, line_, col, line_, col});
        return true;
    }

    void name_or_string(std::size_t start, int line, int col) {
        while (!at_eof()) {
            unsigned char c = peek();
            if (c >= 0x80) {
                // Invalid UTF-8 only gets here under a declared foreign encoding
                // (reported as unsupported): one byte at a time then.
                std::size_t n = utf8_length(src_, pos_);
                char32_t cp = n ? code_point_at(src_, pos_, n) : (n = 1, c);
                if (is_invalid_character(cp))
                    fail(fmt::format("invalid character '{}' (U+{:04X})", src_.substr(pos_, n),
                                     static_cast<std::uint32_t>(cp)),
                         line_, column());
                pos_ += n;
            } else if (is_ident_char(c)) {
                ++pos_;
            } else {
                break;
            }
        }
        std::string_view word = src_.substr(start, pos_ - start);
        if ((peek() == '"' || peek() == '\'') && word.size() <= 2 && is_string_prefix(word)) {
            string(start, line, col);
            return;
        }
        for (const Keyword& k : keywords)
            if (k.text == word) return emit(k.kind, start, line, col);
        emit(Tok::Name, start, line, col);
    }

    static bool is_string_prefix(std::string_view word) {
        bool r = false, b = false, f = false, u = false;
        for (char c : word) {
            switch (std::tolower(static_cast<unsigned char>(c))) {
            case 'r':
                if (r) return false;
                r = true;
                break;
            case 'b':
                if (b) return false;
                b = true;
                break;
            case 'f':
                if (f) return false;
                f = true;
                break;
            case 'u':
                if (u) return false;
                u = true;
                break;
            default: return false;
            }
        }
        return !(b && f) && !(u && (r || b || f));
    }

    void string(std::size_t start, int line, int col) {
        char quote = peek();
        bool triple = peek(1) == quote && peek(2) == quote;
        pos_ += triple ? 3 : 1;
        for (;;) {
            if (at_eof()) {
                int detected = column() == 0 && line_ > line ? line_ - 1 : line_;
                if (triple)
                    fail(fmt::format("unterminated triple-quoted string literal (detected at line {})", detected), line,
                         col);
                fail(fmt::format("unterminated string literal (detected at line {})", line_), line, col);
            }
            char c = peek();
            if (c == '\\') {
                ++pos_;
                if (at_line_break()) consume_line_break();
                else if (!at_eof()) ++pos_;
            } else if (at_line_break()) {
                if (!triple) fail(fmt::format("unterminated string literal (detected at line {})", line_), line, col);
                consume_line_break();
            } else if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
                pos_ += triple ? 3 : 1;
                return emit(Tok::String, start, line, col);
            } else {
                ++pos_;
            }
        }
    }

    void digits(bool (*is_digit)(char), const char* kind, int line, int col) {
        for (;;) {
            while (is_digit(peek())) ++pos_;
            if (peek() != '_') return;
            ++pos_;
            if (!is_digit(peek())) fail(fmt::format("invalid {} literal", kind), line, col);
        }
    }

    static bool decimal_digit(char c) { return c >= '0' && c <= '9'; }
    static bool hex_digit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
    static bool octal_digit(char c) { return c >= '0' && c <= '7'; }
    static bool binary_digit(char c) { return c == '0' || c == '1'; }

    // After a number, CPython allows only a few keywords glued to it.
    void check_end_of_number(const char* kind) {
        unsigned char c = peek();
        if (!is_ident_char(c)) return;
        static constexpr std::string_view allowed[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
        std::string_view rest = src_.substr(pos_);
        for (std::string_view k : allowed)
            if (rest.substr(0, k.size()) == k) {
                out_.warnings.push_back({line_, fmt::format("invalid {} literal", kind)});
                return;
            }
        fail(fmt::format("invalid {} literal", kind), line_, column() - 1);
    }

    void number(std::size_t start, int line, int col) {
        if (peek() == '0' && std::strchr("xXoObB", peek(1)) && peek(1) != '\0') {
            char base = static_cast<char>(std::tolower(static_cast<unsigned char>(peek(1))));
            bool (*is_digit)(char) = base == 'x' ? hex_digit : base == 'o' ? octal_digit : binary_digit;
            const char* kind = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
            pos_ += 2;
            if (peek() == '_') ++pos_;
            if (!is_digit(peek())) {
                if (base != 'x' && decimal_digit(peek()))
                    fail(fmt::format("invalid digit '{}' in {} literal", peek(), kind), line_, column());
                fail(fmt::format("invalid {} literal", kind), line, col);
            }
            digits(is_digit, kind, line, col);
            if (base != 'x' && decimal_digit(peek()))
                fail(fmt::format("invalid digit '{}' in {} literal", peek(), kind), line_, column());
            check_end_of_number(kind);
            return emit(Tok::Number, start, line, col);
        }
        bool leading_zero = peek() == '0';
        bool is_float = false;
        digits(decimal_digit, "decimal", line, col);
        if (peek() == '.') {
            is_float = true;
            ++pos_;
            if (decimal_digit(peek())) digits(decimal_digit, "decimal", line, col);
        }
        if (peek() == 'e' || peek() == 'E') {
            std::size_t save = pos_;
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!decimal_digit(peek())) {
                pos_ = save;
                fail("invalid decimal literal", line, col);
            }
            is_float = true;
            digits(decimal_digit, "decimal", line, col);
        }
        if (peek() == 'j' || peek() == 'J') {
            ++pos_;
            is_float = true;
        }
        std::string_view text = src_.substr(start, pos_ - start);
        if (leading_zero && !is_float && text.find_first_not_of("0_") != std::string_view::npos)
            fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                 line, col);
        check_end_of_number(text.back() == 'j' || text.back() == 'J' ? "imaginary" : "decimal");
        emit(Tok::Number, start, line, col);
    }

    void operator_token(std::size_t start, int line, int col) {
        std::string_view rest = src_.substr(pos_);
        for (const Operator& op : operators) {
            // The first character rules out most of the table without a compare.
            if (op.text[0] != rest[0] || !rest.starts_with(op.text)) continue;
            pos_ += op.text.size();
            track_brackets(op.kind, line, col);
            return emit(op.kind, start, line, col);
        }
        unsigned char c = peek();
        if (c >= 0x80) {
            std::size_t n = utf8_length(src_, pos_), width = 0;
            fail(fmt::format("invalid character '{}' (U+{:04X})", src_.substr(pos_, n),
                             static_cast<std::uint32_t>(code_point_at(src_, pos_, width))),
                 line, col);
        }
        if (std::isprint(c)) fail("invalid syntax", line, col);
        fail(fmt::format("invalid non-printable character U+{:04X}", static_cast<unsigned>(c)), line, col);
    }

    void track_brackets(Tok kind, int line, int col) {
        char c = src_[pos_ - 1];
        if (kind == Tok::LParen || kind == Tok::LBracket || kind == Tok::LBrace) {
            if (parens_.size() >= kMaxParenLevels) fail("too many nested parentheses", line, col);
            parens_.push_back(Open{c, line, col});
        } else if (kind == Tok::RParen || kind == Tok::RBracket || kind == Tok::RBrace) {
            if (parens_.empty()) fail(fmt::format("unmatched '{}'", c), line, col);
            char open = parens_.back().c;
            if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}')) {
                if (parens_.back().line != line)
                    fail(fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}' on "
                                     "line {}",
                                     c, open, parens_.back().line),
                         line, col);
                fail(fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}'", c, open), line,
                     col);
            }
            parens_.pop_back();
        }
    }
};

}  // namespace

const char* token_spelling(Tok kind) { return spellings[static_cast<int>(kind)]; }

bool is_keyword(Tok kind) { return kind >= Tok::False; }

bool is_identifier(std::string_view text) {
    if (text.empty() || !is_ident_start(static_cast<unsigned char>(text[0]))) return false;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (!is_ident_char(c)) return false;
            ++i;
            continue;
        }
        std::size_t n = utf8_length(text, i);
        if (n == 0 || is_invalid_character(code_point_at(text, i, n))) return false;
        i += n;
    }
    return true;
}

TokenStream tokenize(std::string_view source, const std::string& filename) {
    return Lexer(source, filename, false, 1, 0).run();
}

TokenStream tokenize_fstring_expression(std::string_view text, const std::string& filename, int line, int col) {
    return Lexer(text, filename, true, line, col).run();
}

StringPrefix string_prefix(std::string_view text) {
    StringPrefix p;
    while (p.length < text.size() && text[p.length] != '"' && text[p.length] != '\'') {
        switch (std::tolower(static_cast<unsigned char>(text[p.length]))) {
        case 'r': p.raw = true; break;
        case 'b': p.bytes = true; break;
        case 'f': p.formatted = true; break;
        default: break;
        }
        ++p.length;
    }
    std::string_view rest = text.substr(p.length);
    p.quote = rest.size() >= 6 && rest[0] == rest[1] && rest[1] == rest[2] ? 3 : 1;
    return p;
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

}  // namespace

std::string escape_problem_message(const EscapeProblem& p) {
    using Kind = EscapeProblem::Kind;
    switch (p.kind) {
    case Kind::Truncated: {
        const char* form = p.escape == 'x' ? "\\xXX" : p.escape == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
        return fmt::format(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {} escape", p.start,
            p.end, form);
    }
    case Kind::IllegalCharacter:
        return fmt::format(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode "
            "character",
            p.start, p.end);
    case Kind::BadBytesEscape: return fmt::format("(value error) invalid \\x escape at position {}", p.start);
    default: return "";
    }
}

std::string decode_escapes(std::string_view body, const StringPrefix& prefix, EscapeProblem& problem) {
    using Kind = EscapeProblem::Kind;
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\r') {  // newlines inside literals are normalized to \n
            out += '\n';
            if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
            continue;
        }
        if (c != '\\' || prefix.raw || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        std::size_t start = i;
        char e = body[++i];
        switch (e) {
        case '\n': break;
        case '\r':
            if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
            break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            int value = 0;
            for (int k = 0; k < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
                value = value * 8 + (body[i] - '0');
            --i;
            if (prefix.bytes) out += static_cast<char>(value & 0xFF);
            else append_utf8(out, static_cast<char32_t>(value));
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            if (prefix.bytes && e != 'x') {  // \u is no escape in bytes
                out += '\\';
                out += e;
                break;
            }
            int width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            char32_t value = 0;
            int digits = 0;
            for (; digits < width && i + 1 + digits < body.size(); ++digits) {
                int h = hex_value(body[i + 1 + digits]);
                if (h < 0) break;
                value = value * 16 + static_cast<char32_t>(h);
            }
            if (digits < width) {
                problem = {prefix.bytes ? Kind::BadBytesEscape : Kind::Truncated, start, i + digits, e};
                return out;
            }
            i += static_cast<std::size_t>(width);
            if (value > 0x10FFFF) {
                problem = {Kind::IllegalCharacter, start, i, e};
                return out;
            }
            if (prefix.bytes) out += static_cast<char>(value);
            else append_utf8(out, value);
            break;
        }
        case 'N':
            if (prefix.bytes) {
                out += "\\N";
                break;
            }
            problem = {Kind::NamedEscape, start, i, e};
            return out;
        default:  // an unknown escape keeps its backslash (a DeprecationWarning in CPython)
            out += '\\';
            out += e;
        }
    }
    return out;
}

std::string decode_string(const Token& token, EscapeProblem& problem) {
    StringPrefix prefix = string_prefix(token.text);
    std::string_view body = token.text.substr(prefix.length + prefix.quote);
    body.remove_suffix(prefix.quote);
    return decode_escapes(body, prefix, problem);
}

}  // namespace lang
