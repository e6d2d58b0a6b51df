// list. Every removal drops the removed items after the list is updated,
// last to first, as CPython's list_ass_slice and _list_clear do.
#include <algorithm>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

// Drops `items` last to first (they were removed from a list).
static void drop_reversed(std::span<Object* const> items) {
    for (auto i = items.size(); i-- > 0;) xdecref(items[i]);
}

void ListObject::clear() {
    ItemArray old;
    old.swap(items);
    drop_reversed(old);
}

// CPython's list_resize: the array stays while `newsize` items fill at
// least half of it; else it becomes the profile's over-allocation for them
// (a growth from the current size, or a shrink after the items went).
void list_resize(ListObject* l, std::size_t newsize) {
    std::size_t allocated = l->items.capacity();
    if (allocated >= newsize && newsize >= (allocated >> 1)) return;
    std::size_t slots = 0;
    if (newsize == 0) slots = 0;
    else if (!rt().profile().list_growth_rounded) slots = newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
    else {
        slots = (newsize + (newsize >> 3) + 6) & ~std::size_t{3};
        if (newsize > l->items.size() && newsize - l->items.size() > slots - newsize)
            slots = (newsize + 3) & ~std::size_t{3};
    }
    l->items.set_capacity(slots);
}

// list_preallocate_exact, for a list with no array.
static void list_preallocate(ListObject* l, std::size_t n) {
    l->items.set_capacity(rt().profile().list_preallocation_even ? (n + 1) & ~std::size_t{1} : n);
}

// After items were removed (list_ass_slice): none left frees the array.
static void list_shrunk(ListObject* l) {
    if (l->items.empty()) l->items.set_capacity(0);
    else list_resize(l, l->items.size());
}

// A new list whose array holds exactly `n` items (list_new_prealloc).
static Ref<ListObject> new_list_exact(std::size_t n) {
    auto l = make<ListObject>(types.list);
    l->items.set_capacity(n);
    return l;
}

Ref<ListObject> new_list(std::vector<Object*> items_owned) { return new_list_of(items_owned); }

Ref<ListObject> new_list_of(std::span<Object* const> items_owned) {
    auto l = make<ListObject>(types.list);
    l->items.assign(items_owned.begin(), items_owned.end());
    return l;
}

Ref<ListObject> list_of(std::span<Object* const> items) {
    for (Object* o : items) incref(o);
    auto l = make<ListObject>(types.list);
    l->items.assign(items.begin(), items.end());
    return l;
}

void list_append_owned(ListObject* l, Object* item) {
    if (l->items.size() == l->items.capacity()) list_resize(l, l->items.size() + 1);
    l->items.push_back(item);
}

void list_append(ListObject* l, Object* item) {
    incref(item);
    list_append_owned(l, item);
}

// A stable merge sort on `<`; the comparisons may raise or run any code, so
// it works on copies and never loses a reference.
void list_sort(ListObject* l, Object* key, bool reverse) {
    ItemArray items;
    items.swap(l->items);  // the list looks empty while it is sorted, as in CPython
    struct Item {
        Object* value;
        Ref<> key;
    };
    std::vector<Item> work;
    auto restore = [&] {
        bool modified = !l->items.empty();
        ItemArray during;
        during.swap(l->items);
        l->items = std::move(items);
        drop_reversed(during);
        return modified;
    };
    try {
        for (Object* o : items) work.push_back({o, key && key != consts.None ? call(key, {o}) : share(o)});
        auto less = [&](const Item& a, const Item& b) {
            return reverse ? richcompare_bool(b.key.get(), a.key.get(), CompareOp::Lt)
                           : richcompare_bool(a.key.get(), b.key.get(), CompareOp::Lt);
        };
        std::vector<Item> tmp(work.size());
        for (std::size_t width = 1; width < work.size(); width *= 2) {
            for (std::size_t lo = 0; lo < work.size(); lo += 2 * width) {
                std::size_t mid = std::min(lo + width, work.size()), hi = std::min(lo + 2 * width, work.size());
                std::size_t a = lo, b = mid, o = lo;
                while (a < mid && b < hi)
                    tmp[o++] = less(work[b], work[a]) ? std::move(work[b++]) : std::move(work[a++]);
                while (a < mid) tmp[o++] = std::move(work[a++]);
                while (b < hi) tmp[o++] = std::move(work[b++]);
            }
            std::swap(work, tmp);
        }
    } catch (const PyException&) {
        restore();
        throw;
    }
    for (std::size_t i = 0; i < work.size(); ++i) items[i] = work[i].value;
    work.clear();
    if (restore()) raise(types.ValueError, "list modified during sort");
}

// Room for `n` more items before an extend: a list with no array gets
// exactly n (3.10+), any other list_resize's room.
static void list_make_room(ListObject* l, std::size_t n) {
    if (l->items.capacity() == 0 && rt().profile().list_extend_preallocates) {
        if (n) list_preallocate(l, n);
    } else {
        list_resize(l, l->items.size() + n);
    }
}

// An exact set, frozenset, dict or dict view: 3.13's list_extend makes room
// for its size by list_resize, over-allocating, and keeps what is left over.
static bool is_exact_set_or_dict(Object* o) {
    TypeObject* t = o->type;
    return t == types.set || t == types.frozenset || t == types.dict || t == types.dict_keys ||
           t == types.dict_values || t == types.dict_items;
}

// CPython's list_extend: a list or tuple is copied (a copy of the items, since it
// may be `l` itself), any other iterable consumed item by item, with no
// temporary list for the count to see, once its length hint is asked (after
// its iterator is taken; PyPy asks first): room is made for the hint (8
// without one), and what is left over trimmed by list_resize.
void list_extend(ListObject* l, Object* iterable) {
    if (is_list(iterable) || is_tuple(iterable)) {
        std::vector<Object*> src = is_list(iterable) ? static_cast<ListObject*>(iterable)->items.to_vector()
                                                     : static_cast<TupleObject*>(iterable)->items.to_vector();
        if (src.empty()) return;
        list_make_room(l, src.size());
        for (Object* o : src) list_append(l, o);
        return;
    }
    if (rt().profile().list_extend_resizes_for_sets_and_dicts && is_exact_set_or_dict(iterable)) {
        list_resize(l, l->items.size() + length(iterable));  // list_extend_set, list_extend_dict
        Ref<> it = get_iter(iterable);
        while (Ref<> x = iter_next(it.get())) list_append_owned(l, x.release());
        return;
    }
    bool hint_first = rt().profile().list_length_hint_before_iter;
    std::optional<std::size_t> hint;
    if (hint_first) hint = ask_length_hint(iterable);
    Ref<> it = get_iter(iterable);
    if (!hint_first) hint = ask_length_hint(iterable);
    list_make_room(l, hint ? *hint : builtin_length_hint(iterable, 8));
    while (Ref<> x = iter_next(it.get())) list_append_owned(l, x.release());
    if (l->items.size() < l->items.capacity()) list_resize(l, l->items.size());
}

// list(x) on 3.8 and 3.9 first asks len(x) alone, to preallocate exactly
// (list_init; a TypeError means none), then extends, which asks again.
static void list_fill(ListObject* l, Object* iterable) {
    if (rt().profile().list_init_asks_len) {
        std::optional<std::size_t> n = ask_len(iterable);
        if (!n && !iterable->type->has(TF_HEAPTYPE) && iterable->type->tp.len) n = length(iterable);
        if (n && *n > 0 && l->items.capacity() == 0) list_preallocate(l, *n);
    }
    list_extend(l, iterable);
}

namespace {

ListObject* as_list(Object* o) { return static_cast<ListObject*>(o); }

Ref<> list_repr(Object* self) {
    auto& items = as_list(self)->items;
    if (items.empty()) return new_str("[]");
    ReprGuard guard(self);
    if (guard.recursive()) return new_str("[...]");
    return new_str(join_reprs(items, "[", "]"));
}

Ref<> list_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_list(a) || !is_list(b)) return share(consts.NotImplemented);
    std::vector<Object*> x = as_list(a)->items.to_vector(), y = as_list(b)->items.to_vector();
    for (Object* o : x) incref(o);
    for (Object* o : y) incref(o);
    struct Drop {
        std::vector<Object*>& v;
        ~Drop() {
            for (Object* o : v) decref(o);
        }
    } dx{x}, dy{y};
    return compare_sequences(x, y, op);
}

std::size_t list_len(Object* self) { return as_list(self)->size(); }

Ref<> list_getitem(Object* self, Object* key) {
    auto& items = as_list(self)->items;
    auto n = static_cast<std::int64_t>(items.size());
    if (key->type == types.slice) {
        std::int64_t start, stop, step;
        slice_indices(static_cast<SliceObject*>(key), n, start, stop, step);
        std::int64_t count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                                      : (start > stop ? (start - stop - step - 1) / -step : 0);
        auto out = new_list_exact(static_cast<std::size_t>(count));
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) list_append(out.get(), items[i]);
        return out;
    }
    std::int64_t i = sequence_index(key, n, "list");
    if (i < 0 || i >= n) raise(types.IndexError, "list index out of range");
    return share(items[i]);
}

// The positions a slice covers, in increasing order.
std::vector<std::int64_t> slice_positions(SliceObject* slice, std::int64_t n) {
    std::int64_t start, stop, step;
    slice_indices(slice, n, start, stop, step);
    std::vector<std::int64_t> pos;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) pos.push_back(i);
    if (step < 0) std::reverse(pos.begin(), pos.end());
    return pos;
}

void list_ass_slice(ListObject* l, SliceObject* slice, Object* value) {
    auto n = static_cast<std::int64_t>(l->items.size());
    std::int64_t start, stop, step;
    slice_indices(slice, n, start, stop, step);
    std::vector<Object*> recycle;
    if (step == 1) {
        if (stop < start) stop = start;
        ItemArray repl;
        if (value) {
            Ref<ListObject> v = list_from_iterable(value);
            repl.swap(v->items);
        }
        recycle.assign(l->items.begin() + start, l->items.begin() + stop);
        bool grows = repl.size() > recycle.size(), shrinks = repl.size() < recycle.size();
        if (grows) list_resize(l, l->items.size() - recycle.size() + repl.size());
        l->items.erase(l->items.begin() + start, l->items.begin() + stop);
        l->items.insert(l->items.begin() + start, repl.begin(), repl.end());
        if (shrinks) list_shrunk(l);
        drop_reversed(recycle);
        return;
    }
    std::vector<std::int64_t> pos = slice_positions(slice, n);
    if (!value) {
        for (auto it = pos.rbegin(); it != pos.rend(); ++it) {
            recycle.push_back(l->items[*it]);
            l->items.erase(l->items.begin() + *it);
        }
        if (!pos.empty()) list_shrunk(l);
        std::reverse(recycle.begin(), recycle.end());
        drop_reversed(recycle);
        return;
    }
    Ref<ListObject> v = list_from_iterable(value);
    if (v->items.size() != pos.size())
        raisef(types.ValueError, "attempt to assign sequence of size {} to extended slice of size {}", v->items.size(),
               pos.size());
    if (step < 0) std::reverse(v->items.begin(), v->items.end());
    for (std::size_t k = 0; k < pos.size(); ++k) {
        recycle.push_back(l->items[pos[k]]);
        l->items[pos[k]] = v->items[k];
        incref(v->items[k]);
    }
    drop_reversed(recycle);
}

void list_setitem(Object* self, Object* key, Object* value) {
    ListObject* l = as_list(self);
    if (key->type == types.slice) return list_ass_slice(l, static_cast<SliceObject*>(key), value);
    auto n = static_cast<std::int64_t>(l->items.size());
    std::int64_t i = sequence_index(key, n, "list");
    if (i < 0 || i >= n)
        raise(types.IndexError, value ? "list assignment index out of range" : "list index out of range");
    if (value) {
        incref(value);
        set_ref(l->items[i], value);
        return;
    }
    Object* old = l->items[i];
    l->items.erase(l->items.begin() + i);
    if (rt().profile().list_del_item_resizes) list_resize(l, l->items.size());
    else list_shrunk(l);
    decref(old);
}

bool list_contains(Object* self, Object* item) {
    auto& items = as_list(self)->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Ref<> o = share(items[i]);
        if (equal(o.get(), item)) return true;
    }
    return false;
}

Ref<> list_iter(Object* self) { return make<SeqIterObject>(types.list_iterator, share(self).release(), 0); }

Ref<> list_add(Object* a, Object* b) {
    if (!is_list(a)) return share(consts.NotImplemented);
    if (!is_list(b))
        raise_message(types.TypeError, "concat", "can only concatenate {0} (not \"{2}\") to {0}", "list", type_name(a),
                      type_name(b));
    auto out = new_list_exact(as_list(a)->size() + as_list(b)->size());
    for (Object* o : as_list(a)->items) list_append(out.get(), o);
    for (Object* o : as_list(b)->items) list_append(out.get(), o);
    return out;
}

Ref<> list_mul(Object* a, Object* b) {
    Object* l = is_list(a) ? a : b;
    Object* n = l == a ? b : a;
    if (!is_list(l) || !n->type->tp.index) return share(consts.NotImplemented);
    std::int64_t times = std::max<std::int64_t>(as_index(n), 0);
    auto out = new_list_exact(static_cast<std::size_t>(times) * as_list(l)->size());
    for (std::int64_t k = times; k > 0; --k)
        for (Object* o : as_list(l)->items) list_append(out.get(), o);
    return out;
}

// list_inplace_repeat: the list itself, emptied for n < 1, else resized
// once for all the copies.
Ref<> list_imul(Object* a, Object* b) {
    if (!is_list(a) || !b->type->tp.index) return share(consts.NotImplemented);
    ListObject* l = as_list(a);
    std::int64_t times = as_index(b);
    if (times < 1) {
        l->clear();
    } else if (times > 1 && !l->items.empty()) {
        std::vector<Object*> copy = l->items.to_vector();
        list_resize(l, copy.size() * static_cast<std::size_t>(times));
        for (std::int64_t k = times; k > 1; --k)
            for (Object* o : copy) list_append(l, o);
    }
    return share(a);
}

Ref<> list_iadd(Object* a, Object* b) {
    if (!is_list(a)) return share(consts.NotImplemented);
    list_extend(as_list(a), b);
    return share(a);
}

Ref<> list_new(TypeObject* type, Args args) {
    no_keywords("list", args);
    check_nargs("list", args, 0, 1);
    if (type != types.list) {
        Object* o = type->class_layout->sub->allocate(type);
        allocate_block(o);
        g_manager->on_allocate(o, true);
        return Ref<>::take(o);
    }
    return make_with_tp_alloc<ListObject>(types.list, true);
}

// The items are init's, as list___init__'s: `a.__init__(x)` refills `a`.
void list_init(Object* self, Args args) {
    no_keywords("list", args);
    check_nargs("list", args, 0, 1);
    as_list(self)->clear();
    if (args.nargs) list_fill(as_list(self), args[0]);
}

// ---- methods ------------------------------------------------------------------------------------

Ref<> m_append(Object* self, Args args, void*) {
    check_nargs("list.append", args, 1, 1);
    list_append(as_list(self), args[0]);
    return new_none();
}

Ref<> m_extend(Object* self, Args args, void*) {
    check_nargs("list.extend", args, 1, 1);
    list_extend(as_list(self), args[0]);
    return new_none();
}

Ref<> m_insert(Object* self, Args args, void*) {
    check_nargs("list.insert", args, 2, 2);
    list_insert(as_list(self), as_index(args[0]), args[1]);
    return new_none();
}

Ref<> m_pop(Object* self, Args args, void*) {
    check_nargs("list.pop", args, 0, 1);
    auto& items = as_list(self)->items;
    if (items.empty()) raise(types.IndexError, "pop from empty list");
    auto n = static_cast<std::int64_t>(items.size());
    std::int64_t i = args.nargs ? as_index(args[0]) : n - 1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(types.IndexError, "pop index out of range");
    Object* v = items[i];
    items.erase(items.begin() + i);
    // The last item goes by list_resize alone, which keeps an array of one
    // slot (to 3.11); any other by list_ass_slice.
    if (i == n - 1 && !rt().profile().list_pop_emptied_frees) list_resize(as_list(self), items.size());
    else list_shrunk(as_list(self));
    return Ref<>::take(v);
}

Ref<> m_remove(Object* self, Args args, void*) {
    check_nargs("list.remove", args, 1, 1);
    auto& items = as_list(self)->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Ref<> o = share(items[i]);
        if (equal(o.get(), args[0])) {
            if (i < items.size() && items[i] == o.get()) {
                items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
                list_shrunk(as_list(self));
                decref(o.get());
            }
            return new_none();
        }
    }
    raise(types.ValueError, "list.remove(x): x not in list");
}

Ref<> m_clear(Object* self, Args args, void*) {
    check_nargs("list.clear", args, 0, 0);
    as_list(self)->clear();
    return new_none();
}

Ref<> m_index(Object* self, Args args, void*) {
    check_nargs("list.index", args, 1, 3);
    auto& items = as_list(self)->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Ref<> o = share(items[i]);
        if (equal(o.get(), args[0])) return new_int(static_cast<std::int64_t>(i));
    }
    raisef(types.ValueError, "{} is not in list", repr_string(args[0]));
}

Ref<> m_count(Object* self, Args args, void*) {
    check_nargs("list.count", args, 1, 1);
    std::int64_t n = 0;
    auto& items = as_list(self)->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Ref<> o = share(items[i]);
        n += equal(o.get(), args[0]);
    }
    return new_int(n);
}

Ref<> m_sort(Object* self, Args args, void*) {
    if (args.nargs) raise_arity_error("list.sort", args.nargs);
    Object *key = nullptr, *reverse = nullptr;
    parse_args("list.sort", args, {"key", "reverse"}, 0, {&key, &reverse});
    list_sort(as_list(self), key, reverse && truthy(reverse));
    return new_none();
}

Ref<> m_reverse(Object* self, Args args, void*) {
    check_nargs("list.reverse", args, 0, 0);
    std::reverse(as_list(self)->items.begin(), as_list(self)->items.end());
    return new_none();
}

Ref<> m_copy(Object* self, Args args, void*) {
    check_nargs("list.copy", args, 0, 0);
    auto out = new_list_exact(as_list(self)->size());
    for (Object* o : as_list(self)->items) list_append(out.get(), o);
    return out;
}

Ref<> m_reversed(Object* self, Args, void*) {
    auto it = make<SeqIterObject>(types.list_reverseiterator, share(self).release(),
                                  static_cast<std::int64_t>(as_list(self)->size()) - 1);
    it->reverse = true;
    return it;
}

}  // namespace

void list_insert(ListObject* l, std::int64_t i, Object* item) {
    auto& items = l->items;
    auto n = static_cast<std::int64_t>(items.size());
    if (i < 0) i = std::max<std::int64_t>(0, i + n);
    i = std::min(i, n);
    incref(item);
    list_resize(l, items.size() + 1);
    items.insert(items.begin() + i, item);
}

void list_delete_slice(ListObject* l, std::size_t start, std::size_t stop) {
    std::vector<Object*> recycle(l->items.begin() + static_cast<std::ptrdiff_t>(start),
                                 l->items.begin() + static_cast<std::ptrdiff_t>(stop));
    l->items.erase(l->items.begin() + static_cast<std::ptrdiff_t>(start),
                   l->items.begin() + static_cast<std::ptrdiff_t>(stop));
    if (!recycle.empty()) list_shrunk(l);
    drop_reversed(recycle);
}

Ref<ListObject> list_from_iterable(Object* iterable) {
    auto l = new_list();
    list_extend(l.get(), iterable);
    return l;
}

void init_list_type() {
    TypeObject* t = types.list;
    t->tp.repr = &list_repr;
    t->tp.hash = &hash_not_implemented;
    t->tp.richcompare = &list_richcompare;
    t->tp.len = &list_len;
    t->tp.getitem = &list_getitem;
    t->tp.setitem = &list_setitem;
    t->tp.contains = &list_contains;
    t->tp.iter = &list_iter;
    t->tp.new_ = &list_new;
    t->tp.init = &list_init;
    t->tp.number[number_slot(lang::BinaryOp::Add)] = &list_add;
    t->tp.number[number_slot(lang::BinaryOp::Multiply)] = &list_mul;
    t->tp.sequence_repeat = true;
    t->tp.number[inplace_slot(lang::BinaryOp::Add)] = &list_iadd;
    t->tp.number[inplace_slot(lang::BinaryOp::Multiply)] = &list_imul;
    add_method(t, "append", &m_append);
    add_method(t, "extend", &m_extend);
    add_method(t, "insert", &m_insert);
    add_method(t, "pop", &m_pop);
    add_method(t, "remove", &m_remove);
    add_method(t, "clear", &m_clear);
    add_method(t, "index", &m_index);
    add_method(t, "count", &m_count);
    add_method(t, "sort", &m_sort);
    add_method(t, "reverse", &m_reverse);
    add_method(t, "copy", &m_copy);
    add_method(t, "__reversed__", &m_reversed);
}

}  // namespace vm
