// What lang::compile reports instead of code: a syntax error, as CPython
// 3.11 reports it, or a construct outside pymodel's subset.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lang {

// pymodel's exit status for a program it does not model, at compile or at
// run time: the runner reads it as UNSUPPORTED (runner/status.hpp).
constexpr int kUnsupportedExit = 3;

struct Diagnostic {
    enum class Kind {
        SyntaxError,  // exit status 1, printed as CPython prints it
        Unsupported,  // exit status kUnsupportedExit, "pymodel: unsupported: WHAT at FILE:LINE:COL"
        RecursionError,  // nesting too deep to compile (CPython's RecursionError), exit status 1
    };
    Kind kind = Kind::SyntaxError;
    std::string type = "SyntaxError";  // or IndentationError, TabError, RecursionError
    std::string message;  // for Unsupported: WHAT
    std::string filename;
    // 1-based lines, 0-based byte columns; the end is exclusive. line 0: no
    // location.
    int line = 0, col = 0, end_line = 0, end_col = 0;
    bool char_columns = false;  // shown in characters (the tokenizer's errors) rather than bytes
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

// A SyntaxWarning CPython prints while compiling ("\"is\" with a literal").
struct Warning {
    int line;
    std::string message;
};

// "FILE:LINE: SyntaxWarning: MESSAGE" and the stripped source line, as
// Python's warnings module shows it.
std::string format_warning(const Warning& w, const std::string& filename, std::string_view source);

// What the front end notes without stopping: constructs outside pymodel's
// subset (it goes on after one, because a syntax error anywhere in the file
// wins, as the file would not run on CPython either; the first in source
// order is reported) and warnings.
class Notes {
  public:
    void unsupported(std::string what, const std::string& filename, int line, int col);
    void warning(int line, std::string message) { warnings_.push_back({line, std::move(message)}); }
    const std::optional<Diagnostic>& first_unsupported() const { return first_; }
    const std::vector<Warning>& warnings() const { return warnings_; }

  private:
    std::optional<Diagnostic> first_;
    std::vector<Warning> warnings_;
};

}  // namespace lang
