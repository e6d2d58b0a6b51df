// Type objects: builtin type creation and the type and object types' own
// slots. Python classes and their special methods are in class.cpp.
#include <algorithm>
#include <array>
#include <optional>

#include "api.hpp"
#include "exception.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "modules/modules.hpp"
#include "weakref.hpp"

namespace vm {

// ---- TypeObject ---------------------------------------------------------------------------------

bool is_heap_type(const Object* type_object) { return static_cast<const TypeObject*>(type_object)->has(TF_HEAPTYPE); }

bool TypeObject::is_subtype(const TypeObject* other) const {
    for (const TypeObject* t : mro)
        if (t == other) return true;
    return false;
}

std::uint64_t g_type_epoch = 1;

namespace {

// CPython's method cache: the answers of recent lookups of interned names,
// by type and name, valid while g_type_epoch is the one they were found in.
struct LookupCacheEntry {
    const TypeObject* type = nullptr;
    const StrObject* name = nullptr;
    Object* value = nullptr;  // borrowed; null: not found
    std::uint64_t epoch = 0;
};
constexpr std::size_t kLookupCacheSize = 4096;
LookupCacheEntry g_lookup_cache[kLookupCacheSize];

Object* lookup_uncached(const TypeObject* type, StrObject* name) {
    for (const TypeObject* t : type->mro)
        if (Object* v = dict_get(t->dict, name)) return v;
    return nullptr;
}

}  // namespace

Object* TypeObject::lookup(StrObject* name) const {
    // Interned names live as long as the runtime: an entry's name is never
    // another str at the same address.
    if (name->interned == Interned::No) return lookup_uncached(this, name);
    auto hash = (reinterpret_cast<std::uintptr_t>(this) >> 4) * 31 + (reinterpret_cast<std::uintptr_t>(name) >> 4);
    LookupCacheEntry& e = g_lookup_cache[hash % kLookupCacheSize];
    if (e.type == this && e.name == name && e.epoch == g_type_epoch) return e.value;
    // The epoch before: a key's __eq__ may change a type meanwhile.
    std::uint64_t epoch = g_type_epoch;
    Object* value = lookup_uncached(this, name);
    e = {this, name, value, epoch};
    return value;
}

Object* TypeObject::lookup(std::string_view name) const { return lookup(rt().intern(name)); }

Object* LookupSite::lookup_again(const TypeObject* t, StrObject* name) {
    // The epoch before: a key's __eq__ may change a type meanwhile.
    std::uint64_t before = g_type_epoch;
    Object* found = t->lookup(name);
    *this = LookupSite{t, before, found};
    return found;
}

void TypeObject::traverse(Visitor v) {
    if (!has(TF_HEAPTYPE)) return;
    v(dict);
    v(mro_tuple);
    v(bases);
    v(base);
}

// type_clear: the dict and the MRO (that breaks the cycles through them).
void TypeObject::clear() {
    if (!has(TF_HEAPTYPE)) return;
    if (dict) dict->clear();
    mro.clear();
    type_lookups_changed();
    Object* m = mro_tuple;
    mro_tuple = nullptr;
    xdecref(m);
}

void TypeObject::release() {
    if (base) std::erase(base->subclasses, this);
    if (subclass_entry) {
        Object* entry = subclass_entry;
        subclass_entry = nullptr;
        decref(entry);
    }
    mro.clear();
    type_lookups_changed();  // and the address may be another type's next
    Object* b = base;
    Object* d = dict;
    Object* bs = bases;
    Object* m = mro_tuple;
    Object* sl = slots;
    slots = nullptr;
    base = nullptr;
    dict = nullptr;
    bases = nullptr;
    mro_tuple = nullptr;
    xdecref(b);
    xdecref(d);
    xdecref(bs);
    xdecref(m);
    xdecref(sl);
    if (class_layout) {
        for (StrObject* k : class_layout->keys) decref(k);
        for (StrObject* s : class_layout->slot_names) decref(s);
        class_layout->keys.clear();
        class_layout->slot_names.clear();
    }
}

int ClassLayout::key_index(StrObject* name) const {
    // The keys are distinct strings, so the one equal to `name` is found
    // first by identity when both are interned, as attribute names are.
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == name) return static_cast<int>(i);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (str_equal(keys[i], name)) return static_cast<int>(i);
    return -1;
}

int ClassLayout::add_key(StrObject* name) {
    if (usable <= 0) return -1;
    --usable;
    incref(name);
    keys.push_back(name);
    return static_cast<int>(keys.size() - 1);
}

void ClassLayout::instance_made() {
    if (usable > 1) --usable;
}

std::string type_repr_name(const TypeObject* t) {
    if (t->module == "builtins") return t->qualname;
    return t->module + "." + t->qualname;
}

// The TypeError of a merge that found no next class. `lists` are what is
// left of the bases' MROs and of the bases themselves, the bases last.
[[noreturn]] static void raise_mro_conflict(std::vector<std::vector<TypeObject*>> lists) {
    std::erase_if(lists, [](const auto& l) { return l.empty(); });
    if (rt().profile().mro_error_as_cycle) {
        // PyPy's mro_error: from the last list's next class, follow to the head of
        // the first list that holds the class in its tail, around the cycle.
        const std::vector<TypeObject*>& last = lists.back();
        TypeObject* candidate = last.front();
        if (std::find(last.begin() + 1, last.end(), candidate) != last.end())
            raisef(types.TypeError, "duplicate base class '{}'", candidate->name);
        std::vector<TypeObject*> cycle;
        while (std::find(cycle.begin(), cycle.end(), candidate) == cycle.end()) {
            cycle.push_back(candidate);
            for (const auto& l : lists)
                if (std::find(l.begin() + 1, l.end(), candidate) != l.end()) {
                    candidate = l.front();
                    break;
                }
        }
        cycle.erase(cycle.begin(), std::find(cycle.begin(), cycle.end(), candidate));
        cycle.push_back(candidate);
        std::string names;
        for (auto it = cycle.rbegin(); it != cycle.rend(); ++it) names += (names.empty() ? "" : " < ") + (*it)->name;
        raisef(types.TypeError, "cycle among base classes: {}", names);
    }
    // CPython's set_mro_error: each list's next class, once each, in order.
    std::vector<TypeObject*> heads;
    for (const auto& l : lists)
        if (std::find(heads.begin(), heads.end(), l.front()) == heads.end()) heads.push_back(l.front());
    std::string names;
    for (TypeObject* c : heads) names += (names.empty() ? "" : ", ") + c->name;
    raise_message(types.TypeError, "mro_conflict",
                  "Cannot create a consistent method resolution\norder (MRO) for bases {}", names);
}

// The C3 linearization of the bases' MROs and the bases themselves
// (mro_implementation); a TypeError when there is none.
static void merge_mros(TypeObject* t) {
    std::vector<std::vector<TypeObject*>> lists;
    std::vector<TypeObject*> bases;
    for (Object* b : t->bases->items) {
        lists.push_back(static_cast<TypeObject*>(b)->mro);
        bases.push_back(static_cast<TypeObject*>(b));
    }
    // CPython refuses a base named twice before merging (check_duplicates);
    // PyPy finds it when the merge fails.
    if (!rt().profile().mro_error_as_cycle)
        for (auto it = bases.begin(); it != bases.end(); ++it)
            if (std::find(bases.begin(), it, *it) != it)
                raisef(types.TypeError, "duplicate base class {}", (*it)->name);
    lists.push_back(bases);
    auto in_a_tail = [&](TypeObject* c) {
        for (const auto& l : lists)
            if (std::find(l.begin() + (l.empty() ? 0 : 1), l.end(), c) != l.end()) return true;
        return false;
    };
    for (;;) {
        TypeObject* next = nullptr;
        bool left = false;
        for (const auto& l : lists) {
            if (l.empty()) continue;
            left = true;
            if (!in_a_tail(l.front())) {
                next = l.front();
                break;
            }
        }
        if (!left) return;
        if (!next) raise_mro_conflict(std::move(lists));
        t->mro.push_back(next);
        for (auto& l : lists)
            if (!l.empty() && l.front() == next) l.erase(l.begin());
    }
}

static void compute_mro_list(TypeObject* t) {
    // However it ends (merge_mros may raise halfway), the MRO changed.
    struct Changed {
        ~Changed() { type_lookups_changed(); }
    } changed;
    t->mro.clear();
    t->mro.push_back(t);
    if (t->bases && t->bases->size() > 1) return merge_mros(t);
    if (t->base)
        for (TypeObject* b : t->base->mro) t->mro.push_back(b);
}

// Fills `t->mro` and `t->mro_tuple`.
void compute_mro(TypeObject* t) {
    compute_mro_list(t);
    std::vector<Object*> items;
    for (TypeObject* m : t->mro) {
        incref(m);
        items.push_back(m);
    }
    Object* old = t->mro_tuple;
    t->mro_tuple = new_tuple(std::move(items)).release();
    xdecref(old);
}

// ---- builtin types ------------------------------------------------------------------------------

TypeObject* new_builtin_type(const char* name, TypeObject* base, const LayoutOps* layout, std::uint32_t flags,
                             const char* module) {
    auto* t = new TypeObject(types.type);
    g_manager->on_allocate(t, false);  // static in CPython: never tracked
    rt().keep(t);
    t->refcnt -= 1;  // keep() holds the only reference
    t->name = name;
    t->qualname = name;
    t->module = module;
    t->layout = layout;
    t->flags = flags;
    if (base) {
        incref(base);
        t->base = base;
        t->flags |= base->flags & (TF_SUBCLASS_BITS | TF_WEAKREFABLE | TF_WEAKREF);
        base->subclasses.push_back(t);
    }
    compute_mro_list(t);
    if (consts.empty_tuple) finish_builtin_type(t);
    return t;
}

// The dict, bases and MRO tuples of a builtin type, once dicts and tuples
// exist (the first types are made before them).
void finish_builtin_type(TypeObject* t) {
    t->dict = new_dict().release();
    t->dict->table.of_type = true;
    t->bases = t->base ? tuple_of({t->base}).release() : share(consts.empty_tuple).release();
    compute_mro(t);
}

// PyType_Ready's inherit_slots: every slot a builtin type leaves null comes
// from its base, except that only types below object inherit construction.
void inherit_slots(TypeObject* t) {
    TypeObject* base = t->base;
    if (!base) return;
    TypeSlots& tp = t->tp;
    const TypeSlots& b = base->tp;
    auto inherit = [](auto& slot, auto from) {
        if (!slot) slot = from;
    };
    inherit(tp.repr, b.repr);
    inherit(tp.str, b.str);
    inherit(tp.hash, b.hash);
    inherit(tp.richcompare, b.richcompare);
    inherit(tp.truth, b.truth);
    inherit(tp.len, b.len);
    inherit(tp.iter, b.iter);
    inherit(tp.iternext, b.iternext);
    inherit(tp.call, b.call);
    inherit(tp.getattro, b.getattro);
    inherit(tp.setattro, b.setattro);
    inherit(tp.getitem, b.getitem);
    inherit(tp.setitem, b.setitem);
    inherit(tp.contains, b.contains);
    inherit(tp.descr_get, b.descr_get);
    inherit(tp.descr_set, b.descr_set);
    inherit(tp.finalize, b.finalize);
    for (int i = 0; i < kNumberSlots; ++i) inherit(tp.number[i], b.number[i]);
    inherit(tp.negative, b.negative);
    inherit(tp.positive, b.positive);
    inherit(tp.invert, b.invert);
    inherit(tp.index, b.index);
    if (base != types.object) {
        inherit(tp.new_, b.new_);
        inherit(tp.init, b.init);
    }
    if (!t->dict_ptr) t->dict_ptr = base->dict_ptr;
    if (!t->subclass_layout && t->has(TF_BASETYPE) && t->layout == base->layout)
        t->subclass_layout = base->subclass_layout;
}

std::int64_t hash_not_implemented(Object* o) { raisef(types.TypeError, "unhashable type: '{}'", type_name(o)); }

void add_method(TypeObject* type, const char* name, NativeFn fn) {
    auto d = make<MethodDescriptorObject>(types.method_descriptor, type, name, fn);
    dict_set(type->dict, name, d.get());
}

void add_class_method(TypeObject* type, const char* name, NativeFn fn) {
    auto d = make<MethodDescriptorObject>(types.classmethod_descriptor, type, name, fn);
    dict_set(type->dict, name, d.get());
}

void add_getset(TypeObject* type, const char* name, GetSetDescriptorObject::Getter getter,
                GetSetDescriptorObject::Setter setter) {
    auto d = make<GetSetDescriptorObject>(types.getset_descriptor, type, name, getter, setter);
    dict_set(type->dict, name, d.get());
}

void add_value(TypeObject* type, const char* name, Object* value) { dict_set(type->dict, name, value); }

// ---- type's own slots ---------------------------------------------------------------------------

namespace {

Ref<> type_repr(Object* self) {
    auto* t = static_cast<TypeObject*>(self);
    return new_str("<class '" + type_repr_name(t) + "'>");
}

// type_call: type(x) gives x's type; otherwise new, then init when the
// result is an instance of the type.
Ref<> type_call(Object* self, Args args) {
    auto* t = static_cast<TypeObject*>(self);
    if (t == types.type && args.nargs == 1 && args.nkw() == 0) return share<Object>(args[0]->type);
    if (!t->tp.new_) raisef(types.TypeError, "cannot create '{}' instances", type_repr_name(t));
    Ref<> obj = t->tp.new_(t, args);
    if (!is_instance_of(obj.get(), t)) return obj;
    if (obj->type->tp.init) obj->type->tp.init(obj.get(), args);
    return obj;
}

Ref<> type_getattro(Object* self, StrObject* name, bool suppress) {
    auto* t = static_cast<TypeObject*>(self);
    TypeObject* meta = self->type;
    Object* meta_attr = meta->lookup(name);
    if (meta_attr && meta_attr->type->tp.descr_get && meta_attr->type->tp.descr_set)
        return meta_attr->type->tp.descr_get(meta_attr, self, meta);
    if (Object* attr = t->lookup(name)) {
        if (attr->type->tp.descr_get) return attr->type->tp.descr_get(attr, nullptr, t);
        return share(attr);
    }
    if (meta_attr) {
        if (meta_attr->type->tp.descr_get) return meta_attr->type->tp.descr_get(meta_attr, self, meta);
        return share(meta_attr);
    }
    if (suppress) return nullptr;
    raise_attribute_error(self, name,
                          fmt::format("type object '{}' has no attribute '{}'", t->qualname, str_value(name)));
}

void type_setattro(Object* self, StrObject* name, Object* value) {
    auto* t = static_cast<TypeObject*>(self);
    if (!t->has(TF_HEAPTYPE))
        raisef(types.TypeError, "cannot set '{}' attribute of immutable type '{}'", str_value(name), t->name);
    if (Object* meta_attr = self->type->lookup(name); meta_attr && meta_attr->type->tp.descr_set) {
        meta_attr->type->tp.descr_set(meta_attr, self, value);
        return;
    }
    if (value && str_value(name) == "__del__" && !dict_get(t->dict, ids.del) &&
        !rt().profile().del_added_later_warning.empty())
        warn(types.RuntimeWarning, rt().profile().del_added_later_warning);
    if (value) dict_set(t->dict, name, value);
    else if (!dict_del(t->dict, name))
        raisef(types.AttributeError, "type object '{}' has no attribute '{}'", t->qualname, str_value(name));
    const std::string& n = str_value(name);
    if (n.size() > 4 && n.starts_with("__") && n.ends_with("__")) update_slots(t);
}

Ref<> type_new_slot(TypeObject*, Args args) {
    if (args.nargs != 3) raise_arity_error("type", args.nargs);
    if (!is_str(args[0]) || !is_tuple(args[1]) || !is_dict(args[2]))
        raise(types.TypeError, "type() argument 1 must be str, not " + type_name(args[0]));
    Args keywords{args.items + 3, 0, args.kwnames};
    return new_class(static_cast<StrObject*>(args[0]), static_cast<TupleObject*>(args[1]),
                     static_cast<DictObject*>(args[2]), keywords);
}

// type_name: a builtin type's tp_name after its last dot ("weakref.ReferenceType").
Ref<> type_get_name(Object* self) {
    const std::string& name = static_cast<TypeObject*>(self)->name;
    if (static_cast<TypeObject*>(self)->has(TF_HEAPTYPE)) return new_str(name);
    return new_str(name.substr(name.rfind('.') + 1));
}
Ref<> type_get_qualname(Object* self) { return new_str(static_cast<TypeObject*>(self)->qualname); }
Ref<> type_get_module(Object* self) {
    auto* t = static_cast<TypeObject*>(self);
    if (t->has(TF_HEAPTYPE))
        if (Object* m = dict_get(t->dict, ids.module)) return share(m);
    return new_str(t->module);
}
Ref<> type_get_dict(Object* self) { return new_type_dict_proxy(static_cast<TypeObject*>(self)); }
Ref<> type_get_mro(Object* self) { return share<Object>(static_cast<TypeObject*>(self)->mro_tuple); }
Ref<> type_get_bases(Object* self) { return share<Object>(static_cast<TypeObject*>(self)->bases); }
Ref<> type_get_base(Object* self) {
    TypeObject* b = static_cast<TypeObject*>(self)->base;
    return b ? share<Object>(b) : new_none();
}

void type_set_name(Object* self, Object* value) {
    auto* t = static_cast<TypeObject*>(self);
    if (!value || !is_str(value)) raise(types.TypeError, "can only assign string to " + t->name + ".__name__");
    t->name = str_value(value);
}

Ref<> type_mro_method(Object* self, Args, void*) {
    auto* t = static_cast<TypeObject*>(self);
    std::vector<Object*> items;
    for (TypeObject* m : t->mro) {
        incref(m);
        items.push_back(m);
    }
    return new_list(std::move(items));
}

Ref<> type_subclasses_method(Object* self, Args, void*) {
    std::vector<Object*> items;
    for (TypeObject* s : static_cast<TypeObject*>(self)->subclasses) {
        incref(s);
        items.push_back(s);
    }
    return new_list(std::move(items));
}

// ---- object's slots -----------------------------------------------------------------------------

bool excess_args(Args args) { return args.total() > 0; }

Ref<> object_new(TypeObject* type, Args args) {
    if (excess_args(args)) {
        if (type->tp.new_ != &object_new)
            raise(types.TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->tp.init == types.object->tp.init) raisef(types.TypeError, "{}() takes no arguments", type->name);
    }
    if (!type->class_layout) return make<PlainObject>(type);
    Object* o = type->class_layout->sub->allocate(type);
    allocate_block(o);
    g_manager->on_allocate(o, true);
    if (type->class_layout->has_dict) type->class_layout->instance_made();  // _PyObject_InitializeDict
    return Ref<>::take(o);
}

void object_init(Object* self, Args args) {
    TypeObject* type = self->type;
    if (excess_args(args)) {
        if (type->tp.init != &object_init)
            raise(types.TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
        if (type->tp.new_ == &object_new)
            raisef(types.TypeError, "{}.__init__() takes exactly one argument (the instance to initialize)",
                   type->name);
    }
}

Ref<> object_repr(Object* self) { return new_str(default_repr(self)); }
// The type's repr itself, not repr(): no level of C recursion of its own.
Ref<> object_str(Object* self) { return self->type->tp.repr(self); }

std::int64_t object_hash(Object* self) {
    auto p = reinterpret_cast<std::uintptr_t>(self);
    return static_cast<std::int64_t>((p >> 4) | (p << (8 * sizeof(p) - 4)));
}

// object_richcompare: identity for ==, the inverse of == for !=.
Ref<> object_richcompare(Object* self, Object* other, CompareOp op) {
    if (op == CompareOp::Eq) return share(self == other ? consts.True : consts.NotImplemented);
    if (op == CompareOp::Ne && self->type->tp.richcompare) {
        Ref<> eq = self->type->tp.richcompare(self, other, CompareOp::Eq);
        if (eq.get() == consts.NotImplemented) return eq;
        return new_bool(!truthy(eq.get()));
    }
    return share(consts.NotImplemented);
}

Ref<> object_get_class(Object* self) { return share<Object>(self->type); }

Ref<> object_get_dict(Object* self) {
    if (InstanceData* d = instance_data(self); d && self->type->class_layout->has_dict)
        return share<Object>(instance_dict(self, *d));
    if (self->type->dict_ptr) {
        DictObject*& slot = *self->type->dict_ptr(self);
        if (!slot) slot = new_dict().release();
        return share<Object>(slot);
    }
    raise_no_attribute(self, ids.dict);
}

}  // namespace

// object.__init_subclass__, a class method that does nothing and takes no
// argument: bound to the class from 3.9, whose name the error then gives;
// PyPy words it otherwise.
Ref<> object_init_subclass(Object* cls, Args args, void*) {
    if (args.total() == 0) return share(consts.None);
    const Profile& p = rt().profile();
    if (p.manager != "refcount") unsupported("an argument that object.__init_subclass__ refuses, on this runtime");
    std::string name =
        p.version_info >= std::array<int, 3>{3, 9, 0} ? static_cast<TypeObject*>(cls)->qualname + "." : "";
    if (args.nkw()) raisef(types.TypeError, "{}__init_subclass__() takes no keyword arguments", name);
    raisef(types.TypeError, "{}__init_subclass__() takes no arguments ({} given)", name, args.nargs);
}

void init_type_and_object(TypeObject* type_type, TypeObject* object_type) {
    object_type->tp.repr = &object_repr;
    object_type->tp.str = &object_str;
    object_type->tp.hash = &object_hash;
    object_type->tp.richcompare = &object_richcompare;
    object_type->tp.getattro = &generic_getattr;
    object_type->tp.setattro = &generic_setattr;
    object_type->tp.new_ = &object_new;
    object_type->tp.init = &object_init;
    add_getset(object_type, "__class__", &object_get_class);
    add_class_method(object_type, "__init_subclass__", &object_init_subclass);

    type_type->tp = object_type->tp;
    type_type->tp.repr = &type_repr;
    type_type->tp.call = &type_call;
    type_type->tp.getattro = &type_getattro;
    type_type->tp.setattro = &type_setattro;
    type_type->tp.new_ = &type_new_slot;
    type_type->tp.init = nullptr;
    add_getset(type_type, "__name__", &type_get_name, &type_set_name);
    add_getset(type_type, "__qualname__", &type_get_qualname);
    add_getset(type_type, "__module__", &type_get_module);
    add_getset(type_type, "__dict__", &type_get_dict);
    add_getset(type_type, "__mro__", &type_get_mro);
    add_getset(type_type, "__bases__", &type_get_bases);
    add_getset(type_type, "__base__", &type_get_base);
    add_method(type_type, "mro", &type_mro_method);
    add_method(type_type, "__subclasses__", &type_subclasses_method);
}

Ref<> instance_dict_getter(Object* self) { return object_get_dict(self); }
Ref<> instance_weakref_getter(Object* self) {
    WeakRefObject* head = weaklist(self);
    return share<Object>(head ? static_cast<Object*>(head) : consts.None);
}

}  // namespace vm
