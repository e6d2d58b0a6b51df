// What lang::compile reports instead of code: a syntax error, as CPython
// 3.11 reports it, or a construct outside pymodel's subset.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lang {

struct Diagnostic {
    enum class Kind {
        SyntaxError,     // exit status 1, printed as CPython prints it
        Unsupported,     // exit status 3, "pymodel: unsupported: WHAT at FILE:LINE:COL"
        RecursionError,  // nesting too deep to compile (CPython's RecursionError), exit status 1
    };
    Kind kind = Kind::SyntaxError;
    std::string type = "SyntaxError";  // or IndentationError, TabError, RecursionError
    std::string message;               // for Unsupported: WHAT
    std::string filename;
    // 1-based lines, 0-based byte columns; the end is exclusive. line 0: no
    // location.
    int line = 0, col = 0, end_line = 0, end_col = 0;
    // The text to show for the line, when it is not the file's (CPython shows
    // "(expr)" for an error inside an f-string's replacement field).
    std::optional<std::string> text;
};

// The text pymodel prints on stderr for `d`, given the source it was found in.
std::string format_diagnostic(const Diagnostic& d, std::string_view source);

// pymodel's exit status for `d`.
int exit_status(const Diagnostic& d);

// Thrown inside the front end to abandon a compilation at the first error;
// lang::compile turns it into its result.
struct DiagnosticError : std::exception {
    Diagnostic diagnostic;
    explicit DiagnosticError(Diagnostic d) : diagnostic(std::move(d)) {}
    const char* what() const noexcept override { return diagnostic.message.c_str(); }
};

// The constructs outside pymodel's subset met so far. The front end goes on
// after one (a syntax error anywhere in the file wins, as the file would not
// run on CPython either) and reports the first in source order.
class UnsupportedLog {
public:
    void note(std::string what, const std::string& filename, int line, int col);
    const std::optional<Diagnostic>& first() const { return first_; }

private:
    std::optional<Diagnostic> first_;
};

}  // namespace lang
