// collections.deque and its iterators, as CPython's
// Modules/_collectionsmodule.c keeps them: the items in blocks of 64, whose
// count (sys.getsizeof) follows where the first item sits in its block
// (leftindex): appends and pops move it as CPython's do, an empty deque
// re-centres, extend() of an empty one starts at the left. The items are
// released left to right (deque_clear), after the deque is emptied.
#include "collections.hpp"

#include <deque>

namespace vm::collections {

namespace {

constexpr std::int64_t kBlockLen = 64;
constexpr std::int64_t kCenter = (kBlockLen - 1) / 2;

struct DequeObject : Object {
    std::deque<Object*> items;  // counted
    std::int64_t leftindex = kCenter + 1;  // the first item's place in its block
    std::int64_t maxlen = -1;  // -1: unbounded
    std::uint64_t state = 0;  // bumped by each mutation iterators must see
    using Object::Object;
    std::int64_t size() const { return static_cast<std::int64_t>(items.size()); }
    std::int64_t rightindex() const { return (leftindex + size() - 1) % kBlockLen; }
    void traverse(Visitor v) {
        visit_type(this, v);
        for (Object* o : items) v(o);
    }
    // deque_clear: emptied (re-centred) first, then each item dropped,
    // leftmost first.
    void clear() {
        if (items.empty()) return;
        std::deque<Object*> old;
        old.swap(items);
        leftindex = kCenter + 1;
        ++state;
        for (Object* o : old) decref(o);
    }
    void release() { clear(); }
};

DequeObject* as_deque(Object* o) { return static_cast<DequeObject*>(o); }

Ref<> popleft(DequeObject* d);

// deque_append_internal: a new block when the right one is full, then the
// item; over maxlen the leftmost goes.
void append(DequeObject* d, Object* item) {
    d->items.push_back(share(item).release());
    if (d->maxlen >= 0 && d->size() > d->maxlen) popleft(d).reset();
    else ++d->state;
}

Ref<> pop(DequeObject* d);

void appendleft(DequeObject* d, Object* item) {
    d->leftindex = d->leftindex == 0 ? kBlockLen - 1 : d->leftindex - 1;
    d->items.push_front(share(item).release());
    if (d->maxlen >= 0 && d->size() > d->maxlen) pop(d).reset();
    else ++d->state;
}

// deque_pop: the right index steps back; where it leaves the block and the
// deque is empty, the deque re-centres instead of freeing the block.
Ref<> pop(DequeObject* d) {
    if (d->items.empty()) raise(types.IndexError, "pop from an empty deque");
    Ref<> item = Ref<>::take(d->items.back());
    d->items.pop_back();
    ++d->state;
    if (d->items.empty() && d->leftindex == 0) d->leftindex = kCenter + 1;
    return item;
}

// deque_popleft: the left index steps on; at the block's end it moves to
// the next block, or re-centres an empty deque.
Ref<> popleft(DequeObject* d) {
    if (d->items.empty()) raise(types.IndexError, "pop from an empty deque");
    Ref<> item = Ref<>::take(d->items.front());
    d->items.pop_front();
    ++d->state;
    if (++d->leftindex == kBlockLen) d->leftindex = d->items.empty() ? kCenter + 1 : 0;
    return item;
}

// _deque_rotate: the items move between the ends, no count changing.
void rotate(DequeObject* d, std::int64_t n) {
    std::int64_t len = d->size(), halflen = len >> 1;
    if (len <= 1) return;
    if (n > halflen || n < -halflen) {
        n %= len;
        if (n > halflen) n -= len;
        else if (n < -halflen) n += len;
    }
    ++d->state;
    for (std::int64_t i = 0; i < n; ++i) {
        d->items.push_front(d->items.back());
        d->items.pop_back();
    }
    for (std::int64_t i = 0; i > n; --i) {
        d->items.push_back(d->items.front());
        d->items.pop_front();
    }
    d->leftindex = ((d->leftindex - n) % kBlockLen + kBlockLen) % kBlockLen;
}

// deque_extend: the items of an iterable (a list copy of the deque itself),
// an empty deque filled from the left of its block.
void extend(DequeObject* d, Object* iterable) {
    if (iterable == d) {
        Ref<ListObject> copy = list_from_iterable(iterable);
        return extend(d, copy.get());
    }
    Ref<> it = get_iter(iterable);
    if (d->maxlen == 0) {
        while (Ref<> item = iter_next(it.get())) {
        }
        return;
    }
    if (d->items.empty()) d->leftindex = 1;
    while (Ref<> item = iter_next(it.get())) append(d, item.get());
}

void extendleft(DequeObject* d, Object* iterable) {
    if (iterable == d) {
        Ref<ListObject> copy = list_from_iterable(iterable);
        return extendleft(d, copy.get());
    }
    Ref<> it = get_iter(iterable);
    if (d->maxlen == 0) {
        while (Ref<> item = iter_next(it.get())) {
        }
        return;
    }
    if (d->items.empty()) d->leftindex = kBlockLen - 1;
    while (Ref<> item = iter_next(it.get())) appendleft(d, item.get());
}

Ref<> deque_new(TypeObject* type, Args) { return new_native_instance<DequeObject>(type, g_types.deque, true); }

Ref<DequeObject> new_deque() {
    return Ref<DequeObject>::take(static_cast<DequeObject*>(deque_new(g_types.deque, {}).release()));
}

// deque_init: (iterable=(), maxlen=None); the deque is cleared first.
void deque_init(Object* self, Args args) {
    Object *iterable = nullptr, *maxlen_arg = nullptr;
    parse_args("collections.deque", args, {"iterable", "maxlen"}, 0, {&iterable, &maxlen_arg});
    std::int64_t maxlen = -1;
    if (maxlen_arg && maxlen_arg != consts.None) {
        if (!is_int(maxlen_arg)) raise(types.TypeError, "an integer is required");
        maxlen = int_value(maxlen_arg);
        if (maxlen < 0) raise(types.ValueError, "maxlen must be non-negative");
    }
    DequeObject* d = as_deque(self);
    d->maxlen = maxlen;
    d->clear();
    if (iterable) extend(d, iterable);
}

CallKey method(const char* name) { return {"collections.deque", name}; }

Ref<> d_append(Object* self, Args args, void*) {
    check_nargs(method("append"), args, 1, 1);
    append(as_deque(self), args[0]);
    return new_none();
}

Ref<> d_appendleft(Object* self, Args args, void*) {
    check_nargs(method("appendleft"), args, 1, 1);
    appendleft(as_deque(self), args[0]);
    return new_none();
}

Ref<> d_pop(Object* self, Args args, void*) {
    check_nargs(method("pop"), args, 0, 0);
    return pop(as_deque(self));
}

Ref<> d_popleft(Object* self, Args args, void*) {
    check_nargs(method("popleft"), args, 0, 0);
    return popleft(as_deque(self));
}

Ref<> d_extend(Object* self, Args args, void*) {
    check_nargs(method("extend"), args, 1, 1);
    extend(as_deque(self), args[0]);
    return new_none();
}

Ref<> d_extendleft(Object* self, Args args, void*) {
    check_nargs(method("extendleft"), args, 1, 1);
    extendleft(as_deque(self), args[0]);
    return new_none();
}

Ref<> d_clear(Object* self, Args args, void*) {
    check_nargs(method("clear"), args, 0, 0);
    as_deque(self)->clear();
    return new_none();
}

Ref<> d_rotate(Object* self, Args args, void*) {
    check_nargs(method("rotate"), args, 0, 1);
    rotate(as_deque(self), args.nargs ? as_index(args[0]) : 1);
    return new_none();
}

Ref<> d_reverse(Object* self, Args args, void*) {
    check_nargs(method("reverse"), args, 0, 0);
    DequeObject* d = as_deque(self);
    std::reverse(d->items.begin(), d->items.end());
    return new_none();
}

// count, __contains__ and index compare each item held, and stop when the
// deque changed under them.
Ref<> d_count(Object* self, Args args, void*) {
    check_nargs(method("count"), args, 1, 1);
    DequeObject* d = as_deque(self);
    std::uint64_t start = d->state;
    std::int64_t count = 0;
    for (std::int64_t i = 0, n = d->size(); i < n; ++i) {
        Ref<> item = share(d->items[static_cast<std::size_t>(i)]);
        count += equal(item.get(), args[0]);
        if (start != d->state) raise(types.RuntimeError, "deque mutated during iteration");
    }
    return new_int(count);
}

bool deque_contains(Object* self, Object* value) {
    DequeObject* d = as_deque(self);
    std::uint64_t start = d->state;
    for (std::int64_t i = 0, n = d->size(); i < n; ++i) {
        Ref<> item = share(d->items[static_cast<std::size_t>(i)]);
        if (equal(item.get(), value)) return true;
        if (start != d->state) raise(types.RuntimeError, "deque mutated during iteration");
    }
    return false;
}

Ref<> d_index(Object* self, Args args, void*) {
    check_nargs(method("index"), args, 1, 3);
    DequeObject* d = as_deque(self);
    std::int64_t n = d->size(), start = args.nargs > 1 ? as_index(args[1]) : 0,
                 stop = args.nargs > 2 ? as_index(args[2]) : n;
    if (start < 0 && (start += n) < 0) start = 0;
    if (stop < 0 && (stop += n) < 0) stop = 0;
    stop = std::min(stop, n);
    start = std::min(start, stop);
    std::uint64_t state = d->state;
    for (std::int64_t i = start; i < stop; ++i) {
        if (equal(d->items[static_cast<std::size_t>(i)], args[0])) return new_int(i);
        if (state != d->state) raise(types.RuntimeError, "deque mutated during iteration");
    }
    raisef(types.ValueError, "{} is not in deque", repr_string(args[0]));
}

// deque_del_item: rotated to the front, popped, rotated back, then dropped.
void del_item(DequeObject* d, std::int64_t i) {
    rotate(d, -i);
    Ref<> item = popleft(d);
    rotate(d, i);
}

Ref<> d_remove(Object* self, Args args, void*) {
    check_nargs(method("remove"), args, 1, 1);
    DequeObject* d = as_deque(self);
    std::int64_t n = d->size();
    if (behavior().remove_rotates) {
        // To 3.9: each leftmost item compared, then rotated to the back.
        for (std::int64_t i = 0; i < n; ++i) {
            bool found = equal(d->items.front(), args[0]);
            if (d->size() != n) raise(types.IndexError, "deque mutated during remove().");
            if (found) {
                Ref<> target = popleft(d);
                rotate(d, i);
                return new_none();
            }
            rotate(d, -1);
        }
        raise(types.ValueError, "deque.remove(x): x not in deque");
    }
    std::uint64_t state = d->state;
    std::int64_t i = 0;
    for (; i < n; ++i) {
        Ref<> item = share(d->items[static_cast<std::size_t>(i)]);
        bool found = equal(item.get(), args[0]);
        if (state != d->state) raise(types.IndexError, "deque mutated during iteration");
        if (found) break;
    }
    if (i == n) raisef(types.ValueError, "{} is not in deque", repr_string(args[0]));
    del_item(d, i);
    return new_none();
}

Ref<> d_insert(Object* self, Args args, void*) {
    check_nargs(method("insert"), args, 2, 2);
    DequeObject* d = as_deque(self);
    std::int64_t index = as_index(args[0]), n = d->size();
    if (d->maxlen == n) raise(types.IndexError, "deque already at its maximum size");
    if (index >= n) {
        append(d, args[1]);
    } else if (index <= -n || index == 0) {
        appendleft(d, args[1]);
    } else {
        rotate(d, -index);
        if (index < 0) append(d, args[1]);
        else appendleft(d, args[1]);
        rotate(d, index);
    }
    return new_none();
}

// An index in range, or IndexError (sq_item: a key without __index__ is
// no sequence index).
std::int64_t item_index(DequeObject* d, Object* key) {
    if (!key->type->tp.index) raisef(types.TypeError, "sequence index must be integer, not '{}'", type_name(key));
    std::int64_t i = as_index(key);
    if (i < 0) i += d->size();
    if (i < 0 || i >= d->size()) raise(types.IndexError, "deque index out of range");
    return i;
}

Ref<> deque_getitem(Object* self, Object* key) {
    DequeObject* d = as_deque(self);
    return share(d->items[static_cast<std::size_t>(item_index(d, key))]);
}

void deque_setitem(Object* self, Object* key, Object* value) {
    DequeObject* d = as_deque(self);
    std::int64_t i = item_index(d, key);
    if (!value) return del_item(d, i);
    set_ref(d->items[static_cast<std::size_t>(i)], share(value).release());
}

std::size_t deque_len(Object* self) { return as_deque(self)->items.size(); }
bool deque_truth(Object* self) { return !as_deque(self)->items.empty(); }

// deque_copy: an exact deque filled as extend() fills it (one item
// appended), anything else by calling its type.
Ref<> copy_of(DequeObject* d) {
    if (d->type == g_types.deque) {
        Ref<DequeObject> copy = new_deque();
        copy->maxlen = d->maxlen;
        if (d->size() == 1) append(copy.get(), d->items.front());
        else extend(copy.get(), d);
        return copy;
    }
    if (d->maxlen < 0) return call(d->type, {d});
    Ref<> maxlen = new_int(d->maxlen);
    return call(d->type, {d, maxlen.get()});
}

Ref<> d_copy(Object* self, Args args, void*) {
    check_nargs(method("copy"), args, 0, 0);
    return copy_of(as_deque(self));
}

Ref<> deque_repr(Object* self) {
    DequeObject* d = as_deque(self);
    ReprGuard guard(self);
    if (guard.recursive()) return new_str("[...]");
    Ref<ListObject> items = list_from_iterable(self);
    std::string text = self->type->name + "(" + repr_string(items.get());
    if (d->maxlen >= 0) text += ", maxlen=" + std::to_string(d->maxlen);
    return new_str(text + ")");
}

Ref<> deque_maxlen(Object* self) {
    std::int64_t maxlen = as_deque(self)->maxlen;
    return maxlen < 0 ? new_none() : new_int(maxlen);
}

// __iadd__, __add__, __imul__, __mul__.
Ref<> deque_number(Object* a, Object* b, bool add, bool inplace) {
    if (!is_instance_of(a, g_types.deque)) return share(consts.NotImplemented);
    DequeObject* d = as_deque(a);
    if (add) {
        if (inplace) {
            extend(d, b);
            return share(a);
        }
        if (!is_instance_of(b, g_types.deque))
            raisef(types.TypeError, "can only concatenate deque (not \"{}\") to deque", type_name(b));
        Ref<> copy = copy_of(d);
        extend(as_deque(copy.get()), b);
        return copy;
    }
    if (!b->type->tp.index) return share(consts.NotImplemented);
    std::int64_t n = as_index(b);
    Ref<> target = inplace ? share(a) : copy_of(d);
    DequeObject* t = as_deque(target.get());
    std::int64_t size = t->size();
    if (size == 0 || n == 1) return target;
    if (n <= 0) {
        t->clear();
        return target;
    }
    if (size == 1) {
        if (t->maxlen >= 0 && n > t->maxlen) n = t->maxlen;
        ++t->state;
        for (std::int64_t i = 0; i < n - 1; ++i) t->items.push_back(share(t->items.front()).release());
        return target;
    }
    Ref<ListObject> seq = list_from_iterable(target.get());
    if (t->maxlen >= 0 && n * size > t->maxlen) n = (t->maxlen + size - 1) / size;
    for (std::int64_t i = 0; i < n - 1; ++i) extend(t, seq.get());
    return target;
}

Ref<> deque_add(Object* a, Object* b) { return deque_number(a, b, true, false); }
Ref<> deque_iadd(Object* a, Object* b) { return deque_number(a, b, true, true); }
Ref<> deque_mul(Object* a, Object* b) {
    if (!is_instance_of(a, g_types.deque)) std::swap(a, b);
    return deque_number(a, b, false, false);
}
Ref<> deque_imul(Object* a, Object* b) { return deque_number(a, b, false, true); }

// deque_richcompare: both deques, else NotImplemented; the lengths decide
// == and != first, then the first items that differ.
Ref<> deque_richcompare(Object* v, Object* w, CompareOp op) {
    if (!is_instance_of(v, g_types.deque) || !is_instance_of(w, g_types.deque)) return share(consts.NotImplemented);
    std::int64_t vs = as_deque(v)->size(), ws = as_deque(w)->size();
    if (op == CompareOp::Eq && (v == w || vs != ws)) return new_bool(v == w);
    if (op == CompareOp::Ne && (v == w || vs != ws)) return new_bool(v != w);
    Ref<> it1 = get_iter(v), it2 = get_iter(w);
    while (true) {
        Ref<> x = iter_next(it1.get());
        Ref<> y = iter_next(it2.get());
        if (!x || !y) {
            bool result = false;
            switch (op) {
            case CompareOp::Lt: result = bool(y); break;
            case CompareOp::Le: result = !x; break;
            case CompareOp::Eq: result = !x && !y; break;
            case CompareOp::Ne: result = x || y; break;
            case CompareOp::Gt: result = bool(x); break;
            case CompareOp::Ge: result = !y; break;
            }
            return new_bool(result);
        }
        if (!richcompare_bool(x.get(), y.get(), CompareOp::Eq)) return new_bool(richcompare_bool(x.get(), y.get(), op));
    }
}

// ---- the iterators ------------------------------------------------------------------------------

struct DequeIterObject : Object {
    DequeObject* deque = nullptr;  // counted
    std::int64_t index = 0;  // the next item's position in the deque (from the right: reversed)
    std::uint64_t state = 0;
    std::int64_t counter = 0;  // items left
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(deque);
    }
    void clear() {}
    void release() {
        Object* d = deque;
        deque = nullptr;
        xdecref(d);
    }
};

Ref<> iter_of(DequeObject* d, bool reversed) {
    Ref<DequeIterObject> it = make<DequeIterObject>(reversed ? g_types.deque_reverse_iterator : g_types.deque_iterator);
    it->deque = share(d).release();
    it->state = d->state;
    it->counter = d->size();
    it->index = 0;
    return it;
}

Ref<> deque_iter(Object* self) { return iter_of(as_deque(self), false); }

Ref<> d_reversed(Object* self, Args args, void*) {
    check_nargs(method("__reversed__"), args, 0, 0);
    return iter_of(as_deque(self), true);
}

Ref<> deque_iter_next(Object* self) {
    auto* it = static_cast<DequeIterObject*>(self);
    bool reversed = self->type == g_types.deque_reverse_iterator;
    if (reversed && it->counter == 0) return nullptr;
    if (it->deque->state != it->state) {
        it->counter = 0;
        raise(types.RuntimeError, "deque mutated during iteration");
    }
    if (it->counter == 0) return nullptr;
    std::size_t n = it->deque->items.size();
    std::size_t at = reversed ? n - 1 - static_cast<std::size_t>(it->index) : static_cast<std::size_t>(it->index);
    ++it->index;
    --it->counter;
    return share(it->deque->items[at]);
}

std::int64_t deque_iter_length_hint(Object* self) { return static_cast<DequeIterObject*>(self)->counter; }

Ref<> deque_iter_length_hint_method(Object* self, Args args, void*) {
    check_nargs(CallKey("_collections._deque_iterator", "__length_hint__"), args, 0, 0);
    return new_int(deque_iter_length_hint(self));
}

// __sizeof__'s blocks: the block the first item sits in to the last's.
std::int64_t deque_blocks_size(Object* self) {
    DequeObject* d = as_deque(self);
    std::int64_t blocks = (d->leftindex + d->size() + kBlockLen - 1) / kBlockLen;
    return blocks * (kBlockLen + 2) * rt().profile().sizes->pointer;  // the items and two links
}

}  // namespace

void make_deque_types() {
    TypeObject* t = new_native_type<DequeObject>(
        "collections", "deque", TF_GC | TF_BASETYPE | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST | TF_PACKED_CALL,
        &deque_blocks_size);
    g_types.deque = t;
    t->tp.new_ = &deque_new;
    t->tp.init = &deque_init;
    t->tp.repr = &deque_repr;
    t->tp.hash = &hash_not_implemented;
    t->tp.richcompare = &deque_richcompare;
    t->tp.iter = &deque_iter;
    t->tp.len = &deque_len;
    t->tp.truth = &deque_truth;
    t->tp.getitem = &deque_getitem;
    t->tp.setitem = &deque_setitem;
    t->tp.contains = &deque_contains;
    t->tp.number[number_slot(lang::BinaryOp::Add)] = &deque_add;
    t->tp.number[inplace_slot(lang::BinaryOp::Add)] = &deque_iadd;
    t->tp.number[number_slot(lang::BinaryOp::Multiply)] = &deque_mul;
    t->tp.sequence_repeat = true;
    t->tp.number[inplace_slot(lang::BinaryOp::Multiply)] = &deque_imul;
    add_method(t, "append", &d_append);
    add_method(t, "appendleft", &d_appendleft);
    add_method(t, "pop", &d_pop);
    add_method(t, "popleft", &d_popleft);
    add_method(t, "extend", &d_extend);
    add_method(t, "extendleft", &d_extendleft);
    add_method(t, "clear", &d_clear);
    add_method(t, "rotate", &d_rotate);
    add_method(t, "reverse", &d_reverse);
    add_method(t, "count", &d_count);
    add_method(t, "index", &d_index);
    add_method(t, "remove", &d_remove);
    add_method(t, "insert", &d_insert);
    add_method(t, "copy", &d_copy);
    add_method(t, "__copy__", &d_copy);
    add_method(t, "__reversed__", &d_reversed);
    add_getset(t, "maxlen", &deque_maxlen);
    // 3.12 names the iterators' module collections, as deque's.
    const char* module = behavior().iterators_in_collections ? "collections" : "_collections";
    for (const char* name : {"_deque_iterator", "_deque_reverse_iterator"}) {
        TypeObject* it = new_native_type<DequeIterObject>(module, name, TF_GC);
        it->tp.iter = [](Object* self) { return share(self); };
        it->tp.iternext = &deque_iter_next;
        it->tp.length_hint = &deque_iter_length_hint;
        it->tp.new_ = [](TypeObject* type, Args) -> Ref<> {
            unsupported("calling '" + type_repr_name(type) + "' (pickling's constructor)");
        };
        add_method(it, "__length_hint__", &deque_iter_length_hint_method);
        (std::string(name) == "_deque_iterator" ? g_types.deque_iterator : g_types.deque_reverse_iterator) = it;
    }
    for (TypeObject* type : {t, g_types.deque_iterator, g_types.deque_reverse_iterator}) {
        inherit_slots(type);
        add_slot_wrappers(type);
    }
}

}  // namespace vm::collections
