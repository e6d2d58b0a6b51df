// _thread: starting threads, locks and re-entrant locks (which importlib's
// module locks and threading are made of), thread-local data, and the
// threads' identities. The threads are the VM's (threads.hpp): a lock that
// must be waited for is where another thread runs.
#include <pthread.h>

#include <algorithm>
#include <map>
#include <utility>

#include "../api.hpp"
#include "../threads.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// A lock (_thread.lock) or a re-entrant lock (_thread.RLock): who holds it
// and how many times. From 3.10 both are containers the collector tracks
// (heap types that visit their type); to 3.9 neither is.
struct LockObject : Atom {
    std::int64_t count = 0;  // acquisitions not released (a plain lock: 0 or 1)
    bool reentrant;
    const ThreadState* owner = nullptr;  // an RLock's, while held
    LockObject(TypeObject* t, bool r) : Atom(t), reentrant(r) {}
};

// _thread._local: each thread's attributes in a dict of their own, made at
// its first use in that thread. A thread's dicts are its state's, as
// CPython's, so the collector sees them as held from outside the heap;
// they go when the thread ends or the local dies.
struct LocalObject : Object {
    std::vector<std::pair<const ThreadState*, DictObject*>> dicts;  // counted
    explicit LocalObject(TypeObject* t);
    void traverse(Visitor) {}
    void clear() {}
    void release();
};

TypeObject* g_lock_type = nullptr;
TypeObject* g_rlock_type = nullptr;
TypeObject* g_local_type = nullptr;
std::vector<LocalObject*> g_locals;  // borrowed: the live locals, oldest first
// The locks _set_sentinel() gave each thread (counted): released at its end.
std::map<const ThreadState*, std::vector<Object*>> g_sentinels;

LocalObject::LocalObject(TypeObject* t) : Object(t) { g_locals.push_back(this); }

void LocalObject::release() {
    g_locals.erase(std::find(g_locals.begin(), g_locals.end(), this));
    auto dropped = std::move(dicts);
    dicts.clear();
    for (auto& [ts, dict] : dropped) xdecref(dict);
}

DictObject** local_dict_ptr(Object* o) {
    auto* local = static_cast<LocalObject*>(o);
    const ThreadState* ts = &rt().thread();
    for (auto& [owner, dict] : local->dicts)
        if (owner == ts) return &dict;
    local->dicts.emplace_back(ts, nullptr);
    return &local->dicts.back().second;
}

Ref<> local_new(TypeObject* type, Args args) {
    if (args.nargs || args.nkw()) unsupported("_thread._local() with arguments");
    return make<LocalObject>(type);
}

// The thread's end (after its function returned, as PyThreadState_Clear
// and then the release of its sentinel locks): what it set on each local
// goes, then its async generator hooks, then join() may return.
void end_of_thread(ThreadState& ts) {
    for (std::size_t i = 0; i < g_locals.size(); ++i) {
        auto& dicts = g_locals[i]->dicts;
        auto it = std::find_if(dicts.begin(), dicts.end(), [&](const auto& d) { return d.first == &ts; });
        if (it == dicts.end()) continue;
        DictObject* dict = it->second;
        dicts.erase(it);
        xdecref(dict);
    }
    for (Object** hook : {&ts.asyncgen_firstiter, &ts.asyncgen_finalizer}) xdecref(std::exchange(*hook, nullptr));
    auto sentinels = g_sentinels.find(&ts);
    if (sentinels == g_sentinels.end()) return;
    std::vector<Object*> locks = std::move(sentinels->second);
    g_sentinels.erase(sentinels);
    for (Object* lock : locks) {
        static_cast<LockObject*>(lock)->count = 0;
        rt().threads().notify(lock);
        decref(lock);
    }
}

LockObject* as_lock(Object* o) { return static_cast<LockObject*>(o); }

Ref<> new_lock(bool reentrant) { return make<LockObject>(reentrant ? g_rlock_type : g_lock_type, reentrant); }

double seconds(Object* o) {
    if (is_int(o)) return static_cast<double>(int_value(o));
    if (o->type == types.float_) return static_cast<FloatObject*>(o)->value;
    unsupported(fmt::format("a lock's acquire() timeout of type {}", type_name(o)));
}

// acquire(blocking=True, timeout=-1): a lock another thread holds (or a
// plain lock this one holds) is waited for, and other threads run.
bool acquire(LockObject* lock, Args args, const char* owner) {
    Object* blocking = nullptr;
    Object* timeout = nullptr;
    parse_args({owner, "acquire"}, args, {"blocking", "timeout"}, 0, {&blocking, &timeout});
    bool block = !blocking || truthy(blocking);
    double limit = timeout ? seconds(timeout) : -1;
    if (!block && limit != -1) raise(types.ValueError, "can't specify a timeout for a non-blocking call");
    if (limit < 0 && limit != -1) unsupported("a negative timeout (the message of its ValueError differs by version)");
    if (limit > 9223372036.0) unsupported("a timeout beyond TIMEOUT_MAX");
    const ThreadState* me = &rt().thread();
    auto free_here = [&] { return lock->count == 0 || (lock->reentrant && lock->owner == me); };
    // A timeout of 0 does not wait (the runtime keeps its GIL).
    if (!free_here() && (!block || limit == 0 || !rt().threads().wait(lock, free_here, limit))) return false;
    lock->owner = me;
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

void release(LockObject* lock) {
    if (lock->reentrant && (lock->count == 0 || lock->owner != &rt().thread()))
        raise(types.RuntimeError, "cannot release un-acquired lock");
    if (lock->count == 0) raise(types.RuntimeError, "release unlocked lock");
    if (--lock->count > 0) return;
    lock->owner = nullptr;
    rt().threads().notify(lock);
}

Ref<> l_release(Object* self, Args args, void*) {
    check_nargs({self->type->name, "release"}, args, 0, 0);
    release(as_lock(self));
    return new_none();
}

// __exit__(*args) is METH_VARARGS: the with statement's three arguments in a new tuple.
Ref<> l_exit(Object* self, Args args, void*) {
    Ref<TupleObject> packed = positional_tuple(args);
    release(as_lock(self));
    return new_none();
}

Ref<> l_locked(Object* self, Args args, void*) {
    check_nargs({"lock", "locked"}, args, 0, 0);
    return new_bool(as_lock(self)->count > 0);
}

// RLock's _is_owned(), _release_save() and _acquire_restore(state), which
// threading.Condition uses to let go of an RLock whatever its count.
Ref<> r_is_owned(Object* self, Args args, void*) {
    check_nargs({"RLock", "_is_owned"}, args, 0, 0);
    LockObject* lock = as_lock(self);
    return new_bool(lock->count > 0 && lock->owner == &rt().thread());
}

Ref<> r_release_save(Object* self, Args args, void*) {
    check_nargs({"RLock", "_release_save"}, args, 0, 0);
    LockObject* lock = as_lock(self);
    if (lock->count == 0) raise(types.RuntimeError, "cannot release un-acquired lock");
    std::int64_t count = lock->count;
    std::uint64_t owner = rt().threads().ident(*lock->owner);
    lock->count = 0;
    lock->owner = nullptr;
    rt().threads().notify(lock);
    return new_tuple({new_int(count).release(), new_int(static_cast<std::int64_t>(owner)).release()});
}

Ref<> r_acquire_restore(Object* self, Args args, void*) {
    check_nargs({"RLock", "_acquire_restore"}, args, 1, 1);
    LockObject* lock = as_lock(self);
    Object* state = args[0];
    if (!is_tuple(state) || static_cast<TupleObject*>(state)->items.size() != 2)
        unsupported("RLock._acquire_restore() of anything but what _release_save() returned");
    std::int64_t count = int_value(static_cast<TupleObject*>(state)->items[0]);
    const ThreadState* me = &rt().thread();
    rt().threads().wait(
        lock, [&] { return lock->count == 0; }, -1);
    lock->owner = me;
    lock->count = count;
    return new_none();
}

Ref<> lock_repr(Object* self) {
    LockObject* lock = as_lock(self);
    if (lock->reentrant)
        return new_str(
            fmt::format("<{} _thread.RLock object owner={} count={} at {}>", lock->count ? "locked" : "unlocked",
                        lock->count ? rt().threads().ident(*lock->owner) : 0, lock->count, address_of(self)));
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
    return new_int(static_cast<std::int64_t>(rt().threads().ident(rt().thread())));
}

Ref<> t_get_native_id(Object*, Args args, void*) {
    check_nargs({"_thread", "get_native_id"}, args, 0, 0);
    return new_int(static_cast<std::int64_t>(rt().threads().native_id(rt().thread())));
}

Ref<> t_count(Object*, Args args, void*) {
    check_nargs({"_thread", "_count"}, args, 0, 0);
    return new_int(rt().threads().running_count());
}

// start_new_thread(function, args, kwargs=None)
Ref<> t_start_new_thread(Object*, Args args, void*) {
    check_nargs({"_thread", "start_new_thread"}, args, 2, 3);
    if (!is_callable(args[0])) raise(types.TypeError, "first arg must be callable");
    if (!is_tuple(args[1])) raise(types.TypeError, "2nd arg must be a tuple");
    Object* kwargs = args.nargs > 2 ? args[2] : nullptr;
    if (kwargs && !is_dict(kwargs)) raise(types.TypeError, "optional 3rd arg must be a dictionary");
    return new_int(static_cast<std::int64_t>(rt().threads().start(args[0], args[1], kwargs)));
}

// _set_sentinel(): a lock held until the calling thread's state is gone.
Ref<> t_set_sentinel(Object*, Args args, void*) {
    check_nargs({"_thread", "_set_sentinel"}, args, 0, 0);
    Ref<> lock = new_lock(false);
    as_lock(lock.get())->count = 1;
    g_sentinels[&rt().thread()].push_back(share(lock.get()).release());
    return lock;
}

// stack_size([size]): 0, the platform's default; another size is not modeled.
Ref<> t_stack_size(Object*, Args args, void*) {
    check_nargs({"_thread", "stack_size"}, args, 0, 1);
    if (args.nargs && !(is_int(args[0]) && int_value(args[0]) == 0))
        unsupported("_thread.stack_size() of another size than the default");
    return new_int(0);
}

Ref<> t_daemon_threads_allowed(Object*, Args args, void*) {
    check_nargs({"_thread", "daemon_threads_allowed"}, args, 0, 0);
    return new_bool(true);
}

Ref<> t_exit(Object*, Args args, void*) {
    check_nargs({"_thread", "exit"}, args, 0, 0);
    raise_empty(types.SystemExit);
}

Ref<> t_not_modeled(Object*, Args, void* name) {
    unsupported(std::string("_thread.") + static_cast<const char*>(name) + ", which pymodel does not model");
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
    if (reentrant) {
        add_method(t, "_is_owned", &r_is_owned);
        add_method(t, "_release_save", &r_release_save);
        add_method(t, "_acquire_restore", &r_acquire_restore);
    } else {
        add_method(t, "acquire_lock", acquire_fn);
        add_method(t, "release_lock", &l_release);
        add_method(t, "locked", &l_locked);
        add_method(t, "locked_lock", &l_locked);
    }
    return t;
}

TypeObject* make_local_type() {
    // A base type for the runtime, which the model does not derive a class
    // from (new_class stops the program there).
    TypeObject* t =
        new_builtin_type("_local", types.object, &LayoutOf<LocalObject>::ops, TF_GC | TF_BASETYPE, "_thread");
    inherit_slots(t);
    t->tp.new_ = &local_new;
    t->dict_ptr = &local_dict_ptr;
    return t;
}

}  // namespace

Ref<ModuleObject> make_thread_module() {
    g_lock_type = make_lock_type("lock", false);
    g_rlock_type = make_lock_type("RLock", true);
    g_local_type = make_local_type();
    g_locals.clear();
    g_sentinels.clear();
    rt().threads().on_thread_end(&end_of_thread);
    NativeModule m("_thread");
    m.add_function("allocate_lock", &t_allocate_lock);
    m.add_function("allocate", &t_allocate_lock);
    m.add_function("get_ident", &t_get_ident);
    m.add_function("get_native_id", &t_get_native_id);
    m.add_function("_count", &t_count);
    m.add_function("start_new_thread", &t_start_new_thread);
    m.add_function("start_new", &t_start_new_thread);
    m.add_function("_set_sentinel", &t_set_sentinel);
    m.add_function("stack_size", &t_stack_size);
    m.add_function("daemon_threads_allowed", &t_daemon_threads_allowed);
    m.add_function("exit", &t_exit);
    m.add_function("exit_thread", &t_exit);
    for (const char* name : {"start_joinable_thread", "interrupt_main"})
        m.add_function(name, &t_not_modeled, const_cast<char*>(name));
    m.add("LockType", g_lock_type);
    m.add("lock", g_lock_type);
    m.add("RLock", g_rlock_type);
    m.add("_local", g_local_type);
    m.add("error", types.RuntimeError);
    m.add("TIMEOUT_MAX", new_float(9223372036.0).get());
    return m.take();
}

}  // namespace vm
