// What CPython 3.11's compiler allocates while it compiles a script, as the
// generation-0 count sees it. Before a script's first line runs, its parser,
// symtable and compiler have made and freed dicts, lists, sets and tuples:
// those that went to a free list, and those still alive (the code objects'
// tuples, folded constants), leave the count higher than start-up left it,
// by 10 to 250 for the programs of the corpus. The model compiles with its
// own front end, so it replays CPython's allocations instead, from the
// lang::Code tree the front end made (backends/refcount/collector.md,
// "Compiling the script").
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <vector>

#include "free_lists.hpp"
#include "lang/code.hpp"
#include "vm/manager_api.hpp"

namespace refcount {

// The allocations of _PyAST_Compile for `module`, in CPython's order: the
// parser's arena, the folded constant tuples, the symtable and its
// analysis, each code object's compiler unit and assembly, and the
// compiler's constant cache, freed at the end. Each goes to the manager as
// the runtime's own (on_runtime_allocate and on_runtime_free; `size`: a
// tuple's number of items, 0 for the other kinds).
struct CompilerShape {
    int unit_dicts = 5;  // the dicts each compiler unit makes (6 from 3.12: fasthidden, PEP 709)
    bool exception_table = true;  // each code object's exception table is merged (from 3.11)
    // A generator's body is wrapped in a handler that turns StopIteration
    // into RuntimeError, an entry of its exception table (from 3.12).
    bool generator_handler = false;
    // A comprehension compiled inline (lang::CompileOptions::
    // inline_comprehensions) has an argument `.0`, which the code around it
    // lacks: a name whose scope differs there, so its outer symbols are
    // always swapped out (3.13; 3.12 looks only at the names it binds).
    bool inline_swaps_argument = false;
    bool merges_bytes = true;  // ... and its bytecode and line table (from 3.10)
    // The bytecode and line table merged are 3.10's: its instructions (no
    // RESUME, PUSH_NULL, ...; a NOP kept where a line would be lost) and a
    // line table of their lines only (3.11's has columns), so two code
    // objects of the same lines merge theirs wherever their columns are.
    bool bytes_of_3_10 = false;
    // MAKE_FUNCTION's qualified name is a constant; makecode() merges
    // varnames, cellvars and freevars, not the fast locals' names (to 3.10).
    bool qualname_constants = false;
    bool annotation_list = false;  // each def makes a list of its annotated names (3.8, 3.9)
    // The constants tuple of a code whose constants are all atoms, and a
    // constant tuple of atoms made from a list, are made untracked (3.14.1+,
    // gh-139951), so they never count (the profiles that set it count
    // tracked containers).
    bool atom_constants_untracked = false;
    // An int from 0 to 255 is loaded by LOAD_SMALL_INT, so co_consts keeps
    // one only as its first constant, which assembly always keeps (3.14).
    bool small_int_loads = false;
    // The __main__ loader's attributes are in a dict object of its own (to
    // 3.10: gc.instance_dict_objects).
    bool loader_instance_dict = false;
    // Defaults tuples are folded by the peephole optimizer after makecode()
    // made the name tuples, and not merged themselves (3.8, 3.9; 3.10 folds
    // and merges them as it assembles).
    bool peephole_folds = false;
    std::size_t directive_items = 5;  // each global or nonlocal name's tuple in the symtable (3: to 3.9)
};
// A tuple of compiled code objects (names, constants, locals), freed when
// the last code object that holds it dies.
using CodeTuple = vm::CodeContainer;
using CodeTuples = std::map<const lang::Code*, std::vector<std::shared_ptr<CodeTuple>>>;
struct ReplayedCompile {
    std::vector<vm::RuntimeContainer> after_run;  // what the runtime frees once the code has run: the arena
    CodeTuples code_tuples;  // what each code object frees when it dies (MemoryManager::on_code_freed)
};
// code_dealloc: frees through `manager` the tuples `code` was the last to
// hold, and forgets what it held.
void release_code_tuples(CodeTuples& tuples, const lang::Code& code, vm::MemoryManager& manager);
ReplayedCompile replay_compile(const lang::Code& module, vm::CompiledFrom from, vm::MemoryManager& manager,
                               CompilerShape shape = {});

}  // namespace refcount
