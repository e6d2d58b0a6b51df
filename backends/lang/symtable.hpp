// Scope analysis, after CPython's Python/symtable.c: for every block
// (module, class body, function, lambda, comprehension) the scope of each
// name -- local, cell, free, global -- which decides the instructions that
// load and store it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast.hpp"
#include "diagnostic.hpp"

namespace lang {

enum class Scope { Local, GlobalExplicit, GlobalImplicit, Free, Cell };

// How a name is used in a block (CPython's DEF_* flags).
enum SymbolFlag : unsigned {
    DEF_GLOBAL = 1,  // `global name`
    DEF_LOCAL = 2,  // assigned, deleted, a def/class/for target
    DEF_PARAM = 4,
    DEF_NONLOCAL = 8,
    USE = 16,
    DEF_FREE_CLASS = 32,  // a class binds it and a method uses it from an enclosing function
    DEF_IMPORT = 64,
    // A name that an inlined comprehension makes a cell: a cell variable of
    // the block around it too, whatever its scope there (3.12+).
    DEF_COMP_CELL = 128,
    DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

struct Symbol {
    unsigned flags = 0;
    Scope scope = Scope::GlobalImplicit;
};

struct Block {
    enum class Type { Module, Class, Function };
    Type type;
    std::string name;  // "top", the class or function name, "<lambda>", "<listcomp>"...
    std::map<std::string, Symbol> symbols;  // sorted, as CPython sorts cell and free variables
    std::vector<std::string> symbol_order;  // the same names, in the order they were first seen
    std::vector<std::string> params;  // in order: positional, keyword-only, *args, **kwargs
    std::vector<std::unique_ptr<Block>> children;
    bool is_generator = false;
    bool is_coroutine = false;  // async def: its code is a coroutine or an async generator
    // A yield inside the body of a try or with statement (PyPy's
    // CO_YIELD_INSIDE_TRY: only such generators get a finalizer there).
    bool has_yield_inside_try = false;
    int try_body_depth = 0;  // while the symbol table walks the block
    bool is_nested = false;  // inside a function
    bool is_comprehension = false;
    // A list, set or dict comprehension compiled inline, in the block around
    // it, whose symbols it shares (3.12+, PEP 709).
    bool inlined = false;
    int directives = 0;  // names declared by global and nonlocal statements, once per statement
    bool needs_class_closure = false;  // a class whose methods use __class__ (super())
    std::string private_name;  // the enclosing class for name mangling, empty if none
    int line = 0;

    Scope scope_of(const std::string& name) const;
    // The symbol of `name`, added (in symbol_order) if it is new.
    Symbol& symbol(const std::string& name);
    unsigned flags_of(const std::string& name) const;
};

struct SymbolTable {
    std::unique_ptr<Block> top;
    // The block of each function, class, lambda and comprehension node.
    std::unordered_map<const void*, Block*> blocks;

    Block& block_of(const void* node) const { return *blocks.at(node); }
};

// Builds the symbol table of `module`. Throws DiagnosticError for the
// errors CPython's symtable pass reports. With `inline_comprehensions`,
// list, set and dict comprehensions are inlined (3.12's analyze_block).
SymbolTable build_symbol_table(const ast::Module& module, const std::string& filename,
                               bool inline_comprehensions = false);

// CPython's private name mangling: `__x` inside class `A` is `_A__x`.
std::string mangle(const std::string& private_name, const std::string& name);

}  // namespace lang
