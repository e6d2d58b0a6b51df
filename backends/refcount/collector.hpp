// CPython 3.11's generational cycle collector (Modules/gcmodule.c) over the
// lists of refcount::Manager. How it works, with an example, and where the
// model differs from CPython: collector.md beside this file.
#pragma once

#include <cstdint>

#include "gc_list.hpp"

namespace refcount {

class Manager;

// What one collection found: the garbage freed (weakrefs freed after their
// callback included) and the uncollectable objects put in gc.garbage.
struct CollectionResult {
    std::int64_t collected = 0;
    std::int64_t uncollectable = 0;
};

// gc_collect_main: collects `generation` and the younger ones. The caller
// has set Manager::collecting. Returns collected + uncollectable, the
// number gc.collect() returns; `result` (if given) gets both.
std::int64_t collect_main(Manager& gc, int generation, CollectionResult* result);

// gc_collect_with_callback: the same, with the gc.callbacks called before
// ("start") and after ("stop").
std::int64_t collect_with_callback(Manager& gc, int generation);

// _PyTuple_MaybeUntrack on each tuple of `list`: one whose items are all
// untracked is untracked (a tuple nested in one takes a collection each).
void untrack_tuples(Manager& gc, vm::GcHeader* list);

// gc_collect_generations: the automatic collection, of the oldest
// generation whose count exceeds its threshold (the oldest one only when
// the long-lived objects have grown by a quarter since its last collection).
void collect_generations(Manager& gc);

}  // namespace refcount
