// Constant folding, the part of CPython 3.11's Python/ast_opt.c whose result
// can be observed: constant tuples, negative numbers, arithmetic on
// literals. A folded expression is one LOAD_CONST, shared by every
// execution, as in CPython.
#pragma once

#include <optional>
#include <unordered_map>

#include "ast.hpp"
#include "code.hpp"
#include "lang.hpp"

namespace lang {

// Folds expressions to the constant CPython's optimizer would make of them.
// Each node is folded once: the compiler asks about the same subtrees again
// and again (every enclosing expression first tries to fold as a whole).
// A literal is a constant too, so each constant's Constant::arena_refs is
// set here, as the options say the parser's arena holds it.
class ConstantFolder {
  public:
    explicit ConstantFolder(const CompileOptions& options) : options_(options) {}
    // The value of `e` if it folds to a constant.
    const std::optional<Constant>& fold(const ast::Expr& e);

  private:
    std::optional<Constant> compute(const ast::Expr& e);
    const CompileOptions& options_;
    std::unordered_map<const ast::Expr*, std::optional<Constant>> memo_;
};

// Python's truth value of a constant (None, False, 0, "", () are false).
bool constant_truth(const Constant& c);

}  // namespace lang
