// tuple, and the helpers tuple and list share (repr, comparison, indexing).
#include <algorithm>
#include <unordered_set>

#include "api.hpp"
#include "iterators.hpp"
#include "recursion.hpp"

namespace vm {

// tuple has no tp_clear: an immutable container cannot be the one that
// breaks a cycle.
void TupleObject::clear() {}

void TupleObject::release() {
    ItemArray old;
    old.swap(items);
    for (auto i = old.size(); i-- > 0;) xdecref(old[i]);
}

Ref<TupleObject> new_tuple(std::vector<Object*> items_owned) { return new_tuple_of(items_owned); }

Ref<TupleObject> new_tuple_of(std::span<Object* const> items_owned) {
    if (items_owned.empty() && consts.empty_tuple) return share(consts.empty_tuple);
    return make<TupleObject>(types.tuple, items_owned);
}

// Untracked, with gc.array_tuples_untracked (3.14.1+), unless an item's type
// is a GC type: a builtin class as an item makes the tuple tracked, though
// no collection tracks the class itself (its type, `type`, is a GC type).
Ref<TupleObject> tuple_from_array(std::span<Object* const> items_owned) {
    if (items_owned.empty() || !rt().profile().gc_array_tuples_untracked ||
        std::any_of(items_owned.begin(), items_owned.end(), [](Object* o) { return o->type->has(TF_GC); }))
        return new_tuple_of(items_owned);
    return make_untracked<TupleObject>(types.tuple, items_owned);
}

Ref<TupleObject> positional_tuple(Args args) {
    std::span<Object* const> items(args.items, args.nargs);
    for (Object* o : items) incref(o);
    return tuple_from_array(items);
}

Ref<TupleObject> tuple_of(std::initializer_list<Object*> items) {
    std::vector<Object*> v;
    for (Object* o : items) {
        incref(o);
        v.push_back(o);
    }
    return new_tuple(std::move(v));
}

Ref<TupleObject> none_tuple(std::size_t size) {
    std::vector<Object*> nones(size, consts.None);
    for (Object* n : nones) incref(n);
    return new_tuple(std::move(nones));
}

// ---- shared with list ---------------------------------------------------------------------------

// The containers whose reprs are under way (CPython's list of them, which
// it searches; a set here, so that a deep nesting is not quadratic).
static std::unordered_set<Object*> reprs_under_way;
static bool repr_state_made = false;

ReprGuard::ReprGuard(Object* o) {
    // CPython's first Py_ReprEnter makes the thread state's dict and, in it,
    // the list of the reprs under way: two containers that live on.
    if (!repr_state_made && rt().profile().repr_thread_state) {
        repr_state_made = true;
        rt().keep(new_dict().release());
        rt().keep(new_list().release());
    }
    object_ = o;
    recursive_ = !reprs_under_way.insert(o).second;
}

ReprGuard::~ReprGuard() {
    if (!recursive_) reprs_under_way.erase(object_);
}

std::string join_reprs(std::span<Object* const> items, std::string_view open, std::string_view close) {
    std::string out(open);
    // The items may change while their reprs run: keep each alive.
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        Ref<> item = share(items[i]);
        out += repr(item.get())->value;
    }
    out += close;
    return out;
}

Ref<> compare_sequences(std::span<Object* const> a, std::span<Object* const> b, CompareOp op) {
    std::size_t i = 0;
    for (; i < a.size() && i < b.size(); ++i) {
        Ref<> x = share(a[i]), y = share(b[i]);
        if (!equal(x.get(), y.get())) break;
    }
    if (i >= a.size() || i >= b.size()) {
        std::size_t na = a.size(), nb = b.size();
        switch (op) {
        case CompareOp::Lt: return new_bool(na < nb);
        case CompareOp::Le: return new_bool(na <= nb);
        case CompareOp::Eq: return new_bool(na == nb);
        case CompareOp::Ne: return new_bool(na != nb);
        case CompareOp::Gt: return new_bool(na > nb);
        case CompareOp::Ge: return new_bool(na >= nb);
        }
    }
    if (op == CompareOp::Eq) return new_bool(false);
    if (op == CompareOp::Ne) return new_bool(true);
    Ref<> x = share(a[i]), y = share(b[i]);
    return richcompare(x.get(), y.get(), op);
}

std::int64_t sequence_index(Object* key, std::int64_t length, const char* what) {
    if (!key->type->tp.index)
        raisef(types.TypeError, "{} indices must be integers or slices, not {}", what, type_name(key));
    std::int64_t i = as_index(key);
    return i < 0 ? i + length : i;
}

// ---- tuple's slots and methods ------------------------------------------------------------------

// Whether a built-in iterable's length hint is its exact size: a sized
// one's, and an iterator's that has __length_hint__ (a generator, map,
// filter, zip or enumerate has none).
static bool hints_exact_size(Object* v) {
    if (v->type->has(TF_HEAPTYPE)) return false;
    return v->type->tp.len || builtin_iterator_hints(v->type);
}

// PySequence_Tuple: a list's items are copied, another iterable's collected
// into the tuple itself, with no list between. To 3.13 the tuple is
// allocated before the iteration, of the length hint's size (10 when there
// is none), grown in place by 10 and a quarter when it fills, and cut back
// in place at the end: a tuple of a generator's 2 items is allocated as a
// 10-tuple, not taken from the 2-tuples' free list, and one of no items
// frees the 10-tuple. The tuple the model makes at the end is that one:
// it moves neither the count nor the free lists again.
Ref<TupleObject> sequence_tuple(Object* v) {
    std::vector<Object*> items;
    if (v->type == types.list) {
        const ItemArray& list_items = static_cast<ListObject*>(v)->items;
        for (Object* o : list_items) incref(o);
        return tuple_from_array(list_items);
    }
    Ref<> it = get_iter(v);
    std::optional<std::size_t> allocated;  // none: the exact size, allocated at the end
    if (rt().profile().tuple_asks_length_hint) {
        allocated = ask_length_hint(v);
        if (!allocated && !hints_exact_size(v)) allocated = 10;
    }
    if (allocated && *allocated) g_manager->on_runtime_allocate(Container::Tuple, *allocated);
    try {
        while (Ref<> x = iter_next(it.get())) {
            items.push_back(x.release());
            if (allocated && items.size() > *allocated) {
                std::size_t grown = *allocated + 10;
                grown += grown >> 2;
                // The empty tuple is shared: growing it allocates a new one.
                if (!*allocated) g_manager->on_runtime_allocate(Container::Tuple, grown);
                allocated = grown;
            }
        }
    } catch (...) {
        for (Object* o : items) decref(o);
        if (allocated && *allocated) g_manager->on_runtime_free(Container::Tuple, *allocated);
        throw;
    }
    if (!allocated) return new_tuple(std::move(items));
    if (items.empty()) {
        if (*allocated) g_manager->on_runtime_free(Container::Tuple, *allocated);
        return share(consts.empty_tuple);
    }
    g_manager->pause_counts(true);
    Ref<TupleObject> t = make<TupleObject>(types.tuple, std::move(items));
    g_manager->pause_counts(false);
    return t;
}

namespace {

TupleObject* as_tuple(Object* o) { return static_cast<TupleObject*>(o); }

Ref<> tuple_repr(Object* self) {
    auto& items = as_tuple(self)->items;
    if (items.empty()) return new_str("()");
    ReprGuard guard(self);
    if (guard.recursive()) return new_str("(...)");
    if (items.size() == 1) return new_str("(" + repr_string(items[0]) + ",)");
    return new_str(join_reprs(items, "(", ")"));
}

std::int64_t tuple_hash(Object* self) {
    // CPython counts no recursion here: a tuple nested deep enough overflows its stack.
    CRecursionGuard level(nullptr, CRecursionGuard::Charge::StackOnly);
    TupleHash h;
    for (Object* o : as_tuple(self)->items) h.add(hash(o));
    return h.finish(as_tuple(self)->items.size());
}

Ref<> tuple_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_tuple(a) || !is_tuple(b)) return share(consts.NotImplemented);
    return compare_sequences(as_tuple(a)->items, as_tuple(b)->items, op);
}

std::size_t tuple_len(Object* self) { return as_tuple(self)->size(); }

Ref<> tuple_getitem(Object* self, Object* key) {
    auto& items = as_tuple(self)->items;
    auto n = static_cast<std::int64_t>(items.size());
    if (key->type == types.slice) {
        std::int64_t start, stop, step;
        slice_indices(static_cast<SliceObject*>(key), n, start, stop, step);
        std::vector<Object*> out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
            incref(items[i]);
            out.push_back(items[i]);
        }
        return new_tuple(std::move(out));
    }
    std::int64_t i = sequence_index(key, n, "tuple");
    if (i < 0 || i >= n) raise(types.IndexError, "tuple index out of range");
    return share(items[i]);
}

bool tuple_contains(Object* self, Object* item) {
    for (Object* o : as_tuple(self)->items)
        if (equal(o, item)) return true;
    return false;
}

Ref<> tuple_iter(Object* self) { return make<SeqIterObject>(types.tuple_iterator, share(self).release(), 0); }

Ref<> tuple_add(Object* a, Object* b) {
    if (!is_tuple(a)) return share(consts.NotImplemented);
    if (!is_tuple(b))
        raise_message(types.TypeError, "concat", "can only concatenate {0} (not \"{2}\") to {0}", "tuple", type_name(a),
                      type_name(b));
    std::vector<Object*> out;
    for (Object* o : as_tuple(a)->items) out.push_back(share(o).release());
    for (Object* o : as_tuple(b)->items) out.push_back(share(o).release());
    return new_tuple(std::move(out));
}

Ref<> tuple_mul(Object* a, Object* b) {
    Object* t = is_tuple(a) ? a : b;
    Object* n = t == a ? b : a;
    if (!is_tuple(t) || !n->type->tp.index) return share(consts.NotImplemented);
    std::vector<Object*> out;
    for (std::int64_t k = as_index(n); k > 0; --k)
        for (Object* o : as_tuple(t)->items) out.push_back(share(o).release());
    return new_tuple(std::move(out));
}

Ref<> exact_tuple(Args args) {
    if (!args.nargs) return share<Object>(consts.empty_tuple);
    if (args[0]->type == types.tuple) return share(args[0]);
    return sequence_tuple(args[0]);
}

// tuple_subtype_new: the exact tuple first, then the class's instance
// (tracked, and never untracked by a collection) with its items, made
// while that tuple lives.
Ref<> tuple_new(TypeObject* type, Args args) {
    check_nargs("tuple", args, 0, 1);
    Ref<> exact = exact_tuple(args);
    if (type == types.tuple) return exact;
    Object* o = type->class_layout->sub->allocate(type);
    ItemArray& items = static_cast<TupleObject*>(o)->items;
    for (Object* item : as_tuple(exact.get())->items) items.push_back(share(item).release());
    allocate_block(o);
    g_manager->on_allocate(o, true);
    if (type->class_layout->has_dict) type->class_layout->instance_made();
    return Ref<>::take(o);
}

Ref<> m_count(Object* self, Args args, void*) {
    check_nargs("tuple.count", args, 1, 1);
    std::int64_t n = 0;
    for (Object* o : as_tuple(self)->items) n += equal(o, args[0]);
    return new_int(n);
}

Ref<> m_index(Object* self, Args args, void*) {
    check_nargs("tuple.index", args, 1, 1);
    auto& items = as_tuple(self)->items;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (equal(items[i], args[0])) return new_int(static_cast<std::int64_t>(i));
    raise(types.ValueError, "tuple.index(x): x not in tuple");
}

}  // namespace

void init_tuple_type() {
    TypeObject* t = types.tuple;
    t->tp.repr = &tuple_repr;
    t->tp.hash = &tuple_hash;
    t->tp.richcompare = &tuple_richcompare;
    t->tp.len = &tuple_len;
    t->tp.getitem = &tuple_getitem;
    t->tp.contains = &tuple_contains;
    t->tp.iter = &tuple_iter;
    t->tp.new_ = &tuple_new;
    t->tp.init = nullptr;
    t->tp.number[number_slot(lang::BinaryOp::Add)] = &tuple_add;
    t->tp.number[number_slot(lang::BinaryOp::Multiply)] = &tuple_mul;
    t->tp.sequence_repeat = true;
    add_method(t, "count", &m_count);
    add_method(t, "index", &m_index);
}

}  // namespace vm
