// Formatting of diagnostics, after CPython 3.11's print_exception and
// print_error_text (Python/pythonrun.c) for syntax errors.
#include "diagnostic.hpp"

#include <fmt/format.h>

namespace lang {

namespace {

// The source line `line` (1-based), with its newline if it has one.
std::string_view source_line(std::string_view source, int line) {
    std::size_t start = 0;
    for (int i = 1; i < line; ++i) {
        std::size_t nl = source.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    if (start >= source.size()) return {};
    std::size_t nl = source.find('\n', start);
    return source.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start + 1);
}

// 1-based character offset of byte column `col` in `text`.
long char_offset(std::string_view text, int col) {
    long chars = 0;
    for (int i = 0; i < col && i < static_cast<int>(text.size()); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
    return chars + 1;
}

// The source line and its caret line.
std::string error_text(std::string_view text, long offset, long end_offset) {
    long carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;  // 0-based from here on
    while (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\f')) {
        text.remove_prefix(1);
        offset--;
    }
    text = text.substr(0, text.find('\0'));
    std::size_t len = text.size();
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > static_cast<long>(len)) offset = static_cast<long>(len);
    std::string out = fmt::format("    {}\n", text.substr(0, len));
    if (offset < 0) return out;
    return out + fmt::format("    {}{}\n", std::string(offset, ' '), std::string(carets, '^'));
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, std::string_view source) {
    switch (d.kind) {
    case Diagnostic::Kind::Unsupported:
        return fmt::format("pymodel: unsupported: {} at {}:{}:{}\n", d.message, d.filename, d.line, d.col + 1);
    case Diagnostic::Kind::RecursionError: return fmt::format("{}: {}\n", d.type, d.message);
    case Diagnostic::Kind::SyntaxError: break;
    }
    if (d.line == 0) return fmt::format("{}: {}\n", d.type, d.message);
    std::string out = fmt::format("  File \"{}\", line {}\n", d.filename, d.line);
    std::string_view text = d.text ? std::string_view(*d.text) : source_line(source, d.line);
    if (!text.empty()) {
        // 1-based offsets into the line; CPython 3.11 counts characters for
        // its tokenizer's errors but bytes for the others (a UTF-8 file has
        // no declared encoding to convert them with).
        auto offset_of = [&](int col) { return d.char_columns ? char_offset(text, col) : col + 1L; };
        long size = static_cast<long>(text.size());
        long offset = d.col < 0 ? 0 : offset_of(d.col);
        long end_offset = d.end_line > d.line ? size : d.end_line == d.line ? offset_of(d.end_col) : -1;
        end_offset = std::min(end_offset, size + 1);
        out += error_text(text, offset, end_offset);
    }
    return out + fmt::format("{}: {}\n", d.type, d.message);
}

void Notes::unsupported(std::string what, const std::string& filename, int line, int col) {
    if (first_ && (first_->line < line || (first_->line == line && first_->col <= col))) return;
    Diagnostic d;
    d.kind = Diagnostic::Kind::Unsupported;
    d.message = std::move(what);
    d.filename = filename;
    d.line = d.end_line = line;
    d.col = d.end_col = col;
    first_ = std::move(d);
}

std::string format_warning(const Warning& w, const std::string& filename, std::string_view source) {
    std::string out = fmt::format("{}:{}: SyntaxWarning: {}\n", filename, w.line, w.message);
    std::string_view text = source_line(source, w.line);
    std::size_t first = text.find_first_not_of(" \t\f\r\n");
    if (first == std::string_view::npos) return out;
    std::size_t last = text.find_last_not_of(" \t\f\r\n");
    return out + fmt::format("  {}\n", text.substr(first, last - first + 1));
}

int exit_status(const Diagnostic& d) { return d.kind == Diagnostic::Kind::Unsupported ? kUnsupportedExit : 1; }

}  // namespace lang
