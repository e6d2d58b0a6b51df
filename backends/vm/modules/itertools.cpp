// itertools, as CPython's Modules/itertoolsmodule.c: each iterator holds
// what CPython's holds, made in the same order (what an allocation counts
// for the collector), traversed and deallocated in its orders. None of
// them has a tp_clear but tee's: a collector breaks a cycle through them
// elsewhere. The iterators over other iterators are here; the combinatoric
// ones and tee in itertools_pools.cpp. Pickling (__reduce__, __setstate__)
// is not modeled: the profile's runtime names stop a program that asks for
// it.
#include "itertools.hpp"

#include "modules.hpp"

namespace vm::itertools {

ModuleTypes g_types;
bool g_heap_types = false;

CallKey type_key(TypeObject* builtin) {
    static std::string keys[64];
    static TypeObject* owners[64];
    for (std::size_t i = 0; i < 64; ++i) {
        if (owners[i] == builtin) return keys[i];
        if (!owners[i]) {
            owners[i] = builtin;
            keys[i] = "itertools." + builtin->name;
            return keys[i];
        }
    }
    return "itertools";
}

void no_keywords_for(TypeObject* type, TypeObject* builtin, Args args) {
    if (args.nkw() && type == builtin) raise_keyword_error(type_key(builtin), str_value(args.kwnames->items[0]));
}

TupleObject* writable_result(TupleObject*& result) {
    if (result->refcnt > 1) {
        std::vector<Object*> items(result->items.begin(), result->items.end());
        for (Object* o : items) incref(o);
        TupleObject* old = result;
        result = tuple_from_array(items).release();
        decref(old);
    }
    // The collector may have untracked it (its items all atoms).
    if (!(result->gc.bits & kGcTracked) && result->size()) g_manager->track(result);
    return result;
}

void set_item(TupleObject* result, std::size_t i, Object* item) {
    Object* old = result->items[i];
    result->items[i] = item;
    decref(old);
}

namespace {

bool reuse() { return rt().profile().reuse_result_tuples; }

void drop(Object*& field) {
    Object* o = field;
    field = nullptr;
    xdecref(o);
}

// An iterator that holds a function and an iterator (dropwhile, takewhile,
// filterfalse, starmap): traversed iterator first, freed function first.
struct FuncIterObject : Object {
    Object* func = nullptr;
    Object* it = nullptr;
    long flag = 0;  // dropwhile's start, takewhile's stop
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
        v(func);
    }
    void clear() {}
    void release() {
        drop(func);
        drop(it);
    }
};

FuncIterObject* as_func_iter(Object* o) { return static_cast<FuncIterObject*>(o); }

// clinic's __new__ of (function, iterable): positional only.
template <TypeObject* ModuleTypes::*Member> Ref<> func_iter_new(TypeObject* type, Args args) {
    TypeObject* builtin = g_types.*Member;
    no_keywords_for(type, builtin, args);
    if (args.nargs != 2) raise_arity_error(type_key(builtin), args.nargs);
    Ref<> it = get_iter(args[1]);
    Ref<FuncIterObject> lz = new_native_instance<FuncIterObject>(type, builtin, true);
    lz->func = share(args[0]).release();
    lz->it = it.release();
    return lz;
}

Ref<> dropwhile_next(Object* self) {
    FuncIterObject* lz = as_func_iter(self);
    while (true) {
        Ref<> item = iter_next(lz->it);
        if (!item || lz->flag == 1) return item;
        Ref<> good = call(lz->func, {item.get()});
        bool ok = truthy(good.get());
        good.reset();
        if (!ok) {
            lz->flag = 1;
            return item;
        }
    }
}

Ref<> takewhile_next(Object* self) {
    FuncIterObject* lz = as_func_iter(self);
    if (lz->flag == 1) return nullptr;
    Ref<> item = iter_next(lz->it);
    if (!item) return nullptr;
    Ref<> good = call(lz->func, {item.get()});
    bool ok = truthy(good.get());
    good.reset();
    if (ok) return item;
    lz->flag = 1;
    return nullptr;
}

Ref<> filterfalse_next(Object* self) {
    FuncIterObject* lz = as_func_iter(self);
    while (Ref<> item = iter_next(lz->it)) {
        bool ok;
        if (lz->func == consts.None || lz->func == types.bool_) {
            ok = truthy(item.get());
        } else {
            Ref<> good = call(lz->func, {item.get()});
            ok = truthy(good.get());
        }
        if (!ok) return item;
    }
    return nullptr;
}

Ref<> starmap_next(Object* self) {
    FuncIterObject* lz = as_func_iter(self);
    Ref<> args = iter_next(lz->it);
    if (!args) return nullptr;
    if (args->type != types.tuple) args = sequence_tuple(args.get());
    auto* tuple = static_cast<TupleObject*>(args.get());
    std::vector<Object*> argv(tuple->items.begin(), tuple->items.end());
    return call(lz->func, Args{argv.data(), argv.size(), nullptr, tuple});
}

// ---- accumulate ---------------------------------------------------------------------------------

struct AccumulateObject : Object {
    Object* total = nullptr;
    Object* it = nullptr;
    Object* binop = nullptr;
    Object* initial = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(binop);
        v(it);
        v(total);
        v(initial);
    }
    void clear() {}
    void release() {
        drop(binop);
        drop(total);
        drop(it);
        drop(initial);
    }
};

Ref<> accumulate_new(TypeObject* type, Args args) {
    Object *iterable = nullptr, *func = nullptr, *initial = nullptr;
    CallKey key = type_key(g_types.accumulate);
    if (args.nargs > 2) raise_arity_error(key, args.nargs);  // initial is a keyword only
    parse_args(key, args, {"iterable", "func", "initial"}, 1, {&iterable, &func, &initial});
    Ref<> it = get_iter(iterable);
    Ref<AccumulateObject> lz = new_native_instance<AccumulateObject>(type, g_types.accumulate, true);
    if (func && func != consts.None) lz->binop = share(func).release();
    lz->it = it.release();
    lz->initial = share(initial ? initial : consts.None).release();
    return lz;
}

Ref<> accumulate_next(Object* self) {
    auto* lz = static_cast<AccumulateObject*>(self);
    if (lz->initial != consts.None) {
        lz->total = lz->initial;
        lz->initial = share(consts.None).release();
        return share(lz->total);
    }
    Ref<> val = iter_next(lz->it);
    if (!val) return nullptr;
    if (!lz->total) {
        lz->total = share(val.get()).release();
        return val;
    }
    Ref<> total = lz->binop ? call(lz->binop, {lz->total, val.get()})
                            : binary_op(lz->total, val.get(), number_slot(lang::BinaryOp::Add));
    val.reset();
    set_ref(lz->total, share(total.get()).release());
    return total;
}

// ---- chain --------------------------------------------------------------------------------------

struct ChainObject : Object {
    Object* source = nullptr;  // the iterator of the iterables
    Object* active = nullptr;  // the iterator of the current one
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(source);
        v(active);
    }
    void clear() {}
    void release() {
        drop(active);
        drop(source);
    }
};

Ref<> chain_with(TypeObject* type, Ref<> source) {
    Ref<ChainObject> lz = new_native_instance<ChainObject>(type, g_types.chain, true);
    lz->source = source.release();
    return lz;
}

Ref<> chain_new(TypeObject* type, Args args) {
    no_keywords_for(type, g_types.chain, args);
    // The iterator of the call's argument tuple.
    Ref<TupleObject> packed = args.tuple ? share(args.tuple) : positional_tuple(args);
    return chain_with(type, get_iter(packed.get()));
}

Ref<> chain_from_iterable(Object* cls, Args args, void*) {
    check_nargs(CallKey("itertools.chain", "from_iterable"), args, 1, 1);
    return chain_with(static_cast<TypeObject*>(cls), get_iter(args[0]));
}

Ref<> chain_next(Object* self) {
    auto* lz = static_cast<ChainObject*>(self);
    while (lz->source) {
        if (!lz->active) {
            Ref<> iterable = iter_next(lz->source);
            if (!iterable) {
                drop(lz->source);
                return nullptr;
            }
            try {
                lz->active = get_iter(iterable.get()).release();
            } catch (const PyException&) {
                Ref<> exc = take_exception();
                drop(lz->source);
                reraise(std::move(exc));
            }
        }
        if (Ref<> item = iter_next(lz->active)) return item;
        drop(lz->active);
    }
    return nullptr;
}

// ---- compress -----------------------------------------------------------------------------------

struct CompressObject : Object {
    Object* data = nullptr;
    Object* selectors = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(data);
        v(selectors);
    }
    void clear() {}
    void release() {
        drop(data);
        drop(selectors);
    }
};

Ref<> compress_new(TypeObject* type, Args args) {
    Object *data = nullptr, *selectors = nullptr;
    parse_args(type_key(g_types.compress), args, {"data", "selectors"}, 2, {&data, &selectors});
    Ref<> d = get_iter(data);
    Ref<> s = get_iter(selectors);
    Ref<CompressObject> lz = new_native_instance<CompressObject>(type, g_types.compress, true);
    lz->data = d.release();
    lz->selectors = s.release();
    return lz;
}

Ref<> compress_next(Object* self) {
    auto* lz = static_cast<CompressObject*>(self);
    while (true) {
        Ref<> datum = iter_next(lz->data);
        if (!datum) return nullptr;
        Ref<> selector = iter_next(lz->selectors);
        if (!selector) return nullptr;
        bool ok = truthy(selector.get());
        selector.reset();
        if (ok) return datum;
    }
}

// ---- count --------------------------------------------------------------------------------------

// Fast mode while the count is an int below the largest and the step 1;
// else slow mode, in objects (long_cnt += long_step).
struct CountObject : Object {
    std::int64_t cnt = 0;
    bool slow = false;
    Object* long_cnt = nullptr;
    Object* long_step = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(long_cnt);
        v(long_step);
    }
    void clear() {}
    void release() {
        drop(long_cnt);
        drop(long_step);
    }
};

// PyNumber_Check: an int, a float, a complex, or what has __index__,
// __int__ or __float__.
bool is_number(Object* o) {
    if (is_int(o) || is_float(o) || o->type == types.complex || o->type->tp.index) return true;
    if (!o->type->has(TF_HEAPTYPE)) return false;
    return o->type->lookup("__int__") || o->type->lookup("__float__");
}

Ref<> count_new(TypeObject* type, Args args) {
    Object *start = nullptr, *step = nullptr;
    parse_args(type_key(g_types.count), args, {"start", "step"}, 0, {&start, &step});
    if ((start && !is_number(start)) || (step && !is_number(step))) raise(types.TypeError, "a number is required");
    // PyPy counts from the start object itself: count(True) yields True first.
    bool exact = !start || start->type == types.int_ || !rt().profile().itertools.count_keeps_int_subclass;
    bool fast = (!start || is_int(start)) && exact && (!step || is_int(step)) && (!step || int_value(step) == 1);
    Ref<CountObject> lz = new_native_instance<CountObject>(type, g_types.count, true);
    lz->long_step = share(step ? step : consts.small_ints[1 - kSmallIntMin]).release();
    if (fast) {
        lz->cnt = start ? int_value(start) : 0;
        if (lz->cnt == INT64_MAX) fast = false;
    }
    if (!fast) {
        lz->slow = true;
        lz->long_cnt = share(start ? start : consts.small_ints[-kSmallIntMin]).release();
    }
    return lz;
}

Ref<> count_next(Object* self) {
    auto* lz = static_cast<CountObject*>(self);
    if (!lz->slow) {
        if (lz->cnt != INT64_MAX) return new_int(lz->cnt++);
        lz->slow = true;
        lz->long_cnt = new_int(INT64_MAX).release();
    }
    // The current count's reference goes to the caller.
    Ref<> stepped = binary_op(lz->long_cnt, lz->long_step, number_slot(lang::BinaryOp::Add));
    Object* current = lz->long_cnt;
    lz->long_cnt = stepped.release();
    return Ref<>::take(current);
}

Ref<> count_repr(Object* self) {
    auto* lz = static_cast<CountObject*>(self);
    const std::string& name = self->type->name;
    if (!lz->slow) return new_str(fmt::format("{}({})", name, lz->cnt));
    if (is_int(lz->long_step) && int_value(lz->long_step) == 1)
        return new_str(fmt::format("{}({})", name, repr_string(lz->long_cnt)));
    return new_str(fmt::format("{}({}, {})", name, repr_string(lz->long_cnt), repr_string(lz->long_step)));
}

// ---- cycle --------------------------------------------------------------------------------------

struct CycleObject : Object {
    Object* it = nullptr;  // null once exhausted
    ListObject* saved = nullptr;
    std::size_t index = 0;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
        v(saved);
    }
    void clear() {}
    void release() {
        drop(it);
        Object* s = saved;
        saved = nullptr;
        xdecref(s);
    }
};

Ref<> cycle_new(TypeObject* type, Args args) {
    no_keywords_for(type, g_types.cycle, args);
    if (args.nargs != 1) raise_arity_error(type_key(g_types.cycle), args.nargs);
    Ref<> it = get_iter(args[0]);
    Ref<ListObject> saved = new_list();
    Ref<CycleObject> lz = new_native_instance<CycleObject>(type, g_types.cycle, true);
    lz->it = it.release();
    lz->saved = saved.release();
    return lz;
}

Ref<> cycle_next(Object* self) {
    auto* lz = static_cast<CycleObject*>(self);
    if (lz->it) {
        if (Ref<> item = iter_next(lz->it)) {
            list_append(lz->saved, item.get());
            return item;
        }
        drop(lz->it);
    }
    ItemArray& saved = lz->saved->items;
    if (saved.empty()) return nullptr;
    Ref<> item = share(saved[lz->index]);
    if (++lz->index >= saved.size()) lz->index = 0;
    return item;
}

// ---- groupby and its groups ---------------------------------------------------------------------

struct GroupbyObject : Object {
    Object* it = nullptr;
    Object* keyfunc = nullptr;
    Object* tgtkey = nullptr;
    Object* currkey = nullptr;
    Object* currvalue = nullptr;
    const Object* currgrouper = nullptr;  // borrowed: the group being iterated
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
        v(keyfunc);
        v(tgtkey);
        v(currkey);
        v(currvalue);
    }
    void clear() {}
    void release() {
        drop(it);
        drop(keyfunc);
        drop(tgtkey);
        drop(currkey);
        drop(currvalue);
    }
};

struct GrouperObject : Object {
    Object* parent = nullptr;
    Object* tgtkey = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(parent);
        v(tgtkey);
    }
    void clear() {}
    void release() {
        drop(parent);
        drop(tgtkey);
    }
};

Ref<> groupby_new(TypeObject* type, Args args) {
    Object *iterable = nullptr, *key = nullptr;
    parse_args(type_key(g_types.groupby), args, {"iterable", "key"}, 1, {&iterable, &key});
    // The object first, then the iterator.
    Ref<GroupbyObject> gbo = new_native_instance<GroupbyObject>(type, g_types.groupby, true);
    gbo->keyfunc = share(key ? key : consts.None).release();
    gbo->it = get_iter(iterable).release();
    return gbo;
}

// The next value and its key become the current ones.
bool groupby_step(GroupbyObject* gbo) {
    Ref<> value = iter_next(gbo->it);
    if (!value) return false;
    Ref<> key = gbo->keyfunc == consts.None ? value : call(gbo->keyfunc, {value.get()});
    Object* old_value = gbo->currvalue;
    gbo->currvalue = value.release();
    set_ref(gbo->currkey, key.release());
    xdecref(old_value);
    return true;
}

Ref<> groupby_next(Object* self) {
    auto* gbo = static_cast<GroupbyObject*>(self);
    gbo->currgrouper = nullptr;
    // Skip to the next group.
    while (true) {
        if (gbo->currkey) {
            if (!gbo->tgtkey) break;
            if (!richcompare_bool(gbo->tgtkey, gbo->currkey, CompareOp::Eq)) break;
        }
        if (!groupby_step(gbo)) return nullptr;
    }
    set_ref(gbo->tgtkey, share(gbo->currkey).release());
    Ref<GrouperObject> grouper = make<GrouperObject>(g_types.grouper);
    grouper->parent = share<Object>(gbo).release();
    grouper->tgtkey = share(gbo->tgtkey).release();
    gbo->currgrouper = grouper.get();
    return tuple_of({gbo->currkey, grouper.get()});
}

Ref<> grouper_next(Object* self) {
    auto* igo = static_cast<GrouperObject*>(self);
    auto* gbo = static_cast<GroupbyObject*>(igo->parent);
    if (gbo->currgrouper != igo) return nullptr;
    if (!gbo->currvalue && !groupby_step(gbo)) return nullptr;
    if (!richcompare_bool(igo->tgtkey, gbo->currkey, CompareOp::Eq)) return nullptr;
    Ref<> r = Ref<>::take(gbo->currvalue);
    gbo->currvalue = nullptr;
    drop(gbo->currkey);
    return r;
}

// ---- islice -------------------------------------------------------------------------------------

struct IsliceObject : Object {
    Object* it = nullptr;  // null once exhausted
    std::int64_t next = 0, stop = -1, step = 1, cnt = 0;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
    }
    void clear() {}
    void release() { drop(it); }
};

// PyNumber_AsSsize_t, or -1 for what is no index.
std::int64_t index_or_minus_one(Object* o) {
    if (!o->type->tp.index) return -1;
    return as_index(o);
}

Ref<> islice_new(TypeObject* type, Args args) {
    no_keywords_for(type, g_types.islice, args);
    if (args.nargs < 2 || args.nargs > 4) raise_arity_error(type_key(g_types.islice), args.nargs);
    std::int64_t start = 0, stop = -1, step = 1;
    const char* bad_stop = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (args.nargs == 2) {
        if (args[1] != consts.None) {
            stop = index_or_minus_one(args[1]);
            if (stop == -1) raise(types.ValueError, bad_stop);
        }
    } else {
        if (args[1] != consts.None) start = index_or_minus_one(args[1]);
        if (args[2] != consts.None) {
            stop = index_or_minus_one(args[2]);
            if (stop == -1) raise(types.ValueError, bad_stop);
        }
    }
    if (start < 0 || stop < -1)
        raise(types.ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    if (args.nargs == 4 && args[3] != consts.None) step = index_or_minus_one(args[3]);
    if (step < 1) raise(types.ValueError, "Step for islice() must be a positive integer or None.");
    Ref<> it = get_iter(args[0]);
    Ref<IsliceObject> lz = new_native_instance<IsliceObject>(type, g_types.islice, true);
    lz->it = it.release();
    lz->next = start;
    lz->stop = stop;
    lz->step = step;
    return lz;
}

Ref<> islice_next(Object* self) {
    auto* lz = static_cast<IsliceObject*>(self);
    if (!lz->it) return nullptr;
    while (lz->cnt < lz->next) {
        if (!iter_next(lz->it)) {
            drop(lz->it);
            return nullptr;
        }
        ++lz->cnt;
    }
    if (lz->stop != -1 && lz->cnt >= lz->stop) {
        drop(lz->it);
        return nullptr;
    }
    Ref<> item = iter_next(lz->it);
    if (!item) {
        drop(lz->it);
        return nullptr;
    }
    ++lz->cnt;
    std::int64_t old = lz->next;
    lz->next = static_cast<std::int64_t>(static_cast<std::uint64_t>(lz->next) + static_cast<std::uint64_t>(lz->step));
    if (lz->next < old || (lz->stop != -1 && lz->next > lz->stop)) lz->next = lz->stop;
    return item;
}

// ---- pairwise (3.10+), batched (3.12+) ----------------------------------------------------------

struct PairwiseObject : Object {
    Object* it = nullptr;
    Object* old = nullptr;
    TupleObject* result = nullptr;  // 3.13 keeps the tuple it refills
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
        v(old);
        v(result);
    }
    void clear() {}
    void release() {
        drop(it);
        drop(old);
        Object* r = result;
        result = nullptr;
        xdecref(r);
    }
};

Ref<> pairwise_new(TypeObject* type, Args args) {
    no_keywords_for(type, g_types.pairwise, args);
    if (args.nargs != 1) raise_arity_error(type_key(g_types.pairwise), args.nargs);
    Ref<> it = get_iter(args[0]);
    Ref<PairwiseObject> po = new_native_instance<PairwiseObject>(type, g_types.pairwise, true);
    po->it = it.release();
    if (rt().profile().itertools.pairwise_reuses_result && reuse()) {
        std::vector<Object*> nones{share(consts.None).release(), share(consts.None).release()};
        po->result = tuple_from_array(nones).release();
    }
    return po;
}

Ref<> pairwise_next(Object* self) {
    auto* po = static_cast<PairwiseObject*>(self);
    if (!po->it) return nullptr;
    if (!po->old) {
        po->old = iter_next(po->it).release();
        if (!po->old) {
            drop(po->it);
            return nullptr;
        }
    }
    Ref<> item = iter_next(po->it);
    if (!item) {
        drop(po->it);
        drop(po->old);
        return nullptr;
    }
    Ref<> pair;
    if (po->result && po->result->refcnt == 1) {
        set_item(po->result, 0, share(po->old).release());
        set_item(po->result, 1, share(item.get()).release());
        if (!(po->result->gc.bits & kGcTracked)) g_manager->track(po->result);
        pair = share<Object>(po->result);
    } else {
        std::vector<Object*> items{share(po->old).release(), share(item.get()).release()};
        pair = tuple_from_array(items);
    }
    set_ref(po->old, item.release());
    return pair;
}

struct BatchedObject : Object {
    Object* it = nullptr;
    std::int64_t n = 0;
    bool strict = false;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(it);
    }
    void clear() {}
    void release() { drop(it); }
};

Ref<> batched_new(TypeObject* type, Args args) {
    Object *iterable = nullptr, *n = nullptr, *strict = nullptr;
    CallKey key = type_key(g_types.batched);
    if (rt().profile().itertools.batched_strict) {
        if (args.nargs > 2) raise_arity_error(key, args.nargs);
        parse_args(key, args, {"iterable", "n", "strict"}, 2, {&iterable, &n, &strict});
    } else {
        parse_args(key, args, {"iterable", "n"}, 2, {&iterable, &n});
    }
    std::int64_t size = as_index(n);
    if (size < 1) raise(types.ValueError, "n must be at least one");
    Ref<> it = get_iter(iterable);
    Ref<BatchedObject> bo = new_native_instance<BatchedObject>(type, g_types.batched, true);
    bo->it = it.release();
    bo->n = size;
    bo->strict = strict && truthy(strict);
    return bo;
}

// A tuple of n made first and filled, shrunk in place when the input ends
// short (_PyTuple_Resize: no new allocation for the collector).
Ref<> batched_next(Object* self) {
    auto* bo = static_cast<BatchedObject*>(self);
    if (!bo->it) return nullptr;
    Ref<TupleObject> result = none_tuple(static_cast<std::size_t>(bo->n));
    std::size_t filled = 0;
    for (; filled < result->size(); ++filled) {
        Ref<> item = iter_next(bo->it);
        if (!item) break;
        set_item(result.get(), filled, item.release());
    }
    if (filled == result->size()) return result;
    if (filled == 0) {
        drop(bo->it);
        return nullptr;
    }
    if (bo->strict) {
        drop(bo->it);
        raise(types.ValueError, "batched(): incomplete batch");
    }
    while (result->size() > filled) {
        Object* none = result->items.back();
        result->items.pop_back();
        decref(none);
    }
    return result;
}

// ---- repeat -------------------------------------------------------------------------------------

struct RepeatObject : Object {
    Object* element = nullptr;
    std::int64_t cnt = -1;  // -1: endless
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(element);
    }
    void clear() {}
    void release() { drop(element); }
};

Ref<> repeat_new(TypeObject* type, Args args) {
    Object *element = nullptr, *times = nullptr;
    parse_args(type_key(g_types.repeat), args, {"object", "times"}, 1, {&element, &times});
    std::int64_t cnt = -1;
    if (times) {
        cnt = as_index(times);
        if (cnt < 0) cnt = 0;
    }
    Ref<RepeatObject> ro = new_native_instance<RepeatObject>(type, g_types.repeat, true);
    ro->element = share(element).release();
    ro->cnt = cnt;
    return ro;
}

Ref<> repeat_next(Object* self) {
    auto* ro = static_cast<RepeatObject*>(self);
    if (ro->cnt == 0) return nullptr;
    if (ro->cnt > 0) --ro->cnt;
    return share(ro->element);
}

Ref<> repeat_repr(Object* self) {
    auto* ro = static_cast<RepeatObject*>(self);
    if (ro->cnt == -1) return new_str(fmt::format("{}({})", self->type->name, repr_string(ro->element)));
    return new_str(fmt::format("{}({}, {})", self->type->name, repr_string(ro->element), ro->cnt));
}

std::int64_t repeat_length_hint(Object* self) { return static_cast<RepeatObject*>(self)->cnt; }

Ref<> repeat_length_hint_method(Object* self, Args args, void*) {
    check_nargs(CallKey("itertools.repeat", "__length_hint__"), args, 0, 0);
    std::int64_t cnt = repeat_length_hint(self);
    if (cnt == -1) raise(types.TypeError, "len() of unsized object");
    return new_int(cnt);
}

// ---- zip_longest --------------------------------------------------------------------------------

struct ZipLongestObject : Object {
    std::size_t numactive = 0;
    TupleObject* ittuple = nullptr;  // an exhausted iterator's slot is null
    TupleObject* result = nullptr;
    Object* fillvalue = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        visit_type(this, v);
        v(ittuple);
        v(result);
        v(fillvalue);
    }
    void clear() {}
    void release() {
        Object* its = ittuple;
        ittuple = nullptr;
        xdecref(its);
        Object* r = result;
        result = nullptr;
        xdecref(r);
        drop(fillvalue);
    }
};

Ref<> zip_longest_new(TypeObject* type, Args args) {
    Object* fillvalue = consts.None;
    if (args.nkw()) {
        if (args.nkw() != 1) unsupported("zip_longest() with more than one keyword argument");
        if (str_value(args.kwnames->items[0]) != "fillvalue")
            raise_keyword_error(type_key(g_types.zip_longest), str_value(args.kwnames->items[0]));
        fillvalue = args[args.nargs];
    }
    // The tuple of iterators, the iterators, then the result of Nones.
    Ref<TupleObject> ittuple = none_tuple(args.nargs);
    for (std::size_t i = 0; i < args.nargs; ++i) set_item(ittuple.get(), i, get_iter(args[i]).release());
    Ref<TupleObject> result = none_tuple(args.nargs);
    Ref<ZipLongestObject> lz = new_native_instance<ZipLongestObject>(type, g_types.zip_longest, true);
    lz->numactive = args.nargs;
    lz->ittuple = ittuple.release();
    lz->result = result.release();
    lz->fillvalue = share(fillvalue).release();
    return lz;
}

Ref<> zip_longest_next(Object* self) {
    auto* lz = static_cast<ZipLongestObject*>(self);
    std::size_t size = lz->ittuple->size();
    if (size == 0 || lz->numactive == 0) return nullptr;
    bool in_place = lz->result->refcnt == 1 && reuse();
    Ref<TupleObject> result = in_place ? share(lz->result) : none_tuple(size);
    for (std::size_t i = 0; i < size; ++i) {
        Object* it = lz->ittuple->items[i];
        Ref<> item;
        if (it == consts.None) {
            item = share(lz->fillvalue);
        } else {
            try {
                item = iter_next(it);
            } catch (const PyException&) {
                lz->numactive = 0;
                throw;
            }
            if (!item) {
                if (--lz->numactive == 0) return nullptr;
                item = share(lz->fillvalue);
                set_item(lz->ittuple, i, share(consts.None).release());
            }
        }
        set_item(result.get(), i, item.release());
    }
    if (in_place && !(result->gc.bits & kGcTracked)) g_manager->track(result.get());
    return result;
}

}  // namespace

}  // namespace vm::itertools

namespace vm {

Ref<ModuleObject> make_itertools_module() {
    using namespace itertools;
    require_runtime_module("itertools");
    g_heap_types = rt().profile().itertools.heap_types;
    ModuleTypes& t = g_types;
    t.accumulate = make_type<AccumulateObject>("accumulate", true, &accumulate_new);
    t.accumulate->tp.iternext = &accumulate_next;
    t.batched = make_type<BatchedObject>("batched", true, &batched_new);
    t.batched->tp.iternext = &batched_next;
    t.chain = make_type<ChainObject>("chain", true, &chain_new);
    t.chain->tp.iternext = &chain_next;
    add_class_method(t.chain, "from_iterable", &chain_from_iterable);
    t.compress = make_type<CompressObject>("compress", true, &compress_new);
    t.compress->tp.iternext = &compress_next;
    t.count = make_type<CountObject>("count", true, &count_new);
    t.count->tp.iternext = &count_next;
    t.count->tp.repr = &count_repr;
    t.cycle = make_type<CycleObject>("cycle", true, &cycle_new);
    t.cycle->tp.iternext = &cycle_next;
    t.dropwhile = make_type<FuncIterObject>("dropwhile", true, &func_iter_new<&ModuleTypes::dropwhile>);
    t.dropwhile->tp.iternext = &dropwhile_next;
    t.filterfalse = make_type<FuncIterObject>("filterfalse", true, &func_iter_new<&ModuleTypes::filterfalse>);
    t.filterfalse->tp.iternext = &filterfalse_next;
    t.groupby = make_type<GroupbyObject>("groupby", true, &groupby_new);
    t.groupby->tp.iternext = &groupby_next;
    t.grouper = make_type<GrouperObject>("_grouper", false, nullptr);
    t.grouper->tp.iternext = &grouper_next;
    t.islice = make_type<IsliceObject>("islice", true, &islice_new);
    t.islice->tp.iternext = &islice_next;
    t.pairwise = make_type<PairwiseObject>("pairwise", true, &pairwise_new);
    t.pairwise->tp.iternext = &pairwise_next;
    t.repeat = make_type<RepeatObject>("repeat", true, &repeat_new);
    t.repeat->tp.iternext = &repeat_next;
    t.repeat->tp.repr = &repeat_repr;
    t.repeat->tp.length_hint = &repeat_length_hint;
    add_method(t.repeat, "__length_hint__", &repeat_length_hint_method);
    t.starmap = make_type<FuncIterObject>("starmap", true, &func_iter_new<&ModuleTypes::starmap>);
    t.starmap->tp.iternext = &starmap_next;
    t.takewhile = make_type<FuncIterObject>("takewhile", true, &func_iter_new<&ModuleTypes::takewhile>);
    t.takewhile->tp.iternext = &takewhile_next;
    t.zip_longest = make_type<ZipLongestObject>("zip_longest", true, &zip_longest_new);
    t.zip_longest->tp.iternext = &zip_longest_next;
    make_pool_types();

    NativeModule m("itertools");
    for (TypeObject* type :
         {t.accumulate, t.batched,     t.chain,     t.combinations, t.cwr,      t.compress,   t.count,        t.cycle,
          t.dropwhile,  t.filterfalse, t.groupby,   t.grouper,      t.islice,   t.pairwise,   t.permutations, t.product,
          t.repeat,     t.starmap,     t.takewhile, t.tee,          t.tee_data, t.zip_longest}) {
        if (type->tp.iternext) type->tp.iter = [](Object* self) { return share(self); };
        if (!type->tp.new_)
            type->tp.new_ = [](TypeObject* type, Args) -> Ref<> {
                unsupported("calling '" + type_repr_name(type) + "' (pickling's constructor)");
            };
        inherit_slots(type);
        add_slot_wrappers(type);
        m.add(type->name, type);
    }
    m.add_function("tee", &tee);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
