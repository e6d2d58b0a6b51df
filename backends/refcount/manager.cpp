// refcount::Manager: allocation lists and counts, deallocation in CPython's
// order, the trashcan, and where the cycle collector runs (inside the
// allocation that crosses the threshold, and at exit).
#include "manager.hpp"

#include <algorithm>

#include "collector.hpp"
#include "compile_replay.hpp"
#include "vm/manager_api.hpp"

namespace refcount {

using vm::Object;

Manager::Manager(const vm::Profile& profile)
    : collect_returns_count(profile.gc_collect_returns_count),
      settable_thresholds(profile.gc_settable_thresholds),
      resurrection_blocks_collection(profile.gc_resurrection_blocks_collection),
      dicts_always_tracked(profile.gc_dicts_always_tracked),
      incremental(profile.gc_incremental),
      startup_marked(profile.gc_startup_marked),
      startup_unmarked(std::max<std::int64_t>(0, profile.gc_startup_heap - profile.gc_startup_marked)),
      startup_counts_(profile.gc_startup_counts),
      startup_generation_(profile.gc_startup_generation),
      startup_free_lists_(profile.gc_startup_free_lists),
      startup_unmodeled_(profile.gc_startup_unmodeled),
      replay_compile_(profile.gc_compile_allocations),
      compiler_shape_{.unit_dicts = profile.gc_compiler_unit_dicts,
                      .exception_table = profile.gc_compiler_exception_table,
                      .generator_handler = profile.gc_compiler_generator_handler,
                      .inline_swaps_argument = profile.gc_compiler_inline_swaps_argument,
                      .merges_bytes = profile.gc_compiler_merges_bytes,
                      .bytes_of_3_10 = profile.gc_compiler_bytes_of_3_10,
                      .qualname_constants = profile.gc_compiler_qualname_constants,
                      .annotation_list = profile.gc_compiler_annotation_list,
                      .atom_constants_untracked = profile.gc_compiler_atom_constants_untracked,
                      .small_int_loads = profile.gc_compiler_small_int_loads,
                      .loader_instance_dict = profile.gc_instance_dict_objects,
                      .peephole_folds = profile.gc_compiler_peephole_folds,
                      .directive_items = static_cast<std::size_t>(profile.gc_compiler_directive_items)},
      collect_at_eval_breaker_(profile.gc_collect_at_eval_breaker),
      scheduled_checks_enabled_(profile.gc_scheduled_collection_checks_enabled),
      frame_objects_(profile.gc_frame_objects),
      count_tracked_(profile.gc_count_tracked),
      collect_when_disabled_(profile.exit_collect_when_disabled),
      startup_heap_(profile.gc_startup_heap) {
    for (int i = 0; i < kNumGenerations; ++i) {
        gc_list_init(&generations[i].head);
        generations[i].threshold = profile.gc_thresholds[i];
    }
    gc_list_init(&permanent_generation);
    gc_list_init(&untracked);
    free_lists.set_tuple_sizes(static_cast<std::size_t>(profile.gc_tuple_reuse_size),
                               static_cast<std::size_t>(profile.gc_tuple_keep_size));
}

Manager::~Manager() = default;

// ---- allocation ---------------------------------------------------------------------------------

void Manager::allocate(Object* obj, bool tracked, bool may_reuse) {
    // The collection _PyObject_GC_Link may run happens before the new object
    // is on any list, as in CPython, where it is not even initialized yet.
    // While counts are paused (the model building a module the runtime's
    // import runs), neither the count nor the free lists move. With
    // gc.count_tracked (3.14) only a tracked one counts, free list or not.
    const bool counts = counted(obj) && !counts_paused_;
    if (tracked && counts) count_in_heap(obj);
    if (count_tracked_) {
        if (tracked && counts) gc_link();
    } else if (counts && !(may_reuse && free_lists.reuse(obj))) {
        gc_link();
    }
    if (tracked) {
        obj->gc.bits |= vm::kGcTracked;
        gc_list_append(&obj->gc, &generations[0].head);
    } else {
        gc_list_append(&obj->gc, &untracked);
    }
}

void Manager::on_allocate(Object* obj, bool tracked) { allocate(obj, tracked, true); }

void Manager::on_allocate_bypassing_free_list(Object* obj, bool tracked) { allocate(obj, tracked, false); }

// _PyObject_GC_Link: every GC object allocated (tracked or not) counts in
// generation 0; past the threshold, the allocation itself collects (to
// 3.11) or schedules a collection for the next eval-breaker check (3.12+,
// gh-97922), unless an exception is being raised or a collection is
// already running.
void Manager::gc_link() {
    Generation& young = generations[0];
    ++young.count;
    if (young.count > young.threshold && young.threshold && enabled && !collecting && main_started_ &&
        !vm::rt().thread().curexc) {
        if (collect_at_eval_breaker_) {
            collection_scheduled_ = true;
            vm::request_eval_breaker();
        } else {
            run_scheduled_collection();
        }
    }
}

// _Py_RunGC: the oldest generation past its threshold, if any still is;
// with the incremental collector, one increment (reported as generation 1).
void Manager::run_scheduled_collection() {
    collecting = true;
    if (incremental) collect_with_callback(*this, 1);
    else collect_generations(*this);
    collecting = false;
}

// CPython's heap_size counts every tracked container; the model counts the
// program's (and the profile's gc.startup_heap for the start-up's).
void Manager::count_in_heap(Object* obj) {
    if (!incremental || !main_started_) return;
    obj->gc.bits |= kGcProgram;
    ++heap_size;
}

// _Py_HandlePending (or PyErr_CheckSignals): a scheduled collection runs,
// whatever the counts are by then; from 3.13 only if the collector is still
// enabled (_Py_RunGC), else the schedule is dropped all the same.
void Manager::on_eval_breaker() {
    if (!collection_scheduled_) return;
    collection_scheduled_ = false;
    if (scheduled_checks_enabled_ && !enabled) return;
    run_scheduled_collection();
}

// PyObject_GC_Del: a GC object freed (not kept on a free list) uncounts itself.
void Manager::gc_del() {
    if (generations[0].count > 0) --generations[0].count;
}

// clear_freelists() frees what the lists hold with PyObject_GC_Del, one by
// one: each takes one from the count, which stays at 0 or above, so what a
// full collection's finalizers allocated is uncounted as far as the lists
// held objects. (3.14 counts trackings: the lists hold untracked objects.)
void Manager::clear_free_lists() {
    int held = free_lists.clear();
    if (!count_tracked_) generations[0].count = std::max(0, generations[0].count - held);
}

// A container the runtime's own code allocated: taken from a free list
// when it holds one, else linked (and it may start a collection, as an
// allocation of the program's would). Not while the counts are paused.
void Manager::on_runtime_allocate(Container kind, std::size_t size) {
    if (counts_paused_) return;
    if (count_tracked_ || !free_lists.reuse(kind, size)) gc_link();
}

// ... and freed: kept on a free list when it has room, else uncounted.
void Manager::on_runtime_free(Container kind, std::size_t size) {
    if (counts_paused_) return;
    if (count_tracked_ || !FreeLists::keep(free_lists.slot_for_free(kind, size))) gc_del();
}

void Manager::pause_counts(bool paused) { counts_paused_ += paused ? 1 : -1; }

// An import nested in one the runtime builds (counts paused) is part of
// that one's cost; the runtime's own imports before __main__ are in the
// profile's start-up counts.
void Manager::on_import_unmodeled(std::int64_t objects, std::int64_t tuples, std::int64_t dicts) {
    if (incremental) return;
    Unmodeled& young = generations[0].unmodeled;
    young.objects += objects;
    young.tuples += tuples;
    young.dicts += dicts;
}

void Manager::on_import_unmodeled_unknown(std::int64_t unknown) {
    if (!incremental) unmodeled_error += unknown;
}

void Manager::on_uncharged(std::string_view what) {
    if (counts_paused_ || !main_started_) return;
    if (counts_unknown_since.empty()) counts_unknown_since = what;
}

// What the runtime's start-up made has survived its collections and lives
// in the profile's generation (CPython 3.11 run with -S: the middle one, as
// no collection of it has run yet). The main module and its dict, made
// next, are young.
void Manager::startup_collections_done() {
    for (int i = 0; i < kNumGenerations; ++i)
        if (i != startup_generation_) gc_list_merge(&generations[i].head, &generations[startup_generation_].head);
    if (!incremental) untrack_tuples(*this, &generations[startup_generation_].head);
}

// The start-up's last collection, a full one (Pyodide's launcher's
// gc.collect()), without gc.callbacks.
void Manager::collect_at_startup() {
    collecting = true;
    collect_main(*this, kNumGenerations - 1, nullptr);
    collecting = false;
}

// The program starts: the counts are the profile's.
void Manager::start_main() {
    for (int i = 0; i < kNumGenerations; ++i) generations[i].count = startup_counts_[i];
    generations[0].unmodeled = {.objects = startup_unmodeled_.young};
    generations[startup_generation_].unmodeled.objects += startup_unmodeled_.startup_generation;
    generations[startup_generation_].unmodeled.tuples = startup_unmodeled_.tuples;
    generations[startup_generation_].unmodeled.dicts = startup_unmodeled_.dicts;
    free_lists.fill(startup_free_lists_);
    main_started_ = true;
    // The start-up ended with a full collection, whose completed scavenge
    // left everything pending and the next increment to mark.
    heap_size = startup_heap_;
    startup_pending = startup_unmarked;
    phase = IncrementalPhase::Mark;
    work_to_do = 0;
}

// The allocations of CPython's compiler, on the free lists as they are
// (for the main file: as start-up left them, the profile's), counted as the
// runtime's own.
std::vector<vm::RuntimeContainer> Manager::on_compiled(const lang::Code& module, vm::CompiledFrom from) {
    if (!replay_compile_) return {};
    ReplayedCompile compiled = replay_compile(module, from, *this, compiler_shape_);
    // A code object dies with the last reference to it (the module's once
    // it has run, a class body's once the class is made, a function's with
    // the function), and its tuples with it.
    for (auto& [code, tuples] : compiled.code_tuples) code_tuples_[code] = std::move(tuples);
    return compiled.after_run;
}

void Manager::on_code_freed(const lang::Code& code) { release_code_tuples(code_tuples_, code, *this); }

void Manager::hold_code_containers(const lang::Code& code, std::vector<std::shared_ptr<CodeTuple>> held) {
    if (counts_paused_) return;
    std::vector<std::shared_ptr<CodeTuple>>& holding = code_tuples_[&code];
    holding.insert(holding.end(), held.begin(), held.end());
}

// _PyObject_GC_TRACK: to the tail of generation 0 (3.14: counted there).
void Manager::track(Object* obj) {
    if (obj->gc.bits & vm::kGcTracked) return;
    obj->gc.bits |= vm::kGcTracked;
    obj->gc.bits &= ~kGcVisited;
    gc_list_move(&obj->gc, &generations[0].head);
    if (!counts_paused_) count_in_heap(obj);
    if (count_tracked_ && !counts_paused_) gc_link();
}

// _PyObject_GC_UNTRACK, from whatever list the object is on (a generation,
// or one of a running collection's).
void Manager::untrack(Object* obj) {
    if (obj->gc.bits & vm::kGcTracked) untrack_tracked(obj);
}

inline void Manager::untrack_tracked(Object* obj) {
    if (obj->gc.bits & kGcProgram) --heap_size;
    obj->gc.bits &= ~(vm::kGcTracked | kGcCollecting | kGcUnreachable | kGcVisited | kGcProgram);
    gc_list_move(&obj->gc, &untracked);
    if (count_tracked_ && !counts_paused_) gc_del();
}

// ---- death at refcount zero ---------------------------------------------------------------------

void Manager::on_zero_refcount(Object* obj) {
    if (tearing_down_) return;
    // Most deaths are of objects outside the collector (ints, strs): they
    // go straight to the body, without dealloc's trashcan bookkeeping (and
    // without its prologue, which saves the registers that bookkeeping uses).
    // An exact int, the most frequent death: of dealloc_body's steps only
    // these apply to it (an int is never tracked, has no finalizer, cannot
    // be weakly referenced, holds no reference and goes to no free list),
    // in the same order, without its call and its tests.
    if (obj->type == vm::types.int_) {
        if (vm::g_explain) vm::g_explain->freed(obj);
        gc_list_remove(&obj->gc);
        vm::free_blocks(obj);
        delete static_cast<vm::IntObject*>(obj);  // LayoutOf<IntObject>::destroy
        vm::decref(vm::types.int_);
        return;
    }
    if (!vm::is_gc(obj)) {
        dealloc_body_out_of_line(obj, obj->gc.bits & vm::kGcTracked);
        return;
    }
    dealloc(obj);
}

// Py_TRASHCAN_BEGIN/END around the deallocation of a container: past the
// nesting limit the object is deposited; the outermost deallocation frees
// the deposited ones, last deposited first. A deposited object is untracked
// first, as the deallocs untrack before Py_TRASHCAN_BEGIN: a collection that
// a finalizer starts meanwhile must not see an object whose count is zero.
void Manager::dealloc(Object* obj) {
    bool tracked = obj->gc.bits & vm::kGcTracked;
    if (delete_nesting_ >= kTrashcanDepth) {
        untrack(obj);
        delete_later_.push_back({obj, tracked});
        return;
    }
    ++delete_nesting_;
    dealloc_body(obj, tracked);
    --delete_nesting_;
    if (delete_nesting_ == 0 && !delete_later_.empty()) destroy_chain();
}

void Manager::destroy_chain() {
    ++delete_nesting_;
    while (!delete_later_.empty()) {
        auto [obj, tracked] = delete_later_.back();
        delete_later_.pop_back();
        dealloc_body_out_of_line(obj, tracked);
    }
    --delete_nesting_;
}

// subtype_dealloc (and the dealloc functions of the builtin types that have
// a finalizer or weakrefs): the finalizer, once, with the object
// temporarily resurrected; then weakrefs cleared and their callbacks run
// (before the finalizer for generators); then the object's references are
// released and its memory freed (or kept on a free list); then its type
// reference. `tracked`: whether it was tracked when its count reached zero
// (a deposited object was untracked then; subtype_dealloc re-tracks it
// around the finalizer all the same).
void Manager::dealloc_body(Object* obj, bool tracked) {
    vm::TypeObject* type = obj->type;
    if (obj->gc.bits & vm::kGcTracked) untrack_tracked(obj);
    bool weakrefs_first = type->has(vm::TF_CLEARS_WEAKREFS_FIRST);
    if (weakrefs_first && vm::weaklist(obj)) vm::clear_weakrefs_and_call_callbacks(obj);
    bool has_finalizer = vm::has_finalizer(obj);
    if (has_finalizer && !obj->finalized()) {
        obj->refcnt = 1;
        if (tracked) track(obj);
        vm::run_finalizer(obj);
        if (--obj->refcnt != 0) {  // resurrected: as if the decref never happened
            if (vm::g_explain) vm::g_explain->resurrected(obj);
            return;
        }
        if (tracked) untrack(obj);
    }
    if (!weakrefs_first && vm::weaklist(obj)) vm::clear_weakrefs_and_call_callbacks(obj);
    if (has_finalizer) vm::clear_weakrefs_silently(obj);  // made by the callbacks
    bool gc_object = counted(obj);
    // Only a counted object goes to a free list (the slot is used below only for one).
    FreeLists::Slot free_list = gc_object ? free_lists.slot_for_free(obj) : FreeLists::Slot{};
    if (vm::g_explain) vm::g_explain->freed(obj);
    vm::release_refs(obj);
    if (gc_object && !count_tracked_ && !counts_paused_ && !FreeLists::keep(free_list)) gc_del();
    gc_list_remove(&obj->gc);
    vm::destroy(obj);
    vm::decref(type);
}

void Manager::dealloc_body_out_of_line(Object* obj, bool tracked) { dealloc_body(obj, tracked); }

// ---- collections --------------------------------------------------------------------------------

std::int64_t Manager::collect(int generation) {
    if (collecting) return 0;
    vm::ExplainScope trigger(vm::Explain::ScopeKind::Trigger, "gc.collect()");
    collecting = true;
    std::int64_t n = collect_with_callback(*this, generation);
    collecting = false;
    // A full collection freed what an uncharged import left. (An automatic
    // one may run where CPython's does not: only gc.collect() is sure.)
    if (generation == kNumGenerations - 1) counts_unknown_since.clear();
    return n;
}

// ---- exit ---------------------------------------------------------------------------------------

// PyGC_Collect, after the atexit callbacks: as gc.collect(), callbacks
// included, but nothing at all when the collector is disabled (to 3.13:
// 3.14 collects all the same, exit.collect_when_disabled).
void Manager::collect_after_atexit() {
    if ((!enabled && !collect_when_disabled_) || collecting) return;
    vm::ExplainScope trigger(vm::Explain::ScopeKind::Trigger, "exit");
    collecting = true;
    vm::guarded([&] { collect_with_callback(*this, kNumGenerations - 1); });
    collecting = false;
}

// _PyGC_CollectNoFail, during module teardown: disabled or not, without
// gc.callbacks.
void Manager::collect_at_exit() {
    if (collecting) return;
    vm::ExplainScope trigger(vm::Explain::ScopeKind::Trigger, "exit");
    collecting = true;
    vm::guarded([&] { collect_main(*this, kNumGenerations - 1, nullptr); });
    collecting = false;
}

// ---- the heap -----------------------------------------------------------------------------------

void Manager::for_each_object(const std::function<void(Object*)>& fn) {
    for (Generation& g : generations) gc_list_for_each(&g.head, fn);
    gc_list_for_each(&permanent_generation, fn);
    gc_list_for_each(&untracked, fn);
}

// Frees everything: first every object drops its references (nothing dies,
// since nothing is freed), then the memory goes.
void Manager::free_all() {
    tearing_down_ = true;
    std::vector<Object*> all;
    for_each_object([&](Object* o) { all.push_back(o); });
    vm::free_together(all, false);
    for (Generation& g : generations) gc_list_init(&g.head);
    gc_list_init(&permanent_generation);
    gc_list_init(&untracked);
    garbage = callbacks = nullptr;
}

}  // namespace refcount
