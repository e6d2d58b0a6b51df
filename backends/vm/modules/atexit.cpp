// The atexit module.
#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// The callbacks: a list the runtime keeps (untracked, as CPython keeps them in C).
ListObject* callbacks_list() { return rt().atexit_callbacks; }

Ref<> a_register(Object*, Args args, void*) {
    if (args.nargs < 1) raise(types.TypeError, "register() takes at least 1 argument (0 given)");
    Object* func = args[0];
    if (!is_callable(func)) raise(types.TypeError, "the first argument must be callable");
    std::vector<Object*> rest;
    for (std::size_t i = 1; i < args.nargs; ++i) rest.push_back(share(args[i]).release());
    Ref<> pos = new_tuple(std::move(rest));
    Ref<> kw = new_dict();
    for (std::size_t k = 0; k < args.nkw(); ++k)
        dict_set(static_cast<DictObject*>(kw.get()), args.kwnames->items[k], args[args.nargs + k]);
    Ref<> entry = tuple_of({func, pos.get(), kw.get()});
    list_append(callbacks_list(), entry.get());
    return share(func);
}

Ref<> a_unregister(Object*, Args args, void*) {
    check_nargs("unregister", args, 1, 1);
    ListObject* callbacks = callbacks_list();
    for (auto i = callbacks->items.size(); i-- > 0;) {
        if (i >= callbacks->items.size()) continue;
        Ref<> entry = share(callbacks->items[i]);
        if (equal(static_cast<TupleObject*>(entry.get())->items[0], args[0])) {
            Ref<> key = new_int(static_cast<std::int64_t>(i));
            delitem(callbacks, key.get());
        }
    }
    return new_none();
}

Ref<> a_run_exitfuncs(Object*, Args args, void*) {
    check_nargs("_run_exitfuncs", args, 0, 0);
    run_atexit_callbacks();
    return new_none();
}

Ref<> a_clear(Object*, Args args, void*) {
    check_nargs("_clear", args, 0, 0);
    clear_atexit_callbacks();
    return new_none();
}

Ref<> a_ncallbacks(Object*, Args args, void*) {
    check_nargs("_ncallbacks", args, 0, 0);
    return new_int(static_cast<std::int64_t>(callbacks_list()->size()));
}

}  // namespace

// atexit_callfuncs: newest first; an exception is printed (a SystemExit
// too, unless the profile says otherwise) and the next callback runs.
void run_atexit_callbacks() {
    ListObject* callbacks = callbacks_list();
    if (!callbacks) return;
    while (!callbacks->items.empty()) {
        Ref<> entry = Ref<>::take(callbacks->items.back());
        callbacks->items.pop_back();
        auto& e = static_cast<TupleObject*>(entry.get())->items;
        auto* pos = static_cast<TupleObject*>(e[1]);
        auto* kw = static_cast<DictObject*>(e[2]);
        std::vector<Object*> argv(pos->items);
        std::vector<Object*> names;
        dict_for_each(kw, [&](Object* k, Object* v) {
            names.push_back(share(k).release());
            argv.push_back(v);
        });
        Ref<TupleObject> kwnames = names.empty() ? nullptr : new_tuple(std::move(names));
        const Profile& profile = rt().profile();
        try {
            call(e[0], Args{argv.data(), pos->size(), kwnames.get()});
        } catch (const PyException&) {
            Ref<> exc = take_exception();
            if (!(profile.atexit_ignores_system_exit && exception_is(exc.get(), types.SystemExit)))
                write_unraisable(profile.atexit_error_header, e[0], exc.get());
        }
    }
}

void clear_atexit_callbacks() {
    if (ListObject* callbacks = callbacks_list()) callbacks->clear();
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
