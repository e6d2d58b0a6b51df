// _collections, as CPython's Modules/_collectionsmodule.c: deque
// (deque.cpp), defaultdict (a dict that calls its factory for a missing
// key, through __missing__), _count_elements (Counter's loop) and
// _tuplegetter (namedtuple's field descriptor). OrderedDict is not
// modeled: the runtime names stop the program that asks for it.
#include "collections.hpp"

#include "modules.hpp"

namespace vm::collections {

ModuleTypes g_types;

namespace {

Behavior g_behavior;

// ---- defaultdict --------------------------------------------------------------------------------

struct DefaultDictObject : DictObject {
    Object* default_factory = nullptr;  // counted
    using DictObject::DictObject;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(default_factory);
        DictObject::traverse(v);
    }
    void clear() {
        Object* f = default_factory;
        default_factory = nullptr;
        xdecref(f);
        DictObject::clear();
    }
    void release() { clear(); }
};

DefaultDictObject* as_defdict(Object* o) { return static_cast<DefaultDictObject*>(o); }

// dict's tp_new for a subclass: tracked from its allocation, with a keys
// table where the version's dict_new makes one (to 3.9).
Ref<> defdict_new(TypeObject* type, Args) {
    Ref<DefaultDictObject> dd = new_native_instance<DefaultDictObject>(type, g_types.defaultdict, true);
    const std::optional<Profile::Sizes>& z = rt().profile().sizes;
    if (z && z->dict_new_allocates_keys) dd->table.resize(3);
    return dd;
}

// defdict_init: the factory (callable or None), then dict's __init__ with
// the rest (a slice of the packed arguments: a tuple).
void defdict_init(Object* self, Args args) {
    Object* factory = nullptr;
    if (args.nargs > 0) {
        factory = args[0];
        if (!is_callable(factory) && factory != consts.None)
            raise(types.TypeError, "first argument must be callable or None");
    }
    Ref<TupleObject> rest;
    if (args.nargs > 1) {
        std::vector<Object*> items(args.items + 1, args.items + args.nargs);
        for (Object* o : items) incref(o);
        rest = new_tuple(std::move(items));
    }
    DefaultDictObject* dd = as_defdict(self);
    Object* old = dd->default_factory;
    dd->default_factory = factory ? share(factory).release() : nullptr;
    std::vector<Object*> dict_args(args.items + std::min<std::size_t>(args.nargs, 1), args.items + args.total());
    types.dict->tp.init(
        self, Args{dict_args.data(), args.nargs ? args.nargs - 1 : 0, args.kwnames, rest ? rest.get() : nullptr});
    xdecref(old);
}

// defdict_missing: the factory's value, stored, or KeyError(key) (its
// args the tuple (key,), a tuple key included).
Ref<> missing(DefaultDictObject* dd, Object* key) {
    Object* factory = dd->default_factory;
    if (!factory || factory == consts.None) raise(new_exception(types.KeyError, key));
    Ref<> value = call(factory, {});
    setitem(dd, key, value.get());
    return value;
}

Ref<> defdict_missing_method(Object* self, Args args, void*) {
    check_nargs(CallKey("collections.defaultdict", "__missing__"), args, 1, 1);
    return missing(as_defdict(self), args[0]);
}

// dict_subscript of a dict subclass: a missing key goes to __missing__,
// looked up on the type (a bound method for the builtin's own).
Ref<> defdict_getitem(Object* self, Object* key) {
    if (Object* v = dict_get(as_defdict(self), key)) return share(v);
    static StrObject* const name = rt().intern("__missing__");
    Ref<> hook = lookup_special(self, name);
    if (!hook) key_error(key);
    return call(hook.get(), {key});
}

Ref<> new_like(DefaultDictObject* dd, Object* source) {
    return call(dd->type, {dd->default_factory ? dd->default_factory : consts.None, source});
}

Ref<> defdict_copy(Object* self, Args args, void*) {
    check_nargs(CallKey("collections.defaultdict", "copy"), args, 0, 0);
    return new_like(as_defdict(self), self);
}

Ref<> defdict_repr(Object* self) {
    DefaultDictObject* dd = as_defdict(self);
    Ref<> base = types.dict->tp.repr(self);
    std::string factory = "None";
    if (dd->default_factory) {
        ReprGuard guard(dd->default_factory);
        factory = guard.recursive() ? "..." : repr_string(dd->default_factory);
    }
    return new_str(self->type->name + "(" + factory + ", " + str_value(base.get()) + ")");
}

// defdict_or (3.9+): a copy of the defaultdict operand (called through its
// type, with the left operand) updated with the right.
Ref<> defdict_or(Object* left, Object* right) {
    bool left_is = is_instance_of(left, g_types.defaultdict);
    Object* self = left_is ? left : right;
    Object* other = left_is ? right : left;
    if (!is_dict(other)) return share(consts.NotImplemented);
    Ref<> result = new_like(as_defdict(self), left);
    dict_update(static_cast<DictObject*>(result.get()), right);
    return result;
}

Ref<> defdict_ior(Object* left, Object* right) {
    if (!is_dict(right)) return share(consts.NotImplemented);
    dict_update(as_defdict(left), right);
    return share(left);
}

Ref<> defdict_factory(Object* self) {
    Object* f = as_defdict(self)->default_factory;
    return share(f ? f : consts.None);
}

void defdict_set_factory(Object* self, Object* value) {
    DefaultDictObject* dd = as_defdict(self);
    Object* old = dd->default_factory;
    dd->default_factory = value ? share(value).release() : nullptr;
    xdecref(old);
}

// ---- _count_elements ----------------------------------------------------------------------------

// Counter's loop: an exact dict is counted in C (the get and set of each
// key, no method call); any other mapping through its get and __setitem__.
Ref<> count_elements(Object*, Args args, void*) {
    check_nargs(CallKey("_collections", "_count_elements"), args, 2, 2);
    Object* mapping = args[0];
    Ref<> it = get_iter(args[1]);
    static StrObject* const get_name = rt().intern("get");
    Ref<> one = new_int(1), zero = new_int(0);
    bool exact = mapping->type == types.dict;
    if (!exact && mapping->type->has(TF_HEAPTYPE)) {
        Object* get = mapping->type->lookup(get_name);
        Object* set = mapping->type->lookup(ids.setitem);
        exact = get == types.dict->lookup(get_name) && set == types.dict->lookup(ids.setitem) && is_dict(mapping);
    }
    while (Ref<> key = iter_next(it.get())) {
        if (exact) {
            auto* d = static_cast<DictObject*>(mapping);
            Object* old = dict_get(d, key.get());
            Ref<> count = old ? binary_op(old, one.get(), number_slot(lang::BinaryOp::Add)) : share(one.get());
            dict_set(d, key.get(), count.get());
        } else {
            Ref<> old = call_method(mapping, get_name, {key.get(), zero.get()});
            Ref<> count = binary_op(old.get(), one.get(), number_slot(lang::BinaryOp::Add));
            setitem(mapping, key.get(), count.get());
        }
    }
    return new_none();
}

// ---- _tuplegetter -------------------------------------------------------------------------------

struct TupleGetterObject : Object {
    std::int64_t index = 0;
    Object* doc = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(doc);
    }
    void clear() {
        Object* d = doc;
        doc = nullptr;
        xdecref(d);
    }
    void release() { clear(); }
};

Ref<> tuplegetter_new(TypeObject* type, Args args) {
    check_nargs("_collections._tuplegetter", args, 2, 2);
    std::int64_t index = as_index(args[0]);
    Ref<TupleGetterObject> tg = new_native_instance<TupleGetterObject>(type, g_types.tuplegetter, true);
    tg->index = index;
    tg->doc = share(args[1]).release();
    return tg;
}

Ref<> tuplegetter_get(Object* self, Object* obj, TypeObject*) {
    auto* tg = static_cast<TupleGetterObject*>(self);
    if (!obj) return share(self);
    if (!is_tuple(obj)) {
        if (obj == consts.None) return share(self);
        raisef(types.TypeError, "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
               tg->index, type_name(obj));
    }
    const ItemArray& items = static_cast<TupleObject*>(obj)->items;
    if (tg->index < 0 || tg->index >= static_cast<std::int64_t>(items.size()))
        raise(types.IndexError, "tuple index out of range");
    return share(items[static_cast<std::size_t>(tg->index)]);
}

void tuplegetter_set(Object*, Object*, Object* value) {
    raise(types.AttributeError, value ? "can't set attribute" : "can't delete attribute");
}

Ref<> tuplegetter_doc(Object* self) { return share(static_cast<TupleGetterObject*>(self)->doc); }

void tuplegetter_set_doc(Object* self, Object* value) {
    auto* tg = static_cast<TupleGetterObject*>(self);
    Object* old = tg->doc;
    tg->doc = value ? share(value).release() : nullptr;
    xdecref(old);
}

}  // namespace

const Behavior& behavior() { return g_behavior; }

}  // namespace vm::collections

namespace vm {

Ref<ModuleObject> make_collections_module() {
    using namespace collections;
    require_runtime_module("_collections");
    const Profile& profile = rt().profile();
    g_behavior = {profile.module_flag("collections.heap_types"), profile.module_flag("collections.remove_rotates"),
                  profile.module_flag("collections.defaultdict_or"),
                  profile.module_flag("collections.iterators_in_collections")};
    make_deque_types();

    TypeObject* dd = new_builtin_type("defaultdict", types.dict, &LayoutOf<DefaultDictObject>::ops,
                                      TF_GC | TF_BASETYPE | TF_PACKED_CALL, "collections");
    g_types.defaultdict = dd;
    dd->subclass_layout = &Extended<DefaultDictObject>::subclass;
    dd->tp.new_ = &defdict_new;
    dd->tp.init = &defdict_init;
    dd->tp.getitem = &defdict_getitem;
    dd->tp.repr = &defdict_repr;
    if (g_behavior.defaultdict_or) {
        dd->tp.number[number_slot(lang::BinaryOp::Or)] = &defdict_or;
        dd->tp.number[inplace_slot(lang::BinaryOp::Or)] = &defdict_ior;
    }
    add_method(dd, "__missing__", &defdict_missing_method);
    add_method(dd, "copy", &defdict_copy);
    add_method(dd, "__copy__", &defdict_copy);
    add_getset(dd, "default_factory", &defdict_factory, &defdict_set_factory);

    TypeObject* tg = new_native_type<TupleGetterObject>(
        g_behavior.iterators_in_collections ? "collections" : "_collections", "_tuplegetter", TF_GC | TF_PACKED_CALL);
    g_types.tuplegetter = tg;
    tg->tp.new_ = &tuplegetter_new;
    tg->tp.descr_get = &tuplegetter_get;
    tg->tp.descr_set = &tuplegetter_set;
    add_getset(tg, "__doc__", &tuplegetter_doc, &tuplegetter_set_doc);
    for (TypeObject* t : {dd, tg}) {
        inherit_slots(t);
        add_slot_wrappers(t);
    }

    NativeModule m("_collections");
    m.add("deque", g_types.deque);
    m.add("defaultdict", dd);
    m.add("_deque_iterator", g_types.deque_iterator);
    m.add("_deque_reverse_iterator", g_types.deque_reverse_iterator);
    m.add("_tuplegetter", tg);
    m.add_function("_count_elements", &count_elements);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
