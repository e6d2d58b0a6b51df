// _imp: the C part of the import system that importlib's bootstrap calls
// (CPython's Python/import.c): the import lock, the built-in and frozen
// modules, the extension modules, and what a .pyc's code needs.
#include <filesystem>

#include "../api.hpp"
#include "../importer.hpp"
#include "modules.hpp"
#include "registry.hpp"

namespace vm {

namespace {

const Profile::Library& library_profile() { return *rt().profile().library; }

bool listed(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

const std::string& name_arg(CallKey key, Object* o) {
    if (!is_str(o)) raisef(types.TypeError, "{}() argument must be str, not {}", key.name, type_name(o));
    return str_value(o);
}

// The import lock: one thread, so a count of how deeply it is held.
int g_import_lock_depth = 0;

Ref<> i_acquire_lock(Object*, Args args, void*) {
    check_nargs({"_imp", "acquire_lock"}, args, 0, 0);
    ++g_import_lock_depth;
    return new_none();
}

Ref<> i_release_lock(Object*, Args args, void*) {
    check_nargs({"_imp", "release_lock"}, args, 0, 0);
    if (g_import_lock_depth == 0) raise(types.RuntimeError, "not holding the import lock");
    --g_import_lock_depth;
    return new_none();
}

Ref<> i_lock_held(Object*, Args args, void*) {
    check_nargs({"_imp", "lock_held"}, args, 0, 0);
    return new_bool(g_import_lock_depth > 0);
}

// 1 for a built-in module, -1 for one that cannot be initialized again
// (CPython's sys and builtins, many more on PyPy), 0 for another name.
Ref<> i_is_builtin(Object*, Args args, void*) {
    check_nargs({"_imp", "is_builtin"}, args, 1, 1);
    const std::string& name = name_arg("is_builtin", args[0]);
    if (listed(library_profile().builtin_modules_once, name)) return new_int(-1);
    return new_int(listed(library_profile().builtin_modules, name) ? 1 : 0);
}

// create_builtin(spec): the module of spec.name, made as the runtime's init
// function makes it; sys and builtins are the ones that exist.
Ref<> i_create_builtin(Object*, Args args, void*) {
    check_nargs({"_imp", "create_builtin"}, args, 1, 1);
    Ref<> name = getattr(args[0], ids.name_attr);
    const std::string& n = name_arg("create_builtin", name.get());
    if (n == "sys" || n == "builtins") return share(dict_get(rt().modules, name.get()));
    if (!listed(library_profile().builtin_modules, n)) return new_none();
    return make_registered_module(n, "built in");
}

// exec_builtin(module), exec_dynamic(module): a module pymodel makes is
// complete when made (its multi-phase exec slots ran in its maker). One
// whose init the traces record (registry.hpp) is charged what its exec
// allocated there, and what its import left that the model does not make.
Ref<> exec_module(const char* step, Args args) {
    check_nargs({"_imp", step}, args, 1, 1);
    if (!args[0]->type->is_subtype(types.module)) return new_int(0);
    executed_for_importlib(args[0]);
    Object* name = dict_get(static_cast<ModuleObject*>(args[0])->dict, ids.name);
    if (name && is_str(name) && traced_native_module(str_value(name))) {
        if (!rt().charge_module_init(step, str_value(name)))
            rt().manager().on_uncharged(
                fmt::format("`import {}`: the profile has no trace of what its {} allocates", str_value(name), step));
        rt().charge_unmodeled(str_value(name));
    }
    return new_int(0);
}

Ref<> i_exec_builtin(Object*, Args args, void*) { return exec_module("exec_builtin", args); }
Ref<> i_exec_dynamic(Object*, Args args, void*) { return exec_module("exec_dynamic", args); }

// create_dynamic(spec, file=None): the extension module a .so of the
// runtime's holds, which pymodel writes in C++ or does not have.
Ref<> i_create_dynamic(Object*, Args args, void*) {
    check_nargs({"_imp", "create_dynamic"}, args, 1, 2);
    Ref<> name = getattr(args[0], ids.name_attr);
    Ref<> origin = getattr(args[0], "origin");
    std::string where = is_str(origin.get()) ? str_value(origin.get()) : "an extension module";
    Ref<ModuleObject> m = make_registered_module(name_arg("create_dynamic", name.get()), where);
    made_for_importlib_exec(m.get());
    return m;
}

Ref<> i_extension_suffixes(Object*, Args args, void*) {
    check_nargs({"_imp", "extension_suffixes"}, args, 0, 0);
    Ref<ListObject> out = new_list();
    for (const std::string& suffix : library_profile().extension_suffixes)
        list_append(out.get(), new_str(suffix).get());
    return out;
}

// ---- frozen modules -----------------------------------------------------------------------------

// The module whose code a frozen name holds (_imp.find_frozen's origname).
std::string frozen_origin(const std::string& name) {
    if (name == "_frozen_importlib") return "importlib._bootstrap";
    if (name == "_frozen_importlib_external") return "importlib._bootstrap_external";
    if (name == "os.path") return "posixpath";
    if (name.starts_with("__hello_alias__") || name.starts_with("__phello_alias__")) return "__hello__";
    return name;
}

bool is_frozen(const std::string& name) { return listed(library_profile().frozen_modules, name); }
bool is_frozen_package(const std::string& name) { return listed(library_profile().frozen_packages, name); }

Ref<> i_is_frozen(Object*, Args args, void*) {
    check_nargs({"_imp", "is_frozen"}, args, 1, 1);
    return new_bool(is_frozen(name_arg("is_frozen", args[0])));
}

Ref<> i_is_frozen_package(Object*, Args args, void*) {
    check_nargs({"_imp", "is_frozen_package"}, args, 1, 1);
    const std::string& name = name_arg("is_frozen_package", args[0]);
    if (!is_frozen(name)) raise(types.ImportError, fmt::format("No such frozen object named {}", repr_string(args[0])));
    return new_bool(is_frozen_package(name));
}

// find_frozen(name, *, withdata=False): (None, is a package, its origin's
// name), or None for a name that is not frozen.
Ref<> i_find_frozen(Object*, Args args, void*) {
    Object* name = nullptr;
    Object* withdata = nullptr;
    parse_args({"_imp", "find_frozen"}, args, {"name", "withdata"}, 1, {&name, &withdata});
    if (withdata && truthy(withdata)) unsupported("_imp.find_frozen(withdata=True): the frozen modules' marshal data");
    const std::string& n = name_arg("find_frozen", name);
    if (!is_frozen(n)) return new_none();
    return tuple_of({consts.None, is_frozen_package(n) ? consts.True : consts.False, new_str(frozen_origin(n)).get()});
}

// get_frozen_object(name, data=None): the frozen module's code, compiled
// from its source in the library ("<frozen NAME>", as the runtime's code is
// named). To 3.10 and from 3.13 the runtime unmarshals it here, which the
// model does not count; 3.11 and 3.12 deep-froze it (nothing allocated).
Ref<> i_get_frozen_object(Object*, Args args, void*) {
    check_nargs({"_imp", "get_frozen_object"}, args, 1, 2);
    const std::string& name = name_arg("get_frozen_object", args[0]);
    if (!is_frozen(name)) raise(types.ImportError, fmt::format("No such frozen object named {}", repr_string(args[0])));
    if (library_profile().frozen_code_unmarshalled)
        rt().manager().on_uncharged(fmt::format("`import {}`: unmarshalling its frozen code", name));
    std::string origin = frozen_origin(name);
    std::filesystem::path file = rt().imports().library().folder;
    for (std::size_t start = 0;;) {
        std::size_t dot = origin.find('.', start);
        std::string part = origin.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) {
            file /= is_frozen_package(name) ? part + "/__init__.py" : part + ".py";
            break;
        }
        file /= part;
        start = dot + 1;
    }
    std::string shown = name == "_frozen_importlib" || name == "_frozen_importlib_external" ? origin : name;
    return compile_library_file(file, "<frozen " + shown + ">");
}

Ref<> i_frozen_module_names(Object*, Args args, void*) {
    check_nargs({"_imp", "_frozen_module_names"}, args, 0, 0);
    std::vector<Object*> names;
    for (const std::string& name : library_profile().frozen_modules) names.push_back(new_str(name).release());
    return new_tuple(std::move(names));
}

// _fix_co_filename(code, path): the code was compiled from `path` (the
// model compiles the source itself: marshal.cpp).
Ref<> i_fix_co_filename(Object*, Args args, void*) {
    check_nargs({"_imp", "_fix_co_filename"}, args, 2, 2);
    if (args[0]->type != types.code) raise(types.TypeError, "_fix_co_filename() argument 1 must be code");
    auto* code = static_cast<CodeObject*>(args[0]);
    if (!is_str(args[1]) || str_value(code->filename) != str_value(args[1]))
        unsupported("a .pyc compiled from a source file that has moved since");
    return new_none();
}

Ref<> i_not_modeled(Object*, Args, void* name) { unsupported(std::string("_imp.") + static_cast<const char*>(name)); }

}  // namespace

Ref<ModuleObject> make_imp_module() {
    NativeModule m("_imp");
    m.add_function("acquire_lock", &i_acquire_lock);
    m.add_function("release_lock", &i_release_lock);
    m.add_function("lock_held", &i_lock_held);
    m.add_function("is_builtin", &i_is_builtin);
    m.add_function("create_builtin", &i_create_builtin);
    m.add_function("exec_builtin", &i_exec_builtin);
    m.add_function("create_dynamic", &i_create_dynamic);
    m.add_function("exec_dynamic", &i_exec_dynamic);
    m.add_function("extension_suffixes", &i_extension_suffixes);
    m.add_function("is_frozen", &i_is_frozen);
    m.add_function("is_frozen_package", &i_is_frozen_package);
    m.add_function("find_frozen", &i_find_frozen);
    m.add_function("get_frozen_object", &i_get_frozen_object);
    m.add_function("_frozen_module_names", &i_frozen_module_names);
    m.add_function("_fix_co_filename", &i_fix_co_filename);
    for (const char* name : {"init_frozen", "source_hash", "_override_frozen_modules_for_tests",
                             "_override_multi_interp_extensions_check"})
        m.add_function(name, &i_not_modeled, const_cast<char*>(name));
    m.add("check_hash_based_pycs", new_str("default").get());
    return m.take();
}

}  // namespace vm
