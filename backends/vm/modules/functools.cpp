// _functools, as CPython's Modules/_functoolsmodule.c: partial (its
// vectorcall when its function has one and it holds no keywords, else its
// tp_call, with the tuples and dicts each makes), reduce, cmp_to_key's
// KeyWrapper, and _lru_cache_wrapper (its cache dict of links, the key a
// call's own argument tuple where it can be). What a path allocates that
// the model does not make is reported as uncounted (gc.get_count() after
// it stops as unsupported).
#include "modules.hpp"
#include "native_type.hpp"

namespace vm {

namespace {

struct FunctoolsTypes {
    TypeObject *partial, *key_wrapper, *lru_cache_wrapper;
};
FunctoolsTypes g_types;

const Profile::Functools& behavior() { return rt().profile().functools; }

// The keyword marker of lru_cache's keys (an object(), made with the module).
Object* g_kwd_mark = nullptr;

void drop(Object*& field) {
    Object* o = field;
    field = nullptr;
    xdecref(o);
}

template <class T> void drop_as(T*& field) {
    T* o = field;
    field = nullptr;
    xdecref(o);
}

// A tuple of the call's positional arguments and a dict of its keywords (or
// null), as _PyObject_MakeTpCall packs them for a callable without
// vectorcall.
struct Packed {
    Ref<TupleObject> args;
    Ref<DictObject> kwargs;
    explicit Packed(Args given) {
        args = given.tuple ? share(given.tuple) : positional_tuple(given);
        if (!given.nkw()) return;
        kwargs = new_dict();
        for (std::size_t i = 0; i < given.nkw(); ++i)
            dict_set(kwargs.get(), given.kwnames->items[i], given[given.nargs + i]);
    }
};

bool has_vectorcall(Object* o);

// PyObject_Call(func, args, kwargs) as CPython makes it: a callable with
// vectorcall gets the tuple's items and, for keywords, a tuple of their
// names (_PyStack_UnpackDict makes one); one without gets the tuple itself.
Ref<> call_with(Object* func, TupleObject* args, DictObject* kwargs) {
    std::vector<Object*> stack(args->items.begin(), args->items.end());
    std::size_t nargs = stack.size();
    if (!kwargs || !dict_size(kwargs)) return call(func, Args{stack.data(), nargs, nullptr, args});
    if (!has_vectorcall(func))
        rt().manager().on_uncharged("a keyword dict passed on to a class or a callable without vectorcall");
    std::vector<Object*> names;
    dict_for_each(kwargs, [&](Object* k, Object* v) {
        names.push_back(share(k).release());
        stack.push_back(v);
    });
    Ref<TupleObject> kwnames = new_tuple(std::move(names));
    return call(func, Args{stack.data(), nargs, kwnames.get(), has_vectorcall(func) ? nullptr : args});
}

// ---- partial ------------------------------------------------------------------------------------

struct PartialObject : Object {
    Object* fn = nullptr;
    TupleObject* args = nullptr;
    DictObject* kw = nullptr;
    DictObject* dict = nullptr;  // __dict__, made when first set or read
    using Object::Object;
    void traverse(Visitor v) {
        if (behavior().heap_types) v(type);
        v(fn);
        v(args);
        v(kw);
        v(dict);
    }
    void clear() {
        drop(fn);
        drop_as(args);
        drop_as(kw);
        drop_as(dict);
    }
    void release() { clear(); }
};

PartialObject* as_partial(Object* o) { return static_cast<PartialObject*>(o); }

// partial_new, after _PyObject_MakeTpCall packed its arguments: the
// object, then the tuple of the arguments after the function (or the
// concatenation of those of a partial it wraps), then its keywords (the
// packed dict itself when nobody else holds it).
Ref<> partial_new(TypeObject* type, Args given) {
    Packed packed(given);
    if (packed.args->size() < 1) raise(types.TypeError, "type 'partial' takes at least one argument");
    Object* func = packed.args->items[0];
    TupleObject* inner_args = nullptr;
    DictObject* inner_kw = nullptr;
    if (func->type == g_types.partial && type == g_types.partial && !as_partial(func)->dict) {
        PartialObject* inner = as_partial(func);
        inner_args = inner->args;
        inner_kw = inner->kw;
        func = inner->fn;
    }
    if (!is_callable(func)) raise(types.TypeError, "the first argument must be callable");
    Ref<PartialObject> pto = new_native_instance<PartialObject>(type, g_types.partial, true);
    pto->fn = share(func).release();
    std::vector<Object*> rest(packed.args->items.begin() + 1, packed.args->items.end());
    if (inner_args) rest.insert(rest.begin(), inner_args->items.begin(), inner_args->items.end());
    for (Object* o : rest) incref(o);
    pto->args = new_tuple(std::move(rest)).release();
    if (!inner_kw || !dict_size(inner_kw)) {
        if (!packed.kwargs) pto->kw = new_dict().release();
        else if (packed.kwargs->refcnt == 1) pto->kw = share(packed.kwargs.get()).release();
        else pto->kw = dict_copy(packed.kwargs.get()).release();
    } else {
        pto->kw = dict_copy(inner_kw).release();
        if (packed.kwargs) dict_update(pto->kw, packed.kwargs.get());
    }
    return pto;
}

// Whether `o` has a vectorcall: a partial's is set at its creation, where
// its function has one (partial_setvectorcall).
bool has_vectorcall(Object* o) {
    if (o->type == g_types.partial) return has_vectorcall(as_partial(o)->fn);
    return !called_through_tp_call(o);
}

// Whether partial's vectorcall serves this call: its function has one and
// it holds no keywords (checked at each call: pto->kw may change). Else
// its tp_call, whose packing of the arguments partial_call makes itself.
bool partial_vectorcalls(PartialObject* pto) { return has_vectorcall(pto->fn) && !dict_size(pto->kw); }

Ref<> partial_call(Object* self, Args args) {
    PartialObject* pto = as_partial(self);
    if (partial_vectorcalls(pto)) {
        // The partial's arguments, then the call's, on one stack.
        std::vector<Object*> stack(pto->args->items.begin(), pto->args->items.end());
        std::size_t nargs = stack.size() + args.nargs;
        stack.insert(stack.end(), args.items, args.items + args.total());
        return call(pto->fn, Args{stack.data(), nargs, args.kwnames});
    }
    // tp_call: the packed arguments, the partial's keywords copied and the
    // call's merged in, the argument tuples concatenated.
    Packed packed(args);
    Ref<DictObject> kwargs;
    if (!dict_size(pto->kw)) {
        kwargs = packed.kwargs;
    } else {
        kwargs = dict_copy(pto->kw);
        if (packed.kwargs) dict_update(kwargs.get(), packed.kwargs.get());
    }
    Ref<TupleObject> all;
    if (!pto->args->size() && packed.args->type == types.tuple) {
        all = packed.args;
    } else if (!packed.args->size()) {
        all = share(pto->args);
    } else {
        std::vector<Object*> items(pto->args->items.begin(), pto->args->items.end());
        items.insert(items.end(), packed.args->items.begin(), packed.args->items.end());
        for (Object* o : items) incref(o);
        all = new_tuple(std::move(items));
    }
    return call_with(pto->fn, all.get(), kwargs.get());
}

// functools.partial(func, *args, **keywords), each by its repr.
Ref<> partial_repr(Object* self) {
    PartialObject* pto = as_partial(self);
    ReprGuard guard(self);
    if (guard.recursive()) return new_str("...");
    std::string text = repr_string(pto->fn);
    for (Object* a : pto->args->items) text += ", " + repr_string(a);
    dict_for_each(pto->kw, [&](Object* k, Object* v) { text += ", " + str_string(k) + "=" + repr_string(v); });
    const std::string& name = type_repr_name(self->type);
    return new_str(name + "(" + text + ")");
}

Ref<> partial_func(Object* self) { return share(as_partial(self)->fn); }
Ref<> partial_args(Object* self) { return share<Object>(as_partial(self)->args); }
Ref<> partial_keywords(Object* self) { return share<Object>(as_partial(self)->kw); }

DictObject** partial_dict(Object* self) { return &as_partial(self)->dict; }

// ---- reduce -------------------------------------------------------------------------------------

Ref<> f_reduce(Object*, Args args, void*) {
    check_nargs(CallKey("_functools", "reduce"), args, 2, 3);
    Object* func = args[0];
    Ref<> it;
    try {
        it = get_iter(args[1]);
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        if (!exception_is(exc.get(), types.TypeError)) reraise(std::move(exc));
        raise(types.TypeError, "reduce() arg 2 must support iteration");
    }
    Ref<> result = args.nargs == 3 ? share(args[2]) : nullptr;
    while (Ref<> item = iter_next(it.get())) {
        if (!result) result = std::move(item);
        else result = call(func, {result.get(), item.get()});
    }
    if (!result) raise_message(types.TypeError, "reduce_empty", "reduce() of empty iterable with no initial value");
    return result;
}

// ---- cmp_to_key ---------------------------------------------------------------------------------

struct KeyObject : Object {
    Object* cmp = nullptr;
    Object* object = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        if (behavior().heap_types) v(type);
        v(cmp);
        v(object);
    }
    void clear() {
        drop(cmp);
        drop(object);
    }
    void release() { clear(); }
};

Ref<KeyObject> new_key(Object* cmp, Object* object) {
    Ref<KeyObject> k = behavior().key_wrapper_gc ? make<KeyObject>(g_types.key_wrapper)
                                                 : make_untracked<KeyObject>(g_types.key_wrapper);
    k->cmp = share(cmp).release();
    if (object) k->object = share(object).release();
    return k;
}

Ref<> f_cmp_to_key(Object*, Args args, void*) {
    Object* cmp = nullptr;
    parse_args(CallKey("_functools", "cmp_to_key"), args, {"mycmp"}, 1, {&cmp});
    return new_key(cmp, nullptr);
}

Ref<> key_call(Object* self, Args args) {
    Object* object = nullptr;
    parse_args("functools.KeyWrapper", args, {"obj"}, 1, {&object});
    return new_key(static_cast<KeyObject*>(self)->cmp, object);
}

Ref<> key_richcompare(Object* a, Object* b, CompareOp op) {
    if (b->type != a->type) raise(types.TypeError, "other argument must be K instance");
    auto* x = static_cast<KeyObject*>(a);
    auto* y = static_cast<KeyObject*>(b);
    if (!x->object || !y->object) raise(types.AttributeError, "object");
    Ref<> res = call(x->cmp, {x->object, y->object});
    Ref<> zero = new_int(0);
    return richcompare(res.get(), zero.get(), op);
}

Ref<> key_obj(Object* self) {
    auto* k = static_cast<KeyObject*>(self);
    if (!k->object) raise(types.AttributeError, "obj");
    return share(k->object);
}

void key_set_obj(Object* self, Object* value) {
    auto* k = static_cast<KeyObject*>(self);
    if (!value) {
        if (!k->object) raise(types.AttributeError, "obj");
        drop(k->object);
        return;
    }
    set_ref(k->object, share(value).release());
}

// ---- _lru_cache_wrapper -------------------------------------------------------------------------

// A link of the cache: the dict's value for a key, in a list from the least
// to the most recently used (lru_list_elem: no GC object).
struct LinkObject : Object {
    LinkObject* prev = nullptr;  // borrowed, as the list's
    LinkObject* next = nullptr;
    std::int64_t hash = 0;
    Object* key = nullptr;
    Object* result = nullptr;
    using Object::Object;
    void traverse(Visitor) {}
    void clear() {}
    void release() {
        drop(key);
        drop(result);
    }
};
TypeObject* g_link_type = nullptr;

struct LruObject : Object {
    LinkObject root;  // the list's sentinel, inside the object as in CPython
    Object* func = nullptr;
    std::int64_t maxsize = 0;  // -1: unbounded
    bool typed = false;
    DictObject* cache = nullptr;
    std::int64_t hits = 0, misses = 0;
    Object* kwd_mark = nullptr;
    Object* cache_info_type = nullptr;
    DictObject* dict = nullptr;
    explicit LruObject(TypeObject* t) : Object(t), root(nullptr) { root.prev = root.next = &root; }
    void traverse(Visitor v) {
        if (behavior().heap_types) v(type);
        // The links' keys and results are held by the cache dict's values.
        for (LinkObject* link = root.next; link != &root; link = link->next) {
            v(link->key);
            v(link->result);
        }
        v(func);
        v(cache);
        v(kwd_mark);
        v(cache_info_type);
        v(dict);
    }
    void clear();
    void release() { clear(); }
};

LruObject* as_lru(Object* o) { return static_cast<LruObject*>(o); }

void extract_link(LinkObject* link) {
    link->prev->next = link->next;
    link->next->prev = link->prev;
}

void append_link(LruObject* lru, LinkObject* link) {
    LinkObject* last = lru->root.prev;
    last->next = link;
    link->prev = last;
    lru->root.prev = link;
    link->next = &lru->root;
}

// The links, unlinked from the root (lru_cache_unlink_list); each holds
// the list's reference.
std::vector<LinkObject*> unlink_list(LruObject* lru) {
    std::vector<LinkObject*> links;
    for (LinkObject* link = lru->root.next; link != &lru->root; link = link->next) links.push_back(link);
    lru->root.prev = lru->root.next = &lru->root;
    return links;
}

// lru_cache_tp_clear: the list unlinked, the cache dict and the others
// dropped, then the list's references to the links, oldest first.
void LruObject::clear() {
    std::vector<LinkObject*> links = unlink_list(this);
    drop_as(cache);
    drop(func);
    drop(kwd_mark);
    drop(cache_info_type);
    drop_as(dict);
    for (LinkObject* link : links) decref(link);
}

// lru_cache_make_key: no keywords and not typed, the call's argument tuple
// itself, or its one argument when that is an exact str or int; else a
// tuple of the arguments, the keyword marker and the keywords' pairs, and
// with typed the types of the arguments and of the keyword values.
Ref<> make_key(LruObject* lru, TupleObject* args, Args given) {
    std::size_t nkw = given.nkw();
    if (!lru->typed && !nkw) {
        if (args->size() == 1) {
            Object* only = args->items[0];
            if (only->type == types.str || only->type == types.int_) return share(only);
        }
        return share<Object>(args);
    }
    std::vector<Object*> items(args->items.begin(), args->items.end());
    if (nkw) {
        items.push_back(lru->kwd_mark);
        for (std::size_t i = 0; i < nkw; ++i) {
            items.push_back(given.kwnames->items[i]);
            items.push_back(given[given.nargs + i]);
        }
    }
    if (lru->typed) {
        for (Object* o : args->items) items.push_back(o->type);
        for (std::size_t i = 0; i < nkw; ++i) items.push_back(given[given.nargs + i]->type);
    }
    for (Object* o : items) incref(o);
    return new_tuple(std::move(items));
}

Ref<> lru_call(Object* self, Args given) {
    LruObject* lru = as_lru(self);
    Packed packed(given);
    if (lru->maxsize == 0) {
        ++lru->misses;
        return call_with(lru->func, packed.args.get(), packed.kwargs.get());
    }
    Ref<> key = make_key(lru, packed.args.get(), given);
    std::int64_t h = hash(key.get());
    if (lru->maxsize < 0) {
        if (Object* found = dict_get(lru->cache, key.get())) {
            ++lru->hits;
            return share(found);
        }
        ++lru->misses;
        Ref<> result = call_with(lru->func, packed.args.get(), packed.kwargs.get());
        dict_set(lru->cache, key.get(), result.get());
        return result;
    }
    if (Object* found = dict_get(lru->cache, key.get())) {
        auto* link = static_cast<LinkObject*>(found);
        extract_link(link);
        append_link(lru, link);
        ++lru->hits;
        return share(link->result);
    }
    ++lru->misses;
    Ref<> result = call_with(lru->func, packed.args.get(), packed.kwargs.get());
    if (dict_get(lru->cache, key.get())) return result;  // added during the call
    if (static_cast<std::int64_t>(dict_size(lru->cache)) < lru->maxsize || lru->root.next == &lru->root) {
        Ref<LinkObject> link = make<LinkObject>(g_link_type);
        link->hash = h;
        link->key = share(key.get()).release();
        link->result = share(result.get()).release();
        dict_set(lru->cache, key.get(), link.get());
        append_link(lru, link.release());  // the list's reference
        return result;
    }
    // Full: the oldest link takes the new key and result.
    LinkObject* link = lru->root.next;
    extract_link(link);
    Ref<> popped = dict_pop(lru->cache, link->key);
    if (!popped) {  // the call removed it: the link is an orphan
        decref(link);
        return result;
    }
    Ref<> old_key = Ref<>::take(link->key), old_result = Ref<>::take(link->result);
    link->hash = h;
    link->key = share(key.get()).release();
    link->result = share(result.get()).release();
    dict_set(lru->cache, key.get(), link);
    append_link(lru, link);
    popped.reset();
    old_key.reset();
    old_result.reset();
    return result;
}

Ref<> lru_new(TypeObject* type, Args args) {
    Object *func = nullptr, *maxsize_arg = nullptr, *typed = nullptr, *cache_info_type = nullptr;
    parse_args("functools._lru_cache_wrapper", args, {"user_function", "maxsize", "typed", "cache_info_type"}, 4,
               {&func, &maxsize_arg, &typed, &cache_info_type});
    if (!is_callable(func)) raise(types.TypeError, "the first argument must be callable");
    std::int64_t maxsize = -1;
    if (maxsize_arg != consts.None) {
        if (!is_int(maxsize_arg)) raise(types.TypeError, "maxsize should be integer or None");
        maxsize = std::max<std::int64_t>(int_value(maxsize_arg), 0);
    }
    Ref<DictObject> cache = new_dict();
    Ref<LruObject> lru = new_native_instance<LruObject>(type, g_types.lru_cache_wrapper, true);
    lru->cache = cache.release();
    lru->func = share(func).release();
    lru->maxsize = maxsize;
    lru->typed = truthy(typed);
    lru->kwd_mark = share(g_kwd_mark).release();
    lru->cache_info_type = share(cache_info_type).release();
    return lru;
}

Ref<> lru_cache_info(Object* self, Args args, void*) {
    check_nargs(CallKey("functools._lru_cache_wrapper", "cache_info"), args, 0, 0);
    LruObject* lru = as_lru(self);
    Ref<> hits = new_int(lru->hits), misses = new_int(lru->misses);
    Ref<> maxsize = lru->maxsize < 0 ? new_none() : new_int(lru->maxsize);
    Ref<> size = new_int(static_cast<std::int64_t>(dict_size(lru->cache)));
    return call(lru->cache_info_type, {hits.get(), misses.get(), maxsize.get(), size.get()});
}

Ref<> lru_cache_clear(Object* self, Args args, void*) {
    check_nargs(CallKey("functools._lru_cache_wrapper", "cache_clear"), args, 0, 0);
    LruObject* lru = as_lru(self);
    std::vector<LinkObject*> links = unlink_list(lru);
    lru->hits = lru->misses = 0;
    lru->cache->clear();
    for (LinkObject* link : links) decref(link);
    return new_none();
}

// A method of the instance it is looked up on (lru_cache_descr_get).
Ref<> lru_descr_get(Object* self, Object* obj, TypeObject*) {
    if (!obj || obj == consts.None) return share(self);
    return new_method(self, obj);
}

Ref<> lru_copy(Object* self, Args, void*) { return share(self); }

DictObject** lru_dict(Object* self) { return &as_lru(self)->dict; }

}  // namespace

Ref<ModuleObject> make_functools_module() {
    require_runtime_module("_functools");
    g_types.partial = new_native_type<PartialObject>("functools", "partial",
                                                     TF_GC | TF_BASETYPE | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST);
    TypeObject* p = g_types.partial;
    p->tp.new_ = &partial_new;
    p->tp.call = &partial_call;
    p->tp.repr = &partial_repr;
    p->dict_ptr = &partial_dict;
    add_getset(p, "func", &partial_func);
    add_getset(p, "args", &partial_args);
    add_getset(p, "keywords", &partial_keywords);
    add_getset(p, "__dict__", [](Object* self) -> Ref<> {
        DictObject*& d = *partial_dict(self);
        if (!d) d = new_dict().release();
        return share<Object>(d);
    });

    std::uint32_t key_flags = behavior().key_wrapper_gc ? std::uint32_t{TF_GC} : 0u;
    g_types.key_wrapper = new_native_type<KeyObject>("functools", "KeyWrapper", key_flags | TF_PACKED_CALL);
    TypeObject* k = g_types.key_wrapper;
    k->tp.call = &key_call;
    k->tp.richcompare = &key_richcompare;
    k->tp.hash = &hash_not_implemented;
    add_getset(k, "obj", &key_obj, &key_set_obj);

    g_link_type = new_native_type<LinkObject>("functools", "_lru_list_elem", 0);
    g_types.lru_cache_wrapper = new_native_type<LruObject>(
        "functools", "_lru_cache_wrapper", TF_GC | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST | TF_PACKED_CALL);
    TypeObject* l = g_types.lru_cache_wrapper;
    l->tp.new_ = &lru_new;
    l->tp.call = &lru_call;
    l->tp.descr_get = &lru_descr_get;
    l->dict_ptr = &lru_dict;
    add_method(l, "cache_info", &lru_cache_info);
    add_method(l, "cache_clear", &lru_cache_clear);
    add_method(l, "__copy__", &lru_copy);
    add_method(l, "__deepcopy__", &lru_copy);
    for (TypeObject* t : {p, k, g_link_type, l}) {
        inherit_slots(t);
        add_slot_wrappers(t);
    }

    g_kwd_mark = make<PlainObject>(types.object).release();
    rt().keep(g_kwd_mark);
    NativeModule m("_functools");
    m.add("partial", p);
    m.add("_lru_cache_wrapper", l);
    m.add_function("reduce", &f_reduce);
    m.add_function("cmp_to_key", &f_cmp_to_key);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
