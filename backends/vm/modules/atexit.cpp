// The atexit module.
#include <optional>
#include <utility>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// The callbacks: a list the runtime keeps (untracked, as CPython keeps them
// in C), of (func, args, kwargs) tuples; kwargs is None without keywords.
// To 3.13 an entry stands for CPython's C struct: making and dropping it
// moves no count and no free list, and it is untracked, so that what it
// holds is held from outside the generations (a collection finds the
// function reachable where it lies). 3.14 keeps the tuples themselves
// (exit.atexit_callback_tuples: PyTuple_Pack, tracked).
ListObject* callbacks_list() { return rt().atexit_callbacks; }
bool callback_tuples() { return rt().profile().atexit_callback_tuples; }

// atexit_delete_cb: the entry's func, args and kwargs freed, in that order
// (3.14: the tuple's dealloc, last item first).
void delete_callback(Ref<> entry) {
    if (callback_tuples()) return entry.reset();
    const auto& items = static_cast<TupleObject*>(entry.get())->items;
    Ref<> func = share(items[0]), args = share(items[1]), kwargs = share(items[2]);
    {
        ManagerCountsPaused paused(rt().manager());
        entry.reset();
    }
    func.reset();
    args.reset();
    kwargs.reset();
}

// METH_VARARGS | METH_KEYWORDS: the call packs the arguments in a tuple and
// the keywords, if any, in a dict; register keeps a slice of the tuple
// without the function (PyTuple_GetSlice) and the dict itself.
Ref<> a_register(Object*, Args args, void*) {
    Ref<TupleObject> packed = positional_tuple(args);
    Ref<> kw = new_none();
    if (args.nkw()) {
        kw = new_dict();
        update_kwargs(static_cast<DictObject*>(kw.get()), args);
    }
    if (args.nargs < 1) raise_arity_error("atexit.register", 0);
    Object* func = args[0];
    if (!is_callable(func)) raise(types.TypeError, "the first argument must be callable");
    Ref<> pos = positional_tuple(Args{args.items + 1, args.nargs - 1, nullptr});
    std::optional<ManagerCountsPaused> paused;
    if (!callback_tuples()) paused.emplace(rt().manager());
    Ref<> entry = tuple_of({func, pos.get(), kw.get()});
    if (paused) rt().manager().untrack(entry.get());  // a C struct, to 3.13
    list_append(callbacks_list(), entry.get());
    return share(func);
}

Ref<> a_unregister(Object*, Args args, void*) {
    check_nargs("atexit.unregister", args, 1, 1);
    auto& items = callbacks_list()->items;
    for (auto i = items.size(); i-- > 0;) {
        if (i >= items.size()) continue;
        Ref<> held = share(items[i]);  // the comparison may run code that changes the list
        bool same = equal(static_cast<TupleObject*>(held.get())->items[0], args[0]);
        if (!same || i >= items.size() || items[i] != held.get()) continue;
        Ref<> entry = Ref<>::take(items[i]);
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
        held.reset();
        delete_callback(std::move(entry));
    }
    return new_none();
}

Ref<> a_run_exitfuncs(Object*, Args args, void*) {
    check_nargs("atexit._run_exitfuncs", args, 0, 0);
    run_atexit_callbacks();
    return new_none();
}

Ref<> a_clear(Object*, Args args, void*) {
    check_nargs("atexit._clear", args, 0, 0);
    clear_atexit_callbacks();
    return new_none();
}

Ref<> a_ncallbacks(Object*, Args args, void*) {
    check_nargs("atexit._ncallbacks", args, 0, 0);
    return new_int(static_cast<std::int64_t>(callbacks_list()->size()));
}

}  // namespace

// atexit_callfuncs: newest first; an exception is printed (a SystemExit
// too, unless the profile says otherwise) and the next callback runs. Then
// atexit_cleanup deletes them all, oldest first.
void run_atexit_callbacks() {
    ListObject* callbacks = callbacks_list();
    if (!callbacks) return;
    std::vector<Ref<>> ran;
    // 3.14: the calls go through a copy of the list (PyList_GetSlice), freed
    // after them.
    Ref<ListObject> copy;
    if (callback_tuples()) {
        std::vector<Object*> entries;
        for (Object* entry : callbacks->items) entries.push_back(share(entry).release());
        copy = new_list(std::move(entries));
    }
    while (!callbacks->items.empty()) {
        Ref<> entry = Ref<>::take(callbacks->items.back());
        callbacks->items.pop_back();
        auto& e = static_cast<TupleObject*>(entry.get())->items;
        auto* pos = static_cast<TupleObject*>(e[1]);
        std::vector<Object*> argv = pos->items.to_vector();
        std::vector<Object*> names;
        if (e[2] != consts.None) {
            dict_for_each(static_cast<DictObject*>(e[2]), [&](Object* k, Object* v) {
                names.push_back(share(k).release());
                argv.push_back(v);
            });
        }
        Ref<TupleObject> kwnames = names.empty() ? nullptr : new_tuple(std::move(names));
        const Profile& profile = rt().profile();
        try {
            call(e[0], Args{argv.data(), pos->size(), kwnames.get()});
        } catch (const PyException&) {
            Ref<> exc = take_exception();
            if (!(profile.atexit_ignores_system_exit && exception_is(exc.get(), types.SystemExit)))
                write_unraisable(profile.atexit_error_header, e[0], exc.get());
        }
        ran.push_back(std::move(entry));
    }
    copy.reset();
    for (auto entry = ran.rbegin(); entry != ran.rend(); ++entry) delete_callback(std::move(*entry));
}

// atexit._clear(): every callback deleted, oldest first.
void clear_atexit_callbacks() {
    ListObject* callbacks = callbacks_list();
    if (!callbacks) return;
    ItemArray entries;
    entries.swap(callbacks->items);
    for (Object* entry : entries) delete_callback(Ref<>::take(entry));
}

Ref<ModuleObject> make_atexit_module() {
    if (!rt().atexit_callbacks) {
        rt().atexit_callbacks = make_untracked<ListObject>(types.list).release();
        rt().keep(rt().atexit_callbacks);
    }
    NativeModule m("atexit");
    m.add_function("register", &a_register);
    m.add_function("unregister", &a_unregister);
    m.add_function("_run_exitfuncs", &a_run_exitfuncs);
    m.add_function("_clear", &a_clear);
    m.add_function("_ncallbacks", &a_ncallbacks);
    return m.take();
}

}  // namespace vm
