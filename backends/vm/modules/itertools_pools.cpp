// itertools' iterators over a tuple of their input (product, combinations,
// combinations_with_replacement, permutations), which hand out one result
// tuple refilled in place while nobody else holds it, and tee, whose
// iterators share linked blocks of 57 items (_tee_dataobject).
#include "itertools.hpp"

namespace vm::itertools {

namespace {

// PySequence_Tuple: an exact tuple itself, anything else's items copied.
Ref<TupleObject> pool_of(Object* iterable) {
    if (iterable->type == types.tuple) return share(static_cast<TupleObject*>(iterable));
    return sequence_tuple(iterable);
}

void drop_tuple(TupleObject*& field) {
    Object* o = field;
    field = nullptr;
    xdecref(o);
}

// The result to update in place: the kept one, tracked again if the
// collector untracked it; a copy where someone else holds it (or where
// the runtime makes a new tuple each time).
TupleObject* result_to_update(TupleObject*& result) {
    if (result->refcnt > 1 || !rt().profile().reuse_result_tuples) {
        std::vector<Object*> items(result->items.begin(), result->items.end());
        for (Object* o : items) incref(o);
        TupleObject* old = result;
        result = tuple_from_array(items).release();
        decref(old);
    } else if (!(result->gc.bits & kGcTracked) && result->size()) {
        g_manager->track(result);
    }
    return result;
}

// The first result: the pool's items at `indices` (PyTuple_New, filled).
TupleObject* first_result(TupleObject* pool, const std::vector<std::int64_t>& indices, std::size_t r) {
    std::vector<Object*> items;
    for (std::size_t i = 0; i < r; ++i) items.push_back(share(pool->items[indices[i]]).release());
    return new_tuple(std::move(items)).release();
}

// The state of combinations, combinations_with_replacement, permutations.
struct PoolObject : Object {
    TupleObject* pool = nullptr;
    std::vector<std::int64_t> indices;
    std::vector<std::int64_t> cycles;  // permutations'
    TupleObject* result = nullptr;
    std::size_t r = 0;
    bool stopped = false;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(pool);
        v(result);
    }
    void clear() {}
    void release() {
        drop_tuple(pool);
        drop_tuple(result);
    }
};

PoolObject* as_pool(Object* o) { return static_cast<PoolObject*>(o); }

// combinations(iterable, r) and combinations_with_replacement(iterable, r):
// r is converted before the pool is made, its sign checked after.
std::pair<Ref<TupleObject>, std::int64_t> pool_and_r(TypeObject* builtin, Args args) {
    Object *iterable = nullptr, *r_arg = nullptr;
    parse_args(type_key(builtin), args, {"iterable", "r"}, 2, {&iterable, &r_arg});
    std::int64_t r = as_index(r_arg);
    Ref<TupleObject> pool = pool_of(iterable);
    if (r < 0) raise(types.ValueError, "r must be non-negative");
    return {std::move(pool), r};
}

Ref<> combinations_new(TypeObject* type, Args args) {
    auto [pool, r] = pool_and_r(g_types.combinations, args);
    Ref<PoolObject> co = new_native_instance<PoolObject>(type, g_types.combinations, true);
    for (std::int64_t i = 0; i < r; ++i) co->indices.push_back(i);
    co->r = static_cast<std::size_t>(r);
    co->stopped = co->r > pool->size();
    co->pool = pool.release();
    return co;
}

Ref<> combinations_next(Object* self) {
    PoolObject* co = as_pool(self);
    if (co->stopped) return nullptr;
    auto n = static_cast<std::int64_t>(co->pool->size());
    auto r = static_cast<std::int64_t>(co->r);
    if (!co->result) {
        co->result = first_result(co->pool, co->indices, co->r);
        return share<Object>(co->result);
    }
    TupleObject* result = result_to_update(co->result);
    std::int64_t i = r - 1;
    while (i >= 0 && co->indices[i] == i + n - r) --i;
    if (i < 0) {
        co->stopped = true;
        return nullptr;
    }
    ++co->indices[i];
    for (std::int64_t j = i + 1; j < r; ++j) co->indices[j] = co->indices[j - 1] + 1;
    for (; i < r; ++i) set_item(result, i, share(co->pool->items[co->indices[i]]).release());
    return share<Object>(result);
}

Ref<> cwr_new(TypeObject* type, Args args) {
    auto [pool, r] = pool_and_r(g_types.cwr, args);
    Ref<PoolObject> co = new_native_instance<PoolObject>(type, g_types.cwr, true);
    co->indices.assign(static_cast<std::size_t>(r), 0);
    co->r = static_cast<std::size_t>(r);
    co->stopped = pool->size() == 0 && r;
    co->pool = pool.release();
    return co;
}

Ref<> cwr_next(Object* self) {
    PoolObject* co = as_pool(self);
    if (co->stopped) return nullptr;
    auto n = static_cast<std::int64_t>(co->pool->size());
    auto r = static_cast<std::int64_t>(co->r);
    if (!co->result) {
        co->result = first_result(co->pool, co->indices, n > 0 ? co->r : 0);
        return share<Object>(co->result);
    }
    TupleObject* result = result_to_update(co->result);
    std::int64_t i = r - 1;
    while (i >= 0 && co->indices[i] == n - 1) --i;
    if (i < 0) {
        co->stopped = true;
        return nullptr;
    }
    std::int64_t index = co->indices[i] + 1;
    for (; i < r; ++i) {
        co->indices[i] = index;
        set_item(result, i, share(co->pool->items[index]).release());
    }
    return share<Object>(result);
}

Ref<> permutations_new(TypeObject* type, Args args) {
    Object *iterable = nullptr, *r_arg = nullptr;
    parse_args(type_key(g_types.permutations), args, {"iterable", "r"}, 1, {&iterable, &r_arg});
    Ref<TupleObject> pool = pool_of(iterable);
    auto n = static_cast<std::int64_t>(pool->size());
    std::int64_t r = n;
    if (r_arg && r_arg != consts.None) {
        if (!is_int(r_arg)) raise(types.TypeError, "Expected int as r");
        r = int_value(r_arg);
    }
    if (r < 0) raise(types.ValueError, "r must be non-negative");
    Ref<PoolObject> po = new_native_instance<PoolObject>(type, g_types.permutations, true);
    for (std::int64_t i = 0; i < n; ++i) po->indices.push_back(i);
    for (std::int64_t i = 0; i < r; ++i) po->cycles.push_back(n - i);
    po->r = static_cast<std::size_t>(r);
    po->stopped = r > n;
    po->pool = pool.release();
    return po;
}

Ref<> permutations_next(Object* self) {
    PoolObject* po = as_pool(self);
    if (po->stopped) return nullptr;
    auto n = static_cast<std::int64_t>(po->pool->size());
    auto r = static_cast<std::int64_t>(po->r);
    if (!po->result) {
        po->result = first_result(po->pool, po->indices, po->r);
        return share<Object>(po->result);
    }
    if (n == 0) {
        po->stopped = true;
        return nullptr;
    }
    TupleObject* result = result_to_update(po->result);
    std::vector<std::int64_t>& indices = po->indices;
    std::int64_t i = r - 1;
    for (; i >= 0; --i) {
        if (--po->cycles[i] == 0) {
            // indices[i:] = indices[i+1:] + indices[i:i+1]
            std::int64_t index = indices[i];
            for (std::int64_t j = i; j < n - 1; ++j) indices[j] = indices[j + 1];
            indices[n - 1] = index;
            po->cycles[i] = n - i;
        } else {
            std::int64_t j = po->cycles[i];
            std::swap(indices[i], indices[n - j]);
            for (std::int64_t k = i; k < r; ++k) set_item(result, k, share(po->pool->items[indices[k]]).release());
            break;
        }
    }
    if (i < 0) {
        po->stopped = true;
        return nullptr;
    }
    return share<Object>(result);
}

// __sizeof__: the object and its index arrays.
std::int64_t pool_indices_size(Object* self) {
    PoolObject* p = as_pool(self);
    auto indices = static_cast<std::int64_t>(p->type == g_types.permutations ? p->indices.size() + p->r : p->r);
    return indices * rt().profile().sizes->pointer;  // Py_ssize_t
}

// ---- product ------------------------------------------------------------------------------------

struct ProductObject : Object {
    TupleObject* pools = nullptr;  // a tuple of tuples
    std::vector<std::int64_t> indices;
    TupleObject* result = nullptr;
    bool stopped = false;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(pools);
        v(result);
    }
    void clear() {}
    void release() {
        drop_tuple(pools);
        drop_tuple(result);
    }
};

Ref<> product_new(TypeObject* type, Args args) {
    std::int64_t repeat = 1;
    if (args.nkw()) {
        for (std::size_t k = 0; k < args.nkw(); ++k)
            if (str_value(args.kwnames->items[k]) != "repeat")
                raise_keyword_error(type_key(g_types.product), str_value(args.kwnames->items[k]));
        repeat = as_index(args[args.nargs]);
        if (repeat < 0) raise(types.ValueError, "repeat argument cannot be negative");
    }
    std::size_t nargs = repeat == 0 ? 0 : args.nargs;
    std::size_t npools = nargs * static_cast<std::size_t>(repeat);
    // The tuple of pools first, then each pool.
    Ref<TupleObject> pools = none_tuple(npools);
    for (std::size_t i = 0; i < nargs; ++i) set_item(pools.get(), i, pool_of(args[i]).release());
    for (std::size_t i = nargs; i < npools; ++i) set_item(pools.get(), i, share(pools->items[i - nargs]).release());
    Ref<ProductObject> lz = new_native_instance<ProductObject>(type, g_types.product, true);
    lz->indices.assign(npools, 0);
    lz->pools = pools.release();
    return lz;
}

Ref<> product_next(Object* self) {
    auto* lz = static_cast<ProductObject*>(self);
    if (lz->stopped) return nullptr;
    const ItemArray& pools = lz->pools->items;
    auto npools = static_cast<std::int64_t>(pools.size());
    if (!lz->result) {
        std::vector<Object*> items;
        for (Object* pool : pools) {
            const ItemArray& p = static_cast<TupleObject*>(pool)->items;
            if (p.empty()) {
                for (Object* o : items) decref(o);
                lz->stopped = true;
                return nullptr;
            }
            items.push_back(share(p[0]).release());
        }
        lz->result = new_tuple(std::move(items)).release();
        return share<Object>(lz->result);
    }
    TupleObject* result = result_to_update(lz->result);
    std::int64_t i = npools - 1;
    for (; i >= 0; --i) {
        const ItemArray& pool = static_cast<TupleObject*>(pools[i])->items;
        if (static_cast<std::size_t>(++lz->indices[i]) == pool.size()) {
            lz->indices[i] = 0;
            set_item(result, i, share(pool[0]).release());
        } else {
            set_item(result, i, share(pool[lz->indices[i]]).release());
            break;
        }
    }
    if (i < 0) {
        lz->stopped = true;
        return nullptr;
    }
    return share<Object>(result);
}

std::int64_t product_indices_size(Object* self) {
    return static_cast<std::int64_t>(static_cast<ProductObject*>(self)->pools->size()) * rt().profile().sizes->pointer;
}

// ---- tee ----------------------------------------------------------------------------------------

constexpr int kLinkCells = 57;

// A block of the items read from the shared iterator, linked to the next.
struct TeeDataObject : Object {
    Object* it = nullptr;
    int numread = 0;
    bool running = false;
    Object* nextlink = nullptr;
    Object* values[kLinkCells] = {};
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
        for (int i = 0; i < numread; ++i) v(values[i]);
        v(nextlink);
    }
    // teedataobject_clear; the links after it are freed one after another,
    // not recursively (teedataobject_safe_decref).
    void clear() {
        Object* i = it;
        it = nullptr;
        xdecref(i);
        for (int k = 0; k < numread; ++k) {
            Object* value = values[k];
            values[k] = nullptr;
            xdecref(value);
        }
        Object* next = nextlink;
        nextlink = nullptr;
        while (next && next->type == g_types.tee_data && next->refcnt == 1) {
            auto* link = static_cast<TeeDataObject*>(next);
            Object* after = link->nextlink;
            link->nextlink = nullptr;
            decref(next);
            next = after;
        }
        xdecref(next);
    }
    void release() { clear(); }
};

struct TeeObject : Object {
    TeeDataObject* dataobj = nullptr;
    int index = 0;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(dataobj);
    }
    void clear() {
        Object* d = dataobj;
        dataobj = nullptr;
        xdecref(d);
    }
    void release() { clear(); }
};

Ref<TeeDataObject> new_tee_data(Object* it) {
    Ref<TeeDataObject> tdo = make<TeeDataObject>(g_types.tee_data);
    tdo->it = share(it).release();
    return tdo;
}

Ref<> tee_copy(TeeObject* to) {
    Ref<TeeObject> copy = make<TeeObject>(g_types.tee);
    copy->dataobj = share(to->dataobj).release();
    copy->index = to->index;
    return copy;
}

Ref<> tee_copy_method(Object* self, Args args, void*) {
    check_nargs(CallKey("itertools._tee", "__copy__"), args, 0, 0);
    return tee_copy(static_cast<TeeObject*>(self));
}

// tee_fromiterable: a tee over the iterable's iterator (the tee object,
// then its first block), or a copy of it when it is a tee.
Ref<> tee_from_iterable(Object* iterable) {
    Ref<> it = get_iter(iterable);
    if (is_instance_of(it.get(), g_types.tee)) return tee_copy(static_cast<TeeObject*>(it.get()));
    Ref<TeeObject> to = make<TeeObject>(g_types.tee);
    to->dataobj = new_tee_data(it.get()).release();
    return to;
}

Ref<> tee_new(TypeObject*, Args args) {
    no_keywords_for(g_types.tee, g_types.tee, args);
    if (args.nargs != 1) raise_arity_error(type_key(g_types.tee), args.nargs);
    return tee_from_iterable(args[0]);
}

Ref<> tee_next(Object* self) {
    auto* to = static_cast<TeeObject*>(self);
    if (to->index >= kLinkCells) {
        TeeDataObject* data = to->dataobj;
        if (!data->nextlink) data->nextlink = new_tee_data(data->it).release();
        set_ref(to->dataobj, share(static_cast<TeeDataObject*>(data->nextlink)).release());
        to->index = 0;
    }
    TeeDataObject* data = to->dataobj;
    int i = to->index;
    if (i < data->numread) {
        ++to->index;
        return share(data->values[i]);
    }
    // The lead iterator reads the next item.
    if (data->running) raise(types.RuntimeError, "cannot re-enter the tee iterator");
    data->running = true;
    Ref<> value;
    try {
        value = iter_next(data->it);
    } catch (const PyException&) {
        data->running = false;
        throw;
    }
    data->running = false;
    if (!value) return nullptr;
    ++data->numread;
    data->values[i] = share(value.get()).release();
    ++to->index;
    return value;
}

}  // namespace

// tee(iterable, n=2): a tuple of n (made first), the first the iterator
// itself when it has __copy__, else a tee over it; the others its
// __copy__'s results, through one bound method.
Ref<> tee(Object*, Args args, void*) {
    check_nargs(CallKey("itertools", "tee"), args, 1, 2);
    std::int64_t n = args.nargs == 2 ? as_index(args[1]) : 2;
    if (n < 0) raise(types.ValueError, "n must be >= 0");
    Ref<TupleObject> result = none_tuple(static_cast<std::size_t>(n));
    if (n == 0) return result;
    Ref<> it = get_iter(args[0]);
    static StrObject* const copy_name = rt().intern("__copy__");
    Ref<> copy = lookup_attr(it.get(), copy_name);
    Ref<> copyable;
    if (copy) {
        copyable = std::move(it);
    } else {
        copyable = tee_from_iterable(it.get());
        it.reset();
        copy = getattr(copyable.get(), copy_name);
    }
    set_item(result.get(), 0, copyable.release());
    for (std::int64_t i = 1; i < n; ++i) set_item(result.get(), i, call(copy.get(), {}).release());
    return result;
}

void make_pool_types() {
    ModuleTypes& t = g_types;
    t.combinations = make_type<PoolObject>("combinations", true, &combinations_new);
    t.combinations->tp.iternext = &combinations_next;
    t.combinations->tp.sizeof_buffers = &pool_indices_size;
    t.cwr = make_type<PoolObject>("combinations_with_replacement", true, &cwr_new);
    t.cwr->tp.iternext = &cwr_next;
    t.cwr->tp.sizeof_buffers = &pool_indices_size;
    t.permutations = make_type<PoolObject>("permutations", true, &permutations_new);
    t.permutations->tp.iternext = &permutations_next;
    t.permutations->tp.sizeof_buffers = &pool_indices_size;
    t.product = make_type<ProductObject>("product", true, &product_new);
    t.product->tp.iternext = &product_next;
    t.product->tp.sizeof_buffers = &product_indices_size;
    t.tee = make_type<TeeObject>("_tee", false, &tee_new);
    t.tee->flags |= TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST;
    t.tee->tp.iternext = &tee_next;
    add_method(t.tee, "__copy__", &tee_copy_method);
    t.tee_data = make_type<TeeDataObject>("_tee_dataobject", false, nullptr);
}

}  // namespace vm::itertools
