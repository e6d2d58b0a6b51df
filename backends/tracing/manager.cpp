// tracing::Manager: the heap (nursery and old generation), marking from
// roots, minor collections, the steps of a major collection and freeing.
// The finalizer list, queue and lifelines are in finalizers.cpp.
#include "manager.hpp"

#include <algorithm>
#include <iterator>

#include "vm/manager_api.hpp"

namespace tracing {

using vm::Object;

namespace {

// The manager word of the header holds, during a collection, an object's
// external references: its refcount minus the references it receives from
// the objects being scanned. The VM keeps refcounts exact, so whatever is
// left comes from outside the scanned heap: the interpreter's frames and
// value stacks, the C++ stack, the runtime's own tables, the finalizer
// queue (or, in a minor collection, the old generation). Those are the
// roots.

std::int64_t external_refs(const Object* o) { return o->gc.word(); }
void set_external_refs(Object* o, std::int64_t n) { o->gc.set_word(n); }

}  // namespace

Manager::Manager(const vm::Profile& profile) : params_(profile.tracing) {
    threshold_initial_ = params_.min_heap_size;
    set_major_threshold_from(0);
}

Manager::~Manager() {
    for (Lifeline* l : lifelines_) delete l;
}

// ---- allocation ---------------------------------------------------------------------------------

// What an object of this kind takes in PyPy's heap (64-bit, measured with
// gc.get_stats() on pypy3 7.3.11): an instance with its map storage 80, a
// list with small storage 72, a boxed int 16. Only the sums matter: they
// decide when the nursery is full and when a major collection starts.
std::int64_t Manager::size_of(Object* o) const {
    const vm::TypeObject* t = o->type;
    if (!t) return 16;
    if (t->has(vm::TF_HEAPTYPE)) return 80;
    if (t->has(vm::TF_INT_SUBCLASS) || t == vm::types.float_) return 16;
    if (t->has(vm::TF_STR_SUBCLASS)) return 24 + ((vm::str_value(o).size() + 7) & ~std::size_t(7));
    if (t->has(vm::TF_TUPLE_SUBCLASS))
        return 24 + 8 * static_cast<std::int64_t>(static_cast<vm::TupleObject*>(o)->size());
    if (t->has(vm::TF_LIST_SUBCLASS)) return 72;
    if (t->has(vm::TF_DICT_SUBCLASS) || t == vm::types.set || t == vm::types.frozenset) return 160;
    if (t->has(vm::TF_TYPE_SUBCLASS)) return 640;
    if (t == vm::types.function || t == vm::types.code) return 120;
    if (t == vm::types.generator || t == vm::types.frame) return 160;
    return 48;
}

void Manager::on_allocate(Object* obj, bool tracked) {
    if (tracked) obj->gc.bits |= vm::kGcTracked;
    obj->gc.bits |= kGcYoung;
    young_.push_back(obj);
    nursery_used_ += size_of(obj);
    if (registers_finalizer(obj)) {
        obj->gc.bits |= kGcFinalizer;
        finalizers_.push_back(obj);
    }
    if (nursery_used_ >= params_.nursery_size && !minor_requested_) {
        minor_requested_ = true;  // collect_and_reserve, at the next safepoint
        vm::request_eval_breaker();
    }
}

// What PyPy's startup allocated is not the program's: it is old by the
// time the first line runs, and it left the nursery partly full.
void Manager::start_main() {
    minor_collection();
    nursery_used_ = params_.startup_nursery_used;
}

// ---- safepoints ---------------------------------------------------------------------------------

// An instruction boundary after request_eval_breaker(): the minor
// collection the nursery asked for (and the major steps that follow it),
// then the finalizers a major collection queued (the UserDelAction, fired
// when the queue is not empty, runs before the next bytecode).
void Manager::on_eval_breaker() {
    if (minor_requested_) {
        minor_requested_ = false;
        minor_collection_with_major_progress();
    }
    if (pending_) {
        pending_ = false;
        run_finalizers();
    }
}

// ---- marking ------------------------------------------------------------------------------------

// The external references of `objects`: their refcounts minus the
// references they receive from one another (update_refs and subtract_refs
// of CPython's collector, here to find roots rather than garbage). A
// minor collection scans the nursery only, so references from old objects
// count as external: the old generation is a root of the nursery.
void Manager::compute_external_refs(const std::vector<Object*>& objects, std::uintptr_t scope) {
    for (Object* o : objects) set_external_refs(o, o->refcnt);
    struct Ctx {
        std::uintptr_t scope;
    } ctx{scope};
    auto subtract = [](Object* target, void* c) {
        std::uintptr_t scope = static_cast<Ctx*>(c)->scope;
        if (!scope || (target->gc.bits & scope))
            set_external_refs(target, std::max<std::int64_t>(external_refs(target) - 1, 0));
    };
    for (Object* o : objects) vm::traverse(o, vm::Visitor{subtract, &ctx});
}

// Marks VISITED everything reachable from the stack that is not yet
// (incminimark's visit_all_objects).
void Manager::visit_all(std::vector<Finalizable>& stack) {
    while (!stack.empty()) {
        Finalizable n = stack.back();
        stack.pop_back();
        if (n.header() & kGcVisited) continue;
        n.header() |= kGcVisited;
        for_each_child(n, [&](Finalizable c) {
            if (!(c.header() & kGcVisited)) stack.push_back(c);
        });
    }
}

// collect_roots, then visit_all_objects: every object of `heap` referenced
// from outside it, and all it reaches.
void Manager::mark_from_roots(const std::vector<Object*>& heap) {
    compute_external_refs(heap, 0);
    std::vector<Finalizable> stack;
    for (Object* o : heap)
        if (external_refs(o) > 0) stack.push_back(o);
    visit_all(stack);
}

// The trace's unreachable set: the objects of `heap` the marking did not reach.
void Manager::explain_unreachable(const std::vector<Object*>& heap) {
    std::vector<Object*> unreachable;
    std::copy_if(heap.begin(), heap.end(), std::back_inserter(unreachable),
                 [](Object* o) { return !(o->gc.bits & kGcVisited); });
    vm::g_explain->collection_found(unreachable);
}

std::vector<Object*> Manager::reachable() {
    std::vector<Object*> heap = old_;
    heap.insert(heap.end(), young_.begin(), young_.end());
    mark_from_roots(heap);
    std::vector<Object*> found;
    for (Object* o : heap) {
        if (o->gc.bits & kGcVisited) found.push_back(o);
        o->gc.bits &= ~kGcVisited;
    }
    for (Lifeline* l : lifelines_) l->bits &= ~kGcVisited;
    return found;
}

// ---- minor collection ---------------------------------------------------------------------------

// Empties the nursery. Young objects survive when referenced from outside
// it or reachable from a young object with a finalizer (those always
// survive, unless their finalizer may be ignored:
// deal_with_young_objects_with_finalizers); the others are freed and weak
// references to them cleared, with no callback (their lifelines, having
// finalizers, survive to run at a major collection).
void Manager::minor_collection() {
    ++stats_.minor_collections;
    if (vm::g_explain) vm::g_explain->collection_started("minor collection", "nursery full");
    compute_external_refs(young_, kGcYoung);
    std::vector<Finalizable> stack;
    for (Object* o : young_)
        if (external_refs(o) > 0 || ((o->gc.bits & kGcFinalizer) && !finalizer_ignored(o))) stack.push_back(o);
    while (!stack.empty()) {
        Object* o = stack.back().object();
        stack.pop_back();
        if (o->gc.bits & kGcVisited) continue;
        o->gc.bits |= kGcVisited;
        vm::traverse(o, vm::Visitor{[](Object* t, void* s) {
                                        if ((t->gc.bits & (kGcYoung | kGcVisited)) == kGcYoung)
                                            static_cast<std::vector<Finalizable>*>(s)->push_back(t);
                                    },
                                    &stack});
    }
    if (vm::g_explain) explain_unreachable(young_);
    invalidate_weakrefs(young_, &dying_young);
    std::vector<Object*> dead;
    nursery_surviving_ = 0;
    for (Object* o : young_) {
        if (o->gc.bits & kGcVisited) {
            o->gc.bits &= ~(kGcVisited | kGcYoung);
            nursery_surviving_ += size_of(o);
            old_.push_back(o);
        } else {
            dead.push_back(o);
        }
    }
    young_.clear();
    forget_finalizers_of(dead);
    free_objects(dead);
    if (vm::g_explain) vm::g_explain->collection_finished(static_cast<std::int64_t>(dead.size()));
    nursery_used_ = 0;
    size_made_old_ += nursery_surviving_;
    stats_.old_bytes += nursery_surviving_;
    stats_.peak_old_bytes = std::max(stats_.peak_old_bytes, stats_.old_bytes);
}

// ---- major collection: the steps ----------------------------------------------------------------

// A minor collection, then, if a major collection is in progress or the
// old generation passed its threshold, one step of it, or more when more
// than half the nursery survives each time (minor_collection_with_major_
// progress and the invariants of major_collection_step).
void Manager::minor_collection_with_major_progress() {
    minor_collection();
    if (!majors_enabled_) return;
    if (state_ == GcState::Scanning && !threshold_reached()) return;
    major_collection_step();
    while (state_ != GcState::Scanning && size_made_old_ > threshold_made_old_) {
        minor_collection();
        major_collection_step();
    }
}

// One step of the major collection: SCANNING starts it; MARKING takes as
// many steps as the live heap needs (the model marks everything in the
// last one: the dead set is what is unreachable when marking ends);
// SWEEPING frees the heap a few nursery-sizes at a time, then sets the
// next threshold; FINALIZING fires the finalizer queue if it is not empty.
void Manager::major_collection_step() {
    const std::int64_t nursery = params_.nursery_size;
    threshold_made_old_ += nursery / 2;
    switch (state_) {
    case GcState::Scanning:
        size_made_old_ = 0;
        threshold_made_old_ = nursery / 2;
        steps_left_ = 1 + static_cast<int>(live_bytes_ / std::max(params_.increment_step, 2 * nursery_surviving_));
        state_ = GcState::Marking;
        break;
    case GcState::Marking:
        if (--steps_left_ > 0) break;
        steps_left_ = 2 + static_cast<int>(stats_.old_bytes / (3 * nursery));
        mark_and_sweep();
        state_ = GcState::Sweeping;
        break;
    case GcState::Sweeping: {
        if (--steps_left_ > 0) break;
        ++stats_.major_collections;
        double live = static_cast<double>(std::max<std::int64_t>(stats_.old_bytes - kept_alive_by_finalizer_, 0));
        set_major_threshold_from(
            std::min(live * params_.major_collection_threshold, live + static_cast<double>(params_.max_delta)));
        state_ = GcState::Finalizing;
        break;
    }
    case GcState::Finalizing:
        state_ = GcState::Scanning;
        execute_finalizers();
        break;
    }
}

// The next threshold, at most growth_rate_max times the previous one and
// at least min_heap_size (set_major_threshold_from).
void Manager::set_major_threshold_from(double threshold) {
    double most = static_cast<double>(threshold_initial_) * params_.growth_rate_max;
    threshold = std::max(std::min(threshold, most), static_cast<double>(params_.min_heap_size));
    threshold_initial_ = static_cast<std::int64_t>(threshold);
    stats_.threshold = threshold_initial_;
}

// The end of MARKING: everything reachable from the roots is VISITED; the
// finalizer list decides what is queued and kept alive for it; weak
// references to the rest are cleared; the rest is freed.
void Manager::mark_and_sweep() {
    if (vm::g_explain) vm::g_explain->collection_started("major collection", "threshold");
    mark_from_roots(old_);
    if (vm::g_explain) explain_unreachable(old_);
    kept_alive_by_finalizer_ = 0;
    deal_with_objects_with_finalizers();
    std::vector<Object*> dead, alive;
    for (Object* o : old_) {
        if (o->gc.bits & kGcVisited) {
            o->gc.bits &= ~(kGcVisited | kGcOrdering);
            alive.push_back(o);
        } else {
            dead.push_back(o);
        }
    }
    for (Lifeline* l : lifelines_) l->bits &= ~(kGcVisited | kGcOrdering);
    old_.swap(alive);
    free_objects(dead);
    if (vm::g_explain) vm::g_explain->collection_finished(static_cast<std::int64_t>(dead.size()));
    stats_.old_bytes = 0;
    for (Object* o : old_) stats_.old_bytes += size_of(o);
    live_bytes_ = stats_.old_bytes;
}

// ---- gc.collect(), gc.enable(), gc.disable() ----------------------------------------------------

// rgc.collect() (minor_and_major_collection: finish the major collection
// in progress, then a complete one), then the queued finalizers, even in
// gc.disable() mode (interp_gc.collect and _run_finalizers).
void Manager::collect() {
    vm::ExplainScope trigger(vm::Explain::ScopeKind::Trigger, "gc.collect()");
    auto step_until = [this](GcState s) {
        while (state_ != s) {
            minor_collection();
            major_collection_step();
        }
    };
    step_until(GcState::Scanning);
    step_until(GcState::Marking);
    step_until(GcState::Scanning);
    bool reenable = !finalizers_enabled_at_app_level_;
    if (reenable) enable_finalizers();
    run_finalizers();
    if (reenable) disable_finalizers();
}

void Manager::enable() {
    majors_enabled_ = true;
    if (!finalizers_enabled_at_app_level_) {
        finalizers_enabled_at_app_level_ = true;
        enable_finalizers();
    }
}

void Manager::disable() {
    majors_enabled_ = false;
    if (finalizers_enabled_at_app_level_) {
        finalizers_enabled_at_app_level_ = false;
        disable_finalizers();
    }
}

// ---- freeing ------------------------------------------------------------------------------------

// Frees objects found dead together, their lifelines detached first. Weak
// references to them are already cleared.
void Manager::free_objects(const std::vector<Object*>& dead) {
    for (Object* o : dead) {
        if (vm::g_explain) vm::g_explain->freed(o);
        if (o->gc.bits & kGcLifeline) detach_lifeline(o);
    }
    vm::free_together(dead, true);
}

// Exit: everything goes, without running anything.
void Manager::free_all() {
    std::vector<Object*> all = std::move(old_);
    all.insert(all.end(), young_.begin(), young_.end());
    old_.clear();
    young_.clear();
    vm::free_together(all, false);
    finalizers_.clear();
    queue_.clear();
    deferred_.clear();
    lifeline_of_.clear();
    for (Lifeline* l : lifelines_) delete l;
    lifelines_.clear();
    module_locks_.clear();
    garbage_ = nullptr;
}

void Manager::for_each_object(const std::function<void(Object*)>& fn) {
    for (Object* o : old_) fn(o);
    for (Object* o : young_) fn(o);
}

}  // namespace tracing
