// Constant folding, the part of CPython 3.11's Python/ast_opt.c whose result
// can be observed: constant tuples, negative numbers, arithmetic on
// literals. A folded expression is one LOAD_CONST, shared by every
// execution, as in CPython.
#pragma once

#include <optional>

#include "ast.hpp"
#include "code.hpp"

namespace lang {

// The value of `e` if CPython's optimizer folds it to a constant.
std::optional<Constant> fold_constant(const ast::Expr& e);

// Python's truth value of a constant (None, False, 0, "", () are false).
bool constant_truth(const Constant& c);

}  // namespace lang
