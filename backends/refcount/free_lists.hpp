// CPython 3.11's free lists of GC containers, as far as the generation-0
// count sees them. A freed exact list, dict or small tuple is kept for reuse
// instead of going back to the allocator, and the allocation that reuses it
// does not go through _PyObject_GC_Link: neither changes the count. A full
// collection empties the free lists (clear_freelists). The model keeps no
// memory: only how many objects each list would hold.
#pragma once

#include <array>

#include "vm/objects.hpp"
#include "vm/runtime.hpp"

namespace refcount {

class FreeLists {
  public:
    // The free list an object may go to when it is freed (or come from).
    struct Slot {
        int* held = nullptr;
        int capacity = 0;
    };

    // An allocation of `o`: true when CPython would take it from a free list.
    bool reuse(const vm::Object* o) {
        Slot s = slot(o, TUPLE_REUSE_SIZE);
        if (!s.held || *s.held == 0) return false;
        --*s.held;
        return true;
    }
    // Where `o` would go when freed; asked before its references are
    // released (a tuple's size is gone after).
    Slot slot_for_free(const vm::Object* o) { return slot(o, TUPLE_KEEP_SIZE); }
    // The deallocation: true when CPython keeps the object on the free list.
    static bool keep(Slot s) {
        if (!s.held || *s.held == s.capacity) return false;
        ++*s.held;
        return true;
    }
    // clear_freelists(), at the end of every full collection.
    void clear() {
        lists_ = dicts_ = 0;
        tuples_.fill(0);
    }

  private:
    static constexpr int LIST_CAPACITY = 80;  // PyList_MAXFREELIST
    static constexpr int DICT_CAPACITY = 80;  // PyDict_MAXFREELIST
    static constexpr int TUPLE_CAPACITY = 2000;  // PyTuple_MAXFREELIST, per size
    // 3.11's tuple_alloc reuses tuples of sizes 1..19 (PyTuple_MAXSAVESIZE
    // is 20), but tupledealloc keeps sizes 1..20: a 20-tuple is kept and
    // never reused.
    static constexpr std::size_t TUPLE_REUSE_SIZE = 19;
    static constexpr std::size_t TUPLE_KEEP_SIZE = 20;

    Slot slot(const vm::Object* o, std::size_t max_tuple_size) {
        if (o->type == vm::types.list) return {&lists_, LIST_CAPACITY};
        if (o->type == vm::types.dict) return {&dicts_, DICT_CAPACITY};
        if (o->type == vm::types.tuple) {
            std::size_t size = static_cast<const vm::TupleObject*>(o)->size();
            if (size >= 1 && size <= max_tuple_size) return {&tuples_[size - 1], TUPLE_CAPACITY};
        }
        return {};
    }

    int lists_ = 0;
    int dicts_ = 0;
    std::array<int, TUPLE_KEEP_SIZE> tuples_{};
};

}  // namespace refcount
