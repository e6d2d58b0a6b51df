// Allocation, and the services the VM offers the memory managers: the
// layout operations, finalizers (PEP 442: at most once), clearing weakrefs
// and calling their callbacks, the eval breaker. The managers compose these
// in their own order; the VM never frees an object itself.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "memory_manager.hpp"
#include "pymalloc.hpp"
#include "tracemalloc.hpp"
#include "type.hpp"
#include "weakref.hpp"

namespace vm {

extern MemoryManager* g_manager;
// The modeled runtime's small-object allocator (pymalloc.hpp); null when
// the profile has none.
extern Pymalloc* g_pymalloc;
// tracemalloc's traces (tracemalloc.hpp); null when the profile has none.
extern Tracemalloc* g_tracemalloc;
// Counts `size` bytes for the new object `o` in the modeled allocator (its
// block), and traces them when tracemalloc is tracing.
inline void account_block(Object* o, std::int64_t size) {
    if (g_pymalloc) o->block = g_pymalloc->allocate(size);
    if (g_tracemalloc) g_tracemalloc->allocated(reinterpret_cast<std::uintptr_t>(o), size);
}
// allocate_block for a type whose block size is not kept (sizes.cpp): an
// int's, a str's, ..., before its first instance, or with no [sizes].
void allocate_block_computed(Object* o);
// Gives a new object its block in the modeled allocator, traced when
// tracemalloc is tracing: inline for a type whose size is kept
// (TypeObject::instance_block_size, only ever set with [sizes]).
inline void allocate_block(Object* o) {
    const std::int64_t size = o->type->instance_block_size;
    if (size > 0) account_block(o, size);
    else allocate_block_computed(o);
}
// Frees the object's block in the modeled allocator, and its trace (asked
// of every object: inline).
inline void free_blocks(Object* o) {
    if (o->block) g_pymalloc->free(o->block);
    if (g_tracemalloc) g_tracemalloc->freed(reinterpret_cast<std::uintptr_t>(o));
}

// Constructs a T and hands it to the manager. `tracked`: CPython tracks the
// object from its creation (GC types do, unless the caller says otherwise).
template <class T, class... A> Ref<T> make(A&&... args) {
    T* o = new T(std::forward<A>(args)...);
    allocate_block(o);
    if constexpr (std::is_base_of_v<TypeObject, T>) g_manager->on_allocate(o, is_gc(o));
    else g_manager->on_allocate(o, o->type->has(TF_GC));  // only a type object can be a type
    return Ref<T>::take(o);
}
template <class T, class... A> Ref<T> make_untracked(A&&... args) {
    T* o = new T(std::forward<A>(args)...);
    allocate_block(o);
    g_manager->on_allocate(o, false);
    return Ref<T>::take(o);
}
// An exact list or dict as a call of its type makes it: with tp_alloc, not
// from the free list (on_allocate_bypassing_free_list).
template <class T> Ref<T> make_with_tp_alloc(TypeObject* type, bool tracked) {
    T* o = new T(type);
    allocate_block(o);
    g_manager->on_allocate_bypassing_free_list(o, tracked);
    return Ref<T>::take(o);
}

// ---- layout operations --------------------------------------------------------------------------
inline void traverse(Object* o, Visitor v) { o->type->layout->traverse(o, v); }
inline void clear_refs(Object* o) { o->type->layout->clear(o); }
inline void release_refs(Object* o) { o->type->layout->release(o); }
// Frees the memory of an object whose references were released; the type
// reference is the caller's to drop (after, as CPython does).
inline void destroy(Object* o) {
    free_blocks(o);
    o->type->layout->destroy(o);
}
// Frees objects that die together (a collection's dead, the heap at exit)
// without running anything: each drops the references it holds (which
// frees none of them: only this does), then, with `drop_types`, its type
// reference, then the memory goes. At exit the types go with the rest.
void free_together(const std::vector<Object*>& objects, bool drop_types);

// ---- Python code run by the memory manager ------------------------------------------------------
// Runs `fn` (which calls Python code from a deallocation or a collection)
// with the exception in flight set aside, as CPython's PyErr_Fetch/
// PyErr_Restore around finalizers and callbacks. `fn` prints its own errors;
// an unsupported construct met inside is reported at the next instruction.
void guarded(const std::function<void()>& fn);

// ---- finalizers ---------------------------------------------------------------------------------
inline bool has_finalizer(const Object* o) { return o->type->tp.finalize != nullptr; }
// Calls the finalizer (__del__, or the io/generator one) unless it already
// ran, then marks the object FINALIZED (PyObject_CallFinalizer). The caller
// holds a reference. Errors are printed as unraisable; an exception in
// flight is kept.
void run_finalizer(Object* o);
// The same as the cycle collector calls it (finalize_garbage): the object
// is marked FINALIZED before its finalizer runs, so gc.is_finalized() is
// already true inside it.
void run_finalizer_from_gc(Object* o);

// ---- weakrefs -----------------------------------------------------------------------------------
struct WeakrefCallback {
    Ref<WeakRefObject> ref;
    Ref<> callback;
};
// Clears every weakref to `o` (basic ones first, then the others from the
// head of the list: newest callbacks first) and returns the callbacks to
// call, for the weakrefs that are still alive; `others`: how many weakrefs
// followed the callback-less basic ones.
std::vector<WeakrefCallback> clear_weakrefs(Object* o, std::size_t& others);
// Calls each callback with its weakref, printing errors as unraisable, then
// drops them last to first (PyObject_ClearWeakRefs' tuple).
void call_weakref_callbacks(std::vector<WeakrefCallback>& callbacks);
// PyObject_ClearWeakRefs: both of the above.
void clear_weakrefs_and_call_callbacks(Object* o);
// Clears the weakrefs without calling anything (those created by a finalizer
// of an object that is now dying anyway).
void clear_weakrefs_silently(Object* o);

// ---- safepoints ---------------------------------------------------------------------------------
// Asks the interpreter loop to call MemoryManager::on_eval_breaker() at the
// next instruction boundary.
void request_eval_breaker();
extern bool g_eval_breaker;  // set by request_eval_breaker(), cleared by the loop
// An instruction boundary outside the loop, where the modeled runtime runs
// bytecode that pymodel runs in C++ (an app-level builtin, importlib's
// callbacks): calls on_eval_breaker() if it was requested.
void at_instruction_boundary();

}  // namespace vm
