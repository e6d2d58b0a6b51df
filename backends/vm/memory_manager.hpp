// The interface between the VM and a memory manager. The VM keeps exact
// reference counts whatever the manager; a manager decides what a count
// of zero means, when objects die, what the gc module offers and what
// happens to the heap at exit. refcount::Manager models CPython,
// tracing::Manager PyPy; the VM never asks which one it runs with.
// What a manager may use of the VM is in manager_api.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "object.hpp"
#include "profile.hpp"

namespace lang {
struct Code;
}

namespace vm {

class NativeModule;

// Where a compiled source came from: the program's file, or a string given
// to exec().
enum class CompiledFrom : std::uint8_t { MainFile, String };
// A container the runtime made that the model does not (a tuple's size, 0
// for the other kinds).
struct RuntimeContainer {
    Container kind;
    std::size_t size;
};

// A container the runtime made for a code object that the model does not
// make (a tuple of its names or of its constants): freed when the last
// code object that holds it dies (MemoryManager::on_code_freed).
struct CodeContainer {
    std::size_t size;  // a tuple's items
    int holders = 0;
    Container kind = Container::Tuple;
};

class MemoryManager {
  public:
    virtual ~MemoryManager() = default;

    // ---- allocation and death -------------------------------------------------------------------
    // Every new object, right after its construction (refcount 1). `tracked`:
    // whether CPython tracks it from its creation (GC types do, except dicts
    // and tuples the VM creates untracked; see track()).
    virtual void on_allocate(Object* obj, bool tracked) = 0;
    // The same for an object of a type with a free list that CPython
    // allocates with tp_alloc, which never takes from the free list (a
    // `list(...)` or `dict(...)` call): managers that model the free lists
    // count it as a new allocation.
    virtual void on_allocate_bypassing_free_list(Object* obj, bool tracked) { on_allocate(obj, tracked); }
    // A reference count reached zero. The object may be dead (refcount) or
    // wait for a collection (tracing); it must not be used by the VM again
    // unless a reference to it is still held somewhere.
    virtual void on_zero_refcount(Object* obj) = 0;
    // CPython's lazy tracking of dicts and tuples: the VM calls track() on an
    // untracked container that now holds a trackable object, and untrack()
    // where CPython untracks (a tuple of atomic items during a collection is
    // the manager's own business).
    virtual void track(Object* obj) = 0;
    virtual void untrack(Object* obj) = 0;

    // ---- weakrefs and imports -------------------------------------------------------------------
    // A weakref or proxy with a callback to `wr->referent` was just made.
    // (PyPy keeps the callbacks of an object's weakrefs in a per-object
    // lifeline that has a finalizer of its own; CPython needs nothing.)
    virtual void on_weakref_callback(WeakRefObject* wr) { (void)wr; }
    // Whether a weakref to `obj` still gives it (PyWeakref_GET_OBJECT). A
    // tracing collector's weakrefs do until it clears them; CPython's not
    // once the count is zero (a deallocation the trashcan deferred, whose
    // weakrefs are not cleared yet: issue 16602).
    virtual bool weakref_gives(const Object* obj) const {
        (void)obj;
        return true;
    }
    // The import system asked for the lock of `module` (importlib's
    // _get_module_lock, once per _find_and_load) and dropped it; a new lock
    // comes with a weakref whose callback runs bytecode. On CPython the
    // callback runs at once and shows nothing; a tracing collector runs it
    // at a later collection. An empty name: one of the runtime's own
    // imports, which the model does not name, each a lock of its own.
    virtual void on_module_lock(std::string_view module) { (void)module; }
    // The modeled runtime's own code allocated (freed) a container that the
    // model does not make: the Python code of a module its import runs,
    // where the model builds the module itself (the profile's import
    // traces). A manager that counts allocations counts it as CPython does,
    // with the free lists it keeps; the model's own allocations for the
    // module are made while counts are paused.
    virtual void on_runtime_allocate(Container kind, std::size_t size) { (void)kind, (void)size; }
    virtual void on_runtime_free(Container kind, std::size_t size) { (void)kind, (void)size; }
    // The runtime allocated what the model does not count: `what` ("`import
    // random`", an import of a module the profile has no trace of; "a union
    // type (`X | Y`)"). A manager that counts allocations no longer has
    // CPython's counts.
    virtual void on_uncharged(std::string_view what) { (void)what; }
    // A replayed import left `objects` tracked objects that the model does
    // not make (of them `tuples` and `dicts` of atoms, which collections
    // untrack), or up to `unknown` more whose number the profile lacks.
    virtual void on_import_unmodeled(std::int64_t objects, std::int64_t tuples, std::int64_t dicts) {
        (void)objects, (void)tuples, (void)dicts;
    }
    virtual void on_import_unmodeled_unknown(std::int64_t unknown) { (void)unknown; }
    // While paused, allocations and frees do not move the manager's counts
    // (calls nest).
    virtual void pause_counts(bool paused) { (void)paused; }

    // ---- safepoints -----------------------------------------------------------------------------
    // Called by the interpreter loop at the next instruction boundary after
    // the manager called request_eval_breaker() (heap.hpp), and on entry to a
    // builtin the profile marks as app-level.
    virtual void on_eval_breaker() = 0;

    // ---- the gc module --------------------------------------------------------------------------
    // Adds the manager's functions and values to the gc module. The profile
    // then hides the names the modeled runtime does not have.
    virtual void register_gc_module(NativeModule& gc) = 0;

    // ---- the program ----------------------------------------------------------------------------
    // Called once, when what the VM made to start itself is made but for the
    // main module: what comes next (the module, its dict) CPython makes
    // after the last collection of its start-up.
    virtual void startup_collections_done() {}
    // The profile's gc.startup_collects_main: a full collection once the
    // main module is made, before startup_collections_done().
    virtual void collect_at_startup() {}
    // Called once, just before the main module's code runs. What the VM
    // allocated to start itself is not the program's: a manager that counts
    // allocations starts counting here (CPython's gc counts at a script's
    // first line are what its own startup left).
    virtual void start_main() {}
    // Before the first line of a source the runtime compiled into `module`
    // (the program's, once start_main() was called, or exec()'s string): a
    // manager that counts allocations counts what the runtime's compiler
    // allocated. Returns what the runtime frees once that code has run (for
    // a string: the module's code object and the parser's arena).
    virtual std::vector<RuntimeContainer> on_compiled(const lang::Code& module, CompiledFrom from) {
        (void)module, (void)from;
        return {};
    }
    // A code object the runtime compiled from `code` (and anything nested in
    // it) died: a manager that counts what the compiler allocated frees the
    // containers only it held.
    virtual void on_code_freed(const lang::Code& code) { (void)code; }
    // The containers the runtime made for `code` as it read it (unmarshalled
    // from a .pyc): a manager that counts allocations frees each when the
    // last code object holding it dies. Their allocations were counted by
    // on_runtime_allocate.
    virtual void hold_code_containers(const lang::Code& code, std::vector<std::shared_ptr<CodeContainer>> held) {
        (void)code, (void)held;
    }

    // ---- interpreter exit -----------------------------------------------------------------------
    // Where CPython collects during finalization; the VM calls these only
    // when the profile says the runtime collects at exit. After the atexit
    // callbacks, CPython 3.11 collects as gc.collect() does (PyGC_Collect:
    // nothing when the collector is disabled, gc.callbacks are called); by
    // default that is collect_at_exit().
    virtual void collect_after_atexit() { collect_at_exit(); }
    // During module teardown (CPython's _PyGC_CollectNoFail, twice).
    virtual void collect_at_exit() = 0;
    // Last of all: frees every object that is left without running any Python
    // code (no finalizer, no callback), so that the process exits with nothing
    // allocated.
    virtual void free_all() = 0;

    // ---- the heap -------------------------------------------------------------------------------
    // Calls `fn` on every object the manager has not freed, in the order of
    // its lists.
    virtual void for_each_object(const std::function<void(Object*)>& fn) = 0;
    // What the runtime's free lists of containers hold now, for
    // sys._debugmallocstats; none when the manager models no free lists.
    virtual std::optional<Profile::FreeListCounts> free_list_counts() const { return std::nullopt; }
};

// Pauses a manager's counts for a scope (unless `when` is false).
class ManagerCountsPaused {
  public:
    explicit ManagerCountsPaused(MemoryManager& manager, bool when = true) : manager_(manager), paused_(when) {
        if (paused_) manager_.pause_counts(true);
    }
    ~ManagerCountsPaused() {
        if (paused_) manager_.pause_counts(false);
    }
    ManagerCountsPaused(const ManagerCountsPaused&) = delete;
    ManagerCountsPaused& operator=(const ManagerCountsPaused&) = delete;

  private:
    MemoryManager& manager_;
    bool paused_;
};

// The program's own code run inside a paused section (a module imported from
// a file): counted again until the end of the scope.
class ManagerCountsResumed {
  public:
    explicit ManagerCountsResumed(MemoryManager& manager) : manager_(manager) { manager_.pause_counts(false); }
    ~ManagerCountsResumed() { manager_.pause_counts(true); }
    ManagerCountsResumed(const ManagerCountsResumed&) = delete;
    ManagerCountsResumed& operator=(const ManagerCountsResumed&) = delete;

  private:
    MemoryManager& manager_;
};

}  // namespace vm
