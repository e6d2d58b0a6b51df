// The cycle collector: CPython 3.11's Modules/gcmodule.c, one function per
// step, named as CPython names it. collect_main() is the table of contents:
// read it first. collector.md beside this file explains the algorithm with
// a worked example, and every place where the model differs from CPython.
#include "collector.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <string>

#include <fmt/format.h>

#include "manager.hpp"
#include "vm/manager_api.hpp"

namespace refcount {

namespace {

// The share of the heap an increment scans per unit of the second
// threshold (CPython's SCAN_RATE_DIVISOR).
constexpr std::int64_t kScanRateDivisor = 10;

using vm::Object;
using vm::Visitor;
using vm::WeakRefObject;

// ---- gc_refs and the collecting flags -----------------------------------------------------------
// During a collection the header's manager word holds gc_refs: the object's
// refcount minus the references from the objects being collected.

bool gc_is_collecting(const GcHeader* g) { return g->bits & kGcCollecting; }
void gc_clear_collecting(GcHeader* g) { g->bits &= ~kGcCollecting; }
std::intptr_t gc_get_refs(const GcHeader* g) { return g->word(); }
void gc_set_refs(GcHeader* g, std::intptr_t refs) { g->set_word(refs); }
// update_refs' start: gc_refs = refcount, COLLECTING set.
void gc_reset_refs(GcHeader* g, std::intptr_t refs) {
    gc_set_refs(g, refs);
    g->bits |= kGcCollecting;
}
void gc_decref(GcHeader* g) {
    assert(gc_get_refs(g) > 0);
    g->set_word(g->word() - 1);
}

// The objects of `list` from `first` (a member, or the head) to the end.
std::vector<Object*> gc_list_objects(GcHeader* list, GcHeader* first) {
    std::vector<Object*> objects;
    for (GcHeader* g = first; g != list; g = g->next) objects.push_back(vm::from_gc(g));
    return objects;
}

std::int64_t gc_list_size(const GcHeader* list) {
    std::int64_t n = 0;
    for (const GcHeader* g = list->next; g != list; g = g->next) ++n;
    return n;
}

void gc_list_clear_collecting(GcHeader* list) {
    for (GcHeader* g = list->next; g != list; g = g->next) gc_clear_collecting(g);
}

// validate_list: the list is well linked and each object's COLLECTING and
// UNREACHABLE bits are as expected. Called between the steps, it documents
// when each flag is set; compiled only in debug builds (it walks the list).
#ifndef NDEBUG
void validate_list(const GcHeader* head, std::uintptr_t expected_flags) {
    const GcHeader* prev = head;
    for (const GcHeader* g = head->next; g != head; g = g->next) {
        assert(g->prev == prev);
        assert((g->bits & (kGcCollecting | kGcUnreachable)) == expected_flags);
        assert(g->bits & vm::kGcTracked);
        prev = g;
    }
    assert(head->prev == prev);
}
#else
void validate_list(const GcHeader*, std::uintptr_t) {}
#endif
constexpr std::uintptr_t kCollectingClearUnreachableClear = 0;
constexpr std::uintptr_t kCollectingSetUnreachableClear = kGcCollecting;
constexpr std::uintptr_t kCollectingSetUnreachableSet = kGcCollecting | kGcUnreachable;

// ---- finding the garbage ------------------------------------------------------------------------

// Sets gc_refs = refcount and COLLECTING on every object of `containers`.
// After this, gc_refs > 0 for all of them: an object with a zero refcount
// would have been freed already.
void update_refs(GcHeader* containers) {
    for (GcHeader* g = containers->next; g != containers; g = g->next) {
        gc_reset_refs(g, vm::from_gc(g)->refcnt);
        assert(gc_get_refs(g) != 0);
    }
}

void visit_decref(Object* op, void*) {
    if (gc_is_collecting(&op->gc)) gc_decref(&op->gc);
}

// Subtracts the references between the objects of `containers`. After
// this, gc_refs is the number of references from outside: the objects with
// gc_refs > 0 are directly reachable from outside and cannot be garbage.
void subtract_refs(GcHeader* containers) {
    for (GcHeader* g = containers->next; g != containers; g = g->next)
        vm::traverse(vm::from_gc(g), Visitor{&visit_decref, nullptr});
}

bool is_weakref(const Object* op) { return op->type->has(vm::TF_WEAKREF); }

// What the garbage holds that handling it has to deal with, noted as
// move_unreachable() moves each object: the steps with nothing to do are
// skipped. The flags may also count an object a later reference brought
// back, or one whose finalizer already ran (the steps then run, and find
// nothing more to do); `size` is exact.
struct GarbageSummary {
    std::int64_t size = 0;
    bool weakrefs = false;  // a weakref, or an object with weakrefs to it
    bool finalizers = false;  // an object whose type has a finalizer
};

// What move_unreachable() hands its visitor.
struct Unreachable {
    GcHeader* young;
    std::int64_t brought_back = 0;  // moved to `young` again
};

// `op` is referenced by an object found reachable.
void visit_reachable(Object* op, void* arg) {
    GcHeader* g = &op->gc;
    if (!gc_is_collecting(g)) return;  // not being collected, or already scanned
    if (g->bits & kGcUnreachable) {
        // Moved to `unreachable` before this reference was seen: it goes
        // back to the end of `young`, where move_unreachable() will scan it.
        auto* unreachable = static_cast<Unreachable*>(arg);
        g->bits &= ~kGcUnreachable;
        gc_list_move(g, unreachable->young);
        ++unreachable->brought_back;
        gc_set_refs(g, 1);
    } else if (gc_get_refs(g) == 0) {
        // Ahead in `young`, not scanned yet: tell move_unreachable() it is
        // reachable.
        gc_set_refs(g, 1);
    }
}

// Moves the objects of `young` that are not reachable from outside it to
// `unreachable`. Walking `young` in order, an object with gc_refs > 0 is
// reachable: its referents are marked reachable too (visit_reachable), and
// it loses COLLECTING. One with gc_refs == 0 may be garbage and moves,
// tentatively, to `unreachable` (UNREACHABLE set); a later reachable object
// may bring it back. After this, `young` holds only reachable objects,
// COLLECTING clear, and `unreachable` the garbage, COLLECTING and
// UNREACHABLE set, in the order `young` had. Returns what the garbage holds.
GarbageSummary move_unreachable(GcHeader* young, GcHeader* unreachable) {
    Unreachable visited{young};
    // What the objects moved have, or'ed: most are brought back, so no
    // test is made per object (weaklist() and is_weakref() read these flags).
    std::int64_t moved = 0;
    std::uintptr_t header_bits = 0, type_flags = 0;
    bool finalizer = false;
    GcHeader* g = young->next;
    while (g != young) {
        if (gc_get_refs(g)) {
            // Traversing may append objects to `young`, after `g`: take the
            // next one only afterwards.
            vm::traverse(vm::from_gc(g), Visitor{&visit_reachable, &visited});
            gc_clear_collecting(g);
            g = g->next;
        } else {
            GcHeader* next = g->next;
            gc_list_move(g, unreachable);
            g->bits |= kGcUnreachable;
            const vm::TypeObject* type = vm::from_gc(g)->type;
            ++moved;
            header_bits |= g->bits;
            type_flags |= type->flags;
            finalizer |= type->tp.finalize != nullptr;
            g = next;
        }
    }
    return {moved - visited.brought_back,
            (header_bits & vm::kGcWeaklyReferenced) != 0 || (type_flags & vm::TF_WEAKREF) != 0, finalizer};
}

// update_refs + subtract_refs + move_unreachable. Contracts: no object of
// `base` has COLLECTING or UNREACHABLE before; afterwards `base` holds the
// reachable ones (flags clear) and `unreachable` the rest (both set).
GarbageSummary deduce_unreachable(GcHeader* base, GcHeader* unreachable) {
    validate_list(base, kCollectingClearUnreachableClear);
    update_refs(base);
    subtract_refs(base);
    gc_list_init(unreachable);
    GarbageSummary garbage = move_unreachable(base, unreachable);
    validate_list(base, kCollectingClearUnreachableClear);
    validate_list(unreachable, kCollectingSetUnreachableSet);
    return garbage;
}

// Ends the tentative state: `unreachable` is now the garbage. Needed
// before anything but delete_garbage() walks it.
void clear_unreachable_mask(GcHeader* unreachable) {
    for (GcHeader* g = unreachable->next; g != unreachable; g = g->next) {
        assert(g->bits & kGcUnreachable);
        g->bits &= ~kGcUnreachable;
    }
    validate_list(unreachable, kCollectingSetUnreachableClear);
}

// _PyDict_MaybeUntrack on each survivor of a full collection: a dict whose
// keys and values cannot take part in a cycle is untracked (until a
// container is stored in it).
void untrack_dicts(Manager& gc, GcHeader* head) {
    gc_list_for_each(head, [&](Object* op) {
        if (op->type != vm::types.dict) return;
        bool containers = false;
        vm::dict_for_each(static_cast<vm::DictObject*>(op), [&](Object* k, Object* v) {
            containers = containers || vm::may_be_tracked(k) || vm::may_be_tracked(v);
        });
        if (!containers) gc.untrack(op);
    });
}

}  // namespace

void untrack_tuples(Manager& gc, GcHeader* list) {
    gc_list_for_each(list, [&](Object* op) {
        if (op->type != vm::types.tuple) return;
        for (Object* item : static_cast<vm::TupleObject*>(op)->items)
            if (vm::may_be_tracked(item)) return;
        gc.untrack(op);
    });
}

namespace {

// ---- destroying the garbage ---------------------------------------------------------------------

// Clears every weakref to the objects of `unreachable`, and calls the
// callbacks of those that are not garbage themselves (a weakref that dies
// with its referent never calls back). A weakref in the garbage is cleared
// too, so that nothing can call its callback later. Callbacks run after all
// the clearing, in list order, with the collector's reference on each
// weakref; one still alive afterwards moves to `old`. Returns the number
// of weakrefs that died after their callback, which the collection counts
// as collected.
std::int64_t handle_weakrefs(GcHeader* unreachable, GcHeader* old) {
    GcHeader wrcb_to_call;
    gc_list_init(&wrcb_to_call);
    for (GcHeader* g = unreachable->next; g != unreachable; g = g->next) {
        Object* op = vm::from_gc(g);
        if (is_weakref(op)) vm::unlink_weakref(static_cast<WeakRefObject*>(op));
        if (vm::g_explain && vm::weaklist(op)) vm::g_explain->weakrefs_cleared(op);
        while (WeakRefObject* wr = vm::weaklist(op)) {
            vm::unlink_weakref(wr);  // the callback stays with the weakref
            if (!wr->callback || gc_is_collecting(&wr->gc)) continue;
            vm::incref(wr);
            gc_list_move(&wr->gc, &wrcb_to_call);
        }
    }
    std::int64_t freed = 0;
    while (!gc_list_is_empty(&wrcb_to_call)) {
        GcHeader* g = wrcb_to_call.next;
        auto* wr = static_cast<WeakRefObject*>(vm::from_gc(g));
        std::vector<vm::WeakrefCallback> call{{vm::share(wr), vm::share(wr->callback)}};
        vm::call_weakref_callbacks(call);
        vm::decref(wr);
        if (wrcb_to_call.next == g) gc_list_move(g, old);  // still alive
        else ++freed;
    }
    return freed;
}

// Calls the finalizer (__del__) of each object of `collectable` that has
// one and has not run it, in list order, at most once per object in its
// life (PEP 442). A finalizer may free or resurrect anything, so the list
// is consumed from its head into `seen`, then restored.
void finalize_garbage(GcHeader* collectable) {
    GcHeader seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        GcHeader* g = collectable->next;
        Object* op = vm::from_gc(g);
        gc_list_move(g, &seen);
        if (!op->finalized() && vm::has_finalizer(op)) {
            vm::incref(op);
            vm::run_finalizer_from_gc(op);
            vm::decref(op);
        }
    }
    gc_list_merge(&seen, collectable);
}

// A finalizer may have made some garbage reachable again. Deduces the
// unreachable set once more within `unreachable`: what is still garbage
// goes to `still_unreachable` (COLLECTING set), what was resurrected and
// all it reaches survive into `old` (3.9+; before, any resurrection gave
// up the whole collection).
void handle_resurrected_objects(GcHeader* unreachable, GcHeader* still_unreachable, GcHeader* old) {
    gc_list_clear_collecting(unreachable);
    deduce_unreachable(unreachable, still_unreachable);
    clear_unreachable_mask(still_unreachable);
    gc_list_merge(unreachable, old);
}

// 3.8's check_garbage (the profile's gc.resurrection_blocks_collection):
// whether a finalizer made any of `unreachable` reachable from outside it,
// in which case all of it survives the collection (3.9 collects the rest,
// bpo-38379).
bool any_resurrected(GcHeader* unreachable) {
    update_refs(unreachable);
    subtract_refs(unreachable);
    for (GcHeader* g = unreachable->next; g != unreachable; g = g->next)
        if (gc_get_refs(g) != 0) return true;
    return false;
}

// Breaks the cycles: tp_clear on each object, in list order, and the
// reference counting frees what follows. With kDebugSaveAll the garbage
// goes to gc.garbage instead. An object still alive after its clear moves
// to `old`: something the clearing ran may still hold it. The objects may
// still be marked UNREACHABLE (when nothing else walked them): the mark
// goes here, one pass fewer.
void delete_garbage(Manager& gc, GcHeader* collectable, GcHeader* old) {
    while (!gc_list_is_empty(collectable)) {
        GcHeader* g = collectable->next;
        Object* op = vm::from_gc(g);
        assert(op->refcnt > 0);
        g->bits &= ~kGcUnreachable;
        if (gc.debug & kDebugSaveAll) {
            vm::list_append(gc.garbage, op);
        } else {
            vm::incref(op);
            vm::guarded([&] { vm::clear_refs(op); });
            vm::decref(op);
        }
        if (collectable->next == g) {
            gc_clear_collecting(g);
            gc_list_move(g, old);
        }
    }
}

// ---- debug output (gc.set_debug) ----------------------------------------------------------------

void debug_cycle(const char* what, Object* op) {
    vm::write_stderr(fmt::format("gc: {} <{} {}>\n", what, vm::type_name(op), vm::address_of(op)));
}

void show_stats_each_generations(Manager& gc) {
    std::string sizes;
    for (Generation& gen : gc.generations) sizes += fmt::format(" {}", gc_list_size(&gen.head) + gen.unmodeled.objects);
    vm::write_stderr(fmt::format("gc: objects in each generation:{}\ngc: objects in permanent generation: {}\n", sizes,
                                 gc_list_size(&gc.permanent_generation) + gc.permanent_unmodeled.objects));
}

// ---- gc.callbacks -------------------------------------------------------------------------------

// Calls each of gc.callbacks with (phase, info); the list may change while
// they run. Errors are printed as unraisable.
void invoke_gc_callback(Manager& gc, const char* phase, int generation, const CollectionResult& r) {
    if (!gc.callbacks || gc.callbacks->items.empty()) return;
    vm::Ref<vm::DictObject> info = vm::new_dict();
    vm::dict_set(info.get(), "generation", vm::new_int(generation).get());
    vm::dict_set(info.get(), "collected", vm::new_int(r.collected).get());
    vm::dict_set(info.get(), "uncollectable", vm::new_int(r.uncollectable).get());
    for (std::size_t i = 0; i < gc.callbacks->items.size(); ++i) {
        vm::Ref<> cb = vm::share(gc.callbacks->items[i]);
        // PyObject_CallFunction(cb, "sO", ...) passes the arguments on a
        // stack, not in a tuple.
        vm::Ref<> phase_str = vm::new_str(phase);
        vm::guarded([&] {
            vm::run_unraisable("Exception ignored in: {}", cb.get(), [&] {
                vm::call(cb.get(), {phase_str.get(), info.get()});
            });
        });
    }
}

}  // namespace

// ---- the collection -----------------------------------------------------------------------------

namespace {

// gc_collect_region: collects the objects of `young`; the survivors (and
// what a finalizer resurrects) join `old`, which may be `young` itself.
// The generational collector's `generation` decides its bookkeeping of the
// survivors; the incremental one has none.
void collect_region(Manager& gc, GcHeader* young, GcHeader* old, int generation, CollectionResult& r) {
    validate_list(old, kCollectingClearUnreachableClear);

    // Find what is unreachable from outside `young`.
    GcHeader unreachable;
    const GarbageSummary garbage = deduce_unreachable(young, &unreachable);

    // The survivors move on to the next generation (stay in the oldest),
    // with the start-up objects the model lacks.
    untrack_tuples(gc, young);
    Unmodeled* unmodeled = gc.incremental ? nullptr : &gc.generations[generation].unmodeled;
    if (unmodeled) {
        unmodeled->objects -= unmodeled->tuples;
        unmodeled->tuples = 0;
    }
    if (young != old) {
        if (unmodeled && generation == kNumGenerations - 2)
            gc.long_lived_pending += gc_list_size(young) + unmodeled->objects;
        gc_list_merge(young, old);
        if (unmodeled) gc.generations[generation + 1].unmodeled.add(*unmodeled);
    } else if (unmodeled) {
        if (!gc.dicts_always_tracked) {  // only in full collections (issue #14775)
            untrack_dicts(gc, young);
            unmodeled->objects -= unmodeled->dicts;
            unmodeled->dicts = 0;
        }
        gc.long_lived_pending = 0;
        gc.long_lived_total = gc_list_size(young) + unmodeled->objects;
    }

    // CPython now moves the objects with a legacy tp_del, and all they
    // reach, to the uncollectable `finalizers` (move_legacy_finalizers); no
    // type of the model has one, so all of `unreachable` is collectable.
    if (vm::g_explain) vm::g_explain->collection_found(gc_list_objects(&unreachable, unreachable.next));
    if (gc.debug & kDebugCollectable)
        gc_list_for_each(&unreachable, [](Object* op) { debug_cycle("collectable", op); });

    // Weakrefs to the garbage are cleared, and their callbacks called;
    // __del__ methods run, once per object; whatever they resurrected
    // survives, the rest is collected. When no finalizer or weakref
    // callback could run, nothing was resurrected: the second deduction
    // would find all of `unreachable` again, in the same order, so it is
    // skipped, and delete_garbage() clears the UNREACHABLE marks.
    GcHeader final_unreachable;
    if (garbage.weakrefs || garbage.finalizers) {
        clear_unreachable_mask(&unreachable);
        if (garbage.weakrefs) r.collected += handle_weakrefs(&unreachable, old);
        validate_list(old, kCollectingClearUnreachableClear);
        validate_list(&unreachable, kCollectingSetUnreachableClear);
        finalize_garbage(&unreachable);
        GcHeader* old_tail = old->prev;  // the resurrected objects join `old` after it
        if (gc.resurrection_blocks_collection && any_resurrected(&unreachable)) {
            gc_list_init(&final_unreachable);
            gc_list_clear_collecting(&unreachable);
            gc_list_merge(&unreachable, old);
        } else {
            handle_resurrected_objects(&unreachable, &final_unreachable, old);
        }
        if (vm::g_explain) vm::g_explain->collection_resurrected(gc_list_objects(old, old_tail->next));
    } else {
        gc_list_init(&final_unreachable);
        gc_list_merge(&unreachable, &final_unreachable);
    }

    // Break the cycles: the garbage dies by reference counting.
    r.collected += garbage.weakrefs || garbage.finalizers ? gc_list_size(&final_unreachable) : garbage.size;
    delete_garbage(gc, &final_unreachable, old);
    validate_list(old, kCollectingClearUnreachableClear);
}

// The generational collection of `generation` and the younger ones.
void collect_generation(Manager& gc, int generation, CollectionResult& r) {
    // The counts: one more collection of the next generation; the ones
    // collected start again from zero.
    if (generation + 1 < kNumGenerations) gc.generations[generation + 1].count += 1;
    for (int i = 0; i <= generation; ++i) gc.generations[i].count = 0;

    // The younger generations join the one collected.
    for (int i = 0; i < generation; ++i) {
        gc_list_merge(&gc.generations[i].head, &gc.generations[generation].head);
        gc.generations[generation].unmodeled.add(gc.generations[i].unmodeled);
    }
    GcHeader* young = &gc.generations[generation].head;
    GcHeader* old = generation < kNumGenerations - 1 ? &gc.generations[generation + 1].head : young;
    collect_region(gc, young, old, generation, r);
}

// ---- the incremental collector (3.14.0-3.14.4, the profile's gc.incremental) --------------------
// generations[1] is the old generation's visited space, generations[2] its
// pending space; kGcVisited marks the objects of the visited space and of
// the permanent generation. CPython's Python/gc.c of 3.14.2, function by
// function; collector.md has the picture.

bool in_visited(const GcHeader* g) { return g->bits & kGcVisited; }

// gc_list_set_space, to the visited space or out of it.
void gc_list_set_visited(GcHeader* list, bool visited) {
    for (GcHeader* g = list->next; g != list; g = g->next) {
        if (visited) g->bits |= kGcVisited;
        else g->bits &= ~kGcVisited;
    }
}

// move_to_reachable and visit_add_to_container: a tracked object not yet
// visited moves to the end of `container`, visited. Returns 1 if it moved.
std::int64_t move_to_container(Object* op, GcHeader* container) {
    GcHeader* g = &op->gc;
    if (!(g->bits & vm::kGcTracked) || in_visited(g)) return 0;
    g->bits |= kGcVisited;
    gc_list_move(g, container);
    return 1;
}

struct ContainerAndCount {
    GcHeader* container;
    std::int64_t size = 0;
};

void visit_add_to_container(Object* op, void* arg) {
    auto* cf = static_cast<ContainerAndCount*>(arg);
    cf->size += move_to_container(op, cf->container);
}

// mark_all_reachable: what `reachable` holds, and all it reaches that is
// not visited yet, moves to the visited space. Returns how many it added.
std::int64_t mark_all_reachable(Manager& gc, GcHeader* reachable) {
    ContainerAndCount arg{reachable};
    while (!gc_list_is_empty(reachable)) {
        GcHeader* g = reachable->next;
        gc_list_move(g, &gc.generations[1].head);
        vm::traverse(vm::from_gc(g), Visitor{&visit_add_to_container, &arg});
    }
    return arg.size;
}

// mark_stacks: what the running frames hold (each one's namespace,
// function and live slots), and all it reaches. (CPython's later marks
// stop at the first frame an earlier one visited, whose objects it marked
// then: the model walks every frame, which finds the same objects.)
std::int64_t mark_stacks(Manager& gc) {
    GcHeader reachable;
    gc_list_init(&reachable);
    ContainerAndCount arg{&reachable};
    vm::visit_thread_frames(Visitor{&visit_add_to_container, &arg});
    return arg.size + mark_all_reachable(gc, &reachable);
}

// mark_global_roots: the interpreter's sys and builtins dicts, and all they
// reach (sys.modules, so every module). (The static types' dicts, which
// CPython marks too, hold nothing of the program's.)
std::int64_t mark_global_roots(Manager& gc) {
    GcHeader reachable;
    gc_list_init(&reachable);
    std::int64_t marked = 0;
    marked += move_to_container(vm::rt().sys->dict, &reachable);
    marked += move_to_container(vm::rt().builtins_dict, &reachable);
    return marked + mark_all_reachable(gc, &reachable);
}

// mark_at_start: the first increment of a scavenge marks, and collects
// nothing. Of what it marks, the start-up's objects count as the profile's
// gc.startup_marked (the model's own stand for them), the program's one
// each. CPython subtracts the work here and again in its caller: the
// marking is paid twice (gh-141890, open in 3.14.2).
std::int64_t mark_at_start(Manager& gc) {
    GcHeader* visited = &gc.generations[1].head;
    GcHeader* before = visited->prev;
    mark_global_roots(gc);
    mark_stacks(gc);
    std::int64_t marked = gc.startup_marked;
    for (GcHeader* g = before->next; g != visited; g = g->next)
        if (g->bits & kGcProgram) ++marked;
    gc.work_to_do -= marked;
    gc.phase = IncrementalPhase::Collect;
    return marked;
}

// assess_work_to_do: the new objects, plus a share of the heap (1% at the
// default second threshold of 10) of at most twice as many. The young
// count starts again from zero.
std::int64_t assess_work_to_do(Manager& gc) {
    std::int64_t scale_factor = std::max(gc.generations[1].threshold, 2);
    std::int64_t new_objects = gc.generations[0].count;
    std::int64_t heap_fraction = std::min(gc.heap_size / kScanRateDivisor / scale_factor, new_objects * 2);
    gc.generations[0].count = 0;
    return new_objects + heap_fraction;
}

// expand_region_transitively_reachable: from `g` to the end of
// `container`, what each object reaches that is not visited joins it.
std::int64_t expand_region_transitively_reachable(GcHeader* container, GcHeader* g) {
    ContainerAndCount arg{container};
    for (; g != container; g = g->next) vm::traverse(vm::from_gc(g), Visitor{&visit_add_to_container, &arg});
    return arg.size;
}

// completed_scavenge: the pending space is empty, so every old object has
// been scanned: the visited space becomes the pending one (the two swap,
// with their counts), and the next increment marks again.
void completed_scavenge(Manager& gc) {
    Generation& visited = gc.generations[1];
    Generation& pending = gc.generations[2];
    assert(gc_list_is_empty(&pending.head));
    gc_list_set_visited(&visited.head, false);
    gc_list_merge(&visited.head, &pending.head);
    if (gc_list_is_empty(&gc.permanent_generation)) {
        // CPython flips the meaning of the space bit: old[0] and old[1] trade places.
        std::swap(visited.count, pending.count);
        gc.visited_space ^= 1;
    }
    gc.startup_pending = gc.startup_unmarked;
    gc.work_to_do = 0;
    gc.phase = IncrementalPhase::Mark;
}

// gc_collect_young (gc.collect(0)): the young generation, whose survivors
// join the visited space.
void collect_young(Manager& gc, CollectionResult& r) {
    GcHeader* young = &gc.generations[0].head;
    untrack_tuples(gc, young);
    GcHeader survivors;
    gc_list_init(&survivors);
    gc_list_set_visited(young, true);
    collect_region(gc, young, &survivors, 0, r);
    gc_list_merge(&survivors, &gc.generations[1].head);
    gc.generations[0].count = 0;
    gc.generations[1].count += 1;
}

// gc_collect_increment (an automatic collection, gc.collect(1)): nothing
// while the work done is ahead of what is owed; else the first increment
// of a scavenge marks, and the next ones collect the young generation
// with as much of the pending space as the work owed, each object taken
// with all it reaches that is not visited yet. Returns whether it collected
// a region: only such an increment counts in gc.get_stats() (add_stats is
// at its end, after the early returns).
bool collect_increment(Manager& gc, CollectionResult& r) {
    gc.work_to_do += assess_work_to_do(gc);
    if (gc.work_to_do < 0) return false;
    GcHeader* young = &gc.generations[0].head;
    GcHeader* visited = &gc.generations[1].head;
    GcHeader* pending = &gc.generations[2].head;
    untrack_tuples(gc, young);
    if (gc.phase == IncrementalPhase::Mark) {
        gc.work_to_do -= mark_at_start(gc);
        return false;
    }
    gc.work_to_do -= mark_stacks(gc);
    GcHeader increment;
    gc_list_init(&increment);
    gc_list_set_visited(young, true);
    gc_list_merge(young, &increment);
    std::int64_t increment_size = gc_list_size(&increment);
    while (increment_size < gc.work_to_do) {
        if (gc.startup_pending > 0) {
            // The start-up's objects the model lacks are at the head.
            std::int64_t taken = std::min(gc.startup_pending, gc.work_to_do - increment_size);
            gc.startup_pending -= taken;
            increment_size += taken;
            continue;
        }
        if (gc_list_is_empty(pending)) break;
        GcHeader* g = pending->next;
        g->bits |= kGcVisited;
        gc_list_move(g, &increment);
        increment_size += 1 + expand_region_transitively_reachable(&increment, g);
    }
    GcHeader survivors;
    gc_list_init(&survivors);
    collect_region(gc, &increment, &survivors, 1, r);
    gc_list_merge(&survivors, visited);
    gc.work_to_do -= increment_size;
    if (gc_list_is_empty(pending) && gc.startup_pending == 0) completed_scavenge(gc);
    return true;
}

// gc_collect_full (gc.collect(), gc.collect(2), exit): everything, in the
// order visited, pending, young; then a new scavenge starts.
void collect_full(Manager& gc, CollectionResult& r) {
    GcHeader* young = &gc.generations[0].head;
    GcHeader* pending = &gc.generations[2].head;
    GcHeader* visited = &gc.generations[1].head;
    untrack_tuples(gc, young);
    gc_list_merge(young, pending);
    gc_list_set_visited(pending, true);
    gc.generations[0].count = 0;
    gc_list_merge(pending, visited);
    collect_region(gc, visited, visited, 2, r);
    for (Generation& g : gc.generations) g.count = 0;
    completed_scavenge(gc);
}

}  // namespace

// This is the main function: read it to understand how a collection works.
// Each step is a function above, named as in CPython's gcmodule.c.
std::int64_t collect_main(Manager& gc, int generation, CollectionResult* result) {
    CollectionResult r;
    if (vm::g_explain)
        vm::g_explain->collection_started(fmt::format("generation {} collection", generation), "threshold");
    auto start = std::chrono::steady_clock::now();
    if (gc.debug & kDebugStats) {
        vm::write_stderr(fmt::format("gc: collecting generation {}...\n", generation));
        show_stats_each_generations(gc);
    }

    bool counted = true;
    if (!gc.incremental) collect_generation(gc, generation, r);
    else if (generation == 0) collect_young(gc, r);
    else if (generation == 1) counted = collect_increment(gc, r);
    else collect_full(gc, r);

    if (gc.debug & kDebugStats) {
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        vm::write_stderr(fmt::format("gc: done, {} unreachable, {} uncollectable, {:.4f}s elapsed\n",
                                     r.collected + r.uncollectable, r.uncollectable, elapsed.count()));
    }
    if (generation == kNumGenerations - 1) gc.clear_free_lists();

    if (counted) {
        GenerationStats& stats = gc.stats[generation];
        stats.collections += 1;
        stats.collected += r.collected;
        stats.uncollectable += r.uncollectable;
    }
    if (result) *result = r;
    if (vm::g_explain) vm::g_explain->collection_finished(r.collected);
    return r.collected + r.uncollectable;
}

std::int64_t collect_with_callback(Manager& gc, int generation) {
    invoke_gc_callback(gc, "start", generation, CollectionResult{});
    CollectionResult r;
    std::int64_t n = collect_main(gc, generation, &r);
    invoke_gc_callback(gc, "stop", generation, r);
    return n;
}

void collect_generations(Manager& gc) {
    for (int i = kNumGenerations - 1; i >= 0; --i) {
        if (gc.generations[i].count <= gc.generations[i].threshold) continue;
        // A full collection costs in proportion to all the long-lived
        // objects: it waits until they have grown by a quarter, so that the
        // total cost stays linear in the number of objects (issue #4074).
        if (i == kNumGenerations - 1) {
            // Each total may be off by the error: where that could flip the
            // answer, no answer is exact.
            const std::int64_t margin = gc.long_lived_pending * 4 - gc.long_lived_total;
            if (gc.unmodeled_error && margin > -5 * gc.unmodeled_error - 4 && margin < 5 * gc.unmodeled_error + 4)
                vm::unsupported(fmt::format(
                    "the collector's long-lived rule: imports left up to {} objects the profile does not count (a "
                    "nested import another import made first), which decide whether generation 2 is collected",
                    gc.unmodeled_error));
            if (gc.long_lived_pending < gc.long_lived_total / 4) continue;
        }
        collect_with_callback(gc, i);
        break;
    }
}

}  // namespace refcount
