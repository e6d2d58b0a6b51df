// refcount::Manager: CPython 3.11's memory management. An object dies when
// its reference count reaches zero, in CPython's order (finalizer, weakrefs
// and their callbacks, then its references); deep structures die through a
// trashcan, as in CPython, so that freeing never overflows the C++ stack.
// Cyclic garbage is found by the generational cycle collector
// (collector.cpp), which scans the generation lists kept here; the gc module
// is in gc_module.cpp. See README.md and collector.md beside this file.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "compile_replay.hpp"
#include "free_lists.hpp"
#include "gc_list.hpp"
#include "vm/manager_api.hpp"

namespace vm {
struct ListObject;
}

namespace refcount {

// Header bits of this manager (vm/object.hpp reserves bits 2..6).
// update_refs() sets COLLECTING on every object of the generation being
// collected; move_unreachable() clears it on those it finds reachable, so
// that only the garbage keeps it; untrack() clears it. UNREACHABLE marks the
// objects move_unreachable() moved, tentatively, to the unreachable list;
// clear_unreachable_mask() removes it once that list is final, or
// delete_garbage() as it goes when nothing else walks the list.
constexpr std::uintptr_t kGcCollecting = 1u << 2;
constexpr std::uintptr_t kGcUnreachable = 1u << 3;
// The incremental collector (gc.incremental, 3.14.0-3.14.4): VISITED marks
// the objects of the old generation's visited space, and those of the
// permanent generation (CPython's old-space bit, read against
// visited_space); a young or pending object has it clear. PROGRAM marks a
// tracked object that counts in heap_size: tracked while the program's
// counts run (the start-up's are the profile's gc.startup_heap).
constexpr std::uintptr_t kGcVisited = 1u << 4;
constexpr std::uintptr_t kGcProgram = 1u << 5;

constexpr int kNumGenerations = 3;

// gc.set_debug() flags.
constexpr int kDebugStats = 1 << 0;  // print statistics of each collection
constexpr int kDebugCollectable = 1 << 1;  // print the garbage found
constexpr int kDebugUncollectable = 1 << 2;  // print what goes to gc.garbage
constexpr int kDebugSaveAll = 1 << 5;  // keep the garbage in gc.garbage instead of freeing it
constexpr int kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveAll;

// Objects of CPython's start-up that the model does not make (the
// profile's gc.startup_unmodeled): only counted, as the list sizes that
// the long-lived heuristic reads include them. They survive every
// collection; `tuples` of them are untracked by the next collection of
// their generation, `dicts` by the next full one.
struct Unmodeled {
    std::int64_t objects = 0, tuples = 0, dicts = 0;
    void add(Unmodeled& from) {
        objects += from.objects;
        tuples += from.tuples;
        dicts += from.dicts;
        from = {};
    }
};

struct Generation {
    GcHeader head;  // its objects, in tracking order
    Unmodeled unmodeled;  // ... and so many more, not listed
    int threshold = 0;  // gc.set_threshold()
    // Generation 0: allocations minus deallocations of GC objects since the
    // last collection. Generations 1 and 2: collections of the generation
    // below since the last collection of this one. (Incremental: the
    // visited space's and the pending space's collections of the young
    // generation since the last full one.)
    int count = 0;
};

// The incremental collector's phase: the next increment marks what the
// roots reach (MARK), or collects (COLLECT).
enum class IncrementalPhase { Mark, Collect };

// gc.get_stats(), per generation.
struct GenerationStats {
    std::int64_t collections = 0;
    std::int64_t collected = 0;
    std::int64_t uncollectable = 0;
};

class Manager final : public vm::MemoryManager {
  public:
    explicit Manager(const vm::Profile& profile);
    ~Manager() override;

    void on_allocate(vm::Object* obj, bool tracked) override;
    void on_allocate_bypassing_free_list(vm::Object* obj, bool tracked) override;
    void on_zero_refcount(vm::Object* obj) override;
    bool weakref_gives(const vm::Object* obj) const override { return obj->refcnt > 0; }
    void track(vm::Object* obj) override;
    void untrack(vm::Object* obj) override;
    void on_eval_breaker() override;
    void register_gc_module(vm::NativeModule& gc) override;
    void on_runtime_allocate(vm::Container kind, std::size_t size) override;
    void on_runtime_free(vm::Container kind, std::size_t size) override;
    void pause_counts(bool paused) override;
    void on_uncharged(std::string_view what) override;
    void on_import_unmodeled(std::int64_t objects, std::int64_t tuples, std::int64_t dicts) override;
    void on_import_unmodeled_unknown(std::int64_t unknown) override;
    void startup_collections_done() override;
    void collect_at_startup() override;
    void start_main() override;
    std::vector<vm::RuntimeContainer> on_compiled(const lang::Code& module, vm::CompiledFrom from) override;
    void on_code_freed(const lang::Code& code) override;
    void hold_code_containers(const lang::Code& code, std::vector<std::shared_ptr<CodeTuple>> held) override;
    void collect_after_atexit() override;
    void collect_at_exit() override;
    void free_all() override;
    void for_each_object(const std::function<void(vm::Object*)>& fn) override;
    std::optional<vm::Profile::FreeListCounts> free_list_counts() const override { return free_lists.counts(); }

    // gc.collect(generation): collects it and the younger ones, gc.callbacks
    // included; returns the number of unreachable objects found, or 0
    // without collecting when a collection is already running.
    std::int64_t collect(int generation);
    // clear_freelists(), at the end of every full collection.
    void clear_free_lists();

    // CPython's _PyTrash_UNWIND_LEVEL: deallocations nest this deep at most;
    // deeper ones wait on a stack and run when the outermost one returns.
    static constexpr int kTrashcanDepth = 50;

    // ---- the collector's state (CPython's GCState) ----------------------------------------------
    // The tracked containers, youngest generation first; gc.freeze() moves
    // them all to the permanent generation, which is never collected. The
    // incremental collector's lists are the same three: young, the old
    // generation's visited space, its pending space (CPython's GEN_HEAD).
    Generation generations[kNumGenerations];
    GcHeader permanent_generation;
    Unmodeled permanent_unmodeled;
    GcHeader untracked;  // every other object (str, int, untracked dicts and tuples, ...)
    bool enabled = true;  // gc.enable()/gc.disable(): automatic collections
    bool collecting = false;  // a collection is running
    int debug = 0;  // gc.set_debug() flags
    // The long-lived heuristic: objects that survived a collection of the
    // middle generation since the last full collection, and the survivors
    // of that full collection.
    std::int64_t long_lived_pending = 0;
    std::int64_t long_lived_total = 0;
    // How far the generations' sizes may be from CPython's: objects that
    // imports left whose number the profile does not give. The long-lived
    // rule stops as unsupported where that could change its answer.
    std::int64_t unmodeled_error = 0;
    GenerationStats stats[kNumGenerations];
    // The first allocation since the last full collection that the model
    // does not count (on_uncharged: an import the profile has no trace of,
    // a union type), and why: until a full collection (gc.collect()) frees
    // what it left, the generations' counts and what a collection finds
    // are not CPython's. Empty: they are.
    std::string counts_unknown_since;
    vm::ListObject* garbage = nullptr;  // gc.garbage (counted)
    vm::ListObject* callbacks = nullptr;  // gc.callbacks (counted)
    FreeLists free_lists;
    bool collect_returns_count;  // the profile's gc.collect_returns_count
    int settable_thresholds;  // the profile's gc.settable_thresholds
    bool resurrection_blocks_collection;  // the profile's gc.resurrection_blocks_collection (3.8)
    bool dicts_always_tracked;  // the profile's gc.dicts_always_tracked (3.14)
    // ---- the incremental collector's (the profile's gc.incremental) ----
    bool incremental;
    IncrementalPhase phase = IncrementalPhase::Mark;
    // CPython's old[visited_space] is generations[1]: which of old[0] and
    // old[1] it is decides only the order gc.get_objects() and gc.freeze() see.
    int visited_space = 0;
    std::int64_t work_to_do = 0;  // objects an increment owes (negative: ahead)
    std::int64_t heap_size = 0;  // tracked objects: the start-up's, plus those with kGcProgram
    std::int64_t startup_marked = 0;  // the profile's gc.startup_marked: what a mark reaches of the start-up's
    // The start-up objects the model does not have that the pending space
    // holds (those the mark does not reach): at its head, taken before the
    // model's own by the increments.
    std::int64_t startup_pending = 0;
    std::int64_t startup_unmarked;  // gc.startup_heap - gc.startup_marked: what startup_pending starts from

  private:
    // Inline in on_allocate and on_allocate_bypassing_free_list: one call an
    // object, not two.
    [[gnu::always_inline]] inline void allocate(vm::Object* obj, bool tracked, bool may_reuse);
    // Whether the object counts in generation 0 when it is allocated and
    // freed: a GC object (PyObject_IS_GC). A frame object of 3.10 and
    // earlier is the frame its call made, counted then
    // (on_runtime_allocate, Container::Frame): not again as an object.
    // Asked at every allocation and deallocation: inline.
    bool counted(const vm::Object* obj) const {
        return vm::is_gc(obj) && !(frame_objects_ && obj->type == vm::types.frame);
    }
    void gc_link();
    void count_in_heap(vm::Object* obj);
    void run_scheduled_collection();
    void gc_del();
    // Out of line: on_zero_refcount calls it only for a GC object. The
    // body is inline in it: one prologue for both, not two.
    [[gnu::noinline]] void dealloc(vm::Object* obj);
    [[gnu::always_inline]] inline void dealloc_body(vm::Object* obj, bool tracked);
    // The same body as a call: for an object outside the collector and for
    // the trashcan's deposited ones.
    [[gnu::noinline]] void dealloc_body_out_of_line(vm::Object* obj, bool tracked);
    // untrack() of an object known to be tracked: inline in dealloc_body.
    void untrack_tracked(vm::Object* obj);
    void destroy_chain();

    std::array<int, kNumGenerations> startup_counts_;
    int startup_generation_;
    vm::Profile::FreeListCounts startup_free_lists_;
    vm::Profile::StartupUnmodeled startup_unmodeled_;
    bool replay_compile_;
    CompilerShape compiler_shape_;  // what the compile replay makes, by version
    CodeTuples code_tuples_;  // of exec()'s code objects that are alive
    bool collect_at_eval_breaker_;  // the profile's gc.collect_at_eval_breaker (3.12+)
    bool scheduled_checks_enabled_;  // gc.scheduled_collection_checks_enabled (3.13+)
    bool frame_objects_;  // the profile's gc.frame_objects (to 3.10)
    bool count_tracked_;  // the profile's gc.count_tracked (3.14)
    bool collect_when_disabled_;  // the profile's exit.collect_when_disabled (3.14)
    std::int64_t startup_heap_;  // the profile's gc.startup_heap
    bool collection_scheduled_ = false;  // _Py_ScheduleGC: at the next eval-breaker check
    bool main_started_ = false;
    int counts_paused_ = 0;  // pause_counts() nesting
    int delete_nesting_ = 0;
    std::vector<std::pair<vm::Object*, bool>> delete_later_;  // the trashcan, LIFO; tracked when deposited
    bool tearing_down_ = false;
};

}  // namespace refcount
