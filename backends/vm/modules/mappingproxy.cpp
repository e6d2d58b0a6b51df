// mappingproxy (types.MappingProxyType): a read-only view of a mapping, as
// a class's __dict__ and re.Pattern.groupindex give one (PyDictProxy_New).
// Its methods ask the mapping; what it lacks here (|, reversed()) stops
// the program through the runtime's names.
#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

struct MappingProxyObject : Object {
    Object* mapping = nullptr;  // counted
    // The built-in type whose dict `mapping` is, which the model does not
    // hold whole: a name it holds is answered, a missing one or the whole
    // of it stops the program.
    TypeObject* partial_of = nullptr;
    using Object::Object;
    void traverse(Visitor v) { v(mapping); }
    void clear() {}  // mappingproxy has no tp_clear
    void release() {
        Object* m = mapping;
        mapping = nullptr;
        xdecref(m);
    }
};

struct ProxyType {
    std::uint64_t runtime = 0;  // the serial of the runtime it was made for
    TypeObject* type = nullptr;
} g_proxy;

MappingProxyObject* as_proxy(Object* self) { return static_cast<MappingProxyObject*>(self); }

[[noreturn]] void partial_unsupported(MappingProxyObject* proxy, std::string_view what) {
    unsupported(fmt::format("{} of the __dict__ of built-in type {}, which the model does not hold whole", what,
                            proxy->partial_of->name));
}

// The mapping, for what reads all of it.
Object* mapping_of(Object* self) {
    MappingProxyObject* proxy = as_proxy(self);
    if (proxy->partial_of) partial_unsupported(proxy, "the whole");
    return proxy->mapping;
}

// The value of `key` in a partial proxy's dict: only one the dict holds.
Object* partial_lookup(MappingProxyObject* proxy, Object* key) {
    Object* value = dict_get(static_cast<DictObject*>(proxy->mapping), key);
    if (!value) partial_unsupported(proxy, fmt::format("a name ({}) missing from the model's", repr_string(key)));
    return value;
}

Ref<> proxy_getitem(Object* self, Object* key) {
    if (as_proxy(self)->partial_of) return share(partial_lookup(as_proxy(self), key));
    return getitem(mapping_of(self), key);
}
bool proxy_contains(Object* self, Object* key) {
    if (as_proxy(self)->partial_of) return partial_lookup(as_proxy(self), key);
    return contains(mapping_of(self), key);
}
std::size_t proxy_len(Object* self) { return length(mapping_of(self)); }
Ref<> proxy_iter(Object* self) { return get_iter(mapping_of(self)); }
Ref<> proxy_str(Object* self) { return str(mapping_of(self)); }
Ref<> proxy_repr(Object* self) { return new_str(fmt::format("mappingproxy({})", repr_string(mapping_of(self)))); }
Ref<> proxy_richcompare(Object* a, Object* b, CompareOp op) { return richcompare(mapping_of(a), b, op); }
std::int64_t proxy_hash(Object* self) { return hash(mapping_of(self)); }

// keys(), values(), items(), copy() and get(): the mapping's own.
template <const char* kName> Ref<> forward(Object* self, Args args, void*) {
    no_keywords(CallKey("mappingproxy", kName), args);
    Ref<> method = getattr(mapping_of(self), kName);
    return call(method.get(), args);
}
constexpr char kKeys[] = "keys";
constexpr char kValues[] = "values";
constexpr char kItems[] = "items";
constexpr char kCopy[] = "copy";
constexpr char kGet[] = "get";

// get(): a partial proxy answers only a name its dict holds.
Ref<> proxy_get(Object* self, Args args, void* context) {
    if (as_proxy(self)->partial_of && args.nargs >= 1 && args.nkw() == 0)
        return share(partial_lookup(as_proxy(self), args[0]));
    return forward<kGet>(self, args, context);
}

TypeObject* proxy_type() {
    if (g_proxy.runtime != rt().serial()) {
        // The runtime's type, static in CPython: what making it allocates is not the program's.
        ManagerCountsPaused paused(rt().manager());
        TypeObject* t =
            new_builtin_type("mappingproxy", types.object, &LayoutOf<MappingProxyObject>::ops, TF_GC, "builtins");
        t->tp.getitem = &proxy_getitem;
        t->tp.contains = &proxy_contains;
        t->tp.len = &proxy_len;
        t->tp.iter = &proxy_iter;
        t->tp.str = &proxy_str;
        t->tp.repr = &proxy_repr;
        t->tp.richcompare = &proxy_richcompare;
        add_method(t, "keys", &forward<kKeys>);
        add_method(t, "values", &forward<kValues>);
        add_method(t, "items", &forward<kItems>);
        add_method(t, "copy", &forward<kCopy>);
        add_method(t, "get", &proxy_get);
        inherit_slots(t);
        // Hashed as its mapping from 3.12; before, unhashable as itself.
        t->tp.hash = rt().profile().version_info[1] >= 12 ? &proxy_hash : &hash_not_implemented;
        add_slot_wrappers(t);
        g_proxy = {rt().serial(), t};
    }
    return g_proxy.type;
}

}  // namespace

Ref<> new_mappingproxy(Object* mapping) {
    Ref<MappingProxyObject> proxy = make<MappingProxyObject>(proxy_type());
    proxy->mapping = share(mapping).release();
    return proxy;
}

// A built-in type's dict holds what the model lacks as well (types.py reads
// dict.__dict__['fromkeys']): its proxy answers only the names it holds.
Ref<> new_type_dict_proxy(TypeObject* type) {
    Ref<MappingProxyObject> proxy = make<MappingProxyObject>(proxy_type());
    proxy->mapping = share<Object>(type->dict).release();
    if (!type->has(TF_HEAPTYPE)) proxy->partial_of = type;
    return proxy;
}

}  // namespace vm
