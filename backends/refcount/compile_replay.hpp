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

#include "free_lists.hpp"
#include "lang/code.hpp"

namespace refcount {

// Where the replay sends each allocation and deallocation.
class ContainerEvents {
  public:
    virtual ~ContainerEvents() = default;
    // `size`: a tuple's number of items (0 for the other kinds).
    virtual void allocate(Container kind, std::size_t size) = 0;
    virtual void free(Container kind, std::size_t size) = 0;
};

// The allocations of _PyAST_Compile for `module`, in CPython's order: the
// parser's arena, the folded constant tuples, the symtable and its
// analysis, each code object's compiler unit and assembly, and the
// compiler's constant cache, freed at the end.
void replay_compile(const lang::Code& module, ContainerEvents& events);

}  // namespace refcount
