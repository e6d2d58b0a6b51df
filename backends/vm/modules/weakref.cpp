// weakref: the native part (CPython's _weakref module), over which the VM
// runs lib/_weakrefset.py and lib/weakref.py, as CPython does.
#include <fmt/format.h>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

Ref<> w_proxy(Object*, Args args, void*) {
    check_nargs("weakref.proxy", args, 1, 2);
    return new_proxy(args[0], args.nargs > 1 ? args[1] : nullptr);
}

Ref<> w_getweakrefcount(Object*, Args args, void*) {
    check_nargs("weakref.getweakrefcount", args, 1, 1);
    return new_int(static_cast<std::int64_t>(weakref_count(args[0])));
}

Ref<> w_getweakrefs(Object*, Args args, void*) {
    check_nargs("weakref.getweakrefs", args, 1, 1);
    auto out = new_list();
    for (WeakRefObject* w = weaklist(args[0]); w; w = w->next) list_append(out.get(), w);
    return out;
}

// _remove_dead_weakref(dict, key): deletes dict[key] if it is a dead weakref.
Ref<> w_remove_dead_weakref(Object*, Args args, void*) {
    check_nargs("weakref._remove_dead_weakref", args, 2, 2);
    if (!is_dict(args[0])) raise(types.TypeError, "not a dict");
    auto* d = static_cast<DictObject*>(args[0]);
    Object* v = dict_get(d, args[1]);
    if (v && is_instance_of(v, types.weakref) && !static_cast<WeakRefObject*>(v)->referent) dict_del(d, args[1]);
    return new_none();
}

// _print_exception(exc): sys.excepthook's output.
Ref<> w_print_exception(Object*, Args args, void*) {
    check_nargs("weakref._print_exception", args, 1, 1);
    print_exception(args[0]);
    return new_none();
}

}  // namespace

Ref<ModuleObject> make_weakrefset_module() {
    NativeModule m("_weakrefset");
    m.add("ref", types.weakref);
    m.add("_len_counts_live", rt().profile().weak_containers_count_live ? consts.True : consts.False);
    m.add("_iterates_copies", rt().profile().weak_containers_iterate_copies ? consts.True : consts.False);
    m.add("_commit_while_list", rt().profile().weak_containers_commit_while_list ? consts.True : consts.False);
    Ref<ModuleObject> mod = m.take();
    run_library(mod.get(), "_weakrefset");
    return mod;
}

// _weakref: the native part weakref.py builds on.
Ref<ModuleObject> make_native_weakref_module() {
    NativeModule m("_weakref");
    m.add("ref", types.weakref);
    m.add("ReferenceType", types.weakref);
    m.add("ProxyType", types.weakproxy);
    m.add("CallableProxyType", types.weakcallableproxy);
    m.add_function("proxy", &w_proxy);
    m.add_function("getweakrefcount", &w_getweakrefcount);
    m.add_function("getweakrefs", &w_getweakrefs);
    m.add_function("_remove_dead_weakref", &w_remove_dead_weakref);
    return m.take();
}

Ref<ModuleObject> make_weakref_module(const Profile& profile) {
    NativeModule m("weakref");
    m.add("ref", types.weakref);
    m.add("ReferenceType", types.weakref);
    m.add("ProxyType", types.weakproxy);
    m.add("CallableProxyType", types.weakcallableproxy);
    m.add_function("proxy", &w_proxy);
    m.add_function("getweakrefcount", &w_getweakrefcount);
    m.add_function("getweakrefs", &w_getweakrefs);
    m.add_function("_remove_dead_weakref", &w_remove_dead_weakref);
    m.add_function("_print_exception", &w_print_exception);
    m.add("_finalize_unpacks_args", profile.finalize_unpacks_args ? consts.True : consts.False);
    Ref<ModuleObject> weakrefset = rt().import_module(rt().intern("_weakrefset"));
    for (const char* name :
         {"WeakSet", "_IterationGuard", "_len_counts_live", "_iterates_copies", "_commit_while_list", "_live_count"})
        m.add(name, getattr(weakrefset.get(), name).get());
    run_library(m.module(), "weakref");
    m.keep_only(profile.weakref_names);
    return m.take();
}

}  // namespace vm
