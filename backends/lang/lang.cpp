// lang::compile: the phases of the front end, in CPython's order (parse,
// symbol table, code generation); each may end the compilation with a
// syntax error.
#include "lang.hpp"

#include "compiler.hpp"
#include "parser.hpp"
#include "symtable.hpp"

namespace lang {

CompileResult compile(std::string_view source, const std::string& filename, const CompileOptions& options) {
    Notes notes;
    CompileResult result;
    try {
        ast::Module module = parse(source, filename, notes);
        SymbolTable symbols = build_symbol_table(module, filename, options.inline_comprehensions);
        std::shared_ptr<const Code> code = compile_module(module, symbols, filename, notes, options);
        if (notes.first_unsupported()) result.diagnostic = notes.first_unsupported();
        else result.code = std::move(code);
    } catch (const DiagnosticError& e) {
        result.diagnostic = e.diagnostic;
    }
    result.warnings = notes.warnings();
    return result;
}

}  // namespace lang
