// The object protocols (CPython's object.c and abstract.c).
#include "abstract.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <optional>

#include "api.hpp"
#include "exception.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "iterators.hpp"
#include "modules/registry.hpp"
#include "recursion.hpp"

namespace vm {

// ---- attributes ---------------------------------------------------------------------------------

Ref<> getattr(Object* o, StrObject* name) { return o->type->tp.getattro(o, name, false); }
Ref<> getattr(Object* o, std::string_view name) { return getattr(o, rt().intern(name)); }
Ref<> lookup_attr(Object* o, StrObject* name) { return o->type->tp.getattro(o, name, true); }

void setattr(Object* o, StrObject* name, Object* value) {
    if (!o->type->tp.setattro)
        raisef(types.AttributeError, "'{}' object has no attribute '{}'", type_name(o), str_value(name));
    o->type->tp.setattro(o, name, value);
}

void delattr(Object* o, StrObject* name) { setattr(o, name, nullptr); }

Ref<> lookup_special(Object* o, StrObject* name) {
    Object* descr = o->type->lookup(name);
    if (!descr) return nullptr;
    if (auto get = descr->type->tp.descr_get) return get(descr, o, o->type);
    return share(descr);
}

[[noreturn]] void raise_no_attribute(Object* o, StrObject* name) {
    raise_attribute_error(o, name, fmt::format("'{}' object has no attribute '{}'", type_name(o), str_value(name)));
}

[[noreturn]] void raise_attribute_error(Object* o, StrObject* name, std::string message) {
    stop_if_runtime_has(o, name);
    Ref<> exc = new_exception(types.AttributeError, message);
    auto* e = static_cast<BaseExceptionObject*>(exc.get());
    e->extra[0] = share<Object>(name).release();  // .name
    e->extra[1] = share(o).release();  // .obj
    raise(std::move(exc));
}

void stop_if_runtime_has(Object* o, StrObject* name) {
    const RuntimeNames& names = rt().profile().runtime_names();
    if (names.empty()) return;
    const std::string& n = str_value(name);
    if (o->type == types.module && !made_for_importlib(o))
        if (const std::string& module = static_cast<ModuleObject*>(o)->name; names.has("module " + module, n))
            unsupported(fmt::format("{}.{}, which the modeled runtime has and pymodel does not", module, n));
    auto stop_if_built_in_type_has = [&](const TypeObject* owner) {
        for (const TypeObject* t : owner->mro)
            if (!t->has(TF_HEAPTYPE) && names.has("type " + t->name, n))
                unsupported(fmt::format("{}.{}, which the modeled runtime has and pymodel does not", t->name, n));
    };
    if (o->type->has(TF_TYPE_SUBCLASS)) stop_if_built_in_type_has(static_cast<TypeObject*>(o));
    stop_if_built_in_type_has(o->type);
}

void stop_if_runtime_has_builtin(StrObject* name) {
    const std::vector<const Object*>& made = rt().builtins_as_made;
    if (std::binary_search(made.begin(), made.end(), name)) return;
    if (rt().profile().runtime_names().has("builtins", str_value(name)))
        unsupported(fmt::format("the builtin {}, which the modeled runtime has and pymodel does not", str_value(name)));
}

std::vector<std::string> attribute_names(Object* o) {
    std::vector<std::string> names;
    auto add_keys = [&names](DictObject* d) {
        if (d)
            dict_for_each(d, [&names](Object* k, Object*) {
                if (is_str(k)) names.push_back(str_value(k));
            });
    };
    if (InstanceData* d = instance_data(o); d && !d->dict) {
        d->for_each_in_order([&](std::uint8_t ix) { names.push_back(str_value(o->type->class_layout->keys[ix])); });
    } else if (d) {
        add_keys(d->dict);
    } else if (o->type->dict_ptr) {
        add_keys(*o->type->dict_ptr(o));
    }
    if (o->type != types.module) {  // a module's dir() is its dict alone
        const auto& bases = is_instance_of(o, types.type) ? static_cast<TypeObject*>(o)->mro : o->type->mro;
        for (TypeObject* t : bases) add_keys(t->dict);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

// The instance dict of `o` when its type keeps one at dict_ptr (exceptions,
// functions, io objects), or null.
static DictObject* ptr_dict(Object* o) {
    if (!o->type->dict_ptr) return nullptr;
    return *o->type->dict_ptr(o);
}

Ref<> generic_get_dict(Object* o) {
    DictObject*& dict = *o->type->dict_ptr(o);
    if (!dict) dict = new_dict().release();
    return share<Object>(dict);
}

void generic_set_dict(Object* o, Object* value) {
    if (!value) raise(types.TypeError, "cannot delete __dict__");
    if (!is_dict(value)) raisef(types.TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    DictObject*& dict = *o->type->dict_ptr(o);
    incref(value);
    set_ref(dict, static_cast<DictObject*>(value));
}

// A descriptor's __get__; when [suppress], an AttributeError it raises
// (an empty __slots__ member, a property) means "no attribute", as in
// _PyObject_GenericGetAttrWithDict.
static Ref<> descriptor_get(Ref<> (*get)(Object*, Object*, TypeObject*), Object* descr, Object* o, TypeObject* t,
                            bool suppress) {
    try {
        return get(descr, o, t);
    } catch (const PyException&) {
        if (!suppress || !exception_is(rt().thread().curexc, types.AttributeError)) throw;
        take_exception();
        return nullptr;
    }
}

// _PyObject_GenericGetAttrWithDict, `found` being what the lookup of
// `name` on the type found.
static Ref<> generic_getattr_found(Object* o, StrObject* name, Object* found, bool suppress) {
    TypeObject* t = o->type;
    Ref<> descr = share(found);
    auto get = descr ? descr->type->tp.descr_get : nullptr;
    // An unset slot under hasattr(): the AttributeError member_get raises
    // is cleared before it is ever an object, where the runtime makes it
    // lazily (calls.c_raise_makes_exception).
    if (suppress && descr && descr->type == types.member_descriptor && !rt().profile().c_raise_makes_exception &&
        !member_slot(static_cast<MemberDescriptorObject*>(descr.get()), o))
        return nullptr;
    if (get && descr->type->tp.descr_set) return descriptor_get(get, descr.get(), o, t, suppress);
    InstanceData* d = instance_data(o);
    if (d && t->has(TF_MANAGED_DICT)) {
        if (Object* v = instance_get(o, *d, name)) return share(v);
    } else if (DictObject* dict = ptr_dict(o)) {
        if (Object* v = dict_get(dict, name)) return share(v);
    }
    if (get) return descriptor_get(get, descr.get(), o, t, suppress);
    if (descr) return descr;
    if (suppress) return nullptr;
    raise_no_attribute(o, name);
}

Ref<> generic_getattr(Object* o, StrObject* name, bool suppress) {
    return generic_getattr_found(o, name, o->type->lookup(name), suppress);
}

// The shared-keys index of `name` in `layout`, the layout of the site's
// type, as the site keeps it: -1 when the keys do not hold the name.
[[gnu::always_inline]] static inline int site_key_index(LookupSite& site, const ClassLayout& layout, StrObject* name) {
    if (site.key_index >= 0) return site.key_index;
    const auto nkeys = static_cast<int>(layout.keys.size());
    if (site.keys_seen == nkeys) return -1;
    int ix = layout.key_index(name);
    if (ix >= 0) site.key_index = ix;
    else site.keys_seen = nkeys;
    return ix;
}

// The values of an instance that keeps them (a managed dict not
// materialized), and the index of `name` among its class's shared keys as
// the site keeps it (-1: not among them); null when the instance keeps no
// values. The site has just been looked up with o's type. What
// instance_get and instance_set find, without their search of the keys
// (CPython 3.11's LOAD_ATTR_INSTANCE_VALUE and STORE_ATTR_INSTANCE_VALUE).
[[gnu::always_inline]] static inline InstanceData* own_values(Object* o, StrObject* name, LookupSite& site, int& ix) {
    const TypeObject* t = o->type;
    const ClassLayout* layout = t->class_layout.get();
    if (!layout || (t->flags & (TF_MANAGED_DICT | TF_DICT_AT_FIRST_ATTRIBUTE)) != TF_MANAGED_DICT) return nullptr;
    InstanceData* d = layout->sub->data_of(o);
    if (!d || d->dict) return nullptr;
    ix = site_key_index(site, *layout, name);
    return d;
}

// The instance's own value of `name` through own_values, or null.
[[gnu::always_inline]] static inline Object* own_value(Object* o, StrObject* name, LookupSite& site) {
    int ix;
    InstanceData* d = own_values(o, name, site, ix);
    if (!d || ix < 0 || ix >= static_cast<int>(d->values.size())) return nullptr;
    return d->values[static_cast<std::size_t>(ix)];
}

Ref<> getattr(Object* o, StrObject* name, LookupSite& site) {
    if (o->type->tp.getattro != &generic_getattr) return getattr(o, name);
    Object* found = site.lookup(o->type, name);
    // An instance's own value, when the type's attribute is no data
    // descriptor (which generic_getattr_found would ask first): no Python
    // code can run on the way, so nothing else differs.
    int ix;
    if (!found || !found->type->tp.descr_get || !found->type->tp.descr_set)
        if (InstanceData* d = own_values(o, name, site, ix)) {
            if (ix >= 0 && ix < static_cast<int>(d->values.size()))
                if (Object* v = d->values[static_cast<std::size_t>(ix)]) return share(v);
            // None of its own: a class attribute that is no descriptor
            // (`p.scale`) is what generic_getattr_found returns after
            // searching the keys again.
            if (found && !found->type->tp.descr_get) return share(found);
        }
    return generic_getattr_found(o, name, found, false);
}

// _PyObject_GenericSetAttrWithDict, `found` as for generic_getattr_found.
static void generic_setattr_found(Object* o, StrObject* name, Object* found, Object* value) {
    TypeObject* t = o->type;
    Ref<> descr = share(found);
    if (descr && descr->type->tp.descr_set) {
        descr->type->tp.descr_set(descr.get(), o, value);
        return;
    }
    InstanceData* d = instance_data(o);
    if (d && t->has(TF_MANAGED_DICT)) {
        if (!instance_set(o, *d, name, value)) raise_no_attribute(o, name);
        return;
    }
    if (t->dict_ptr) {
        DictObject*& dict = *t->dict_ptr(o);
        if (value) {
            if (!dict) {
                dict = new_dict().release();
                dict->table.mark_split();  // an instance's
            }
            dict_set(dict, name, value);
        } else if (!dict || !dict_del(dict, name)) {
            raise(new_exception(types.AttributeError, name));
        }
        return;
    }
    if (descr) raisef(types.AttributeError, "'{}' object attribute '{}' is read-only", type_name(o), str_value(name));
    raise_no_attribute(o, name);
}

void generic_setattr(Object* o, StrObject* name, Object* value) {
    generic_setattr_found(o, name, o->type->lookup(name), value);
}

void setattr(Object* o, StrObject* name, Object* value, LookupSite& site) {
    if (o->type->tp.setattro != &generic_setattr) return setattr(o, name, value);
    Object* found = site.lookup(o->type, name);
    // An instance's own value stored, when the type's attribute has no
    // __set__, the profile makes no dict at a store, and the name is among
    // the shared keys already: instance_set at the index the site keeps.
    if (value && (!found || !found->type->tp.descr_set) && !rt().profile().gc_instance_dict_objects) {
        int ix;
        InstanceData* d = own_values(o, name, site, ix);
        if (d && ix >= 0) {
            instance_set_at(*d, ix, value);
            return;
        }
    }
    generic_setattr_found(o, name, found, value);
}

// ---- calls --------------------------------------------------------------------------------------

// A slot wrapper, or a method-wrapper (a slot wrapper bound to an instance).
bool is_slot_wrapper(Object* callable) {
    if (callable->type == types.builtin_function) return static_cast<NativeFunctionObject*>(callable)->method_wrapper;
    return callable->type == types.method_descriptor && static_cast<MethodDescriptorObject*>(callable)->slot_wrapper;
}

bool called_through_tp_call(Object* callable) {
    // PyType_Check by the inherited subclass bit, without a walk of the MRO.
    if (!callable->type->has(TF_TYPE_SUBCLASS))
        return callable->type->has(TF_HEAPTYPE) ||
               (rt().profile().slot_wrapper_calls_pack && is_slot_wrapper(callable));
    auto* t = static_cast<TypeObject*>(callable);
    return t->has(TF_HEAPTYPE) || t->has(TF_PACKED_CALL) ||
           (t->is_subtype(types.BaseException) && !exception_vectorcall(t));
}

namespace {

// _PyObject_MakeTpCall packs the arguments into a tuple, and the keywords
// into a dict, which live during the call (they hold references, and their
// allocations count for the gc).
struct TpCallArguments {
    Ref<DictObject> keywords;  // (released after the tuple, as in CPython)
    Ref<TupleObject> positional;
    Args args;

    explicit TpCallArguments(Args given) : args(given) {
        positional = positional_tuple(args);
        args.tuple = positional.get();
        if (!args.nkw()) return;
        keywords = new_dict();
        for (std::size_t i = 0; i < args.nkw(); ++i)
            dict_set(keywords.get(), args.kwnames->items[i], args[args.nargs + i]);
    }
};

}  // namespace

Ref<> call(Object* callable, Args args) {
    auto fn = callable->type->tp.call;
    if (!fn) raisef(types.TypeError, "'{}' object is not callable", type_name(callable));
    // type(x) is type_vectorcall's fast path (from 3.10): only its other
    // calls pack.
    const bool type_of = callable == types.type && args.nargs == 1 && !args.nkw() && !rt().profile().type_of_packs;
    if (args.tuple || type_of || !called_through_tp_call(callable)) return fn(callable, args);
    TpCallArguments packed(args);
    return fn(callable, packed.args);
}

Ref<> call(Object* callable, std::initializer_list<Object*> args) {
    return call(callable, Args{args.begin(), args.size(), nullptr});
}

// _PyObject_GetMethod: for a plain attribute lookup that finds a function or
// a method descriptor on the type, returns it unbound (true); otherwise the
// attribute itself (false).
bool get_method(Object* obj, StrObject* name, Ref<>& method, LookupSite* site) {
    TypeObject* tp = obj->type;
    if (tp->tp.getattro != &generic_getattr) {
        method = getattr(obj, name);
        return false;
    }
    Object* descr = site ? site->lookup(tp, name) : tp->lookup(name);
    if (!descr || (descr->type != types.function && descr->type != types.method_descriptor)) {
        // getattr(), its lookup through the site
        method = site ? generic_getattr_found(obj, name, site->lookup(tp, name), false) : getattr(obj, name);
        return false;
    }
    Ref<> keep = share(descr);
    InstanceData* d = instance_data(obj);
    Object* shadow = nullptr;
    if (d && tp->has(TF_MANAGED_DICT)) {
        shadow = site && !d->dict ? own_value(obj, name, *site) : instance_get(obj, *d, name);
    } else if (tp->dict_ptr && *tp->dict_ptr(obj)) shadow = dict_get(*tp->dict_ptr(obj), name);
    if (shadow) {
        method = share(shadow);
        return false;
    }
    method = std::move(keep);
    return true;
}

// PyObject_VectorcallMethod: a function or method descriptor found on the
// type is called with `self` first, without a bound method object.
Ref<> call_method(Object* self, StrObject* name, std::initializer_list<Object*> args) {
    Ref<> m;
    if (!get_method(self, name, m)) return call(m.get(), args);
    std::vector<Object*> with_self{self};
    with_self.insert(with_self.end(), args.begin(), args.end());
    return call(m.get(), Args{with_self.data(), with_self.size(), nullptr});
}

// ---- items --------------------------------------------------------------------------------------

Ref<> getitem(Object* o, Object* key) {
    auto fn = o->type->tp.getitem;
    if (!fn) {
        if (is_instance_of(o, types.type)) return subscript_class(static_cast<TypeObject*>(o), key);
        stop_if_runtime_has(o, rt().intern("__getitem__"));
        raisef(types.TypeError, "'{}' object is not subscriptable", type_name(o));
    }
    return fn(o, key);
}

void setitem(Object* o, Object* key, Object* value) {
    auto fn = o->type->tp.setitem;
    if (!fn) {
        stop_if_runtime_has(o, rt().intern("__setitem__"));
        raisef(types.TypeError, "'{}' object does not support item assignment", type_name(o));
    }
    fn(o, key, value);
}

void delitem(Object* o, Object* key) {
    auto fn = o->type->tp.setitem;
    if (!fn) {
        stop_if_runtime_has(o, rt().intern("__delitem__"));
        raisef(types.TypeError, "'{}' object doesn't support item deletion", type_name(o));
    }
    fn(o, key, nullptr);
}

bool contains(Object* container, Object* item) {
    if (auto fn = container->type->tp.contains) return fn(container, item);
    if (!container->type->tp.iter && !container->type->tp.getitem)
        raisef(types.TypeError, "argument of type '{}' is not iterable", type_name(container));
    Ref<> it = get_iter(container);
    while (Ref<> x = iter_next(it.get()))
        if (equal(x.get(), item)) return true;
    return false;
}

std::size_t length(Object* o) {
    auto fn = o->type->tp.len;
    if (!fn) {
        stop_if_runtime_has(o, rt().intern("__len__"));
        raise_message(types.TypeError, "no_len", "object of type '{}' has no len()", type_name(o));
    }
    return fn(o);
}

// The sizes CPython asks for before it fills a list (or a tuple) from an
// iterable. A class's methods run, and may print, allocate or raise; a
// TypeError from them means "no size". Built-in types run no Python code
// here, so only classes are asked (their callers know a built-in's size).
static void no_size() {
    if (!exception_is(rt().thread().curexc, types.TypeError)) throw;
    take_exception();
}

std::optional<std::size_t> ask_len(Object* o) {
    if (!o->type->has(TF_HEAPTYPE) || !o->type->tp.len) return std::nullopt;
    try {
        return length(o);
    } catch (const PyException&) {
        no_size();
        return std::nullopt;
    }
}

bool builtin_iterator_hints(const TypeObject* type) {
    if (type->tp.length_hint) return true;
    for (TypeObject* t : {types.list_iterator, types.list_reverseiterator, types.tuple_iterator, types.str_iterator,
                          types.range_iterator, types.dict_keyiterator, types.dict_valueiterator,
                          types.dict_itemiterator, types.set_iterator, types.reversed})
        if (type == t) return true;
    return false;
}

// How many items a built-in sized object or iterator has left, which its
// length hint answers without running code (PyObject_LengthHint), or
// `fallback` for one that has no hint (a generator, map, zip ...).
std::size_t builtin_length_hint(Object* o, std::size_t fallback) {
    TypeObject* t = o->type;
    if (t->has(TF_HEAPTYPE)) return fallback;
    if (t->tp.len) return length(o);
    if (t == types.range_iterator) return static_cast<std::size_t>(static_cast<RangeIterObject*>(o)->remaining);
    if (!builtin_iterator_hints(t)) return fallback;
    if (t->tp.length_hint) {
        std::int64_t left = t->tp.length_hint(o);
        return left < 0 ? fallback : static_cast<std::size_t>(left);
    }
    if (t == types.set_iterator) {  // setiter_len
        auto* it = static_cast<SetIterObject*>(o);
        return it->set && it->set->used == it->expected_used ? it->left : 0;
    }
    if (t == types.dict_keyiterator || t == types.dict_valueiterator || t == types.dict_itemiterator) {
        auto* it = static_cast<DictIterObject*>(o);
        if (!it->container) return 0;
        std::size_t left = 0;
        const auto& entries = it->table->entries();
        for (std::size_t i = it->pos; i < entries.size(); ++i) left += entries[i].key != nullptr;
        return left;
    }
    auto* it = static_cast<SeqIterObject*>(o);  // the other iterators of builtin_iterator_hints
    if (!it->seq) return 0;
    auto left = it->reverse ? it->index + 1 : static_cast<std::int64_t>(length(it->seq)) - it->index;
    return static_cast<std::size_t>(std::max<std::int64_t>(left, 0));
}

// PyObject_LengthHint: the object's __len__, or else its __length_hint__.
// A built-in iterator's is a method descriptor: looking it up binds it (a
// builtin method, from its free list on 3.8), which the call drops; its
// answer is builtin_length_hint's.
std::optional<std::size_t> ask_length_hint(Object* o) {
    if (!o->type->has(TF_HEAPTYPE)) {
        if (!o->type->tp.len && builtin_iterator_hints(o->type)) {
            rt().manager().on_runtime_allocate(Container::BuiltinMethod, 0);
            rt().manager().on_runtime_free(Container::BuiltinMethod, 0);
        }
        return std::nullopt;
    }
    if (auto n = ask_len(o)) return n;
    Ref<> hint = lookup_special(o, ids.length_hint);
    if (!hint) return std::nullopt;
    Ref<> r;
    try {
        r = call(hint.get(), {});
    } catch (const PyException&) {
        no_size();
        return std::nullopt;
    }
    if (r.get() == consts.NotImplemented) return std::nullopt;
    if (!is_int(r.get())) raisef(types.TypeError, "__length_hint__ must be an integer, not {}", type_name(r.get()));
    if (int_value(r.get()) < 0) raise(types.ValueError, "__length_hint__() should return >= 0");
    return static_cast<std::size_t>(int_value(r.get()));
}

// ---- comparison, hashing, truth -----------------------------------------------------------------

static CompareOp swapped(CompareOp op) {
    switch (op) {
    case CompareOp::Lt: return CompareOp::Gt;
    case CompareOp::Le: return CompareOp::Ge;
    case CompareOp::Gt: return CompareOp::Lt;
    case CompareOp::Ge: return CompareOp::Le;
    default: return op;
    }
}

static const char* compare_symbol(CompareOp op) {
    static constexpr std::array<const char*, 6> symbols = {"<", "<=", "==", "!=", ">", ">="};
    return symbols[static_cast<int>(op)];
}

Ref<> richcompare(Object* v, Object* w, CompareOp op) {
    CRecursionGuard level(" in comparison");
    bool checked_reverse = false;
    auto vf = v->type->tp.richcompare;
    auto wf = w->type->tp.richcompare;
    if (v->type != w->type && w->type->is_subtype(v->type) && wf) {
        checked_reverse = true;
        Ref<> r = wf(w, v, swapped(op));
        if (r.get() != consts.NotImplemented) return r;
    }
    if (vf) {
        Ref<> r = vf(v, w, op);
        if (r.get() != consts.NotImplemented) return r;
    }
    if (!checked_reverse && wf) {
        Ref<> r = wf(w, v, swapped(op));
        if (r.get() != consts.NotImplemented) return r;
    }
    if (op == CompareOp::Eq) return new_bool(v == w);
    if (op == CompareOp::Ne) return new_bool(v != w);
    raisef(types.TypeError, "'{}' not supported between instances of '{}' and '{}'", compare_symbol(op), type_name(v),
           type_name(w));
}

bool richcompare_bool(Object* a, Object* b, CompareOp op) {
    Ref<> r = richcompare(a, b, op);
    if (r.get() == consts.True) return true;
    if (r.get() == consts.False) return false;
    return truthy(r.get());
}

bool equal(Object* a, Object* b) {
    if (a == b) return true;
    if (is_str(a) && is_str(b) && a->type == types.str && b->type == types.str)
        return str_equal(static_cast<StrObject*>(a), static_cast<StrObject*>(b));
    return richcompare_bool(a, b, CompareOp::Eq);
}

namespace {
// The value an int, float or complex number is identified by (PyPy), as
// an odd number, which no object's address is; nullopt for other objects.
std::optional<std::uint64_t> value_identity(const Object* o) {
    if (!rt().profile().identity_by_value) return std::nullopt;
    auto tagged = [](std::uint64_t bits, std::uint64_t tag) { return (bits << 3) | tag; };
    if (o->type == types.int_) {
        // PyPy's id of a long is its value's own; the model has no word for it.
        if (static_cast<const IntObject*>(o)->big) unsupported("the identity of an int beyond 64 bits on PyPy");
        return tagged(static_cast<std::uint64_t>(int_value(o)), 1);
    }
    if (o->type == types.float_)
        return tagged(std::bit_cast<std::uint64_t>(static_cast<const FloatObject*>(o)->value), 3);
    if (o->type == types.complex) {
        const auto* c = static_cast<const ComplexObject*>(o);
        return tagged(std::bit_cast<std::uint64_t>(c->real) * 31 + std::bit_cast<std::uint64_t>(c->imag), 5);
    }
    return std::nullopt;
}
}  // namespace

bool is_same_object(Object* a, Object* b) {
    if (a == b) return true;
    auto is_big_int = [](const Object* o) { return o->type == types.int_ && static_cast<const IntObject*>(o)->big; };
    if (is_big_int(a) || is_big_int(b))  // PyPy's longs are identified by value too
        return rt().profile().identity_by_value && is_big_int(a) && is_big_int(b) && int_values_equal(a, b);
    auto va = value_identity(a);
    return va && va == value_identity(b);
}

std::int64_t object_id(Object* o) {
    auto v = value_identity(o);
    return static_cast<std::int64_t>(v ? *v : reinterpret_cast<std::uintptr_t>(o));
}

std::int64_t hash(Object* o) {
    auto fn = o->type->tp.hash;
    if (!fn) raisef(types.TypeError, "unhashable type: '{}'", type_name(o));
    return fn(o);
}

bool truthy(Object* o) {
    if (o == consts.True) return true;
    if (o == consts.False || o == consts.None) return false;
    if (auto fn = o->type->tp.truth) return fn(o);
    if (auto fn = o->type->tp.len) return fn(o) != 0;
    return true;
}

// ---- iteration ----------------------------------------------------------------------------------

Ref<> get_iter(Object* o) {
    if (auto fn = o->type->tp.iter) {
        Ref<> it = fn(o);
        if (!it->type->tp.iternext)
            raisef(types.TypeError, "iter() returned non-iterator of type '{}'", type_name(it.get()));
        return it;
    }
    // PySeqIter_New: iterating by __getitem__ from 0 to the first IndexError.
    if (o->type->tp.getitem && !is_instance_of(o, types.type))
        unsupported(fmt::format("iterating over a '{}' through __getitem__ (the sequence protocol)", type_name(o)));
    stop_if_runtime_has(o, rt().intern("__iter__"));
    raisef(types.TypeError, "'{}' object is not iterable", type_name(o));
}

Ref<> iter_next(Object* it) {
    auto fn = it->type->tp.iternext;
    if (!fn) raisef(types.TypeError, "'{}' object is not an iterator", type_name(it));
    return fn(it);
}

// ---- operators ----------------------------------------------------------------------------------

static const char* binary_symbol(int op) {
    static constexpr std::array<const char*, kBinaryOpCount> symbols = {"+", "&",  "//", "<<", "@", "*", "%",
                                                                        "|", "**", ">>", "-",  "/", "^"};
    return symbols[op % kBinaryOpCount];
}

// binary_op1: the left operand's slot, the right one's (first when its type
// is a subclass of the left one's).
static Ref<> binary_op1(Object* v, Object* w, int op) {
    auto slotv = v->type->tp.number[op];
    auto slotw = w->type != v->type ? w->type->tp.number[op] : nullptr;
    if (slotw == slotv) slotw = nullptr;
    if (slotv) {
        if (slotw && w->type->is_subtype(v->type)) {
            Ref<> r = slotw(v, w);
            if (r.get() != consts.NotImplemented) return r;
            slotw = nullptr;
        }
        Ref<> r = slotv(v, w);
        if (r.get() != consts.NotImplemented) return r;
    }
    if (slotw) return slotw(v, w);
    return share(consts.NotImplemented);
}

// sequence_repeat's error, when a product found no slot and one operand
// is a sequence: the other operand is no index.
static void check_sequence_repeat(Object* v, Object* w, int op) {
    if (op % kBinaryOpCount != number_slot(lang::BinaryOp::Multiply)) return;
    Object* sequence = v->type->tp.sequence_repeat ? v : w->type->tp.sequence_repeat ? w : nullptr;
    if (sequence)
        raise_message(types.TypeError, "repeat", "can't multiply sequence by non-int of type '{0}'",
                      type_name(sequence == v ? w : v), type_name(v), type_name(w), binary_symbol(op),
                      op >= kBinaryOpCount ? "=" : "");
}

Ref<> binary_op(Object* v, Object* w, int op) {
    if (op >= kBinaryOpCount) {
        if (auto islot = v->type->tp.number[op]) {
            Ref<> r = islot(v, w);
            if (r.get() != consts.NotImplemented) return r;
        }
        Ref<> r = binary_op1(v, w, op - kBinaryOpCount);
        if (r.get() != consts.NotImplemented) return r;
        check_sequence_repeat(v, w, op);
        raisef(types.TypeError, "unsupported operand type(s) for {}=: '{}' and '{}'", binary_symbol(op), type_name(v),
               type_name(w));
    }
    Ref<> r = binary_op1(v, w, op);
    if (r.get() != consts.NotImplemented) return r;
    check_sequence_repeat(v, w, op);
    if (op == 8)
        raise_message(types.TypeError, "pow_operands", "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                      type_name(v), type_name(w));
    raisef(types.TypeError, "unsupported operand type(s) for {}: '{}' and '{}'", binary_symbol(op), type_name(v),
           type_name(w));
}

Ref<> unary_negative(Object* o) {
    if (auto fn = o->type->tp.negative) return fn(o);
    raise_message(types.TypeError, "unary_operand", "bad operand type for unary {0}: '{2}'", "-", "neg", type_name(o));
}

Ref<> unary_positive(Object* o) {
    if (auto fn = o->type->tp.positive) return fn(o);
    raise_message(types.TypeError, "unary_operand", "bad operand type for unary {0}: '{2}'", "+", "pos", type_name(o));
}

Ref<> unary_invert(Object* o) {
    if (auto fn = o->type->tp.invert) return fn(o);
    raise_message(types.TypeError, "unary_operand", "bad operand type for unary {0}: '{2}'", "~", "~", type_name(o));
}

std::int64_t as_index(Object* o) {
    if (auto fn = o->type->tp.index) return fn(o);
    raisef(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
}

// ---- conversions --------------------------------------------------------------------------------

// PyErr_CheckSignals, which PyObject_Str and PyObject_Repr call first:
// from 3.12 it runs a collection an allocation scheduled.
static void check_signals() {
    if (rt().profile().gc_collect_at_check_signals) at_instruction_boundary();
}

Ref<StrObject> repr(Object* o) {
    check_signals();
    CRecursionGuard level(" while getting the repr of an object");
    Ref<> r = o->type->tp.repr(o);
    if (!is_str(r.get())) raisef(types.TypeError, "__repr__ returned non-string (type {})", type_name(r.get()));
    return Ref<StrObject>::take(static_cast<StrObject*>(r.release()));
}

Ref<StrObject> str(Object* o) {
    check_signals();
    if (o->type == types.str) return share(static_cast<StrObject*>(o));
    CRecursionGuard level(" while getting the str of an object");
    Ref<> r = o->type->tp.str(o);
    if (!is_str(r.get())) raisef(types.TypeError, "__str__ returned non-string (type {})", type_name(r.get()));
    return Ref<StrObject>::take(static_cast<StrObject*>(r.release()));
}

std::string repr_string(Object* o) { return str_value(repr(o).get()); }
std::string str_string(Object* o) { return str_value(str(o).get()); }

std::string address_of(const Object* o) { return fmt::format("{}", static_cast<const void*>(o)); }

std::string default_repr(Object* o) { return fmt::format("<{} object at {}>", type_repr_name(o->type), address_of(o)); }

// ---- classes ------------------------------------------------------------------------------------

// object_recursive_isinstance: an exact match, or a class whose type is
// exactly `type`, takes no level of C recursion; a tuple takes one for its
// items, and another class the level of its __instancecheck__ and that of
// the checker's call, which the model does not know.
bool isinstance(Object* o, Object* cls) {
    if (o->type == cls) return true;
    if (cls->type == types.type) return is_instance_of(o, static_cast<TypeObject*>(cls));
    if (is_tuple(cls)) {
        CRecursionGuard level(" in __instancecheck__");
        for (Object* c : static_cast<TupleObject*>(cls)->items)
            if (isinstance(o, c)) return true;
        return false;
    }
    if (!is_instance_of(cls, types.type))
        raise(types.TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    CRecursionGuard level(" in __instancecheck__"), call(nullptr, CRecursionGuard::Charge::MaybeLevel);
    return is_instance_of(o, static_cast<TypeObject*>(cls));
}

bool issubclass(Object* cls, Object* classinfo) {
    if (!is_instance_of(cls, types.type)) raise(types.TypeError, "issubclass() arg 1 must be a class");
    if (is_tuple(classinfo)) {
        for (Object* c : static_cast<TupleObject*>(classinfo)->items)
            if (issubclass(cls, c)) return true;
        return false;
    }
    if (!is_instance_of(classinfo, types.type))
        raise(types.TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return static_cast<TypeObject*>(cls)->is_subtype(static_cast<TypeObject*>(classinfo));
}

bool is_callable(Object* o) { return o->type->tp.call != nullptr; }

}  // namespace vm
