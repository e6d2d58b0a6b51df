// tracing::Manager: finalizers and weakref callbacks. Objects register in
// the finalizer list when they are made; a major collection moves the dead
// ones to the queue in PyPy's order (deal_with_objects_with_finalizers);
// the queue runs at the next instruction boundary, or at once inside
// gc.collect(), and a finalizer's own bytecode is a boundary too, so runs
// nest. References: rpython/memory/gc/incminimark.py,
// pypy/interpreter/executioncontext.py (UserDelAction),
// pypy/module/_weakref/interp__weakref.py (WeakrefLifeline),
// pypy/doc/discussion/finalizer-order.rst.
#include "manager.hpp"

#include <algorithm>
#include <utility>

#include "vm/manager_api.hpp"

namespace tracing {

using vm::Object;

// ---- registration -------------------------------------------------------------------------------

// What gets a finalizer when it is made: an instance of a class made with
// a __del__ (allocate_instance, hasuserdel), a generator whose code yields
// inside a try or with body (CO_YIELD_INSIDE_TRY), an io object
// (W_IOBase.__init__). A lifeline registers when its first weakref with a
// callback is made.
bool Manager::registers_finalizer(Object* o) const {
    const vm::TypeObject* t = o->type;
    if (!t) return false;
    if (t->has(vm::TF_HEAPTYPE)) return t->has(vm::TF_DEL_AT_CREATION);
    if (t == vm::types.generator || t == vm::types.async_generator) return vm::generator_yields_inside_try(o);
    // A coroutine always, for the warning when it dies never awaited.
    return vm::has_finalizer(o);
}

// What has nothing left to finalize (rgc.may_ignore_finalizer): a
// generator that finished (frame_is_finished), an io object closed by its
// close() (maybe_unregister_rpython_finalizer_io). It leaves the list at
// the next major collection, and dies young like any object.
bool Manager::finalizer_ignored(Finalizable f) const {
    if (f.is_lifeline()) return false;
    Object* o = f.object();
    if (vm::io_closed_by_close(o)) return true;
    const vm::TypeObject* t = o->type;
    if (t == vm::types.coroutine) return vm::coroutine_started(o);  // it warns only if never awaited
    bool generator_like = t == vm::types.generator || t == vm::types.async_generator;
    return generator_like && vm::generator_finished(o);
}

// Registered objects a minor collection frees (whose finalizer was ignored).
void Manager::forget_finalizers_of(const std::vector<Object*>& dead) {
    bool any = std::any_of(dead.begin(), dead.end(), [](Object* o) { return o->gc.bits & kGcFinalizer; });
    if (!any) return;
    std::erase_if(finalizers_, [](Finalizable f) {
        return !f.is_lifeline() && (f.header() & (kGcFinalizer | kGcYoung)) == (kGcFinalizer | kGcYoung);
    });
}

void Manager::on_weakref_callback(vm::WeakRefObject* wr) {
    Object* o = wr->referent;
    Lifeline*& l = lifeline_of_[o];
    if (!l) {
        l = new_lifeline(o);
        o->gc.bits |= kGcLifeline;
    }
    l->weakrefs.push_back(wr);
}

// importlib's _get_module_lock: the module's last lock, if no collection
// has found it dead yet, is used again. Otherwise a new lock, dead at once,
// whose lifeline's callback (Python code that changes nothing the program
// sees) runs at the next major collection. Its weakref replaces the old
// lock's in _module_locks, and the old weakref (old by now) dies at the
// next major collection: the one that queues the old lifeline, unless it
// is queued already, which then finds it dead and calls nothing.
void Manager::on_module_lock(std::string_view module) {
    if (module.empty()) {
        new_lifeline(nullptr)->module_lock = true;
        return;
    }
    auto [it, first] = module_locks_.try_emplace(std::string(module));
    ModuleLock& last = it->second;
    if (!first) {
        if (last.made_at_minor == stats_.minor_collections) return;
        if (last.lifeline->bits & kGcFinalizer) last.lifeline->module_lock = false;
    }
    Lifeline* made = new_lifeline(nullptr);
    made->module_lock = true;
    made->module = module;
    last = {made, stats_.minor_collections};
}

Lifeline* Manager::new_lifeline(Object* target) {
    auto* l = new Lifeline;
    l->target = target;
    l->index = lifelines_.size();
    lifelines_.push_back(l);
    l->bits |= kGcFinalizer;
    finalizers_.push_back(l);
    return l;
}

void Manager::forget_lifeline(Lifeline* l) {
    // A module lock's callback: `if _module_locks.get(name) is ref: del _module_locks[name]`.
    auto entry = l->module.empty() ? module_locks_.end() : module_locks_.find(l->module);
    if (entry != module_locks_.end() && entry->second.lifeline == l) module_locks_.erase(entry);
    Lifeline* last = lifelines_.back();
    lifelines_[l->index] = last;
    last->index = l->index;
    lifelines_.pop_back();
    delete l;
}

// clear_all_weakrefs: the object no longer refers to its lifeline.
void Manager::detach_lifeline(Object* o) {
    auto it = lifeline_of_.find(o);
    it->second->target = nullptr;
    lifeline_of_.erase(it);
    o->gc.bits &= ~kGcLifeline;
}

// ---- choosing what to finalize (deal_with_objects_with_finalizers) ------------------------------
// Each node has two flags, VISITED and ORDERING: state 0 = (-,-) not
// reached, 1 = (-,O) reached from a dying finalizable object in the pass
// under way, 2 = (V,O) reached from one in an earlier pass, 3 = (V,-)
// alive. The roots' marking left the live objects in state 3.

namespace {

int finalization_state(Finalizable n) {
    std::uintptr_t h = n.header();
    if (h & kGcVisited) return (h & kGcOrdering) ? 2 : 3;
    return (h & kGcOrdering) ? 1 : 0;
}

}  // namespace

// For each registered entry in order: one still alive stays; a dead one is
// marked, and a depth-first pass from it brings what it reaches to state 1
// (and what an earlier dead entry reached, in state 2, to state 3: it is no
// longer a candidate, since a later one reaches it); then all it reaches
// becomes VISITED. Weak references to anything not alive are cleared, then
// each marked entry still in state 2 (no other dying finalizable object
// outside its strongly connected group reaches it) is queued, and what it
// reaches kept alive (state 3). The others stay registered, in their
// order, after the survivors: they wait for a later collection.
void Manager::deal_with_objects_with_finalizers() {
    std::vector<Finalizable> keep, marked, pending;
    for (Finalizable x : finalizers_) {
        if (finalizer_ignored(x)) {
            x.header() &= ~kGcFinalizer;
            continue;
        }
        if (x.header() & kGcVisited) {
            keep.push_back(x);
            continue;
        }
        marked.push_back(x);
        pending.push_back(x);
        while (!pending.empty()) {
            Finalizable y = pending.back();
            pending.pop_back();
            int s = finalization_state(y);
            if (s == 0) {
                y.header() |= kGcOrdering;
                if (!y.is_lifeline()) kept_alive_by_finalizer_ += size_of(y.object());
                for_each_child(y, [&](Finalizable c) { pending.push_back(c); });
            } else if (s == 2) {
                bump_from_2_to_3(y);
            }
        }
        pending.push_back(x);
        visit_all(pending);  // state 1 -> 2
    }
    invalidate_weakrefs(old_, &dying_old);
    for (Finalizable x : marked) {
        if (finalization_state(x) == 2) {
            queue_finalizer(x);
            bump_from_2_to_3(x);
        } else {
            keep.push_back(x);
        }
    }
    finalizers_.swap(keep);
}

// Everything in state 2 reachable from x through state-2 nodes goes to
// state 3.
void Manager::bump_from_2_to_3(Finalizable x) {
    std::vector<Finalizable> pending{x};
    while (!pending.empty()) {
        Finalizable y = pending.back();
        pending.pop_back();
        if (!(y.header() & kGcOrdering)) continue;
        y.header() &= ~kGcOrdering;
        for_each_child(y, [&](Finalizable c) { pending.push_back(c); });
    }
}

// Clears the weak references to the objects `dying` selects among
// `objects`, without callbacks (those belong to lifelines), and forgets,
// in every lifeline, the weakrefs `dying` selects (the lifeline refers to
// them weakly: a weakref that dies with its object calls nothing).
void Manager::invalidate_weakrefs(const std::vector<Object*>& objects, bool (*dying)(std::uintptr_t)) {
    for (Object* o : objects)
        if (vm::weaklist(o) && dying(o->gc.bits)) vm::clear_weakrefs_silently(o);
    for (Lifeline* l : lifelines_)
        for (vm::WeakRefObject*& wr : l->weakrefs)
            if (wr && dying(wr->gc.bits)) wr = nullptr;
}

// ---- the queue and running it (UserDelAction) ---------------------------------------------------

// mark_finalizer_to_run: the queue keeps its objects alive (a root).
void Manager::queue_finalizer(Finalizable f) {
    if (vm::g_explain) {
        Object* target = f.is_lifeline() ? f.lifeline()->target : f.object();
        if (target) vm::g_explain->finalizer_queued(target, f.is_lifeline());  // not importlib's locks
    }
    f.header() &= ~kGcFinalizer;
    if (!f.is_lifeline()) vm::incref(f.object());
    queue_.push_back(f);
}

// The end of a major collection (execute_finalizers): the queue's trigger
// fires whenever it is not empty, even if this collection added nothing.
void Manager::execute_finalizers() {
    if (!queue_.empty()) fire();
}

// AbstractActionFlag.fire: the action runs before the next bytecode.
void Manager::fire() {
    if (pending_) return;
    pending_ = true;
    vm::request_eval_breaker();
}

// _run_finalizers: the queue, first in first out, until it is empty.
// Finalizers that run bytecode meet instruction boundaries, where a fired
// action runs this again, nested.
void Manager::run_finalizers() {
    while (!queue_.empty()) {
        Finalizable f = queue_.front();
        queue_.pop_front();
        call_finalizer(f);
    }
}

// In gc.disable() mode, __del__ methods and weakref callbacks wait until
// gc.enable() (or gc.collect()) (UserDelAction.gc_disabled).
bool Manager::gc_disabled(Finalizable f) {
    if (finalizers_lock_count_ == 0) return false;
    deferred_.push_back(f);
    return true;
}

// _call_finalizer: the object's weakrefs are cleared and its lifeline
// detached, then its __del__ (or the io object's close, or the
// generator's), or, for a lifeline, the callbacks.
void Manager::call_finalizer(Finalizable f) {
    vm::ExplainScope queue(vm::Explain::ScopeKind::FinalizerQueue);
    if (f.is_lifeline()) {
        if (gc_disabled(f)) return;
        run_lifeline(f.lifeline());
        return;
    }
    vm::Ref<> o = vm::Ref<>::take(f.object());  // the queue's reference
    if (o->gc.bits & kGcLifeline) detach_lifeline(o.get());
    vm::clear_weakrefs_silently(o.get());
    if (o->type != vm::types.generator && gc_disabled(f)) {
        o.release();  // now deferred_'s
        return;
    }
    vm::run_finalizer(o.get());
}

// WeakrefLifeline._finalize_: the callbacks of the weakrefs still alive,
// newest first, each dropped once it has run. A collection inside a
// callback may kill the next ones.
void Manager::run_lifeline(Lifeline* l) {
    if (l->module_lock) {
        vm::at_instruction_boundary();  // the callback is Python code
    } else {
        for (std::size_t i = l->weakrefs.size(); i-- > 0;) {
            vm::WeakRefObject* wr = l->weakrefs[i];
            if (!wr || !wr->callback) continue;
            vm::Ref<vm::WeakRefObject> keep = vm::share(wr);
            std::vector<vm::WeakrefCallback> one{{vm::share(wr), vm::share(wr->callback)}};
            vm::call_weakref_callbacks(one);
            // The callback has run: the weakref lets it go (__callback__ is None).
            vm::Object* cb = std::exchange(keep->callback, nullptr);
            vm::xdecref(cb);
        }
    }
    forget_lifeline(l);
}

// gc.enable_finalizers()/disable_finalizers(): a nesting count; when it
// drops to zero, the deferred finalizers run at once.
void Manager::enable_finalizers() {
    if (finalizers_lock_count_ == 0) vm::raise(vm::types.ValueError, "finalizers are already enabled");
    if (--finalizers_lock_count_ > 0) return;
    std::vector<Finalizable> deferred;
    deferred.swap(deferred_);
    for (Finalizable f : deferred) call_finalizer(f);
}

void Manager::disable_finalizers() { ++finalizers_lock_count_; }

}  // namespace tracing
