// The import system: CPython's Python/import.c (PyImport_ImportModuleLevelObject
// and its helpers) and the import instructions of ceval.c, over the modeled
// runtime's own importlib bootstrap (importer.hpp).
#include "importer.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <utility>

#include "api.hpp"
#include "exception.hpp"
#include "frame.hpp"
#include "interpreter.hpp"
#include "lang/diagnostic.hpp"
#include "lang/lang.hpp"
#include "lang/modules.hpp"
#include "modules/registry.hpp"

namespace vm {

namespace {

bool listed(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A module pymodel builds itself (C++, or its own library), with the cost
// of its import recorded in the profile's traces: Runtime::import_module.
// Where the model runs importlib, one whose C init the traces record is
// found and loaded by importlib as the runtime's is (registry.hpp).
bool built_by_model(std::string_view name) {
    if (!lang::known_module(name)) return false;
    ImportSystem& imports = rt().imports();
    return !traced_native_module(name) || imports.library().folder.empty() || !imports.bootstrap();
}

// A module the runtime loaded before the program's first line: an import of
// it finds it in sys.modules. The model loads it when first asked, with the
// counts paused.
bool loaded_at_startup(std::string_view name) {
    const Profile& p = rt().profile();
    return p.library && listed(p.library->startup_modules, name);
}

Ref<StrObject> substring(StrObject* s, std::size_t start_cp, std::size_t end_cp) {
    if (s->ascii) return new_str(s->value.substr(start_cp, end_cp - start_cp));
    std::u32string cps = decode_utf8(s->value);
    return new_str(encode_utf8(cps.substr(start_cp, end_cp - start_cp)));
}

// The index (in code points) of the last '.' of `s` before `end`, or npos.
std::size_t last_dot(StrObject* s, std::size_t end) {
    std::u32string cps = s->ascii ? std::u32string() : decode_utf8(s->value);
    for (std::size_t i = end; i-- > 0;)
        if ((s->ascii ? static_cast<char32_t>(s->value[i]) : cps[i]) == U'.') return i;
    return std::string::npos;
}

std::size_t first_dot(StrObject* s) {
    std::size_t byte = s->value.find('.');
    if (byte == std::string::npos || s->ascii) return byte;
    bool ascii = true;
    return count_code_points(s->value.substr(0, byte), ascii);
}

// sys.modules[name], or null (import_get_module).
Ref<> modules_get(StrObject* name) {
    Object* m = dict_get(rt().modules, name);
    return m ? share(m) : nullptr;
}

// resolve_name: the absolute name of `from .name import ...` at `level`,
// from the importing module's __package__ or __spec__.parent (or __name__).
Ref<StrObject> resolve_name(StrObject* name, Object* globals, std::int64_t level) {
    if (!globals) raise(types.KeyError, "'__name__' not in globals");
    if (!is_dict(globals)) raise(types.TypeError, "globals must be a dict");
    auto* g = static_cast<DictObject*>(globals);
    Object* package = dict_get(g, ids.package);
    if (package == consts.None) package = nullptr;
    Object* spec = dict_get(g, ids.spec);
    Ref<> base_package;
    if (package) {
        base_package = share(package);
        if (!is_str(package)) raise(types.TypeError, "package must be a string");
        if (spec && spec != consts.None) {
            Ref<> parent = getattr(spec, "parent");
            if (!richcompare_bool(package, parent.get(), CompareOp::Eq))
                do_warn(new_str("__package__ != __spec__.parent").get(), types.ImportWarning, 1, nullptr);
        }
    } else if (spec && spec != consts.None) {
        base_package = getattr(spec, "parent");
        if (!is_str(base_package.get())) raise(types.TypeError, "__spec__.parent must be a string");
    } else {
        do_warn(
            new_str("can't resolve package from __spec__ or __package__, falling back on __name__ and __path__").get(),
            types.ImportWarning, 1, nullptr);
        Object* module_name = dict_get(g, ids.name);
        if (!module_name) raise(types.KeyError, "'__name__' not in globals");
        if (!is_str(module_name)) raise(types.TypeError, "__name__ must be a string");
        base_package = share(module_name);
        if (!dict_get(g, ids.package_path)) {
            auto* s = static_cast<StrObject*>(module_name);
            std::size_t dot = last_dot(s, s->length);
            if (dot == std::string::npos)
                raise(types.ImportError, "attempted relative import with no known parent package");
            base_package = substring(s, 0, dot);
        }
    }
    auto* pkg = static_cast<StrObject*>(base_package.get());
    std::size_t end = pkg->length;
    if (end == 0) raise(types.ImportError, "attempted relative import with no known parent package");
    for (std::int64_t up = 1; up < level; ++up) {
        end = last_dot(pkg, end);
        // 3.8 raises it as a ValueError (bpo-37444).
        const std::array<int, 3>& version = rt().profile().version_info;
        bool value_error = rt().profile().manager == "refcount" && version[0] == 3 && version[1] < 9;
        if (end == std::string::npos)
            raise(value_error ? types.ValueError : types.ImportError,
                  "attempted relative import beyond top-level package");
    }
    Ref<StrObject> base = substring(pkg, 0, end);
    if (name->length == 0) return base;
    return new_str(base->value + "." + name->value);
}

// _PyModuleSpec_IsInitializing(module.__spec__): whether the module is still
// being imported (its spec's _initializing). Where the runtime asks with a
// plain getattr (3.10, 3.11), a spec without the attribute raises and
// clears an AttributeError, which allocates.
// The modules whose code runs now, imported without the bootstrap (their
// spec would say _initializing).
std::set<std::string>& modules_running() {
    static std::set<std::string> running;
    return running;
}

bool spec_initializing(Object* module, StrObject* name) {
    const Profile& p = rt().profile();
    // The modules pymodel builds itself have no spec of the runtime's: the
    // profile says which of the runtime's lack the attribute.
    if (built_by_model(str_value(name)) || !rt().imports().bootstrap_ready()) {
        if (listed(p.specs_without_initializing, str_value(name))) {
            MemoryManager& manager = rt().manager();
            manager.on_runtime_allocate(Container::Tuple, 1);  // the AttributeError's args
            manager.on_runtime_allocate(Container::Other, 0);
            manager.on_runtime_free(Container::Tuple, 1);
            manager.on_runtime_free(Container::Other, 0);
        }
        return !built_by_model(str_value(name)) && modules_running().contains(str_value(name));
    }
    Ref<> spec;
    try {
        spec = getattr(module, ids.spec);
    } catch (const PyException&) {
        take_exception();
        return false;
    }
    static StrObject* const initializing = rt().intern("_initializing");
    Ref<> value;
    if (p.initializing_lookup_raises) {
        try {
            value = getattr(spec.get(), initializing);
        } catch (const PyException&) {
            take_exception();
            return false;
        }
    } else {
        value = lookup_attr(spec.get(), initializing);
    }
    return value && truthy(value.get());
}

// import_ensure_initialized: a module found in sys.modules that another
// import is still running waits for it (_lock_unlock_module).
void ensure_initialized(Object* module, StrObject* name) {
    if (!spec_initializing(module, name)) return;
    ModuleObject* bootstrap = rt().imports().bootstrap();
    if (!bootstrap) return;
    Ref<> lock_unlock = getattr(bootstrap, "_lock_unlock_module");
    call(lock_unlock.get(), {name});
}

Ref<> find_and_load_without_bootstrap(StrObject* name);

// import_find_and_load: importlib's _find_and_load(name, __import__).
Ref<> find_and_load(StrObject* name) {
    const std::string& n = str_value(name);
    if (built_by_model(n)) return rt().import_module(name);
    ImportSystem& imports = rt().imports();
    ModuleObject* bootstrap = imports.bootstrap();
    if (!bootstrap) return find_and_load_without_bootstrap(name);
    // What start-up imported cost the program nothing.
    ManagerCountsPaused paused(rt().manager(), loaded_at_startup(n));
    imports.searched_path(ImportSystem::PathSearch::Bootstrap, name);
    Ref<> find = getattr(bootstrap, "_find_and_load");
    return call(find.get(), {name, imports.import_func()});
}

// ---- without the bootstrap (PyPy's model) -------------------------------------------------------

// Where module `name` (dotted: a submodule of a package imported before)
// is defined, as importlib's FileFinder looks in each directory of
// sys.path, or of the package's __path__: a package (NAME/__init__.py),
// an extension module (NAME + an extension suffix), a source file (NAME.py).
struct ModuleFile {
    enum Kind { None, Package, Extension, Source } kind = None;
    std::filesystem::path path;
};

ModuleFile find_module_file(const std::string& name, Object* dirs) {
    if (!dirs || !is_list(dirs)) return {};
    std::size_t dot = name.rfind('.');
    std::string leaf = name.substr(dot == std::string::npos ? 0 : dot + 1);
    const Profile& p = rt().profile();
    std::error_code ec;
    std::filesystem::path namespace_dir;
    for (Object* d : static_cast<ListObject*>(dirs)->items) {
        if (!is_str(d)) continue;
        std::filesystem::path dir(str_value(d).empty() ? "." : str_value(d));
        if (std::filesystem::is_directory(dir / leaf, ec)) {
            if (std::filesystem::is_regular_file(dir / leaf / "__init__.py", ec))
                return {ModuleFile::Package, dir / leaf / "__init__.py"};
            if (namespace_dir.empty()) namespace_dir = dir / leaf;
        }
        if (p.library)
            for (const std::string& suffix : p.library->extension_suffixes)
                if (std::filesystem::is_regular_file(dir / (leaf + suffix), ec))
                    return {ModuleFile::Extension, dir / (leaf + suffix)};
        if (std::filesystem::is_regular_file(dir / (leaf + ".py"), ec))
            return {ModuleFile::Source, dir / (leaf + ".py")};
    }
    if (!namespace_dir.empty())
        unsupported(fmt::format("`import {}`: a namespace package (the folder {} has no __init__.py)", name,
                                namespace_dir.string()));
    return {};
}

[[noreturn]] void raise_not_found(const std::string& message, StrObject* name) {
    Ref<DictObject> keywords = new_dict();
    dict_set(keywords.get(), "name", name);
    Ref<TupleObject> args = tuple_of({new_str(message).get()});
    raise(call_ex(types.ModuleNotFoundError, args, keywords));
}

// A module of the runtime's own that pymodel writes in C++ (registry.hpp):
// built in, or an extension module found on sys.path.
Ref<> load_native_module(StrObject* name, std::string_view origin) {
    rt().manager().on_uncharged(fmt::format("`import {}`: what its init allocates is not modeled", str_value(name)));
    Ref<ModuleObject> m;
    {
        ManagerCountsPaused paused(rt().manager());
        m = make_registered_module(str_value(name), origin);
        dict_set(rt().modules, name, m.get());
    }
    return m;
}

// A module from a file, found and run without importlib: sys.modules holds
// it while its code runs and loses it again if that code raises. What the
// runtime's import machinery allocates is not counted (the manager is told).
Ref<> find_and_load_without_bootstrap(StrObject* name) {
    const std::string& n = str_value(name);
    std::size_t dot = n.rfind('.');
    Ref<> dirs;
    if (dot == std::string::npos) {
        const Profile& p = rt().profile();
        if (p.library && listed(p.library->builtin_modules, n)) return load_native_module(name, "built in");
        if (Object* path = dict_get(rt().sys->dict, ids.path)) dirs = share(path);
    } else {
        Ref<StrObject> parent_name = new_str(n.substr(0, dot));
        // pymodel's own module is not the runtime's: whether it has this
        // submodule, pymodel cannot say.
        if (built_by_model(parent_name->value))
            unsupported(fmt::format("`import {}`: a submodule of pymodel's own module '{}'", n, parent_name->value));
        if (!dict_get(rt().modules, parent_name.get())) {
            import_module_level(parent_name.get(), nullptr, nullptr, 0);
            if (Ref<> again = modules_get(name)) return again;
        }
        Ref<> parent = modules_get(parent_name.get());
        if (parent) dirs = lookup_attr(parent.get(), ids.package_path);
        if (!dirs)
            raise_not_found(fmt::format("No module named '{}'; '{}' is not a package", n, parent_name->value), name);
    }
    ModuleFile file = find_module_file(n, dirs.get());
    if (file.kind == ModuleFile::None) {
        const Profile& p = rt().profile();
        if (p.library && rt().imports().library().folder.empty())
            unsupported(fmt::format("`import {}`, which may be a module of ", n) + missing_library_message(p));
        raise_not_found(fmt::format("No module named '{}'", n), name);
    }
    rt().manager().on_module_lock(n);
    if (file.kind == ModuleFile::Extension) return load_native_module(name, file.path.string());
    rt().manager().on_uncharged(fmt::format("`import {}`: its import machinery is not modeled on this runtime", n));
    Ref<ModuleObject> m;
    {
        ManagerCountsPaused paused(rt().manager());
        m = new_module(n);
        dict_set(m->dict, ids.builtins, rt().builtins);
        dict_set(m->dict, ids.file, new_str(file.path.string()).get());
        if (file.kind == ModuleFile::Package) {
            Ref<ListObject> path = list_of({new_str(file.path.parent_path().string()).get()});
            dict_set(m->dict, ids.package_path, path.get());
            dict_set(m->dict, ids.package, name);
        } else {
            dict_set(m->dict, ids.package, new_str(dot == std::string::npos ? "" : n.substr(0, dot)).get());
        }
        dict_set(rt().modules, name, m.get());
    }
    std::ifstream in(file.path, std::ios::binary);
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    lang::CompileResult r = lang::compile(source, file.path.string(), rt().profile().compile);
    if (r.diagnostic) {
        dict_del(rt().modules, name);
        compile_failed(*r.diagnostic, file.path.string());
    }
    rt().imports().remember_source(file.path.string(), std::move(source));
    Ref<CodeObject> code = new_code(r.code);
    modules_running().insert(n);
    try {
        run_module_code(code.get(), m->dict);
    } catch (const PyException&) {
        modules_running().erase(n);
        Ref<> exc = take_exception();
        dict_del(rt().modules, name);
        reraise(std::move(exc));
    }
    modules_running().erase(n);
    Ref<> loaded = modules_get(name);
    if (!loaded) raise(call(types.KeyError, {name}));  // _load_unlocked's sys.modules.pop
    if (dot != std::string::npos)
        if (Object* parent = dict_get(rt().modules, n.substr(0, dot)))
            setattr(parent, rt().intern(n.substr(dot + 1)), loaded.get());
    return loaded;
}

// importlib's _handle_fromlist without the bootstrap: `from package import
// name` imports the submodule `name` when the package has no such attribute.
void import_submodules(Object* package, StrObject* package_name, Object* fromlist) {
    Ref<ListObject> names = list_from_iterable(fromlist);
    for (Object* item : names->items) {
        if (!is_str(item) || str_value(item) == "*" || lookup_attr(package, static_cast<StrObject*>(item))) continue;
        try {
            Ref<StrObject> full = new_str(str_value(package_name) + "." + str_value(item));
            import_module_level(full.get(), nullptr, nullptr, 0);
        } catch (const PyException&) {
            Ref<> exc = take_exception();
            if (!exception_is(exc.get(), types.ModuleNotFoundError)) reraise(std::move(exc));
        }
    }
}

// remove_importlib_frames: the traceback of a failed import loses its
// entries in importlib's bootstrap, every run of them for an ImportError,
// else the runs that end in _call_with_frames_removed (where the bootstrap
// ran the module's own code, whose entries stay).
void remove_importlib_frames(Object* exc) {
    auto* e = static_cast<BaseExceptionObject*>(exc);
    const bool always_trim = exc->type->is_subtype(types.ImportError);
    Object** prev_link = &e->traceback;
    Object** outer_link = nullptr;
    bool in_importlib = false;
    for (Object* tb = e->traceback; tb;) {
        auto* entry = static_cast<TracebackObject*>(tb);
        Object* next = entry->next;
        const CodeObject* code = entry->frame->frame->code;
        const std::string& filename = str_value(code->filename);
        bool now_in_importlib =
            filename == "<frozen importlib._bootstrap>" || filename == "<frozen importlib._bootstrap_external>";
        if (now_in_importlib && !in_importlib) outer_link = prev_link;
        in_importlib = now_in_importlib;
        if (in_importlib && (always_trim || str_value(code->name) == "_call_with_frames_removed")) {
            xincref(next);
            Object* dropped = std::exchange(*outer_link, next);
            xdecref(dropped);
            prev_link = outer_link;
        } else {
            prev_link = reinterpret_cast<Object**>(&entry->next);
        }
        tb = next;
    }
}

Ref<> import_module_level_untrimmed(StrObject* name, Object* globals, Object* fromlist, std::int64_t level);

}  // namespace

// ---- PyImport_ImportModuleLevelObject -----------------------------------------------------------

Ref<> import_module_level(StrObject* name, Object* globals, Object* fromlist, std::int64_t level) {
    try {
        return import_module_level_untrimmed(name, globals, fromlist, level);
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        remove_importlib_frames(exc.get());
        reraise(std::move(exc));
    }
}

namespace {

Ref<> import_module_level_untrimmed(StrObject* name, Object* globals, Object* fromlist, std::int64_t level) {
    if (level < 0) raise(types.ValueError, "level must be >= 0");
    Ref<StrObject> abs_name;
    if (level > 0) {
        abs_name = resolve_name(name, globals, level);
    } else {
        if (name->length == 0) raise(types.ValueError, "Empty module name");
        abs_name = share(name);
    }
    Ref<> module = modules_get(abs_name.get());
    if (module && module.get() != consts.None) {
        ensure_initialized(module.get(), abs_name.get());
    } else if (module) {
        raise(
            call(types.ModuleNotFoundError,
                 {new_str(fmt::format("import of {} halted; None in sys.modules", str_value(abs_name.get()))).get()}));
    } else {
        module = find_and_load(abs_name.get());
    }
    bool has_from = fromlist && fromlist != consts.None && truthy(fromlist);
    if (!has_from) {
        if (level != 0 && name->length == 0) return module;
        std::size_t dot = first_dot(name);
        if (dot == std::string::npos) return module;
        if (level == 0) {
            Ref<StrObject> front = substring(name, 0, dot);
            return import_module_level(front.get(), nullptr, nullptr, 0);
        }
        std::size_t cut_off = name->length - dot;
        Ref<StrObject> to_return = substring(abs_name.get(), 0, abs_name->length - cut_off);
        Ref<> top = modules_get(to_return.get());
        if (!top) raisef(types.KeyError, "{} not in sys.modules as expected", repr_string(to_return.get()));
        return top;
    }
    if (!lookup_attr(module.get(), ids.package_path)) return module;
    ImportSystem& imports = rt().imports();
    ModuleObject* bootstrap = imports.bootstrap_ready() ? imports.bootstrap() : nullptr;
    if (!bootstrap) {
        import_submodules(module.get(), abs_name.get(), fromlist);
        return module;
    }
    Ref<> handle = getattr(bootstrap, "_handle_fromlist");
    return call(handle.get(), {module.get(), fromlist, imports.import_func()});
}

}  // namespace

// ---- the import instructions --------------------------------------------------------------------

// ceval's import_name: through PyImport_ImportModuleLevelObject, unless the
// program replaced builtins.__import__, which is called then.
Ref<> import_name(StrObject* name, DictObject* globals, Object* fromlist, Object* level) {
    Object* import_func = dict_get(rt().builtins_dict, ids.import);
    if (!import_func) raise(types.ImportError, "__import__ not found");
    if (import_func != rt().imports().import_func())
        return call(import_func, {name, globals, globals, fromlist, level});
    return import_module_level(name, globals, fromlist, as_index(level));
}

// import_from: the attribute, else (a circular import of a submodule) the
// module sys.modules holds as PACKAGE.NAME.
Ref<> import_from(Object* module, StrObject* name) {
    if (Ref<> value = lookup_attr(module, name)) return value;
    Ref<> package_name;
    try {
        package_name = getattr(module, ids.name);
    } catch (const PyException&) {
        take_exception();
    }
    if (package_name && is_str(package_name.get())) {
        Ref<StrObject> full = new_str(str_value(package_name.get()) + "." + str_value(name));
        if (Ref<> sub = modules_get(full.get())) return sub;
    }
    stop_if_runtime_has(module, name);
    Ref<> file;
    if (module->type->is_subtype(types.module)) file = lookup_attr(module, ids.file);
    std::string shown =
        package_name && is_str(package_name.get()) ? repr_string(package_name.get()) : "'<unknown module name>'";
    std::string message;
    if (!file || !is_str(file.get())) {
        message = fmt::format("cannot import name {} from {} (unknown location)", repr_string(name), shown);
    } else {
        bool initializing = module->type->is_subtype(types.module) && package_name && is_str(package_name.get()) &&
                            spec_initializing(module, static_cast<StrObject*>(package_name.get()));
        message = initializing ? fmt::format(
                                     "cannot import name {} from partially initialized module {} (most likely "
                                     "due to a circular import) ({})",
                                     repr_string(name), shown, str_value(file.get()))
                               : fmt::format("cannot import name {} from {} ({})", repr_string(name), shown,
                                             str_value(file.get()));
    }
    raise_import_error(message, package_name && is_str(package_name.get()) ? package_name.get() : nullptr,
                       file && is_str(file.get()) ? file.get() : nullptr);
}

// import_all_from: the names of __all__, else every name of the module's
// __dict__ that does not start with an underscore.
void import_star(Object* module, DictObject* locals) {
    static StrObject* const all_name = rt().intern("__all__");
    Ref<> all = lookup_attr(module, all_name);
    bool skip_underscores = false;
    if (!all) {
        Ref<> dict = lookup_attr(module, ids.dict);
        if (!dict) raise(types.ImportError, "from-import-* object has no __dict__ and no __all__");
        if (!is_dict(dict.get())) unsupported("'from ... import *' of an object whose __dict__ is not a dict");
        std::vector<Object*> keys;
        dict_for_each(static_cast<DictObject*>(dict.get()), [&](Object* k, Object*) { keys.push_back(k); });
        all = list_of(keys);
        skip_underscores = true;
    }
    for (std::size_t pos = 0;; ++pos) {
        Ref<> item;
        if (is_list(all.get()) || is_tuple(all.get())) {
            auto items = is_list(all.get()) ? std::span<Object* const>(static_cast<ListObject*>(all.get())->items)
                                            : std::span<Object* const>(static_cast<TupleObject*>(all.get())->items);
            if (pos >= items.size()) break;
            item = share(items[pos]);
        } else {
            unsupported("'from ... import *' of a module whose __all__ is not a list or a tuple");
        }
        if (!is_str(item.get())) {
            Ref<> module_name = getattr(module, ids.name);
            raisef(types.TypeError, "Item in {}.__all__ must be str, not {}", str_value(module_name.get()),
                   type_name(item.get()));
        }
        auto* name = static_cast<StrObject*>(item.get());
        if (skip_underscores && name->value.starts_with("_")) continue;
        Ref<> value = getattr(module, name);
        dict_set(locals, name, value.get());
    }
}

// ---- the runtime's importlib --------------------------------------------------------------------

ImportSystem::ImportSystem() : library_(find_runtime_library(rt().profile())) {}

ImportSystem::~ImportSystem() = default;

const std::string* ImportSystem::source_of(const std::string& filename) const {
    auto found = sources_.find(filename);
    return found == sources_.end() ? nullptr : &found->second;
}

void ImportSystem::remember_source(const std::string& filename, std::string text) {
    sources_[filename] = std::move(text);
}

void ImportSystem::searched_path(PathSearch by, StrObject* name) {
    const Profile& p = rt().profile();
    const std::string& n = str_value(name);
    // A built-in or frozen module is found before sys.path is searched.
    if (!p.library || listed(p.library->builtin_modules, n) || listed(p.library->frozen_modules, n)) return;
    // Where frames are objects (to 3.10) the traces name the finders'
    // making (`(_path_hooks#4)`), which a replay skips once it is made; from
    // 3.11 each trace makes them anew.
    bool traces_make_finders_again = by == PathSearch::Trace && searched_by_trace_ && !p.gc_frame_objects;
    (by == PathSearch::Bootstrap ? searched_by_bootstrap_ : searched_by_trace_) = true;
    if (searched_by_bootstrap_ && searched_by_trace_)
        rt().manager().on_uncharged(
            fmt::format("`import {}`: an import through importlib's bootstrap and one replayed from the profile's "
                        "traces both searched sys.path, and each counts the finders of its folders as made anew",
                        n));
    else if (traces_make_finders_again)
        rt().manager().on_uncharged(
            fmt::format("`import {}`: two imports replayed from the profile's traces both searched sys.path, and "
                        "each counts the finders of its folders as made anew",
                        n));
}

ModuleObject* ImportSystem::bootstrap() {
    if (!set_up_) set_up_bootstrap();
    return bootstrap_;
}

void compile_failed(const lang::Diagnostic& diagnostic, const std::string& filename) {
    if (lang::exit_status(diagnostic) == 3) unsupported(diagnostic.message + " (in " + filename + ")");
    const std::filesystem::path& library = rt().imports().library().folder;
    std::filesystem::path file = std::filesystem::path(filename).lexically_normal();
    if (!library.empty() && !file.lexically_relative(library).empty() &&
        *file.lexically_relative(library).begin() != "..")
        unsupported(fmt::format("{} (in the runtime's {}, line {}, which it compiles)", diagnostic.message, filename,
                                diagnostic.line));
    raisef(types.SyntaxError, "{} ({}, line {})", diagnostic.message, filename, diagnostic.line);
}

Ref<CodeObject> compile_library_file(const std::filesystem::path& path, const std::string& filename) {
    std::ifstream in(path, std::ios::binary);
    if (!in) unsupported(fmt::format("reading {} of the runtime's library", path.string()));
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    lang::CompileResult r = lang::compile(source, filename, rt().profile().compile);
    if (r.diagnostic)
        unsupported(
            fmt::format("{} (in the runtime's {}, line {})", r.diagnostic->message, path.string(), r.diagnostic->line));
    rt().imports().remember_source(filename, std::move(source));
    ManagerCountsPaused paused(rt().manager());
    return new_code(r.code);
}

// CPython's start-up (pylifecycle.c's init_importlib and
// init_importlib_external, import.c's _PyImportZip_Init): _frozen_importlib
// run and installed over sys and _imp, then the path-based importers of
// _frozen_importlib_external and zipimport; then what its own imports left
// in the path importer cache (`encodings` found on sys.path before the
// script's folder was put first, the script asked whether it is a zip file
// or a folder to run).
void ImportSystem::set_up_bootstrap() {
    set_up_ = true;
    const Profile& p = rt().profile();
    if (!p.library || p.manager != "refcount" || !p.library->counted_imports) return;
    if (library_.folder.empty()) unsupported("an import that needs " + missing_library_message(p));
    ManagerCountsPaused paused(rt().manager());
    DictObject* modules = rt().modules;
    Ref<ModuleObject> imp = make_registered_module("_imp");
    dict_set(modules, "_imp", imp.get());
    Ref<ModuleObject> bootstrap = new_module("_frozen_importlib");
    dict_set(modules, "_frozen_importlib", bootstrap.get());
    Ref<CodeObject> code =
        compile_library_file(library_.folder / "importlib" / "_bootstrap.py", "<frozen importlib._bootstrap>");
    dict_set(bootstrap->dict, ids.builtins, rt().builtins);
    // PyImport_ImportFrozenModuleObject's mark, which _setup's
    // FrozenImporter._fix_up_module takes (from 3.11).
    if (p.version_info[0] == 3 && p.version_info[1] >= 11)
        dict_set(bootstrap->dict, "__origname__", new_str("importlib._bootstrap").get());
    run_module_code(code.get(), bootstrap->dict);
    bootstrap_ = share(bootstrap.get()).release();
    call(getattr(bootstrap.get(), "_install").get(), {rt().sys, imp.get()});
    call(getattr(bootstrap.get(), "_install_external_importers").get(), {});
    Object* path_hooks = dict_get(rt().sys->dict, "path_hooks");
    Ref<StrObject> zipimport_name = new_str("zipimport");
    Ref<> zipimport = import_module_level(zipimport_name.get(), nullptr, nullptr, 0);
    Ref<> zipimporter = getattr(zipimport.get(), "zipimporter");
    Ref<ListObject> hooks = list_of({zipimporter.get()});
    list_extend(hooks.get(), path_hooks);
    dict_set(rt().sys->dict, "path_hooks", hooks.get());
    ready_ = true;

    // The start-up's finders: sys.path without the script's folder.
    Ref<> external = modules_get(rt().intern("_frozen_importlib_external"));
    Ref<> path_finder = getattr(external.get(), "PathFinder");
    Ref<> find_spec = getattr(path_finder.get(), "find_spec");
    auto* sys_path = static_cast<ListObject*>(dict_get(rt().sys->dict, ids.path));
    Ref<ListObject> startup_path = list_of(std::vector<Object*>(sys_path->items.begin() + 1, sys_path->items.end()));
    call(find_spec.get(), {new_str("encodings").get(), startup_path.get()});
    Ref<ListObject> encodings_path = list_of({new_str((library_.folder / "encodings").string()).get()});
    call(find_spec.get(), {new_str("encodings.utf_8").get(), encodings_path.get()});
    if (rt().main_path != "<stdin>") {
        Object* cache = dict_get(rt().sys->dict, "path_importer_cache");
        std::string key = p.library->script_key_absolute || rt().argv.empty() ? rt().main_path : rt().argv[0];
        if (cache && is_dict(cache)) dict_set(static_cast<DictObject*>(cache), new_str(key).get(), consts.None);
    }
}

}  // namespace vm
