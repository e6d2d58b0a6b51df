// Module objects, and NativeModule, the builder of the modules written in C++.
#include <algorithm>

#include "api.hpp"
#include "lang/modules.hpp"

namespace vm {

void ModuleObject::traverse(Visitor v) { v(dict); }

// module_clear drops the dict; the names in it live on in the dict while
// anything (a function's __globals__) holds it.
void ModuleObject::clear() {
    Object* d = dict;
    dict = nullptr;
    xdecref(d);
}

void ModuleObject::release() { clear(); }

Ref<ModuleObject> new_module(std::string name, bool dict_tracked_first) {
    auto dict = new_dict();
    dict->table.size_unmodeled = true;  // filled by the runtime, as CPython's is by its own
    if (dict_tracked_first) g_manager->track(dict.get());
    Ref<> n = new_str(name);
    dict_set(dict.get(), ids.name, n.get());
    dict_set(dict.get(), ids.doc, consts.None);
    dict_set(dict.get(), ids.package, consts.None);
    dict_set(dict.get(), ids.loader, consts.None);
    dict_set(dict.get(), ids.spec, consts.None);
    return make<ModuleObject>(types.module, dict.release(), std::move(name));
}

NativeModule::NativeModule(std::string name) : module_(new_module(std::move(name))) {}

void require_runtime_module(const std::string& name) {
    const std::vector<std::string>& unverified = rt().profile().unverified_modules;
    if (std::find(unverified.begin(), unverified.end(), name) != unverified.end())
        unsupported(fmt::format("module {}: pymodel's is not yet checked against this runtime's", name));
    const RuntimeNames& names = rt().profile().runtime_names();
    if (!names.empty() && !names.has("module " + name, "__name__"))
        raisef(types.ModuleNotFoundError, "No module named '{}'", name);
}

void NativeModule::add_function(const char* name, NativeFn fn, void* data) {
    auto f = new_native_function(name, fn, data, module_.get());
    // builtins.varargs names a module's function MODULE.NAME (a builtin's
    // by its name alone, Runtime::create_modules).
    if (rt().profile().packs_arguments(module_->name, name)) f->packing = NativeFunctionObject::Packing::Varargs;
    add(name, f.get());
}

void NativeModule::add(std::string_view name, Object* value) { dict_set(module_->dict, name, value); }

void NativeModule::keep_only(const std::vector<std::string>& names) { keep_only_names(module_.get(), names); }

namespace {

// The type of what NativeModule::add_unmodeled adds: its value is the
// object's qualified name (gc.hooks), for the refusal's message.
TypeObject* unmodeled_type = nullptr;

Ref<> unmodeled_getattro(Object* self, StrObject* name, bool) {
    unsupported(fmt::format("{}.{}: the model has the name but not the object", str_value(self), str_value(name)));
}

void unmodeled_setattro(Object* self, StrObject* name, Object*) {
    unsupported(
        fmt::format("setting {}.{}: the model has the name but not the object", str_value(self), str_value(name)));
}

}  // namespace

void NativeModule::add_unmodeled(const char* name) {
    Ref<> placeholder = make<StrObject>(unmodeled_type, module_->name + "." + name);
    add(name, placeholder.get());
}

void NativeModule::keep_runtime_names() {
    const RuntimeNames& names = rt().profile().runtime_names();
    if (names.empty()) return;
    std::string owner = "module " + module_->name;
    std::vector<Object*> drop;
    dict_for_each(module_->dict, [&](Object* k, Object*) {
        if (!names.has(owner, str_value(k))) drop.push_back(k);
    });
    for (Object* k : drop) {
        Ref<> keep = share(k);
        dict_del(module_->dict, k);
    }
}

void keep_only_names(ModuleObject* module, const std::vector<std::string>& names) {
    std::vector<Object*> drop;
    dict_for_each(module->dict, [&](Object* k, Object*) {
        const std::string& n = str_value(k);
        bool private_name = n.starts_with("_");
        if (!private_name && std::find(names.begin(), names.end(), n) == names.end()) drop.push_back(k);
    });
    for (Object* k : drop) {
        Ref<> keep = share(k);
        dict_del(module->dict, k);
    }
}

// _PyModule_ClearDict: names with a single leading underscore become None
// first, then every name but __builtins__, in the dict's order.
void clear_module_dict(DictObject* d) {
    auto pass = [d](bool underscored_only) {
        for (std::size_t i = 0; i < d->table.entries().size(); ++i) {
            Object* k = d->table.entries()[i].key;
            if (!k || !is_str(k) || d->table.entries()[i].value == consts.None) continue;
            const std::string& n = str_value(k);
            bool single_underscore = n.size() > 1 && n[0] == '_' && n[1] != '_';
            if (underscored_only ? !single_underscore : n == "__builtins__") continue;
            Ref<> key = share(k);
            dict_set(d, key.get(), consts.None);
        }
    };
    pass(true);
    pass(false);
}

namespace {

ModuleObject* as_module(Object* o) { return static_cast<ModuleObject*>(o); }

Ref<> module_repr(Object* self) {
    ModuleObject* m = as_module(self);
    Object* file = m->dict ? dict_get(m->dict, ids.file) : nullptr;
    if (file && is_str(file)) return new_str(fmt::format("<module '{}' from '{}'>", m->name, str_value(file)));
    return new_str(fmt::format("<module '{}' (built-in)>", m->name));
}

// The AttributeErrors a miss raises where the runtime clears them again
// (hasattr, getattr with a default, `from m import *`'s __all__): before
// 3.12 CPython's module_getattro has no `suppress`, so each one that is an
// object by then costs its args tuple and itself: the generic lookup's (an
// object at once from 3.10, which gives it name and obj; before, only
// while an exception is being handled, for its __context__), that of the
// spec's _initializing lookup where the spec lacks the attribute, and the
// module's own (while an exception is being handled).
void charge_cleared_miss(ModuleObject* m) {
    const Profile& p = rt().profile();
    if (p.manager != "refcount" || p.c_raise_makes_exception) return;
    const bool handling = rt().thread().handled_exception() != nullptr;
    int objects = handling ? 2 : 0;
    if (!handling && p.version_info[0] == 3 && p.version_info[1] >= 10) ++objects;
    Object* spec = m->dict ? dict_get(m->dict, ids.spec) : nullptr;
    const std::vector<std::string>& without = p.specs_without_initializing;
    StrObject* initializing = rt().intern("_initializing");
    if (std::find(without.begin(), without.end(), m->name) != without.end()) {
        ++objects;
    } else if (spec && p.initializing_lookup_raises) {
        // A module pymodel makes has no spec of the runtime's (whose specs
        // have the attribute, but the listed ones).
        bool made_by_model = spec == consts.None && lang::known_module(m->name).has_value();
        if (!made_by_model && (spec == consts.None || !lookup_attr(spec, initializing))) ++objects;
    }
    MemoryManager& manager = rt().manager();
    for (int i = 0; i < objects; ++i) {
        manager.on_runtime_allocate(Container::Tuple, 1);
        manager.on_runtime_allocate(Container::Other, 0);
        manager.on_runtime_free(Container::Tuple, 1);
        manager.on_runtime_free(Container::Other, 0);
    }
}

Ref<> module_getattro(Object* self, StrObject* name, bool suppress) {
    if (Ref<> r = generic_getattr(self, name, true)) return r;
    ModuleObject* m = as_module(self);
    if (m->dict)
        if (Object* getattr_hook = dict_get(m->dict, ids.getattr)) {
            if (!suppress) return call(getattr_hook, {name});
            try {
                return call(getattr_hook, {name});
            } catch (const PyException&) {
                Ref<> exc = take_exception();
                if (!exception_is(exc.get(), types.AttributeError)) reraise(std::move(exc));
                return nullptr;
            }
        }
    if (suppress) {
        charge_cleared_miss(m);
        return nullptr;
    }
    raise_attribute_error(self, name, fmt::format("module '{}' has no attribute '{}'", m->name, str_value(name)));
}

DictObject** module_dict_ptr(Object* o) { return &as_module(o)->dict; }

// module(name, doc=None): new_module (the object, untracked, then its dict,
// then tracked), then module___init__ (module_init_dict).
Ref<> module_new(TypeObject* type, Args args) {
    if (type != types.module) unsupported("an instance of a subclass of module");
    Object* name = nullptr;
    Object* doc = nullptr;
    parse_args("module", args, {"name", "doc"}, 1, {&name, &doc});
    Ref<ModuleObject> m = make_untracked<ModuleObject>(types.module, nullptr, std::string());
    m->dict = new_dict().release();
    m->dict->table.size_unmodeled = true;
    g_manager->track(m.get());
    if (!is_str(name))
        raisef(types.TypeError, "module.__init__() argument 'name' must be str, not {}", type_name(name));
    m->name = str_value(name);
    dict_set(m->dict, ids.name, name);
    dict_set(m->dict, ids.doc, doc ? doc : consts.None);
    dict_set(m->dict, ids.package, consts.None);
    dict_set(m->dict, ids.loader, consts.None);
    dict_set(m->dict, ids.spec, consts.None);
    return m;
}

Ref<> module_get_dict(Object* self) {
    ModuleObject* m = as_module(self);
    if (!m->dict) {
        m->dict = new_dict().release();
        m->dict->table.size_unmodeled = true;
    }
    return share<Object>(m->dict);
}

}  // namespace

void init_module_type() {
    TypeObject* t = types.module;
    t->tp.repr = &module_repr;
    t->tp.getattro = &module_getattro;
    t->dict_ptr = &module_dict_ptr;
    t->tp.new_ = &module_new;
    add_getset(t, "__dict__", &module_get_dict);
    unmodeled_type = new_builtin_type("unmodeled", types.object, &LayoutOf<StrObject>::ops, 0, "builtins");
    inherit_slots(unmodeled_type);
    unmodeled_type->tp.getattro = &unmodeled_getattro;
    unmodeled_type->tp.setattro = &unmodeled_setattro;
    unmodeled_type->tp.new_ = nullptr;
}

}  // namespace vm
