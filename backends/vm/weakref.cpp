// Weak references (weakref.ref and its subclasses, proxies): creation in
// CPython's list order, and the ref and proxy types.
#include "weakref.hpp"

#include <unordered_map>
#include <utility>

#include "api.hpp"
#include "instance.hpp"

namespace vm {

WeakRefObject::~WeakRefObject() = default;

namespace {
// The head of each weakly referenced object's list (object.hpp). An entry
// left by an object freed with weakrefs is never read: a new object at its
// address starts without the WEAKLY_REFERENCED bit.
std::unordered_map<const Object*, WeakRefObject*> g_weaklists;
}  // namespace

WeakRefObject* weaklist_in_table(const Object* o) { return g_weaklists.find(o)->second; }

void set_weaklist(Object* o, WeakRefObject* head) {
    if (head) {
        g_weaklists[o] = head;
        o->gc.bits |= kGcWeaklyReferenced;
    } else {
        g_weaklists.erase(o);
        o->gc.bits &= ~kGcWeaklyReferenced;
    }
}

void unlink_weakref(WeakRefObject* wr) {
    if (!wr->referent) return;
    if (weaklist(wr->referent) == wr) set_weaklist(wr->referent, wr->next);
    if (wr->prev) wr->prev->next = wr->next;
    if (wr->next) wr->next->prev = wr->prev;
    wr->prev = wr->next = nullptr;
    wr->referent = nullptr;
}

// clear_weakref: the reference and the callback.
void WeakRefObject::clear() {
    unlink_weakref(this);
    Object* cb = callback;
    callback = nullptr;
    xdecref(cb);
}

bool is_weakrefable(const Object* o) { return o->type->has(TF_WEAKREFABLE); }

std::size_t weakref_count(const Object* target) {
    std::size_t n = 0;
    for (WeakRefObject* w = weaklist(target); w; w = w->next) ++n;
    return n;
}

namespace {

bool is_proxy(const Object* o) { return o->type == types.weakproxy || o->type == types.weakcallableproxy; }

// get_basic_refs: the callback-less ref (exact type) and proxy at the head.
void basic_refs(WeakRefObject* head, WeakRefObject*& ref, WeakRefObject*& proxy) {
    ref = proxy = nullptr;
    if (head && !head->callback) {
        if (head->type == types.weakref) {
            ref = head;
            head = head->next;
        }
        if (head && !head->callback && is_proxy(head)) proxy = head;
    }
}

void insert_head(WeakRefObject* wr, Object* target) {
    wr->next = weaklist(target);
    if (wr->next) wr->next->prev = wr;
    wr->prev = nullptr;
    set_weaklist(target, wr);
}

void insert_after(WeakRefObject* wr, WeakRefObject* prev) {
    wr->prev = prev;
    wr->next = prev->next;
    if (prev->next) prev->next->prev = wr;
    prev->next = wr;
}

void check_weakrefable(Object* target) {
    if (!is_weakrefable(target))
        raisef(types.TypeError, "cannot create weak reference to '{}' object", type_name(target));
}

Ref<WeakRefObject> allocate(TypeObject* type) {
    if (type->class_layout) {
        Object* o = type->class_layout->sub->allocate(type);
        allocate_block(o);
        g_manager->on_allocate(o, true);
        return Ref<WeakRefObject>::take(static_cast<WeakRefObject*>(o));
    }
    return make<WeakRefObject>(type);
}

}  // namespace

Ref<WeakRefObject> new_weakref(TypeObject* type, Object* target, Object* callback) {
    check_weakrefable(target);
    if (callback == consts.None) callback = nullptr;
    WeakRefObject *ref, *proxy;
    basic_refs(weaklist(target), ref, proxy);
    if (!callback && type == types.weakref && ref) return share(ref);
    auto wr = allocate(type);
    wr->referent = target;
    wr->callback = callback ? share(callback).release() : nullptr;
    if (!callback && type == types.weakref) {
        insert_head(wr.get(), target);
    } else {
        basic_refs(weaklist(target), ref, proxy);
        WeakRefObject* prev = proxy ? proxy : ref;
        if (prev) insert_after(wr.get(), prev);
        else insert_head(wr.get(), target);
    }
    if (callback) g_manager->on_weakref_callback(wr.get());
    return wr;
}

Ref<WeakRefObject> new_proxy(Object* target, Object* callback) {
    check_weakrefable(target);
    if (callback == consts.None) callback = nullptr;
    WeakRefObject *ref, *proxy;
    basic_refs(weaklist(target), ref, proxy);
    if (!callback && proxy) return share(proxy);
    auto wr = make<WeakRefObject>(is_callable(target) ? types.weakcallableproxy : types.weakproxy);
    wr->referent = target;
    wr->callback = callback ? share(callback).release() : nullptr;
    WeakRefObject* prev = callback ? (proxy ? proxy : ref) : ref;
    if (prev) insert_after(wr.get(), prev);
    else insert_head(wr.get(), target);
    if (callback) g_manager->on_weakref_callback(wr.get());
    return wr;
}

namespace {

WeakRefObject* as_wr(Object* o) { return static_cast<WeakRefObject*>(o); }

// PyWeakref_GET_OBJECT: the referent, or null when the weakref is dead or
// its manager no longer gives the referent (memory_manager.hpp).
Object* live_referent(Object* wr) {
    Object* r = as_wr(wr)->referent;
    return r && rt().manager().weakref_gives(r) ? r : nullptr;
}

// ---- weakref.ref --------------------------------------------------------------------------------

// weakref___new__ ignores keyword arguments (a subclass's __init__ takes
// them); weakref___init__ refuses them. Both take the referent and an
// optional callback, and name weakref.ref's own parsers whatever the class.
void check_ref_args(CallKey key, Args args) { check_nargs(key, args.positional_from(0), 1, 2); }

Ref<> ref_new(TypeObject* type, Args args) {
    check_ref_args(types.weakref->name, args);
    return new_weakref(type, args[0], args.nargs > 1 ? args[1] : nullptr);
}

void ref_init(Object*, Args args) {
    no_keywords(types.weakref->name, args);
    check_ref_args({types.weakref->name, "__init__"}, args);
}

Ref<> ref_call(Object* self, Args args) {
    check_nargs({self->type->name, "__call__"}, args, 0, 0);
    Object* r = live_referent(self);
    return r ? share(r) : new_none();
}

std::int64_t ref_hash(Object* self) {
    WeakRefObject* w = as_wr(self);
    if (w->hash != -1) return w->hash;
    if (!live_referent(self)) raise(types.TypeError, "weak object has gone away");
    Ref<> keep = share(w->referent);
    w->hash = hash(keep.get());
    return w->hash;
}

Ref<> ref_richcompare(Object* a, Object* b, CompareOp op) {
    if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_instance_of(a, types.weakref) ||
        !is_instance_of(b, types.weakref))
        return share(consts.NotImplemented);
    Object *x = live_referent(a), *y = live_referent(b);
    if (!x || !y) return new_bool((a == b) == (op == CompareOp::Eq));
    Ref<> kx = share(x), ky = share(y);
    return richcompare(kx.get(), ky.get(), op);
}

std::string referent_description(Object* r) {
    Ref<> keep = share(r);
    // The type's __name__ only (gh-99184: not the instance's __getattr__).
    Ref<> name = lookup_special(r, ids.name);
    std::string s = fmt::format("to '{}' at {}", type_name(r), address_of(r));
    if (name && is_str(name.get())) s += " (" + str_value(name.get()) + ")";
    return s;
}

Ref<> ref_repr(Object* self) {
    Object* r = live_referent(self);
    if (!r) return new_str(fmt::format("<weakref at {}; dead>", address_of(self)));
    return new_str(fmt::format("<weakref at {}; {}>", address_of(self), referent_description(r)));
}

Ref<> ref_get_callback(Object* self) {
    Object* cb = as_wr(self)->callback;
    return cb ? share(cb) : new_none();
}

// ---- proxies ------------------------------------------------------------------------------------

// The referent of a proxy, or ReferenceError.
Ref<> referent(Object* proxy) {
    Object* r = live_referent(proxy);
    if (!r) raise_message(types.ReferenceError, "dead_referent", "weakly-referenced object no longer exists");
    return share(r);
}

Ref<> proxy_getattro(Object* self, StrObject* name, bool suppress) {
    Ref<> r = referent(self);
    return r->type->tp.getattro(r.get(), name, suppress);
}

void proxy_setattro(Object* self, StrObject* name, Object* value) {
    Ref<> r = referent(self);
    setattr(r.get(), name, value);
}

Ref<> proxy_repr(Object* self) {
    Object* r = live_referent(self);
    if (!r) return new_str(fmt::format("<weakproxy at {}; dead>", address_of(self)));
    return new_str(fmt::format("<weakproxy at {}; to '{}' at {}>", address_of(self), type_name(r), address_of(r)));
}

Ref<> proxy_str(Object* self) { return str(referent(self).get()); }
Ref<> proxy_call(Object* self, Args args) { return call(referent(self).get(), args); }
bool proxy_truth(Object* self) { return truthy(referent(self).get()); }
std::size_t proxy_len(Object* self) { return length(referent(self).get()); }
Ref<> proxy_iter(Object* self) { return get_iter(referent(self).get()); }
Ref<> proxy_getitem(Object* self, Object* key) { return getitem(referent(self).get(), key); }
void proxy_setitem(Object* self, Object* key, Object* value) {
    Ref<> r = referent(self);
    if (value) setitem(r.get(), key, value);
    else delitem(r.get(), key);
}
bool proxy_contains(Object* self, Object* item) { return contains(referent(self).get(), item); }

// proxy_iternext: the referent must be an iterator itself.
Ref<> proxy_iternext(Object* self) {
    Ref<> r = referent(self);
    if (!r->type->tp.iternext)
        raisef(types.TypeError, "Weakref proxy referenced a non-iterator '{}' object", type_name(r.get()));
    return r->type->tp.iternext(r.get());
}

// WRAP_BINARY and WRAP_INPLACE: the operator applied to the referents (a
// proxy may be either operand; an in-place one returns the result).
template <int Op> Ref<> proxy_number(Object* a, Object* b) {
    Ref<> x = is_proxy(a) ? referent(a) : share(a);
    Ref<> y = is_proxy(b) ? referent(b) : share(b);
    return binary_op(x.get(), y.get(), Op);
}

template <std::size_t... Op> void set_proxy_number_slots(TypeObject* t, std::index_sequence<Op...>) {
    ((t->tp.number[Op] = &proxy_number<static_cast<int>(Op)>), ...);
}

Ref<> proxy_negative(Object* self) { return unary_negative(referent(self).get()); }
Ref<> proxy_positive(Object* self) { return unary_positive(referent(self).get()); }
Ref<> proxy_invert(Object* self) { return unary_invert(referent(self).get()); }
std::int64_t proxy_index(Object* self) { return as_index(referent(self).get()); }

// The proxy's own methods (proxy_methods): __bytes__ and __reversed__ of the referent.
Ref<> proxy_bytes(Object* self, Args args, void*) {
    check_nargs({self->type->name, "__bytes__"}, args, 0, 0);
    Ref<> r = referent(self);
    return call(types.bytes, {r.get()});
}

Ref<> proxy_reversed(Object* self, Args args, void*) {
    check_nargs({self->type->name, "__reversed__"}, args, 0, 0);
    Ref<> r = referent(self);
    return call(types.reversed, {r.get()});
}

Ref<> proxy_richcompare(Object* a, Object* b, CompareOp op) {
    Ref<> x = is_proxy(a) ? referent(a) : share(a);
    Ref<> y = is_proxy(b) ? referent(b) : share(b);
    return richcompare(x.get(), y.get(), op);
}

}  // namespace

void init_weakref_types() {
    TypeObject* r = types.weakref;
    r->tp.new_ = &ref_new;
    r->tp.init = &ref_init;
    r->tp.call = &ref_call;
    r->tp.hash = &ref_hash;
    r->tp.richcompare = &ref_richcompare;
    r->tp.repr = &ref_repr;
    r->subclass_layout = &Extended<WeakRefObject>::subclass;
    add_getset(r, "__callback__", &ref_get_callback);
    for (TypeObject* p : {types.weakproxy, types.weakcallableproxy}) {
        p->tp.getattro = &proxy_getattro;
        p->tp.setattro = &proxy_setattro;
        p->tp.repr = &proxy_repr;
        p->tp.str = &proxy_str;
        p->tp.hash = &hash_not_implemented;
        p->tp.truth = &proxy_truth;
        p->tp.len = &proxy_len;
        p->tp.iter = &proxy_iter;
        p->tp.getitem = &proxy_getitem;
        p->tp.setitem = &proxy_setitem;
        p->tp.contains = &proxy_contains;
        p->tp.richcompare = &proxy_richcompare;
        p->tp.iternext = &proxy_iternext;
        set_proxy_number_slots(p, std::make_index_sequence<kNumberSlots>());
        p->tp.negative = &proxy_negative;
        p->tp.positive = &proxy_positive;
        p->tp.invert = &proxy_invert;
        p->tp.index = &proxy_index;
        add_method(p, "__bytes__", &proxy_bytes);
        add_method(p, "__reversed__", &proxy_reversed);
    }
    types.weakcallableproxy->tp.call = &proxy_call;
}

}  // namespace vm
