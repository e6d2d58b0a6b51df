// The objects type annotations are made of: types.GenericAlias (PEP 585,
// 3.9+: `list[int]`, made by a builtin type's __class_getitem__ or by
// `type[...]`) and the union of `int | None` (PEP 604, 3.10+:
// types.UnionType, typing.Union from 3.14). A program can make them,
// print them, compare and hash them, and read __origin__, __args__ and
// __parameters__; an alias forwards other attributes to its origin, as
// CPython's does. Calling an alias, subscripting either again or testing
// isinstance against one stops as unsupported: TypeVars and the typing
// module are outside the subset.
//
// An alias is made as genericaliasobject.c makes it: the alias first,
// tracked once its arguments are in (a single argument packed in a new
// tuple). What a union allocates differs from version to version; the
// model does not count it, and a count read after one is unsupported
// (MemoryManager::on_uncharged).
#include <algorithm>
#include <span>
#include <string>

#include "api.hpp"

namespace vm {

namespace {

GenericAliasObject* as_alias(Object* o) { return static_cast<GenericAliasObject*>(o); }
bool is_alias(const Object* o) { return o->type == types.generic_alias; }
bool is_union(const Object* o) { return o->type == types.union_type; }

// setup_ga: the alias holds its origin and its arguments, a single one
// packed in a new tuple.
void hold_arguments(GenericAliasObject* alias, Object* origin, Object* args) {
    alias->origin = share(origin).release();
    alias->args =
        args->type == types.tuple ? share(static_cast<TupleObject*>(args)).release() : tuple_of({args}).release();
}

// Py_GenericAlias: the alias is allocated first and tracked once it holds
// its arguments.
Ref<> new_generic_alias(Object* origin, Object* args) {
    auto alias = make_untracked<GenericAliasObject>(types.generic_alias);
    hold_arguments(alias.get(), origin, args);
    g_manager->track(alias.get());
    return alias;
}

// GenericAlias(origin, args), as the library's classes use it for their
// __class_getitem__: tp_alloc tracks the alias at once.
Ref<> alias_new(TypeObject* type, Args args) {
    check_nargs("GenericAlias", args, 2, 2);
    auto alias = make<GenericAliasObject>(type);
    hold_arguments(alias.get(), args[0], args[1]);
    return alias;
}

// ga_repr_item: an alias (anything with __origin__ and __args__) by its
// repr; a class by its qualified name, the module first unless builtins;
// `...` as is; anything else by its repr.
std::string repr_item(Object* item) {
    if (item == consts.Ellipsis) return "...";
    if (Ref<> origin = lookup_attr(item, ids.origin))
        if (Ref<> args = lookup_attr(item, ids.dunder_args)) return repr_string(item);
    Ref<> qualname = lookup_attr(item, ids.qualname);
    if (!qualname) return repr_string(item);
    Ref<> module = lookup_attr(item, ids.module);
    if (!module || module.get() == consts.None) return repr_string(item);
    if (is_str(module.get()) && str_value(module.get()) == "builtins") return str_string(qualname.get());
    return str_string(module.get()) + "." + str_string(qualname.get());
}

Ref<> alias_repr(Object* self) {
    GenericAliasObject* a = as_alias(self);
    std::string text = repr_item(a->origin) + "[";
    if (a->args->size() == 0) text += "()";
    for (std::size_t i = 0; i < a->args->size(); ++i) {
        if (i) text += ", ";
        text += repr_item(a->args->items[i]);
    }
    return new_str(text + "]");
}

Ref<> alias_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_alias(a) || !is_alias(b) || (op != CompareOp::Eq && op != CompareOp::Ne))
        return share(consts.NotImplemented);
    bool eq = richcompare_bool(as_alias(a)->origin, as_alias(b)->origin, CompareOp::Eq) &&
              richcompare_bool(as_alias(a)->args, as_alias(b)->args, CompareOp::Eq);
    return new_bool((op == CompareOp::Eq) == eq);
}

std::int64_t alias_hash(Object* self) {
    std::int64_t h = hash(as_alias(self)->origin) ^ hash(as_alias(self)->args);
    return h == -1 ? -2 : h;
}

// ga_getattro: these names are the alias's own; any other is the origin's.
Ref<> alias_getattro(Object* self, StrObject* name, bool suppress) {
    static constexpr std::string_view own[] = {"__class__",       "__origin__",     "__args__",
                                               "__unpacked__",    "__parameters__", "__typing_unpacked_tuple_args__",
                                               "__mro_entries__", "__reduce_ex__",  "__reduce__",
                                               "__copy__",        "__deepcopy__"};
    for (std::string_view n : own)
        if (str_value(name) == n) return generic_getattr(self, name, suppress);
    Object* origin = as_alias(self)->origin;
    return origin->type->tp.getattro(origin, name, suppress);
}

Ref<> alias_origin(Object* self) { return share(as_alias(self)->origin); }
Ref<> alias_args(Object* self) { return share<Object>(as_alias(self)->args); }

// _Py_make_parameters: the TypeVars among the arguments, none here (the
// model has no typing module). It sizes its tuple for every argument, then
// shrinks it to the empty tuple; an alias keeps what it found.
Ref<> make_parameters(TupleObject* args) {
    if (args->size()) none_tuple(args->size()).reset();
    return share<Object>(consts.empty_tuple);
}

Ref<> alias_parameters(Object* self) {
    GenericAliasObject* a = as_alias(self);
    if (!a->parameters) a->parameters = make_parameters(a->args).release();
    return share(a->parameters);
}

[[noreturn]] Ref<> refuse_call(Object* self, Args) {
    unsupported(fmt::format("calling {} (a {})", repr_string(self), type_name(self)));
}

// ---- unions -------------------------------------------------------------------------------------

// Whether `items` holds one equal to `x` (PyObject_RichCompareBool's ==).
bool holds(std::span<Object* const> items, Object* x) {
    return std::any_of(items.begin(), items.end(), [x](Object* y) { return equal(y, x); });
}

// is_unionable: None, a class, an alias or a union.
bool is_unionable(Object* o) { return o == consts.None || is_instance_of(o, types.type) || is_alias(o) || is_union(o); }

// The union's arguments: both sides' (a union gives its own), None as
// NoneType, each once, in order. One left is the result itself.
Ref<> make_union(Object* a, Object* b) {
    std::vector<Object*> flat;
    for (Object* side : {a, b}) {
        if (is_union(side)) {
            for (Object* x : as_alias(side)->args->items) flat.push_back(x);
        } else {
            flat.push_back(side == consts.None ? static_cast<Object*>(types.none) : side);
        }
    }
    std::vector<Object*> unique;
    for (Object* x : flat)
        if (!holds(unique, x)) unique.push_back(share(x).release());
    rt().manager().on_uncharged("a union type (`X | Y`): pymodel does not count what it allocates");
    if (unique.size() == 1) return Ref<>::take(unique[0]);
    auto u = make<GenericAliasObject>(types.union_type);
    u->args = new_tuple(std::move(unique)).release();
    return u;
}

Ref<> union_or(Object* a, Object* b) {
    if (!is_unionable(a) || !is_unionable(b)) return share(consts.NotImplemented);
    return make_union(a, b);
}

// unionobject's repr: each argument as an alias shows its, NoneType as None.
Ref<> union_repr(Object* self) {
    std::string text;
    for (Object* x : as_alias(self)->args->items) {
        if (!text.empty()) text += " | ";
        text += x == types.none ? "None" : repr_item(x);
    }
    return new_str(text);
}

// Two unions are equal when they have the same arguments, in any order.
Ref<> union_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_union(a) || !is_union(b) || (op != CompareOp::Eq && op != CompareOp::Ne))
        return share(consts.NotImplemented);
    auto contains_all = [](TupleObject* of, TupleObject* in) {
        return std::all_of(of->items.begin(), of->items.end(), [in](Object* x) { return holds(in->items, x); });
    };
    TupleObject* x = as_alias(a)->args;
    TupleObject* y = as_alias(b)->args;
    bool eq = contains_all(x, y) && contains_all(y, x);
    return new_bool((op == CompareOp::Eq) == eq);
}

// hash(frozenset(args)), as CPython's: an order-independent combination.
std::int64_t union_hash(Object* self) {
    std::uint64_t h = 0;
    for (Object* x : as_alias(self)->args->items) h ^= static_cast<std::uint64_t>(hash(x)) * 0x9e3779b97f4a7c15ULL;
    auto r = static_cast<std::int64_t>(h);
    return r == -1 ? -2 : r;
}

// A builtin type's __class_getitem__ (METH_O | METH_CLASS).
Ref<> class_getitem(Object* self, Args args, void*) {
    check_nargs("__class_getitem__", args, 1, 1);
    return new_generic_alias(self, args[0]);
}

}  // namespace

void GenericAliasObject::clear() {
    Object* o = origin;
    Object* a = args;
    Object* p = parameters;
    origin = args = nullptr;
    parameters = nullptr;
    xdecref(o);
    xdecref(a);
    xdecref(p);
}

void add_class_getitem(TypeObject* type) { add_class_method(type, "__class_getitem__", &class_getitem); }

// PyObject_GetItem of a class: `type[...]` is an alias (3.9+); another class
// asks its __class_getitem__ (None counts as missing from 3.11).
Ref<> subscript_class(TypeObject* cls, Object* key) {
    const Profile& profile = rt().profile();
    if (cls == types.type && !profile.class_getitem_types.empty()) return new_generic_alias(cls, key);
    Ref<> method = lookup_attr(cls, ids.class_getitem);
    if (method && !(profile.class_getitem_none_is_absent && method.get() == consts.None))
        return call(method.get(), {key});
    raise_message(types.TypeError, "type_not_subscriptable", "type '{}' is not subscriptable", cls->name,
                  type_name(cls), ReprArg{key});
}

void init_generic_alias_types(const Profile& profile) {
    TypeObject* a = types.generic_alias;
    a->tp.repr = &alias_repr;
    a->tp.richcompare = &alias_richcompare;
    a->tp.hash = &alias_hash;
    a->tp.getattro = &alias_getattro;
    a->tp.call = &refuse_call;
    a->tp.new_ = &alias_new;
    add_getset(a, "__origin__", &alias_origin);
    add_getset(a, "__args__", &alias_args);
    add_getset(a, "__parameters__", &alias_parameters);
    if (profile.union_type.empty()) return;
    TypeObject* u = types.union_type;
    u->tp.repr = &union_repr;
    u->tp.richcompare = &union_richcompare;
    u->tp.hash = &union_hash;
    add_getset(u, "__args__", &alias_args);
    add_getset(u, "__parameters__", &alias_parameters);
    const std::size_t slot = number_slot(lang::BinaryOp::Or);
    for (TypeObject* t : {types.type, a, u}) t->tp.number[slot] = &union_or;
}

}  // namespace vm
