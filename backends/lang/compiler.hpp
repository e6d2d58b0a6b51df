// The compiler: AST + symbol table to lang::Code, emitting what CPython
// 3.11's Python/compile.c emits for the same constructs (same evaluation
// order, same release points of temporaries).
#pragma once

#include <memory>
#include <string>

#include "ast.hpp"
#include "code.hpp"
#include "diagnostic.hpp"
#include "lang.hpp"
#include "symtable.hpp"

namespace lang {

// Compiles `module`. Throws DiagnosticError for the syntax errors CPython's
// compiler reports ('return' outside function, ...); constructs outside
// pymodel's subset are noted in `unsupported` (their code is not usable).
std::shared_ptr<const Code> compile_module(const ast::Module& module, const SymbolTable& symbols,
                                           const std::string& filename, Notes& notes, const CompileOptions& options);

}  // namespace lang
