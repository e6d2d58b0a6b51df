// The sys module.
#include <array>
#include <bit>
#include <climits>
#include <cstdlib>
#include <optional>
#include <utility>

#include "../api.hpp"
#include "../interpreter.hpp"
#include "../io.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// What CPython shares from its start-up: None, True, False, Ellipsis,
// NotImplemented, the small ints, the empty and one-character (Latin-1) str
// and bytes, the empty tuple, a builtin type.
bool shared_from_startup(const Object* o) {
    const Constants& c = consts;
    if (o == c.None || o == c.True || o == c.False || o == c.Ellipsis || o == c.NotImplemented || o == c.empty_tuple)
        return true;
    if (is_small_exact_int(o)) {
        const std::int64_t v = static_cast<const IntObject*>(o)->value;
        return v >= kSmallIntMin && v <= kSmallIntMax;
    }
    if (o->type == types.str) {
        const auto* s = static_cast<const StrObject*>(o);
        return s->length == 0 || (s->length == 1 && static_cast<unsigned char>(s->value[0]) <= 0xC3);
    }
    if (o->type == types.bytes) return static_cast<const BytesObject*>(o)->value.size() <= 1;
    return o->type == types.type && !static_cast<const TypeObject*>(o)->has(TF_HEAPTYPE);
}

// What only the runtime makes, referred to from all over it: a module, a
// module's function, a method descriptor.
bool made_by_runtime(const Object* o) {
    if (o->type == types.module || o->type == types.method_descriptor) return true;
    if (o->type != types.builtin_function) return false;
    const Object* self = static_cast<const NativeFunctionObject*>(o)->self;
    return !self || self->type == types.module;
}

// What sys.getrefcount gives for an object whose count CPython does not
// keep as the model does, or none: the profile's immortal count, or the
// program stops as unsupported where the count is every reference the
// whole interpreter holds.
std::optional<std::int64_t> count_not_kept(const Object* o) {
    const Profile& p = rt().profile();
    const char* what = nullptr;
    if (shared_from_startup(o)) {
        if (p.immortal_refcount) return p.immortal_refcount;
        what =
            "an object the runtime shares from its start-up (None, a bool, a small int, an empty or "
            "one-character str or bytes, the empty tuple, a builtin type)";
    } else if (o->type == types.str && static_cast<const StrObject*>(o)->interned != Interned::No) {
        const auto* s = static_cast<const StrObject*>(o);
        if (std::optional<std::int64_t> at_startup = p.startup_interned().count(s->value)) {
            if (*at_startup) return *at_startup;
            what = "a str the runtime interned at start-up (every reference the runtime holds counts)";
        } else if (p.interned_immortal_refcount) {
            if (s->interned != Interned::Constant || !p.immortal_names_only) return p.interned_immortal_refcount;
        } else if (s->interned != Interned::Constant) {
            what = "an interned name (the parser's uses of it, and the runtime's, count too)";
        }
    } else if (made_by_runtime(o)) {
        what = "a module, a module's function or a method descriptor (the runtime's own references count too)";
    }
    if (what) unsupported(std::string("sys.getrefcount of ") + what);
    return std::nullopt;
}

// The references CPython counts: the model counts the borrowed ones
// (lang/borrow.hpp), which 3.14 does not: those on the stack of a running
// frame (Frame::borrowed_slots, the arguments of this call among them) and
// those its locals hold (Frame::borrowed_locals).
Ref<> s_getrefcount(Object*, Args args, void*) {
    check_nargs("sys.getrefcount", args, 1, 1);
    Object* o = args[0];
    if (std::optional<std::int64_t> fixed = count_not_kept(o)) return new_int(*fixed);
    std::int64_t count = o->refcnt;
    // A mortal interned str: CPython does not count its interned table's
    // references (intern_common takes 2 off), the model counts its one.
    if (o->type == types.str && static_cast<const StrObject*>(o)->interned != Interned::No) --count;
    for (Frame* f = rt().thread().current_frame; f; f = f->previous) {
        for (std::uint64_t m = f->borrowed_locals; m; m &= m - 1)
            if (f->localsplus()[std::countr_zero(m)] == o) --count;
        Object** stack = f->stack_base();
        for (std::uint64_t m = f->borrowed_slots(); m; m &= m - 1)
            if (stack[std::countr_zero(m)] == o) --count;
    }
    return new_int(count);
}

Ref<> s_exit(Object*, Args args, void*) {
    check_nargs("sys.exit", args, 0, 1);
    raise(new_exception(types.SystemExit, args.nargs ? args[0] : nullptr));
}

Ref<> s_getrecursionlimit(Object*, Args args, void*) {
    check_nargs("sys.getrecursionlimit", args, 0, 0);
    return new_int(recursion_limit());
}

Ref<> s_setrecursionlimit(Object*, Args args, void*) {
    check_nargs("sys.setrecursionlimit", args, 1, 1);
    std::int64_t limit = as_index(args[0]);
    if (limit < 1) raise(types.ValueError, "recursion limit must be greater or equal than 1");
    if (limit > INT_MAX) raise(types.OverflowError, "Python int too large to convert to C int");
    set_recursion_limit(static_cast<int>(limit));
    return new_none();
}

Ref<> s_get_int_max_str_digits(Object*, Args args, void*) {
    check_nargs("sys.get_int_max_str_digits", args, 0, 0);
    return new_int(rt().int_max_str_digits);
}

// The limit of str(int) and int(str) in decimal digits: 0 (none), or at
// least sys.int_info.str_digits_check_threshold.
Ref<> s_set_int_max_str_digits(Object*, Args args, void*) {
    Object* maxdigits = nullptr;
    parse_args("set_int_max_str_digits", args, {"maxdigits"}, 1, {&maxdigits});
    std::int64_t limit = as_index(maxdigits);
    constexpr std::int64_t kCheckThreshold = 640;
    if (limit != 0 && limit < kCheckThreshold)
        raise_message(types.ValueError, "int_max_str_digits_setting", "maxdigits must be 0 or larger than {1}", limit,
                      kCheckThreshold);
    rt().int_max_str_digits = limit;
    return new_none();
}

Ref<> s_exc_info(Object*, Args args, void*) {
    check_nargs("sys.exc_info", args, 0, 0);
    Object* e = rt().thread().handled_exception();
    if (!e) return tuple_of({consts.None, consts.None, consts.None});
    Ref<> tb = getattr(e, "__traceback__");
    return tuple_of({e->type, e, tb.get()});
}

// set_asyncgen_hooks(firstiter=..., finalizer=...): each given one set,
// None clearing it; the finalizer is checked and set first.
Ref<> s_set_asyncgen_hooks(Object*, Args args, void*) {
    Object* firstiter = nullptr;
    Object* finalizer = nullptr;
    parse_args("sys.set_asyncgen_hooks", args, {"firstiter", "finalizer"}, 0, {&firstiter, &finalizer});
    for (auto [hook, name] : {std::pair{finalizer, "finalizer"}, std::pair{firstiter, "firstiter"}})
        if (hook && hook != consts.None && !is_callable(hook))
            raisef(types.TypeError, "callable {} expected, got {}", name, type_name(hook));
    ThreadState& ts = rt().thread();
    for (auto [hook, slot] :
         {std::pair{finalizer, &ts.asyncgen_finalizer}, std::pair{firstiter, &ts.asyncgen_firstiter}}) {
        if (!hook) continue;
        Object* old = std::exchange(*slot, hook == consts.None ? nullptr : share(hook).release());
        xdecref(old);
    }
    return new_none();
}

Ref<> s_intern(Object*, Args args, void*) {
    check_nargs("sys.intern", args, 1, 1);
    // A str subclass ("can't intern S" on CPython) is never made: pymodel refuses one.
    if (args[0]->type != types.str)
        raise_message(types.TypeError, "intern_not_str", "intern() argument must be str, not {}", type_name(args[0]));
    auto* s = static_cast<StrObject*>(args[0]);
    // The runtime's own object, where its start-up interned the str and pymodel's did not.
    if (!rt().is_interned(s->value) && rt().profile().startup_interned().count(s->value))
        return share<Object>(rt().intern(s->value));
    return share<Object>(rt().intern_in_place(s, Interned::Constant));
}

Ref<> s_getframe(Object*, Args args, void*) {
    check_nargs("sys._getframe", args, 0, 1);
    std::int64_t depth = args.nargs ? as_index(args[0]) : 0;
    Frame* f = rt().thread().current_frame;
    for (; f && depth > 0; --depth) f = f->previous;
    if (!f) raise(types.ValueError, "call stack is not deep enough");
    return share<Object>(frame_object(f));
}

// Functions the modeled runtime has but pymodel does not model.
Ref<> s_not_modeled(Object*, Args, void* name) { unsupported(std::string("sys.") + static_cast<const char*>(name)); }

TypeObject* version_info_type = nullptr;
TypeObject* flags_type = nullptr;

// sys.flags: the interpreter's options as python -S starts it, with those
// the environment sets.
bool environment_set(const char* name) {
    const char* value = std::getenv(name);
    return value && *value;
}
Ref<> flag_value(const Profile& p, const std::string& name) {
    if (name == "dev_mode" || name == "safe_path") return new_bool(false);
    if (name == "no_site") return new_int(1);
    if (name == "dont_write_bytecode") return new_int(environment_set("PYTHONDONTWRITEBYTECODE"));
    if (name == "hash_randomization") {
        const char* seed = std::getenv("PYTHONHASHSEED");
        return new_int(seed && std::string_view(seed) == "0" ? 0 : 1);
    }
    if (name == "int_max_str_digits") return new_int(p.sys_flags_int_max_str_digits);
    return new_int(0);
}

template <std::size_t I> Ref<> flags_field(Object* self) { return share(static_cast<TupleObject*>(self)->items[I]); }
template <std::size_t... I>
constexpr std::array<GetSetDescriptorObject::Getter, sizeof...(I)> flags_getters(std::index_sequence<I...>) {
    return {&flags_field<I>...};
}
constexpr auto kFlagsGetters = flags_getters(std::make_index_sequence<24>());

Ref<> flags_repr(Object* self) {
    auto& items = static_cast<TupleObject*>(self)->items;
    const std::vector<std::string>& names = rt().profile().sys_flags;
    std::string out = "sys.flags(";
    for (std::size_t i = 0; i < items.size() && i < names.size(); ++i)
        out += fmt::format("{}{}={}", i ? ", " : "", names[i], repr_string(items[i]));
    return new_str(out + ")");
}

template <int I> Ref<> vi_field(Object* self) { return share(static_cast<TupleObject*>(self)->items[I]); }

Ref<> vi_repr(Object* self) {
    auto& it = static_cast<TupleObject*>(self)->items;
    return new_str(fmt::format("sys.version_info(major={}, minor={}, micro={}, releaselevel={}, serial={})",
                               repr_string(it[0]), repr_string(it[1]), repr_string(it[2]), repr_string(it[3]),
                               repr_string(it[4])));
}

DictObject** namespace_dict_ptr(Object* o) { return &static_cast<NamespaceObject*>(o)->dict; }

Ref<> namespace_repr(Object* self) {
    DictObject* d = static_cast<NamespaceObject*>(self)->dict;
    std::string out = "namespace(";
    bool first = true;
    if (d)
        dict_for_each(d, [&](Object* k, Object* v) {
            if (!first) out += ", ";
            first = false;
            out += str_value(k) + "=" + repr_string(v);
        });
    return new_str(out + ")");
}

// namespace_new and namespace_init: SimpleNamespace(**kwargs), whose dict
// is made with the object.
Ref<> namespace_new(TypeObject* type, Args args) {
    if (type != types.simple_namespace) unsupported("a subclass of types.SimpleNamespace");
    if (args.nargs) unsupported("types.SimpleNamespace() with positional arguments");
    auto ns = make<NamespaceObject>(type);
    ns->dict = new_dict().release();
    for (std::size_t i = 0; i < args.nkw(); ++i) dict_set(ns->dict, args.kwnames->items[i], args[args.nargs + i]);
    return ns;
}

}  // namespace

void init_sys_types() {
    version_info_type = new_builtin_type("version_info", types.tuple, &LayoutOf<TupleObject>::ops, TF_GC, "sys");
    inherit_slots(version_info_type);
    version_info_type->tp.repr = &vi_repr;
    version_info_type->tp.new_ = nullptr;
    add_getset(version_info_type, "major", &vi_field<0>);
    add_getset(version_info_type, "minor", &vi_field<1>);
    add_getset(version_info_type, "micro", &vi_field<2>);
    add_getset(version_info_type, "releaselevel", &vi_field<3>);
    add_getset(version_info_type, "serial", &vi_field<4>);
    flags_type = new_builtin_type("flags", types.tuple, &LayoutOf<TupleObject>::ops, TF_GC, "sys");
    inherit_slots(flags_type);
    flags_type->tp.repr = &flags_repr;
    flags_type->tp.new_ = nullptr;
    types.simple_namespace->tp.repr = &namespace_repr;
    types.simple_namespace->dict_ptr = &namespace_dict_ptr;
    types.simple_namespace->tp.new_ = &namespace_new;
    types.simple_namespace->tp.init = nullptr;
}

Ref<ModuleObject> make_sys_module(const Profile& p) {
    NativeModule sys("sys");
    sys.add_function("getrefcount", &s_getrefcount);
    sys.add_function("exit", &s_exit);
    sys.add_function("getrecursionlimit", &s_getrecursionlimit);
    sys.add_function("setrecursionlimit", &s_setrecursionlimit);
    sys.add_function("exc_info", &s_exc_info);
    sys.add_function("get_int_max_str_digits", &s_get_int_max_str_digits);
    sys.add_function("set_int_max_str_digits", &s_set_int_max_str_digits);
    sys.add_function("intern", &s_intern);
    sys.add_function("set_asyncgen_hooks", &s_set_asyncgen_hooks);
    sys.add_function("_getframe", &s_getframe);
    sys.add_function("getsizeof", &sys_getsizeof);
    sys.add_function("getallocatedblocks", &sys_getallocatedblocks);
    sys.add_function("gettotalrefcount", &s_not_modeled, const_cast<char*>("gettotalrefcount"));
    // CPython's report, with or without pymalloc; PyPy (no [sizes]) has none.
    if (p.sizes) sys.add_function("_debugmallocstats", &sys_debugmallocstats);

    auto vi = make<TupleObject>(version_info_type);
    for (int v : p.version_info) vi->items.push_back(new_int(v).release());
    vi->items.push_back(new_str(p.release_level).release());
    vi->items.push_back(new_int(p.serial).release());
    sys.add("version_info", vi.get());
    sys.add("version", new_str(p.sys_version).get());

    auto impl = make<NamespaceObject>(types.simple_namespace);
    setattr(impl.get(), rt().intern("name"), new_str(p.implementation_name).get());
    if (p.library) setattr(impl.get(), rt().intern("cache_tag"), new_str(p.library->cache_tag).get());
    setattr(impl.get(), rt().intern("version"), vi.get());
    sys.add("implementation", impl.get());

    auto flags = make<TupleObject>(flags_type);
    for (std::size_t i = 0; i < p.sys_flags.size() && i < kFlagsGetters.size(); ++i) {
        flags->items.push_back(flag_value(p, p.sys_flags[i]).release());
        add_getset(flags_type, p.sys_flags[i].c_str(), kFlagsGetters[i]);
    }
    sys.add("flags", flags.get());
    sys.add("dont_write_bytecode", environment_set("PYTHONDONTWRITEBYTECODE") ? consts.True : consts.False);
    sys.add("pycache_prefix", consts.None);
    if (p.library) {
        std::vector<Object*> names;
        for (const std::string& name : p.library->builtin_modules) names.push_back(new_str(name).release());
        sys.add("builtin_module_names", new_tuple(std::move(names)).get());
    }

    // Py_ssize_t's largest: 2**31 - 1 on a 32-bit build (Pyodide's 3.14).
    const bool ssize_32_bits = p.sizes && p.sizes->pointer == 4;
    sys.add("maxsize", new_int(ssize_32_bits ? INT32_MAX : INT64_MAX).get());
    sys.add("byteorder", new_str("little").get());
    sys.add("platform", new_str(p.platform).get());
    sys.add("modules", rt().modules);
    return sys.take();
}

}  // namespace vm
