// The parser: tokens to an AST, for Python 3.11's grammar (pattern matching
// is recognized and skipped). A recursive-descent statement parser and a
// precedence-climbing expression parser driven by a table of operators.
#pragma once

#include <string>
#include <string_view>

#include "ast.hpp"
#include "diagnostic.hpp"

namespace lang {

// Deepest nesting of expressions the front end accepts; deeper input is a
// RecursionError, as CPython's compiler gives one (at about 3000 levels).
constexpr int kMaxExpressionDepth = 1000;

// Parses `source`. Throws DiagnosticError on a syntax error; constructs the
// parser recognizes but pymodel does not support are noted in `unsupported`.
ast::Module parse(std::string_view source, const std::string& filename, Notes& notes);

}  // namespace lang
