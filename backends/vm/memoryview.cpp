// memoryview over bytes and bytearray (one dimension of unsigned bytes, as
// CPython's Objects/memoryobject.c makes it for them): a view holds the
// managed buffer of the object it looks at, which its slices share. Both
// are containers the collector tracks. The rest of memoryview (formats,
// cast, writing into a bytearray) is not modeled: the names check stops a
// program that asks for it.
#include "api.hpp"

namespace vm {

void ManagedBufferObject::clear() {
    Object* o = obj;
    obj = nullptr;
    xdecref(o);
}

void MemoryViewObject::clear() {
    Object* b = mbuf;
    mbuf = nullptr;
    xdecref(b);
}

namespace {

MemoryViewObject* as_view(Object* o) { return static_cast<MemoryViewObject*>(o); }

void check_released(MemoryViewObject* v) {
    if (v->released) raise(types.ValueError, "operation forbidden on released memoryview object");
}

const std::string& viewed_bytes(MemoryViewObject* v) { return bytes_value(v->mbuf->obj); }

// mbuf_add_view: a new view of `mbuf`'s bytes [start, start + length).
Ref<> new_view(ManagedBufferObject* mbuf, std::size_t start, std::size_t length) {
    Ref<MemoryViewObject> v = make<MemoryViewObject>(types.memoryview);
    v->mbuf = share(mbuf).release();
    v->start = start;
    v->length = length;
    return v;
}

// memoryview(object): _PyManagedBuffer_FromObject, then a view of all of it.
Ref<> memoryview_new(TypeObject*, Args args) {
    Object* object = nullptr;
    parse_args("memoryview", args, {"object"}, 1, {&object});
    if (object->type == types.memoryview) {
        MemoryViewObject* from = as_view(object);
        check_released(from);
        return new_view(from->mbuf, from->start, from->length);
    }
    if (!is_bytes_like(object))
        raisef(types.TypeError, "memoryview: a bytes-like object is required, not '{}'", type_name(object));
    if (object->type == types.bytearray) unsupported("memoryview of a bytearray (its exports lock its size)");
    Ref<ManagedBufferObject> mbuf = make<ManagedBufferObject>(types.managed_buffer);
    mbuf->obj = share(object).release();
    return new_view(mbuf.get(), 0, bytes_value(object).size());
}

std::size_t view_len(Object* self) {
    check_released(as_view(self));
    return as_view(self)->length;
}

// memory_subscript: an index gives an int; a slice of step 1 a new view of
// the same buffer.
Ref<> view_getitem(Object* self, Object* key) {
    MemoryViewObject* v = as_view(self);
    check_released(v);
    auto n = static_cast<std::int64_t>(v->length);
    if (key->type == types.slice) {
        std::int64_t start, stop, step;
        slice_indices(static_cast<SliceObject*>(key), n, start, stop, step);
        if (step != 1) unsupported("a memoryview slice with a step");
        std::size_t length = stop > start ? static_cast<std::size_t>(stop - start) : 0;
        return new_view(v->mbuf, v->start + static_cast<std::size_t>(start), length);
    }
    std::int64_t i = sequence_index(key, n, "index");
    if (i < 0 || i >= n) raise(types.IndexError, "index out of bounds on dimension 1");
    return new_int(static_cast<unsigned char>(viewed_bytes(v)[v->start + static_cast<std::size_t>(i)]));
}

Ref<> m_tobytes(Object* self, Args args, void*) {
    check_nargs({"memoryview", "tobytes"}, args, 0, 0);
    return new_bytes(std::string(memoryview_bytes(self)));
}

Ref<> m_release(Object* self, Args args, void*) {
    check_nargs({"memoryview", "release"}, args, 0, 0);
    as_view(self)->released = true;
    return new_none();
}

Ref<> m_enter(Object* self, Args args, void*) {
    check_nargs({"memoryview", "__enter__"}, args, 0, 0);
    check_released(as_view(self));
    return share(self);
}

// __exit__ is METH_VARARGS: the with statement's three arguments come packed.
Ref<> m_exit(Object* self, Args args, void*) {
    Ref<TupleObject> packed = positional_tuple(args);
    as_view(self)->released = true;
    return new_none();
}

Ref<> get_obj(Object* self) {
    check_released(as_view(self));
    return share(as_view(self)->mbuf->obj);
}
Ref<> get_nbytes(Object* self) { return new_int(static_cast<std::int64_t>(view_len(self))); }
Ref<> get_readonly(Object* self) {
    check_released(as_view(self));
    return new_bool(true);
}
Ref<> get_itemsize(Object* self) {
    check_released(as_view(self));
    return new_int(1);
}
Ref<> get_format(Object* self) {
    check_released(as_view(self));
    return new_str("B");
}
Ref<> get_ndim(Object* self) {
    check_released(as_view(self));
    return new_int(1);
}

Ref<> view_repr(Object* self) {
    return new_str(fmt::format("<{}memory at {}>", as_view(self)->released ? "released " : "", address_of(self)));
}

}  // namespace

std::string_view memoryview_bytes(Object* view) {
    MemoryViewObject* v = as_view(view);
    check_released(v);
    return std::string_view(viewed_bytes(v)).substr(v->start, v->length);
}

void init_memoryview_types() {
    TypeObject* t = types.memoryview;
    t->tp.new_ = &memoryview_new;
    t->tp.len = &view_len;
    t->tp.getitem = &view_getitem;
    t->tp.repr = &view_repr;
    add_method(t, "tobytes", &m_tobytes);
    add_method(t, "release", &m_release);
    add_method(t, "__enter__", &m_enter);
    add_method(t, "__exit__", &m_exit);
    add_getset(t, "obj", &get_obj);
    add_getset(t, "nbytes", &get_nbytes);
    add_getset(t, "readonly", &get_readonly);
    add_getset(t, "itemsize", &get_itemsize);
    add_getset(t, "format", &get_format);
    add_getset(t, "ndim", &get_ndim);
}

}  // namespace vm
