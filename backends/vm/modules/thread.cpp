// _thread: what one thread can do with it (the model runs one). Locks and
// re-entrant locks, which importlib's module locks are made of, and the
// thread's identity; starting a thread is unsupported.
#include <pthread.h>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// A lock (_thread.lock) or a re-entrant lock (_thread.RLock): who holds it
// and how many times. From 3.10 both are containers the collector tracks
// (heap types that visit their type); to 3.9 neither is.
struct LockObject : Atom {
    std::int64_t count = 0;  // acquisitions not released (a plain lock: 0 or 1)
    bool reentrant;
    LockObject(TypeObject* t, bool r) : Atom(t), reentrant(r) {}
};

TypeObject* g_lock_type = nullptr;
TypeObject* g_rlock_type = nullptr;

LockObject* as_lock(Object* o) { return static_cast<LockObject*>(o); }

Ref<> new_lock(bool reentrant) { return make<LockObject>(reentrant ? g_rlock_type : g_lock_type, reentrant); }

// acquire(blocking=True, timeout=-1). A plain lock held already, asked to
// block, would wait forever for another thread: the model has none.
bool acquire(LockObject* lock, Args args, const char* owner) {
    Object* blocking = nullptr;
    Object* timeout = nullptr;
    parse_args({owner, "acquire"}, args, {"blocking", "timeout"}, 0, {&blocking, &timeout});
    bool block = !blocking || truthy(blocking);
    if (lock->count > 0 && !lock->reentrant) {
        if (block) unsupported("acquiring a lock its own thread holds (it would wait forever)");
        return false;
    }
    ++lock->count;
    return true;
}

// acquire() and __enter__() are METH_VARARGS | METH_KEYWORDS: their
// arguments come in a new tuple (none: the empty one), keywords in a dict.
Ref<> pack_and_acquire(Object* self, Args args, const char* owner) {
    Ref<TupleObject> packed = positional_tuple(args);
    Ref<DictObject> keywords;
    if (args.nkw()) {
        keywords = new_dict();
        update_kwargs(keywords.get(), args);
    }
    return new_bool(acquire(as_lock(self), args, owner));
}

Ref<> l_acquire(Object* self, Args args, void*) { return pack_and_acquire(self, args, "lock"); }
Ref<> r_acquire(Object* self, Args args, void*) { return pack_and_acquire(self, args, "RLock"); }

Ref<> l_release(Object* self, Args args, void*) {
    check_nargs({self->type->name, "release"}, args, 0, 0);
    LockObject* lock = as_lock(self);
    if (lock->count == 0)
        raise(types.RuntimeError, lock->reentrant ? "cannot release un-acquired lock" : "release unlocked lock");
    --lock->count;
    return new_none();
}

// __exit__(*args) is METH_VARARGS: the with statement's three arguments in a new tuple.
Ref<> l_exit(Object* self, Args args, void*) {
    Ref<TupleObject> packed = positional_tuple(args);
    Args none{};
    return l_release(self, none, nullptr);
}

Ref<> l_locked(Object* self, Args args, void*) {
    check_nargs({"lock", "locked"}, args, 0, 0);
    return new_bool(as_lock(self)->count > 0);
}

Ref<> lock_repr(Object* self) {
    LockObject* lock = as_lock(self);
    if (lock->reentrant)
        return new_str(
            fmt::format("<{} _thread.RLock object owner={} count={} at {}>", lock->count ? "locked" : "unlocked",
                        lock->count ? static_cast<std::uint64_t>(pthread_self()) : 0, lock->count, address_of(self)));
    return new_str(
        fmt::format("<{} _thread.lock object at {}>", lock->count ? "locked" : "unlocked", address_of(self)));
}

Ref<> rlock_new(TypeObject*, Args args) {
    if (args.nargs || args.nkw()) raise(types.TypeError, "RLock() takes no arguments");
    return new_lock(true);
}

Ref<> t_allocate_lock(Object*, Args args, void*) {
    check_nargs({"_thread", "allocate_lock"}, args, 0, 0);
    return new_lock(false);
}

Ref<> t_get_ident(Object*, Args args, void*) {
    check_nargs({"_thread", "get_ident"}, args, 0, 0);
    return new_int(static_cast<std::int64_t>(pthread_self()));
}

Ref<> t_not_modeled(Object*, Args, void* name) {
    unsupported(std::string("_thread.") + static_cast<const char*>(name) + ": pymodel runs one thread");
}

TypeObject* make_lock_type(const char* name, bool reentrant) {
    const Profile::Library* library = rt().profile().library ? &*rt().profile().library : nullptr;
    std::uint32_t flags = library && library->lock_objects_tracked ? std::uint32_t{TF_GC} : 0u;
    TypeObject* t = new_builtin_type(name, types.object, &LayoutOf<LockObject>::ops, flags, "_thread");
    inherit_slots(t);
    t->tp.repr = &lock_repr;
    t->tp.new_ = reentrant ? &rlock_new : nullptr;
    NativeFn acquire_fn = reentrant ? &r_acquire : &l_acquire;
    add_method(t, "acquire", acquire_fn);
    add_method(t, "__enter__", acquire_fn);
    add_method(t, "release", &l_release);
    add_method(t, "__exit__", &l_exit);
    if (!reentrant) {
        add_method(t, "acquire_lock", acquire_fn);
        add_method(t, "release_lock", &l_release);
        add_method(t, "locked", &l_locked);
        add_method(t, "locked_lock", &l_locked);
    }
    return t;
}

}  // namespace

Ref<ModuleObject> make_thread_module() {
    g_lock_type = make_lock_type("lock", false);
    g_rlock_type = make_lock_type("RLock", true);
    NativeModule m("_thread");
    m.add_function("allocate_lock", &t_allocate_lock);
    m.add_function("allocate", &t_allocate_lock);
    m.add_function("get_ident", &t_get_ident);
    for (const char* name : {"start_new_thread", "start_new", "start_joinable_thread", "_count", "stack_size",
                             "interrupt_main", "_set_sentinel", "get_native_id", "daemon_threads_allowed"})
        m.add_function(name, &t_not_modeled, const_cast<char*>(name));
    m.add("LockType", g_lock_type);
    m.add("lock", g_lock_type);
    m.add("RLock", g_rlock_type);
    m.add("error", types.RuntimeError);
    m.add("TIMEOUT_MAX", new_float(9223372036.0).get());
    return m.take();
}

}  // namespace vm
