// refcount::Manager: CPython 3.11's memory management. An object dies when
// its reference count reaches zero, in CPython's order (finalizer, weakrefs
// and their callbacks, then its references); deep structures die through a
// trashcan, as in CPython, so that freeing never overflows the C++ stack.
// The generational cycle collector will live beside this file (it scans the
// generation lists kept here). See README.md beside this file.
#pragma once

#include <vector>

#include "gc_list.hpp"
#include "vm/memory_manager.hpp"
#include "vm/profile.hpp"

namespace refcount {

// Header bits of this manager (vm/object.hpp reserves bits 2..7).
constexpr std::uintptr_t GC_COLLECTING = 1u << 2;   // for the cycle collector
constexpr std::uintptr_t GC_UNREACHABLE = 1u << 3;  // for the cycle collector

class Manager final : public vm::MemoryManager {
public:
    explicit Manager(const vm::Profile& profile);
    ~Manager() override;

    void on_allocate(vm::Object* obj, bool tracked) override;
    void on_zero_refcount(vm::Object* obj) override;
    void track(vm::Object* obj) override;
    void untrack(vm::Object* obj) override;
    void on_eval_breaker() override {}
    void register_gc_module(vm::NativeModule& gc) override;
    void collect_at_exit() override;
    void free_all() override;
    void for_each_object(const std::function<void(vm::Object*)>& fn) override;

    static constexpr int NUM_GENERATIONS = 3;
    // CPython's _PyTrash_UNWIND_LEVEL: deallocations nest this deep at most;
    // deeper ones wait on a stack and run when the outermost one returns.
    static constexpr int TRASHCAN_DEPTH = 50;

    // The objects the cycle collector scans, youngest generation first
    // (tracked containers, in tracking order), and all other objects.
    GcHeader generations[NUM_GENERATIONS];
    GcHeader untracked;

    bool enabled = true;  // gc.enable()/gc.disable()
    bool collect_returns_count;  // the profile's gc.collect_returns_count

private:
    void dealloc(vm::Object* obj);
    void dealloc_body(vm::Object* obj);
    void destroy_chain();

    int delete_nesting_ = 0;
    std::vector<vm::Object*> delete_later_;  // the trashcan, LIFO
    bool tearing_down_ = false;
    vm::Object* garbage_ = nullptr;  // gc.garbage (counted)
};

}  // namespace refcount
