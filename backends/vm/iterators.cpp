// Iterators, dict views, range, slice, and the iterator builtins
// (enumerate, zip, map, filter, reversed).
#include <algorithm>

#include "api.hpp"
#include "iterators.hpp"

namespace vm {

void SeqIterObject::clear() {
    Object* s = seq;
    seq = nullptr;
    xdecref(s);
}

void ResultTuple::make(std::size_t size) {
    if (rt().profile().reuse_result_tuples) tuple = none_tuple(size).release();
}

void ResultTuple::pack(std::size_t size) {
    if (!rt().profile().reuse_result_tuples) return;
    std::vector<Object*> nones(size, consts.None);
    for (Object* n : nones) incref(n);
    tuple = tuple_from_array(std::move(nones)).release();
}

Ref<> ResultTuple::next(std::vector<Object*> items) {
    if (!tuple || tuple->refcnt != 1) return new_tuple(std::move(items));
    for (std::size_t i = 0; i < items.size(); ++i) {
        Object* old = tuple->items[i];
        tuple->items[i] = items[i];
        decref(old);
    }
    // The collector may have untracked it (a tuple of atomic items).
    if (!(tuple->gc.bits & kGcTracked)) g_manager->track(tuple);
    return share<Object>(tuple);
}

void ResultTuple::clear() {
    TupleObject* t = tuple;
    tuple = nullptr;
    xdecref(t);
}

DictIterObject::DictIterObject(TypeObject* t, Object* c, HashTable* tbl, DictPart p)
    : Object(t), container(c), table(tbl), expected_used(tbl->used), part(p) {
    incref(c);
}

void DictIterObject::clear() {
    Object* c = container;
    container = nullptr;
    table = nullptr;
    xdecref(c);
    result.clear();
}

void DictViewObject::clear() {
    Object* d = dict;
    dict = nullptr;
    xdecref(d);
}

void CombinatorObject::clear() {
    std::vector<Object*> old;
    old.swap(iters);
    for (Object* o : old) decref(o);
    Object* f = func;
    func = nullptr;
    xdecref(f);
    TupleObject* its = iterators;
    iterators = nullptr;
    xdecref(its);
    result.clear();
}

std::int64_t RangeObject::length() const {
    if (step > 0 && start < stop) return (stop - start - 1) / step + 1;
    if (step < 0 && start > stop) return (start - stop - 1) / (-step) + 1;
    return 0;
}

void SliceObject::release() {
    Object *a = start, *b = stop, *c = step;
    start = stop = step = nullptr;
    xdecref(a);
    xdecref(b);
    xdecref(c);
}

void slice_indices(SliceObject* slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                   std::int64_t& step) {
    step = slice->step == consts.None ? 1 : as_index(slice->step);
    if (step == 0) raise(types.ValueError, "slice step cannot be zero");
    auto clip = [&](Object* o, std::int64_t dflt) {
        if (o == consts.None) return dflt;
        std::int64_t v = as_index(o);
        if (v < 0) {
            v += length;
            if (v < 0) v = step < 0 ? -1 : 0;
        } else if (v >= length) {
            v = step < 0 ? length - 1 : length;
        }
        return v;
    };
    start = clip(slice->start, step < 0 ? length - 1 : 0);
    stop = clip(slice->stop, step < 0 ? -1 : length);
}

namespace {

// ---- sequence iterators -------------------------------------------------------------------------

Ref<> self_iter(Object* self) { return share(self); }

Ref<> seq_iternext(Object* self) {
    auto* it = static_cast<SeqIterObject*>(self);
    if (!it->seq) return nullptr;
    Object* seq = it->seq;
    if (it->reverse) {
        if (it->index >= 0 && it->index < static_cast<std::int64_t>(static_cast<ListObject*>(seq)->size()))
            return share(static_cast<ListObject*>(seq)->items[it->index--]);
    } else if (is_list(seq)) {
        auto& items = static_cast<ListObject*>(seq)->items;
        if (it->index < static_cast<std::int64_t>(items.size())) return share(items[it->index++]);
    } else if (is_tuple(seq)) {
        auto& items = static_cast<TupleObject*>(seq)->items;
        if (it->index < static_cast<std::int64_t>(items.size())) return share(items[it->index++]);
    } else {
        auto* s = static_cast<StrObject*>(seq);
        if (it->index < static_cast<std::int64_t>(s->length)) {
            Ref<> key = new_int(it->index++);
            return getitem(seq, key.get());
        }
    }
    it->clear();
    return nullptr;
}

Ref<> range_iternext(Object* self) {
    auto* it = static_cast<RangeIterObject*>(self);
    if (it->remaining <= 0) return nullptr;
    --it->remaining;
    std::int64_t v = it->next;
    it->next += it->step;
    return new_int(v);
}

Ref<> dictiter_iternext(Object* self) {
    auto* it = static_cast<DictIterObject*>(self);
    if (!it->container) return nullptr;
    HashTable* t = it->table;
    if (t->used != it->expected_used) {
        it->expected_used = static_cast<std::size_t>(-1);  // stays broken, as CPython's di_used = -1
        raise(types.RuntimeError, it->container->type == types.dict || is_dict(it->container)
                                      ? "dictionary changed size during iteration"
                                      : "Set changed size during iteration");
    }
    while (it->pos < t->entries().size() && !t->entries()[it->pos].key) ++it->pos;
    if (it->pos >= t->entries().size()) {
        it->clear();
        return nullptr;
    }
    HashTable::Entry& e = t->entries()[it->pos++];
    switch (it->part) {
    case DictPart::Keys: return share(e.key);
    case DictPart::Values: return share(e.value);
    case DictPart::Items:
        incref(e.key);
        incref(e.value);
        return it->result.next({e.key, e.value});
    }
    return nullptr;
}

// ---- dict views ---------------------------------------------------------------------------------

DictViewObject* as_view(Object* o) { return static_cast<DictViewObject*>(o); }
std::size_t view_len(Object* self) { return dict_size(as_view(self)->dict); }

Ref<> view_iter(Object* self) {
    DictViewObject* v = as_view(self);
    TypeObject* t = v->part == DictPart::Keys     ? types.dict_keyiterator
                    : v->part == DictPart::Values ? types.dict_valueiterator
                                                  : types.dict_itemiterator;
    auto it = make<DictIterObject>(t, v->dict, &v->dict->table, v->part);
    if (v->part == DictPart::Items) it->result.pack(2);
    return it;
}

bool view_contains(Object* self, Object* item) {
    DictViewObject* v = as_view(self);
    if (v->part == DictPart::Keys) return dict_get(v->dict, item) != nullptr;
    if (v->part == DictPart::Items) {
        if (!is_tuple(item) || static_cast<TupleObject*>(item)->size() != 2) return false;
        Object* value = dict_get(v->dict, static_cast<TupleObject*>(item)->items[0]);
        return value && equal(value, static_cast<TupleObject*>(item)->items[1]);
    }
    Ref<> it = view_iter(self);
    while (Ref<> x = iter_next(it.get()))
        if (equal(x.get(), item)) return true;
    return false;
}

Ref<> view_repr(Object* self) {
    ReprGuard guard(self);
    if (guard.recursive()) return new_str("...");
    Ref<ListObject> items = list_from_iterable(self);
    return new_str(type_name(self) + "(" + repr_string(items.get()) + ")");
}

// ---- range and slice ----------------------------------------------------------------------------

RangeObject* as_range(Object* o) { return static_cast<RangeObject*>(o); }

Ref<> range_new(TypeObject*, Args args) {
    check_nargs("range", args, 1, 3);
    std::int64_t start = 0, stop, step = 1;
    if (args.nargs == 1) stop = as_index(args[0]);
    else {
        start = as_index(args[0]);
        stop = as_index(args[1]);
        if (args.nargs == 3) step = as_index(args[2]);
    }
    if (step == 0) raise(types.ValueError, "range() arg 3 must not be zero");
    return make<RangeObject>(types.range, start, stop, step);
}

Ref<> range_repr(Object* self) {
    RangeObject* r = as_range(self);
    if (r->step == 1) return new_str(fmt::format("range({}, {})", r->start, r->stop));
    return new_str(fmt::format("range({}, {}, {})", r->start, r->stop, r->step));
}

std::size_t range_len(Object* self) { return static_cast<std::size_t>(as_range(self)->length()); }

// range_hash: the hash of a tuple it makes, (length, start, step), with
// None for what the length makes irrelevant (a step of a single item, the
// start and step of none).
std::int64_t range_hash(Object* self) {
    RangeObject* r = as_range(self);
    std::int64_t n = r->length();
    Ref<> length = new_int(n), start = n ? new_int(r->start) : new_none(), step = n > 1 ? new_int(r->step) : new_none();
    return hash(tuple_of({length.get(), start.get(), step.get()}).get());
}

Ref<> range_iter(Object* self) {
    RangeObject* r = as_range(self);
    return make<RangeIterObject>(types.range_iterator, r->start, r->step, r->length());
}

Ref<> range_getitem(Object* self, Object* key) {
    RangeObject* r = as_range(self);
    if (key->type == types.slice) unsupported("slicing a range");
    std::int64_t i = sequence_index(key, r->length(), "range");
    if (i < 0 || i >= r->length()) raise(types.IndexError, "range object index out of range");
    return new_int(r->start + i * r->step);
}

bool range_contains(Object* self, Object* item) {
    RangeObject* r = as_range(self);
    if (!is_int(item)) {
        Ref<> it = range_iter(self);
        while (Ref<> x = iter_next(it.get()))
            if (equal(x.get(), item)) return true;
        return false;
    }
    if (static_cast<IntObject*>(item)->big) return false;  // beyond the bounds, which fit 64 bits
    std::int64_t v = int_value(item);
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return false;
    return (v - r->start) % r->step == 0;
}

Ref<> range_reversed(Object* self, Args, void*) {
    RangeObject* r = as_range(self);
    std::int64_t n = r->length();
    return make<RangeIterObject>(types.range_iterator, r->start + (n - 1) * r->step, -r->step, n);
}

Ref<> slice_new(TypeObject*, Args args) {
    check_nargs("slice", args, 1, 3);
    Object* none = consts.None;
    Object* a = args.nargs > 1 ? args[0] : none;
    Object* b = args.nargs > 1 ? args[1] : args[0];
    Object* c = args.nargs > 2 ? args[2] : none;
    return make<SliceObject>(types.slice, share(a).release(), share(b).release(), share(c).release());
}

Ref<> slice_repr(Object* self) {
    auto* s = static_cast<SliceObject*>(self);
    return new_str("slice(" + repr_string(s->start) + ", " + repr_string(s->stop) + ", " + repr_string(s->step) + ")");
}

// slicehash (3.12+): tuplehash's rounds over start, stop and step,
// without the length.
std::int64_t slice_hash(Object* self) {
    auto* s = static_cast<SliceObject*>(self);
    TupleHash h;
    for (Object* part : {s->start, s->stop, s->step}) h.add(hash(part));
    return h.finish_without_length();
}

// ---- enumerate, zip, map, filter, reversed ------------------------------------------------------

CombinatorObject* as_comb(Object* o) { return static_cast<CombinatorObject*>(o); }

Ref<> enumerate_new(TypeObject*, Args args) {
    Object *iterable = nullptr, *start = nullptr;
    parse_args("enumerate", args, {"iterable", "start"}, 1, {&iterable, &start});
    auto e = make<CombinatorObject>(types.enumerate);
    e->iters.push_back(get_iter(iterable).release());
    e->count = start ? as_index(start) : 0;
    e->result.pack(2);
    return e;
}

Ref<> enumerate_next(Object* self) {
    CombinatorObject* e = as_comb(self);
    Ref<> item = iter_next(e->iters[0]);
    if (!item) return nullptr;
    Ref<> index = new_int(e->count++);
    return e->result.next({index.release(), item.release()});
}

// The tuple of the iterators of args[first:] that zip and map keep
// (ittuple), made before them.
Ref<TupleObject> iterators_of(Args args, std::size_t first) {
    Ref<TupleObject> iterators = none_tuple(args.nargs - first);
    for (std::size_t i = first; i < args.nargs; ++i) {
        Object* none = iterators->items[i - first];
        iterators->items[i - first] = get_iter(args[i]).release();
        decref(none);
    }
    return iterators;
}

// zip_new's order: the tuple of the iterators, the iterators, the result
// tuple, then the zip object.
Ref<> zip_new(TypeObject*, Args args) {
    no_keywords("zip", args);
    Ref<TupleObject> iterators = iterators_of(args, 0);
    ResultTuple result;
    if (args.nargs) result.make(args.nargs);
    auto z = make<CombinatorObject>(types.zip);
    z->iterators = iterators.release();
    z->result = result;
    return z;
}

Ref<> zip_next(Object* self) {
    CombinatorObject* z = as_comb(self);
    if (!z->iterators || z->iterators->items.empty()) return nullptr;
    std::vector<Object*> items;
    for (Object* it : z->iterators->items) {
        Ref<> x = iter_next(it);
        if (!x) {
            for (Object* o : items) decref(o);
            return nullptr;
        }
        items.push_back(x.release());
    }
    return z->result.next(std::move(items));
}

Ref<> map_new(TypeObject*, Args args) {
    check_nargs("map", args, 2, SIZE_MAX);
    Ref<TupleObject> iterators = iterators_of(args, 1);
    auto m = make<CombinatorObject>(types.map);
    m->iterators = iterators.release();
    m->func = share(args[0]).release();
    return m;
}

Ref<> map_next(Object* self) {
    CombinatorObject* m = as_comb(self);
    std::vector<Ref<>> items;
    for (Object* it : m->iterators->items) {
        Ref<> x = iter_next(it);
        if (!x) return nullptr;
        items.push_back(std::move(x));
    }
    std::vector<Object*> argv;
    for (auto& r : items) argv.push_back(r.get());
    return call(m->func, Args{argv.data(), argv.size(), nullptr});
}

Ref<> filter_new(TypeObject*, Args args) {
    check_nargs("filter", args, 2, 2);
    auto f = make<CombinatorObject>(types.filter);
    f->func = share(args[0]).release();
    f->iters.push_back(get_iter(args[1]).release());
    return f;
}

Ref<> filter_next(Object* self) {
    CombinatorObject* f = as_comb(self);
    while (Ref<> x = iter_next(f->iters[0])) {
        bool keep = f->func == consts.None ? truthy(x.get()) : truthy(call(f->func, {x.get()}).get());
        if (keep) return x;
    }
    return nullptr;
}

Ref<> reversed_new(TypeObject*, Args args) {
    check_nargs("reversed", args, 1, 1);
    Object* seq = args[0];
    if (Ref<> rev = lookup_special(seq, rt().intern("__reversed__"))) return call(rev.get(), {});
    if (!seq->type->tp.getitem || !seq->type->tp.len)
        raisef(types.TypeError, "'{}' object is not reversible", type_name(seq));
    Ref<ListObject> items = new_list();  // no length hint: CPython's reversed asks len() once, below
    for (Ref<> all = get_iter(seq); Ref<> x = iter_next(all.get());) items->items.push_back(x.release());
    auto it = make<SeqIterObject>(types.reversed, items.release(), static_cast<std::int64_t>(length(seq)) - 1);
    it->reverse = true;
    return it;
}

}  // namespace

void init_iterator_types() {
    for (TypeObject* t :
         {types.list_iterator, types.list_reverseiterator, types.tuple_iterator, types.str_iterator, types.reversed}) {
        t->tp.iter = &self_iter;
        t->tp.iternext = &seq_iternext;
        t->tp.new_ = nullptr;
    }
    types.reversed->tp.new_ = &reversed_new;
    types.range_iterator->tp.iter = &self_iter;
    types.range_iterator->tp.iternext = &range_iternext;
    types.range_iterator->tp.new_ = nullptr;
    for (TypeObject* t : {types.dict_keyiterator, types.dict_valueiterator, types.dict_itemiterator}) {
        t->tp.iter = &self_iter;
        t->tp.iternext = &dictiter_iternext;
        t->tp.new_ = nullptr;
    }
    types.set_iterator->tp.iter = &self_iter;
    types.set_iterator->tp.iternext = &setiter_iternext;
    types.set_iterator->tp.new_ = nullptr;
    for (TypeObject* t : {types.dict_keys, types.dict_values, types.dict_items}) {
        t->tp.len = &view_len;
        t->tp.iter = &view_iter;
        t->tp.contains = &view_contains;
        t->tp.repr = &view_repr;
        t->tp.new_ = nullptr;
    }
    TypeObject* r = types.range;
    r->tp.new_ = &range_new;
    r->tp.init = nullptr;
    r->tp.repr = &range_repr;
    r->tp.hash = &range_hash;
    r->tp.len = &range_len;
    r->tp.iter = &range_iter;
    r->tp.getitem = &range_getitem;
    r->tp.contains = &range_contains;
    add_method(r, "__reversed__", &range_reversed);
    types.slice->tp.new_ = &slice_new;
    types.slice->tp.init = nullptr;
    types.slice->tp.repr = &slice_repr;
    types.slice->tp.hash = rt().profile().hashable_slices ? &slice_hash : &hash_not_implemented;

    struct {
        TypeObject* type;
        Ref<Object> (*new_)(TypeObject*, Args);
        Ref<Object> (*next)(Object*);
    } combinators[] = {{types.enumerate, &enumerate_new, &enumerate_next},
                       {types.zip, &zip_new, &zip_next},
                       {types.map, &map_new, &map_next},
                       {types.filter, &filter_new, &filter_next}};
    for (auto& c : combinators) {
        c.type->tp.new_ = c.new_;
        c.type->tp.init = nullptr;
        c.type->tp.iter = &self_iter;
        c.type->tp.iternext = c.next;
    }
}

}  // namespace vm
