// Python classes and special methods: class statements (type_new), the
// slots of Python classes, which dispatch to their special methods
// (CPython's slot_tp_*), and the slot wrappers that expose the slots of
// builtin types as special methods.
#include <algorithm>
#include <array>
#include <optional>

#include "api.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "lang/lexer.hpp"
#include "lang/symtable.hpp"
#include "recursion.hpp"
#include "weakref.hpp"

namespace vm {

// ---- the slots of Python classes: calls to their special methods --------------------------------

namespace {

// Calls the special method `name` of `self`'s type with self prepended.
Ref<> call_special(Object* self, StrObject* name, std::initializer_list<Object*> args) {
    Object* f = self->type->lookup(name);
    if (!f) raise_no_attribute(self, name);
    Ref<> keep = share(f);  // lookup_maybe_method holds it during the call
    std::vector<Object*> argv{self};
    argv.insert(argv.end(), args);
    if (f->type == types.function) return call_with_self_prepended(f, Args{argv.data(), argv.size(), nullptr});
    // Anything else is called through its vectorcall or tp_call, which takes
    // a level of C recursion: a slot wrapper's through _PyObject_MakeTpCall,
    // a method descriptor's on entry; another callable's is not known.
    const bool known = f->type == types.method_descriptor || f->type == types.builtin_function;
    CRecursionGuard level(" while calling a Python object",
                          known ? CRecursionGuard::Charge::Level : CRecursionGuard::Charge::MaybeLevel);
    return call_with_self_prepended(f, Args{argv.data(), argv.size(), nullptr});
}

Ref<> slot_repr(Object* self) { return call_special(self, ids.repr, {}); }
Ref<> slot_str(Object* self) { return call_special(self, ids.str, {}); }

std::int64_t slot_hash(Object* self) {
    Object* f = self->type->lookup(ids.hash);
    if (!f || f == consts.None) raisef(types.TypeError, "unhashable type: '{}'", type_name(self));
    Ref<> r = call_special(self, ids.hash, {});
    if (!is_int(r.get())) raise(types.TypeError, "__hash__ method should return an integer");
    // PyLong_AsSsize_t, or the int's own hash where it does not fit.
    std::int64_t h = int_value(r.get());
    if (hash_spec().width == 32 && h != static_cast<std::int32_t>(h)) return hash_int(h);
    return h == -1 ? -2 : h;
}

StrObject* compare_name(CompareOp op) {
    switch (op) {
    case CompareOp::Lt: return ids.lt;
    case CompareOp::Le: return ids.le;
    case CompareOp::Eq: return ids.eq;
    case CompareOp::Ne: return ids.ne;
    case CompareOp::Gt: return ids.gt;
    case CompareOp::Ge: return ids.ge;
    }
    return ids.eq;
}

Ref<> slot_richcompare(Object* self, Object* other, CompareOp op) {
    if (!self->type->lookup(compare_name(op))) return share(consts.NotImplemented);
    return call_special(self, compare_name(op), {other});
}

bool slot_truth(Object* self) {
    if (self->type->lookup(ids.bool_)) {
        Ref<> r = call_special(self, ids.bool_, {});
        if (r->type != types.bool_)
            raisef(types.TypeError, "__bool__ should return bool, returned {}", type_name(r.get()));
        return r.get() == consts.True;
    }
    if (self->type->lookup(ids.len)) return length(self) != 0;
    return true;
}

std::size_t slot_len(Object* self) {
    Ref<> r = call_special(self, ids.len, {});
    if (!is_int(r.get()))
        raisef(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(r.get()));
    if (int_value(r.get()) < 0) raise(types.ValueError, "__len__() should return >= 0");
    return static_cast<std::size_t>(int_value(r.get()));
}

Ref<> slot_iter(Object* self) {
    if (self->type->lookup(ids.iter) == consts.None)
        raisef(types.TypeError, "'{}' object is not iterable", type_name(self));
    return call_special(self, ids.iter, {});
}

Ref<> slot_iternext(Object* self) {
    try {
        return call_special(self, ids.next, {});
    } catch (const PyException&) {
        if (!exception_is(rt().thread().curexc, types.StopIteration)) throw;
        take_exception();
        return nullptr;
    }
}

Ref<> slot_await(Object* self) { return call_special(self, rt().intern("__await__"), {}); }

Ref<> slot_call(Object* self, Args args) {
    Object* f = self->type->lookup(ids.call);
    if (!f) raisef(types.TypeError, "'{}' object is not callable", type_name(self));
    Ref<> keep = share(f);
    return call_prepended(f, self, args);
}

// __getattr__ is called when normal lookup fails (slot_tp_getattr_hook).
Ref<> slot_getattr_hook(Object* self, StrObject* name, bool suppress) {
    Ref<> r = generic_getattr(self, name, true);
    if (r) return r;
    if (!self->type->lookup(ids.getattr)) {
        if (suppress) return nullptr;
        raise_no_attribute(self, name);
    }
    try {
        return call_special(self, ids.getattr, {name});
    } catch (const PyException&) {
        if (!suppress || !exception_is(rt().thread().curexc, types.AttributeError)) throw;
        take_exception();
        return nullptr;
    }
}

Ref<> slot_getitem(Object* self, Object* key) { return call_special(self, ids.getitem, {key}); }

void slot_setitem(Object* self, Object* key, Object* value) {
    if (value) call_special(self, ids.setitem, {key, value});
    else call_special(self, ids.delitem, {key});
}

bool slot_contains(Object* self, Object* item) {
    if (self->type->lookup(ids.contains)) return truthy(call_special(self, ids.contains, {item}).get());
    // Without __contains__: iterate (PySequence_Contains' fallback).
    Ref<> it = get_iter(self);
    while (Ref<> x = iter_next(it.get()))
        if (equal(x.get(), item)) return true;
    return false;
}

Ref<> slot_descr_get(Object* self, Object* obj, TypeObject* owner) {
    return call_special(self, ids.get, {obj ? obj : consts.None, owner});
}

void slot_descr_set(Object* self, Object* obj, Object* value) {
    if (value) call_special(self, ids.set, {obj, value});
    else call_special(self, ids.delete_, {obj});
}

// tp_finalize of a class with __del__: errors are unraisable, reported
// against the __del__ function.
void slot_finalize(Object* self) {
    Object* del = self->type->lookup(ids.del);
    if (!del) return;
    Ref<> keep = share(del);
    run_unraisable(rt().profile().finalizer_error_header, del, [&] {
        Object* argv[] = {self};
        call_with_self_prepended(del, Args{argv, 1, nullptr});
    });
}

Ref<> slot_new(TypeObject* type, Args args) {
    Object* f = type->lookup(ids.new_);
    Ref<> keep = share(f);
    // __new__ is a staticmethod: unwrap it.
    Object* callable = f->type == types.staticmethod ? static_cast<WrapperObject*>(f)->callable : f;
    return call_prepended(callable, type, args);
}

void slot_init(Object* self, Args args) {
    Object* f = self->type->lookup(ids.init);
    Ref<> keep = share(f);
    Ref<> r = call_prepended(f, self, args);
    if (r.get() != consts.None) raisef(types.TypeError, "__init__() should return None, not '{}'", type_name(r.get()));
}

Ref<> slot_negative(Object* self) { return call_special(self, ids.neg, {}); }
Ref<> slot_positive(Object* self) { return call_special(self, ids.pos, {}); }
Ref<> slot_invert(Object* self) { return call_special(self, ids.invert, {}); }

std::int64_t slot_index(Object* self) {
    Ref<> r = call_special(self, ids.index, {});
    if (!is_int(r.get())) raisef(types.TypeError, "__index__ returned non-int (type {})", type_name(r.get()));
    return int_value(r.get());
}

constexpr std::array<const char*, kBinaryOpCount> binary_names = {
    "add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"};

// A binary operator of a class: self.__op__(other), or other.__rop__(self)
// when self is the right operand (CPython's SLOT1BINFULL, simplified to
// single inheritance).
template <int OP> Ref<> slot_binary(Object* a, Object* b) {
    const std::string base = binary_names[OP % kBinaryOpCount];
    if (OP >= kBinaryOpCount) {  // in-place: __iop__ only; binary_op falls back to the plain form
        StrObject* iname = rt().intern("__i" + base + "__");
        if (a->type->lookup(iname)) return call_special(a, iname, {b});
        return share(consts.NotImplemented);
    }
    StrObject* name = rt().intern("__" + base + "__");
    StrObject* rname = rt().intern("__r" + base + "__");
    if (a->type->tp.number[OP] == &slot_binary<OP> && a->type->lookup(name)) {
        Ref<> r = call_special(a, name, {b});
        if (r.get() != consts.NotImplemented) return r;
    }
    if (b->type != a->type && b->type->tp.number[OP] == &slot_binary<OP> && b->type->lookup(rname))
        return call_special(b, rname, {a});
    return share(consts.NotImplemented);
}

template <int... OPS>
constexpr std::array<Ref<Object> (*)(Object*, Object*), sizeof...(OPS)> binary_slots(
    std::integer_sequence<int, OPS...>) {
    return {&slot_binary<OPS>...};
}
constexpr auto python_binary_slots = binary_slots(std::make_integer_sequence<int, kNumberSlots>{});

// Whether a Python class in t's MRO defines `name`.
bool defined_in_class(TypeObject* t, StrObject* name) {
    for (TypeObject* m : t->mro) {
        if (!m->has(TF_HEAPTYPE)) return false;
        if (dict_get(m->dict, name)) return true;
    }
    return false;
}

void update_one(TypeObject* t) {
    TypeSlots tp = builtin_base(t)->tp;
    auto defined = [t](StrObject* n) { return defined_in_class(t, n); };
    if (defined(ids.repr)) tp.repr = &slot_repr;
    if (defined(ids.str)) tp.str = &slot_str;
    if (defined(ids.hash)) tp.hash = &slot_hash;
    for (StrObject* n : {ids.eq, ids.ne, ids.lt, ids.le, ids.gt, ids.ge})
        if (defined(n)) tp.richcompare = &slot_richcompare;
    if (defined(ids.bool_) || defined(ids.len)) tp.truth = &slot_truth;
    if (defined(ids.len)) tp.len = &slot_len;
    if (defined(ids.iter)) tp.iter = &slot_iter;
    if (defined(ids.next)) tp.iternext = &slot_iternext;
    if (defined(ids.call)) tp.call = &slot_call;
    if (defined(rt().intern("__await__"))) tp.await = &slot_await;
    if (defined(ids.getattr)) tp.getattro = &slot_getattr_hook;
    if (defined(ids.getitem)) tp.getitem = &slot_getitem;
    if (defined(ids.setitem) || defined(ids.delitem)) tp.setitem = &slot_setitem;
    if (defined(ids.contains) || (defined(ids.iter) && !tp.contains)) tp.contains = &slot_contains;
    if (defined(ids.get)) tp.descr_get = &slot_descr_get;
    if (defined(ids.set) || defined(ids.delete_)) tp.descr_set = &slot_descr_set;
    if (defined(ids.del)) tp.finalize = &slot_finalize;
    if (defined(ids.new_)) tp.new_ = &slot_new;
    if (defined(ids.init)) tp.init = &slot_init;
    if (defined(ids.neg)) tp.negative = &slot_negative;
    if (defined(ids.pos)) tp.positive = &slot_positive;
    if (defined(ids.invert)) tp.invert = &slot_invert;
    if (defined(ids.index)) tp.index = &slot_index;
    for (int op = 0; op < kNumberSlots; ++op) {
        const std::string base = binary_names[op % kBinaryOpCount];
        bool has = op < kBinaryOpCount
                       ? defined(rt().intern("__" + base + "__")) || defined(rt().intern("__r" + base + "__"))
                       : defined(rt().intern("__i" + base + "__"));
        if (has) tp.number[op] = python_binary_slots[op];
    }
    t->tp = tp;
}

}  // namespace

void update_slots(TypeObject* type) {
    update_one(type);
    for (TypeObject* sub : type->subclasses) update_slots(sub);
}

// ---- slot wrappers: the special methods of builtin types ----------------------------------------
//
// CPython exposes each slot a builtin type defines as a method in its dict
// (object.__init__, BaseException.__init__, object.__setattr__, ...), so
// that super() and explicit calls reach them.

namespace {

TypeObject* owner_of(void* data) { return static_cast<TypeObject*>(data); }

Ref<> wrap_init(Object* self, Args args, void* data) {
    owner_of(data)->tp.init(self, args);
    return new_none();
}
Ref<> wrap_repr(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__repr__"}, args, 0, 0);
    return owner_of(data)->tp.repr(self);
}
Ref<> wrap_str(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__str__"}, args, 0, 0);
    return owner_of(data)->tp.str(self);
}
Ref<> wrap_hash(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__hash__"}, args, 0, 0);
    return new_int(owner_of(data)->tp.hash(self));
}
constexpr const char* compare_wrapper_name(CompareOp op) {
    constexpr const char* names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    return names[static_cast<int>(op)];
}
template <CompareOp OP> Ref<> wrap_compare(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, compare_wrapper_name(OP)}, args, 1, 1);
    return owner_of(data)->tp.richcompare(self, args[0], OP);
}
Ref<> wrap_call(Object* self, Args args, void* data) { return owner_of(data)->tp.call(self, args); }
Ref<> wrap_iter(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__iter__"}, args, 0, 0);
    return owner_of(data)->tp.iter(self);
}
Ref<> wrap_next(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__next__"}, args, 0, 0);
    if (Ref<> r = owner_of(data)->tp.iternext(self)) return r;
    raise_empty(types.StopIteration);
}
Ref<> wrap_len(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__len__"}, args, 0, 0);
    return new_int(static_cast<std::int64_t>(owner_of(data)->tp.len(self)));
}
Ref<> wrap_getitem(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__getitem__"}, args, 1, 1);
    return owner_of(data)->tp.getitem(self, args[0]);
}
Ref<> wrap_setitem(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__setitem__"}, args, 2, 2);
    owner_of(data)->tp.setitem(self, args[0], args[1]);
    return new_none();
}
Ref<> wrap_delitem(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__delitem__"}, args, 1, 1);
    owner_of(data)->tp.setitem(self, args[0], nullptr);
    return new_none();
}
Ref<> wrap_contains(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__contains__"}, args, 1, 1);
    return new_bool(owner_of(data)->tp.contains(self, args[0]));
}
StrObject* name_arg(Object* o) {
    if (!is_str(o)) raisef(types.TypeError, "attribute name must be string, not '{}'", type_name(o));
    return rt().intern(str_value(o));
}
Ref<> wrap_getattribute(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__getattribute__"}, args, 1, 1);
    return owner_of(data)->tp.getattro(self, name_arg(args[0]), false);
}
Ref<> wrap_setattr(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__setattr__"}, args, 2, 2);
    owner_of(data)->tp.setattro(self, name_arg(args[0]), args[1]);
    return new_none();
}
Ref<> wrap_delattr(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__delattr__"}, args, 1, 1);
    owner_of(data)->tp.setattro(self, name_arg(args[0]), nullptr);
    return new_none();
}
Ref<> wrap_get(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__get__"}, args, 1, 2);
    Object* obj = args[0] == consts.None ? nullptr : args[0];
    Object* owner = args.nargs > 1 && args[1] != consts.None ? args[1] : nullptr;
    if (!obj && !owner) raise(types.TypeError, "__get__(None, None) is invalid");
    if (owner && !is_instance_of(owner, types.type)) raise(types.TypeError, "__get__(obj, type): type must be a type");
    return owner_of(data)->tp.descr_get(self, obj, owner ? static_cast<TypeObject*>(owner) : obj->type);
}
Ref<> wrap_set(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__set__"}, args, 2, 2);
    owner_of(data)->tp.descr_set(self, args[0], args[1]);
    return new_none();
}
Ref<> wrap_delete(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__delete__"}, args, 1, 1);
    owner_of(data)->tp.descr_set(self, args[0], nullptr);
    return new_none();
}
Ref<> wrap_bool(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__bool__"}, args, 0, 0);
    return new_bool(owner_of(data)->tp.truth(self));
}
Ref<> wrap_index(Object* self, Args args, void* data) {
    check_nargs({owner_of(data)->name, "__index__"}, args, 0, 0);
    return new_int(owner_of(data)->tp.index(self));
}

// T.__new__(cls, *args): the type's constructor applied to a subtype.
Ref<> wrap_new(Object* self, Args args, void*) {
    auto* owner = static_cast<TypeObject*>(self);
    if (args.nargs < 1) raisef(types.TypeError, "{}.__new__(): not enough arguments", owner->name);
    if (!is_instance_of(args[0], types.type))
        raisef(types.TypeError, "{}.__new__(X): X is not a type object ({})", owner->name, type_name(args[0]));
    auto* cls = static_cast<TypeObject*>(args[0]);
    if (!cls->is_subtype(owner))
        raisef(types.TypeError, "{}.__new__({}): {} is not a subtype of {}", owner->name, cls->name, cls->name,
               owner->name);
    // The instance gets cls's C++ layout: only the constructor of that layout may make it.
    TypeObject* static_base = builtin_base(cls);
    if (static_base->tp.new_ != owner->tp.new_)
        raisef(types.TypeError, "{}.__new__({}) is not safe, use {}.__new__()", owner->name, cls->name,
               static_base->name);
    Args rest{args.items + 1, args.nargs - 1, args.kwnames};
    if (!rt().profile().tp_new_wrapper_packs) return owner->tp.new_(cls, rest);
    // tp_new_wrapper is METH_VARARGS: the call packs all its arguments in a
    // tuple, and the type's tp_new gets a new tuple of all but the first.
    Ref<TupleObject> packed = positional_tuple(args);
    Ref<TupleObject> sliced = positional_tuple(Args{args.items + 1, args.nargs - 1, nullptr});
    rest.tuple = sliced.get();
    return owner->tp.new_(cls, rest);
}

void add_wrapper(TypeObject* t, const char* name, NativeFn fn) {
    if (dict_get(t->dict, name)) return;
    auto d = make<MethodDescriptorObject>(types.method_descriptor, t, name, fn, t);
    d->slot_wrapper = true;
    dict_set(t->dict, name, d.get());
}

}  // namespace

void add_slot_wrappers(TypeObject* t) {
    const TypeSlots* b = t->base ? &t->base->tp : nullptr;
    auto own = [&](auto TypeSlots::*slot) { return t->tp.*slot && (!b || t->tp.*slot != b->*slot); };
    if (own(&TypeSlots::init)) add_wrapper(t, "__init__", &wrap_init);
    if (own(&TypeSlots::new_) && !dict_get(t->dict, "__new__")) {
        auto f = new_native_function("__new__", &wrap_new, nullptr, t);
        dict_set(t->dict, "__new__", f.get());
    }
    if (own(&TypeSlots::repr)) add_wrapper(t, "__repr__", &wrap_repr);
    if (own(&TypeSlots::str)) add_wrapper(t, "__str__", &wrap_str);
    if (t->tp.hash == &hash_not_implemented) {
        if (!dict_get(t->dict, "__hash__")) dict_set(t->dict, "__hash__", consts.None);
    } else if (own(&TypeSlots::hash)) {
        add_wrapper(t, "__hash__", &wrap_hash);
    }
    if (own(&TypeSlots::richcompare)) {
        add_wrapper(t, "__eq__", &wrap_compare<CompareOp::Eq>);
        add_wrapper(t, "__ne__", &wrap_compare<CompareOp::Ne>);
        add_wrapper(t, "__lt__", &wrap_compare<CompareOp::Lt>);
        add_wrapper(t, "__le__", &wrap_compare<CompareOp::Le>);
        add_wrapper(t, "__gt__", &wrap_compare<CompareOp::Gt>);
        add_wrapper(t, "__ge__", &wrap_compare<CompareOp::Ge>);
    }
    if (own(&TypeSlots::call)) add_wrapper(t, "__call__", &wrap_call);
    if (own(&TypeSlots::iter)) add_wrapper(t, "__iter__", &wrap_iter);
    if (own(&TypeSlots::iternext)) add_wrapper(t, "__next__", &wrap_next);
    if (own(&TypeSlots::len)) add_wrapper(t, "__len__", &wrap_len);
    if (own(&TypeSlots::getitem)) add_wrapper(t, "__getitem__", &wrap_getitem);
    if (own(&TypeSlots::setitem)) {
        add_wrapper(t, "__setitem__", &wrap_setitem);
        add_wrapper(t, "__delitem__", &wrap_delitem);
    }
    if (own(&TypeSlots::contains)) add_wrapper(t, "__contains__", &wrap_contains);
    if (own(&TypeSlots::getattro)) add_wrapper(t, "__getattribute__", &wrap_getattribute);
    if (own(&TypeSlots::setattro)) {
        add_wrapper(t, "__setattr__", &wrap_setattr);
        add_wrapper(t, "__delattr__", &wrap_delattr);
    }
    if (own(&TypeSlots::truth)) add_wrapper(t, "__bool__", &wrap_bool);
    if (own(&TypeSlots::index)) add_wrapper(t, "__index__", &wrap_index);
    if (own(&TypeSlots::descr_get)) add_wrapper(t, "__get__", &wrap_get);
    if (own(&TypeSlots::descr_set)) {
        add_wrapper(t, "__set__", &wrap_set);
        add_wrapper(t, "__delete__", &wrap_delete);
    }
}

// ---- class statements (type_new) ----------------------------------------------------------------

namespace {

// Whether instances of `t` have a __weakref__ slot (tp_weaklistoffset),
// whether or not the runtime lets any object be weakly referenced (PyPy).
// No builtin type a class may derive from here has one: object, list,
// dict, the exceptions, weakref.ref.
bool has_weakref_slot(const TypeObject* t) { return t->class_layout && t->class_layout->has_weakref; }

// What a class's __slots__ declare, checked as type_new checks them before
// it makes the type: a __dict__ and a __weakref__ slot only where its best
// base `base` has none, the other names identifiers, mangled with the class
// name and none of them a class variable; then sorted.
struct DeclaredSlots {
    std::vector<StrObject*> names;  // interned, not counted
    bool add_dict = false;
    bool add_weakref = false;
};

DeclaredSlots declared_slots(Object* slots, const std::string& class_name, DictObject* dict, TypeObject* base,
                             bool base_has_items) {
    Ref<> items;
    if (is_str(slots)) items = tuple_of({slots});
    else items = list_from_iterable(slots);
    if (base_has_items && length(items.get()) > 0)
        raisef(types.TypeError, "nonempty __slots__ not supported for subtype of '{}'", base->name);
    bool may_add_dict = !(base->class_layout ? base->class_layout->has_dict : base->dict_ptr != nullptr);
    bool may_add_weakref = !has_weakref_slot(base);
    DeclaredSlots declared;
    Ref<> it = get_iter(items.get());
    std::vector<StrObject*> listed;
    while (Ref<> s = iter_next(it.get())) {
        if (!is_str(s.get())) raisef(types.TypeError, "__slots__ items must be strings, not '{}'", type_name(s.get()));
        if (!lang::is_identifier(str_value(s.get()))) raise(types.TypeError, "__slots__ must be identifiers");
        StrObject* n = rt().intern(str_value(s.get()));
        if (n == ids.dict) {
            if (!may_add_dict || declared.add_dict)
                raise(types.TypeError, "__dict__ slot disallowed: we already got one");
            declared.add_dict = true;
        } else if (n == ids.weakref) {
            if (!may_add_weakref || declared.add_weakref)
                raise_message(types.TypeError, "weakref_slot_disallowed",
                              "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
            declared.add_weakref = true;
        }
        listed.push_back(n);
    }
    for (StrObject* n : listed) {
        if ((n == ids.dict && declared.add_dict) || (n == ids.weakref && declared.add_weakref)) continue;
        StrObject* mangled = rt().intern(lang::mangle(class_name, str_value(n)));
        // __qualname__ and __classcell__ leave the dict before the slots are made.
        if (dict_get(dict, mangled) && mangled != ids.qualname && mangled != ids.classcell)
            raisef(types.ValueError, "{} in __slots__ conflicts with class variable", repr_string(mangled));
        declared.names.push_back(mangled);
    }
    std::sort(declared.names.begin(), declared.names.end(),
              [](StrObject* a, StrObject* b) { return str_value(a) < str_value(b); });
    return declared;
}

void set_classcell(TypeObject* t) {
    Object* cell = dict_get(t->dict, ids.classcell);
    if (!cell) return;
    if (cell->type != types.cell)
        raisef(types.TypeError, "__classcell__ must be a nonlocal cell, not {}", type_repr_name(cell->type));
    incref(t);
    set_ref<Object>(static_cast<CellObject*>(cell)->ref, t);
    dict_del(t->dict, ids.classcell);
}

// type_new_set_classdictcell (3.12+): the class body's `__classdict__` cell
// (compiler option class_dict_cell) now holds the class's dict, and leaves
// it; the namespace the body filled still holds the cell until it dies.
void set_classdictcell(TypeObject* t) {
    Object* cell = dict_get(t->dict, ids.classdictcell);
    if (!cell) return;
    if (cell->type != types.cell)
        raisef(types.TypeError, "__classdictcell__ must be a nonlocal cell, not {}", type_repr_name(cell->type));
    incref(t->dict);
    set_ref<Object>(static_cast<CellObject*>(cell)->ref, t->dict);
    dict_del(t->dict, ids.classdictcell);
}

// CPython's add_subclass, for each base: its tp_subclasses dict (made with
// its first subclass) gets a weakref to the class, one shared by all. (The
// model lists the class among its primary base's subclasses only.)
void add_subclass(TypeObject* base, TypeObject* t) {
    base->subclasses.push_back(t);
    if (!rt().profile().subclass_weakrefs) return;
    t->subclass_entry = new_weakref(types.weakref, t, nullptr).release();
    for (Object* b : t->bases->items) {
        auto* each = static_cast<TypeObject*>(b);
        if (each->has_subclasses_dict) continue;
        each->has_subclasses_dict = true;
        rt().manager().on_runtime_allocate(Container::Dict, 0);  // lives as long as the base
    }
}

// type_new_set_names: __set_name__(cls, name) of each value in the class
// dict that has one, over a copy of the dict (the runtime's: a container the
// count sees). The error a call raises is wrapped (3.8 to 3.11) or given a
// note (3.12 on), wordings the model does not keep: it stops instead.
void set_names(TypeObject* t) {
    Ref<DictObject> copy = rt().profile().class_statement_temporaries ? dict_copy(t->dict) : nullptr;
    std::vector<std::pair<Ref<>, Ref<>>> names_to_set;
    for (const HashTable::Entry& e : t->dict->table.entries())
        if (e.key) names_to_set.emplace_back(share(e.key), share(e.value));
    for (const auto& [name, value] : names_to_set) {
        Ref<> set_name = lookup_special(value.get(), rt().intern("__set_name__"));
        if (!set_name) continue;
        try {
            call(set_name.get(), {t, name.get()});
        } catch (const PyException&) {
            unsupported("an error raised by __set_name__ while a class is made");
        }
    }
}

// type_new_init_subclass: super(cls, cls).__init_subclass__(**keywords). The
// super object and what its lookup binds are made and dropped as CPython
// makes them (from a tuple of its two arguments where super packs them, to
// 3.10); object's own __init_subclass__ takes no keyword.
void init_subclass(TypeObject* t, Args keywords) {
    MemoryManager& manager = rt().manager();
    const bool temporaries = rt().profile().class_statement_temporaries;
    auto allocate = [&](Container kind, std::size_t size) {
        if (temporaries) manager.on_runtime_allocate(kind, size);
    };
    auto release = [&](Container kind, std::size_t size) {
        if (temporaries) manager.on_runtime_free(kind, size);
    };
    bool packs = types.super->has(TF_PACKED_CALL);
    if (packs) allocate(Container::Tuple, 2);
    allocate(Container::Other, 0);  // the super object
    if (packs) release(Container::Tuple, 2);
    Object* hook = nullptr;
    for (std::size_t i = 1; i < t->mro.size() && !hook; ++i) hook = dict_get(t->mro[i]->dict, ids.init_subclass);
    if (hook->type != types.classmethod && hook != dict_get(types.object->dict, ids.init_subclass))
        unsupported("an __init_subclass__ that is not a class method");
    if (hook->type != types.classmethod) {
        allocate(Container::Other, 0);  // the bound builtin method
        release(Container::Other, 0);
        release(Container::Other, 0);
        if (keywords.nkw()) call(hook->type->tp.descr_get(hook, nullptr, t).get(), keywords);  // raises
        return;
    }
    // 3.13's counts differ from the model's by one after such a statement,
    // a gc.collect() later too (measured; the object is not found yet).
    if (rt().profile().manager == "refcount" && rt().profile().version_info >= std::array<int, 3>{3, 13, 0})
        unsupported("an __init_subclass__ of the program's, on CPython 3.13 and later (its counts are not modeled)");
    Ref<> bound = hook->type->tp.descr_get(hook, nullptr, t);
    release(Container::Other, 0);
    call(bound.get(), keywords);
}

}  // namespace

TypeObject* builtin_base(TypeObject* t) {
    while (t->has(TF_HEAPTYPE)) t = t->base;
    return t;
}

// typeobject.c's solid_base: the nearest class whose instances add to the
// layout (a builtin layout, or slots of their own).
TypeObject* solid_base(TypeObject* t) {
    if (!t->base) return t;
    bool adds = t->class_layout ? t->class_layout->own_slots_begin < t->class_layout->slot_names.size()
                                : t->subclass_layout != t->base->subclass_layout;
    return adds ? t : solid_base(t->base);
}

bool is_subtype_by_mro(TypeObject* t, TypeObject* of) {
    return std::find(t->mro.begin(), t->mro.end(), of) != t->mro.end();
}

// best_base: the first base whose solid base derives from every other's.
TypeObject* best_base(TupleObject* bases) {
    TypeObject* best = nullptr;
    TypeObject* best_solid = nullptr;
    for (Object* b : bases->items) {
        if (!is_instance_of(b, types.type)) raisef(types.TypeError, "bases must be types");
        auto* base = static_cast<TypeObject*>(b);
        if (!base->has(TF_BASETYPE)) raisef(types.TypeError, "type '{}' is not an acceptable base type", base->name);
        TypeObject* solid = solid_base(base);
        if (best && is_subtype_by_mro(best_solid, solid)) continue;
        if (best && !is_subtype_by_mro(solid, best_solid))
            raise_message(types.TypeError, "layout_conflict", "multiple bases have instance lay-out conflict");
        best = base;
        best_solid = solid;
    }
    return best;
}

Ref<TypeObject> new_class(StrObject* name, TupleObject* bases, DictObject* ns, Args keywords) {
    TypeObject* base = bases->size() ? best_base(bases) : types.object;
    if (!base->has(TF_BASETYPE)) raisef(types.TypeError, "type '{}' is not an acceptable base type", base->name);
    if (!builtin_base(base)->subclass_layout) unsupported("subclassing '" + builtin_base(base)->name + "'");

    // In type_new's order: the bases, the dict, the slots, the type, its mro.
    // A class without bases has (object,) as its __bases__.
    Ref<TupleObject> class_bases = bases->size() ? share(bases) : tuple_of({types.object});
    Ref<DictObject> class_dict = dict_copy(ns);
    // type_new_set_module: a class made by type() is of its caller's module.
    if (!dict_get(class_dict.get(), ids.module))
        if (Frame* caller = rt().thread().current_frame)
            if (Object* module = dict_get(caller->globals, ids.name)) dict_set(class_dict.get(), ids.module, module);
    // A collection while the class is made (set_names, init_subclass) finds
    // the class dict held from outside where type_new holds it too.
    Ref<DictObject> held_by_type_new = rt().profile().class_dict_held_by_type_new ? share(class_dict.get()) : nullptr;
    Object* slots = dict_get(class_dict.get(), ids.slots);
    const std::vector<std::string>& variable_size = rt().profile().variable_size_types;
    bool base_has_items =
        std::find(variable_size.begin(), variable_size.end(), builtin_base(base)->name) != variable_size.end();
    DeclaredSlots declared;
    if (slots) declared = declared_slots(slots, str_value(name), class_dict.get(), base, base_has_items);
    auto t = make<TypeObject>(types.type, TF_HEAPTYPE | TF_BASETYPE | TF_GC | TF_INSTANCE_DATA |
                                              (base->flags & (TF_SUBCLASS_BITS | TF_WEAKREF)));
    t->name = str_value(name);
    t->qualname = t->name;
    incref(base);
    t->base = base;
    t->bases = class_bases.release();
    t->dict = class_dict.release();
    t->dict->table.of_type = true;
    t->dict_ptr = base->dict_ptr;
    compute_mro(t.get());

    auto layout = std::make_unique<ClassLayout>();
    const ClassLayout* base_layout = base->class_layout.get();
    layout->sub = base_layout ? base_layout->sub : base->subclass_layout;
    bool base_has_dict = false, base_weakrefable = false, base_has_weakref_slot = false;
    for (Object* b : t->bases->items) {
        auto* other = static_cast<TypeObject*>(b);
        base_has_dict |= other->class_layout ? other->class_layout->has_dict : other->dict_ptr != nullptr;
        base_weakrefable |= other->has(TF_WEAKREFABLE);
        base_has_weakref_slot |= has_weakref_slot(other);
    }
    if (base_layout)
        for (StrObject* s : base_layout->slot_names) {
            incref(s);
            layout->slot_names.push_back(s);
        }
    layout->own_slots_begin = layout->slot_names.size();
    bool add_dict = true, add_weakref = !base_has_items;
    if (slots) {
        add_dict = declared.add_dict;
        add_weakref = declared.add_weakref;
        // ht_slots: the names as a tuple, made from the sorted list
        // (PyList_AsTuple, so untracked where _PyTuple_FromArray leaves
        // a tuple of strings untracked: 3.14.1+).
        std::vector<Object*> listed;
        for (StrObject* s : declared.names) listed.push_back(share<Object>(s).release());
        Ref<ListObject> sorted = new_list(std::move(listed));
        t->slots = tuple_from_array(std::vector<Object*>(sorted->items.begin(), sorted->items.end())).release();
        for (Object* s : sorted->items) incref(s);
        sorted.reset();
        for (StrObject* s : declared.names) {
            incref(s);
            layout->slot_names.push_back(s);
        }
    }
    // type_new_set_attrs: __qualname__ and __classcell__ leave the dict
    // before PyType_Ready adds the slots' descriptors (a slot may take
    // either name).
    if (Object* q = dict_get(t->dict, ids.qualname)) {
        if (!is_str(q)) raisef(types.TypeError, "type __qualname__ must be a str, not {}", type_name(q));
        t->qualname = str_value(q);
        dict_del(t->dict, ids.qualname);
    }
    if (Object* m = dict_get(t->dict, ids.module); m && is_str(m)) t->module = str_value(m);
    else t->module = "builtins";
    // __new__ is a static method even without the decorator;
    // __init_subclass__ and __class_getitem__ are class methods.
    if (Object* n = dict_get(t->dict, ids.new_); n && n->type == types.function) {
        auto sm = make<WrapperObject>(types.staticmethod, share(n).release());
        dict_set(t->dict, ids.new_, sm.get());
    }
    for (StrObject* name : {ids.init_subclass, ids.class_getitem})
        if (Object* f = dict_get(t->dict, name); f && f->type == types.function) {
            auto cm = make<WrapperObject>(types.classmethod, share(f).release());
            dict_set(t->dict, name, cm.get());
        }
    set_classcell(t.get());
    set_classdictcell(t.get());
    for (std::size_t i = layout->own_slots_begin; i < layout->slot_names.size(); ++i) {
        auto member =
            make<MemberDescriptorObject>(types.member_descriptor, t.get(), layout->slot_names[i], static_cast<int>(i));
        dict_set(t->dict, layout->slot_names[i], member.get());
    }
    layout->has_weakref = base_has_weakref_slot || add_weakref;
    layout->has_dict = base_has_dict || add_dict;
    if (layout->has_dict && !base->dict_ptr) {
        t->flags |= TF_MANAGED_DICT;
        const Profile& profile = rt().profile();
        if ((profile.gc_inline_values_only_from_object_new && builtin_base(base) != types.object) ||
            (profile.gc_inline_values_only_without_slots && !layout->slot_names.empty()))
            t->flags |= TF_DICT_AT_FIRST_ATTRIBUTE;
    }
    if (base_weakrefable || add_weakref || (rt().profile().weakref_slotted_instances)) t->flags |= TF_WEAKREFABLE;
    for (TypeObject* m : t->mro)
        if (m->has(TF_DEL_AT_CREATION)) t->flags |= TF_DEL_AT_CREATION;
    if (dict_get(t->dict, ids.del)) t->flags |= TF_DEL_AT_CREATION;
    if (layout->has_dict && !base_has_dict) add_getset(t.get(), "__dict__", &instance_dict_getter);
    if (add_weakref && !base_weakrefable) add_getset(t.get(), "__weakref__", &instance_weakref_getter);
    t->layout = layout->sub->ops;
    t->class_layout = std::move(layout);
    add_subclass(base, t.get());
    // type_ready's type_dict_set_doc: a class without a docstring has
    // __doc__ None in its dict, after the descriptors.
    if (!dict_get(t->dict, ids.doc)) dict_set(t->dict, ids.doc, consts.None);
    // A class that defines __eq__ but not __hash__ is unhashable.
    if (dict_get(t->dict, ids.eq) && !dict_get(t->dict, ids.hash)) dict_set(t->dict, ids.hash, consts.None);
    update_slots(t.get());
    // type_new's last steps, once the type is ready.
    set_names(t.get());
    init_subclass(t.get(), keywords);
    return t;
}

}  // namespace vm
