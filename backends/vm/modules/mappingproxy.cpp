// mappingproxy (types.MappingProxyType): a read-only view of a mapping, as
// re.Pattern.groupindex gives one (PyDictProxy_New). Its methods ask the
// mapping; what it lacks here (|, reversed()) stops the program through
// the runtime's names.
#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

struct MappingProxyObject : Object {
    Object* mapping = nullptr;  // counted
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

Object* mapping_of(Object* self) { return static_cast<MappingProxyObject*>(self)->mapping; }

Ref<> proxy_getitem(Object* self, Object* key) { return getitem(mapping_of(self), key); }
bool proxy_contains(Object* self, Object* key) { return contains(mapping_of(self), key); }
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

}  // namespace

Ref<> new_mappingproxy(Object* mapping) {
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
        add_method(t, "get", &forward<kGet>);
        inherit_slots(t);
        // Hashed as its mapping from 3.12; before, unhashable as itself.
        t->tp.hash = rt().profile().version_info[1] >= 12 ? &proxy_hash : &hash_not_implemented;
        add_slot_wrappers(t);
        g_proxy = {rt().serial(), t};
    }
    Ref<MappingProxyObject> proxy = make<MappingProxyObject>(g_proxy.type);
    proxy->mapping = share(mapping).release();
    return proxy;
}

}  // namespace vm
