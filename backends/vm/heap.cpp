// The services the VM offers the memory managers: finalizers (PEP 442) and
// the clearing of weakrefs with their callbacks (PyObject_ClearWeakRefs).
#include "heap.hpp"

#include "api.hpp"
#include "explain.hpp"

namespace vm {

MemoryManager* g_manager = nullptr;
Pymalloc* g_pymalloc = nullptr;
Tracemalloc* g_tracemalloc = nullptr;

void on_zero_refcount(Object* o) { g_manager->on_zero_refcount(o); }

void free_together(const std::vector<Object*>& objects, bool drop_types) {
    std::vector<void (*)(Object*)> destroyers;  // read before any type is freed
    destroyers.reserve(objects.size());
    for (Object* o : objects) destroyers.push_back(o->type->layout->destroy);
    for (Object* o : objects) release_refs(o);
    if (drop_types)
        for (Object* o : objects) decref(o->type);
    for (std::size_t i = 0; i < objects.size(); ++i) destroyers[i](objects[i]);
}

void guarded(const std::function<void()>& fn) {
    ThreadState& ts = rt().thread();
    Object* saved = ts.curexc;
    ts.curexc = nullptr;
    ++ts.uninterruptible;
    try {
        fn();
    } catch (const PyException&) {
        take_exception();  // callers print their errors; this is a safety net
    } catch (const Unsupported& u) {
        rt().defer_unsupported(u.what);
    }
    --ts.uninterruptible;
    Object* stray = ts.curexc;
    ts.curexc = saved;
    xdecref(stray);
}

namespace {

void call_finalizer(Object* o, void (*finalize)(Object*)) {
    if (g_explain) g_explain->finalizer_started(o);
    guarded([&] { finalize(o); });
    if (g_explain) g_explain->finalizer_finished();
}

}  // namespace

void run_finalizer(Object* o) {
    auto finalize = o->type->tp.finalize;
    if (!finalize || o->finalized()) return;
    call_finalizer(o, finalize);
    o->gc.bits |= kGcFinalized;
}

void run_finalizer_from_gc(Object* o) {
    auto finalize = o->type->tp.finalize;
    if (!finalize || o->finalized()) return;
    o->gc.bits |= kGcFinalized;
    call_finalizer(o, finalize);
}

std::vector<WeakrefCallback> clear_weakrefs(Object* o, std::size_t& others) {
    if (g_explain && weaklist(o)) g_explain->weakrefs_cleared(o);
    // The callback-less ref and proxy at the head go first.
    for (int i = 0; i < 2 && weaklist(o) && !weaklist(o)->callback; ++i) weaklist(o)->clear();
    std::vector<WeakrefCallback> callbacks;
    others = 0;
    while (WeakRefObject* wr = weaklist(o)) {
        ++others;
        Object* cb = wr->callback;
        wr->callback = nullptr;
        unlink_weakref(wr);
        if (!cb) continue;
        if (wr->refcnt > 0) callbacks.push_back({share(wr), Ref<>::take(cb)});
        else decref(cb);
    }
    return callbacks;
}

void call_weakref_callbacks(std::vector<WeakrefCallback>& callbacks) {
    const std::string& header = rt().profile().callback_error_header;
    guarded([&] {
        for (WeakrefCallback& c : callbacks) {
            Object* cb = c.callback.get();
            if (g_explain) g_explain->weakref_callback(cb);
            run_unraisable(header, cb, [&] { call(cb, {c.ref.get()}); });
            if (callbacks.size() == 1) c.callback.reset();
        }
    });
    for (auto i = callbacks.size(); i-- > 0;) {
        callbacks[i].callback.reset();
        callbacks[i].ref.reset();
    }
    callbacks.clear();
}

void clear_weakrefs_and_call_callbacks(Object* o) {
    if (!weaklist(o)) return;
    std::size_t others = 0;
    std::vector<WeakrefCallback> callbacks = clear_weakrefs(o, others);
    // CPython's tuple of (weakref, callback) pairs, which the model does not make.
    const std::size_t pairs = 2 * others;
    const bool tuple = others >= static_cast<std::size_t>(rt().profile().gc_clear_weakrefs_tuple_from);
    if (tuple) g_manager->on_runtime_allocate(Container::Tuple, pairs);
    if (!callbacks.empty()) call_weakref_callbacks(callbacks);
    if (tuple) g_manager->on_runtime_free(Container::Tuple, pairs);
}

void clear_weakrefs_silently(Object* o) {
    if (g_explain && weaklist(o)) g_explain->weakrefs_cleared(o);
    while (WeakRefObject* wr = weaklist(o)) unlink_weakref(wr);
}

}  // namespace vm
