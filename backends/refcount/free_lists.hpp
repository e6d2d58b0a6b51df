// CPython 3.11's free lists of GC containers, as far as the generation-0
// count sees them. A freed exact list, dict or small tuple is kept for reuse
// instead of going back to the allocator, and the allocation that reuses it
// does not go through _PyObject_GC_Link: neither changes the count. A full
// collection empties the free lists (clear_freelists). The model keeps no
// memory: only how many objects each list would hold.
#pragma once

#include <algorithm>
#include <array>
#include <vector>

#include "vm/manager_api.hpp"

namespace refcount {

// The containers that have free lists, and the others (sets, ...), for
// allocations the model replays without making objects (compile_replay.hpp,
// the profile's import traces).
using vm::Container;

class FreeLists {
  public:
    // The free list an object may go to when it is freed (or come from).
    struct Slot {
        int* held = nullptr;
        int capacity = 0;
    };

    // An allocation of `o`: true when CPython would take it from a free list.
    bool reuse(const vm::Object* o) {
        Slot s = slot(o, tuple_reuse_size_);
        if (!s.held || *s.held == 0) return false;
        --*s.held;
        return true;
    }
    // Where `o` would go when freed; asked before its references are
    // released (a tuple's size is gone after).
    Slot slot_for_free(const vm::Object* o) { return slot(o, tuple_keep_size_); }
    // The deallocation: true when CPython keeps the object on the free list.
    static bool keep(Slot s) {
        if (!s.held || *s.held == s.capacity) return false;
        ++*s.held;
        return true;
    }
    // The same for a container the model does not make (`size`: a tuple's).
    bool reuse(Container kind, std::size_t size) {
        Slot s = slot(kind, size, tuple_reuse_size_);
        if (!s.held || *s.held == 0) return false;
        --*s.held;
        return true;
    }
    Slot slot_for_free(Container kind, std::size_t size) { return slot(kind, size, tuple_keep_size_); }
    // The largest tuples tuple_alloc takes from the lists and tupledealloc
    // keeps there (the profile's; at most kMaxTupleSize).
    void set_tuple_sizes(std::size_t reuse, std::size_t keep) {
        tuple_reuse_size_ = std::min(reuse, kMaxTupleSize);
        tuple_keep_size_ = std::min(keep, kMaxTupleSize);
    }
    // What the runtime's start-up left on the lists (the profile's).
    void fill(const vm::Profile::FreeListCounts& held) {
        dicts_ = std::min(held.dicts, kDictCapacity);
        lists_ = std::min(held.lists, kListCapacity);
        for (std::size_t i = 0; i < tuples_.size(); ++i)
            tuples_[i] = i < held.tuples.size() ? std::min(held.tuples[i], kTupleCapacity) : 0;
        frames_ = std::min(held.frames, kFrameCapacity);
        has_methods_ = held.methods >= 0;
        methods_ = std::min(std::max(held.methods, 0), kMethodCapacity);
        has_cfunctions_ = held.cfunctions >= 0;
        cfunctions_ = std::min(std::max(held.cfunctions, 0), kCFunctionCapacity);
    }
    // What they hold now (sys._debugmallocstats).
    vm::Profile::FreeListCounts counts() const {
        return {dicts_,
                lists_,
                std::vector<int>(tuples_.begin(), tuples_.end()),
                frames_,
                has_methods_ ? methods_ : -1,
                has_cfunctions_ ? cfunctions_ : -1};
    }
    // clear_freelists(), at the end of every full collection; returns how
    // many objects the lists held (each a GC object CPython frees).
    int clear() {
        int held = lists_ + dicts_ + frames_ + methods_ + cfunctions_;
        for (int n : tuples_) held += n;
        lists_ = dicts_ = frames_ = methods_ = cfunctions_ = 0;
        tuples_.fill(0);
        return held;
    }

  private:
    static constexpr int kListCapacity = 80;  // PyList_MAXFREELIST
    static constexpr int kDictCapacity = 80;  // PyDict_MAXFREELIST
    static constexpr int kTupleCapacity = 2000;  // PyTuple_MAXFREELIST, per size
    static constexpr int kFrameCapacity = 200;  // PyFrame_MAXFREELIST (3.10)
    static constexpr int kMethodCapacity = 256;  // PyMethod_MAXFREELIST (3.8)
    static constexpr int kCFunctionCapacity = 256;  // PyCFunction_MAXFREELIST (3.8)
    static constexpr std::size_t kMaxTupleSize = 20;  // PyTuple_MAXSAVESIZE

    Slot slot(const vm::Object* o, std::size_t max_tuple_size) {
        // Only exact builtin types have free lists: one test rules out every
        // class's instance before the comparisons.
        if (o->type->has(vm::TF_HEAPTYPE)) return {};
        if (o->type == vm::types.method && has_methods_) return {&methods_, kMethodCapacity};
        if (o->type == vm::types.builtin_function && has_cfunctions_ &&
            !static_cast<const vm::NativeFunctionObject*>(o)->method_wrapper)
            return {&cfunctions_, kCFunctionCapacity};
        if (o->type == vm::types.list) return slot(Container::List, 0, max_tuple_size);
        if (o->type == vm::types.dict) return slot(Container::Dict, 0, max_tuple_size);
        if (o->type == vm::types.tuple)
            return slot(Container::Tuple, static_cast<const vm::TupleObject*>(o)->size(), max_tuple_size);
        return {};
    }
    Slot slot(Container kind, std::size_t size, std::size_t max_tuple_size) {
        switch (kind) {
        case Container::List: return {&lists_, kListCapacity};
        case Container::Dict: return {&dicts_, kDictCapacity};
        case Container::Tuple:
            if (size >= 1 && size <= max_tuple_size) return {&tuples_[size - 1], kTupleCapacity};
            return {};
        case Container::Frame: return {&frames_, kFrameCapacity};
        case Container::Method: return has_methods_ ? Slot{&methods_, kMethodCapacity} : Slot{};
        case Container::BuiltinMethod: return has_cfunctions_ ? Slot{&cfunctions_, kCFunctionCapacity} : Slot{};
        case Container::Other: return {};
        }
        return {};
    }

    int lists_ = 0;
    int dicts_ = 0;
    std::array<int, kMaxTupleSize> tuples_{};
    // 3.11's tuple_alloc reuses tuples of sizes 1..19, but its tupledealloc
    // keeps sizes 1..20: a 20-tuple is kept and never reused.
    std::size_t tuple_reuse_size_ = 19;
    std::size_t tuple_keep_size_ = 20;
    int frames_ = 0;
    int methods_ = 0;
    bool has_methods_ = false;
    int cfunctions_ = 0;
    bool has_cfunctions_ = false;
};

}  // namespace refcount
