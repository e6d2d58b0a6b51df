// The object header every Python value starts with, counted references
// (Ref), and the per-layout operations the memory managers need
// (traverse, clear, release, destroy). See README.md beside this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "object_memory.hpp"

namespace vm {

struct Object;
struct TypeObject;
struct WeakRefObject;

/*
** GC header: owned by the memory manager, except FINALIZED.
**
**   next, prev  links of the manager's intrusive object lists (header to
**               header; from_gc() gives the object); every object is on
**               exactly one of them from on_allocate() until the manager
**               frees it, so the heap can be enumerated
**   bits        bit 0      FINALIZED  the finalizer has run (PEP 442); the VM
**                                     sets it (run_finalizer), never clears it
**               bit 1      TRACKED    on a list the cycle collector scans
**                                     (CPython's "tracked"); the manager sets
**                                     and clears it in track()/untrack()
**               bits 2..6  reserved for the managers' marks (each manager
**                          names the ones it uses in its own header)
**               bit 7      WEAKLY_REFERENCED  the object has weakrefs, whose
**                                     list head is in weakref.cpp's table; the
**                                     VM sets and clears it (set_weaklist)
**               bits 8..63 a manager word (CPython's gc_refs)
*/
constexpr std::uintptr_t kGcFinalized = 1u << 0;
constexpr std::uintptr_t kGcTracked = 1u << 1;
constexpr std::uintptr_t kGcManagerBits = 0x7Cu;  // bits 2..6
constexpr std::uintptr_t kGcWeaklyReferenced = 1u << 7;
constexpr int kGcWordShift = 8;

struct GcHeader {
    GcHeader* next = nullptr;
    GcHeader* prev = nullptr;
    std::uintptr_t bits = 0;

    // The manager word (bits 8..63), never negative; the flags stay.
    std::intptr_t word() const { return static_cast<std::intptr_t>(bits >> kGcWordShift); }
    void set_word(std::intptr_t w) {
        bits = (bits & ((std::uintptr_t(1) << kGcWordShift) - 1)) | (static_cast<std::uintptr_t>(w) << kGcWordShift);
    }
};

// The header. A new object has refcount 1, owned by its creator.
struct Object {
    TypeObject* type;  // counted reference
    // 32 bits, so that `block` shares its word: 2^31 references to one
    // object would take 16 GiB of pointers.
    std::int32_t refcnt;
    // The modeled allocator's handle of this object's block (pymalloc.hpp);
    // 0: allocated before the allocator or outside make().
    std::uint32_t block = 0;
    GcHeader gc;

    // Inline, defined in type.hpp (where TypeObject is complete): every
    // object made runs it.
    inline explicit Object(TypeObject* t);
    Object(const Object&) = delete;

    // The memory of every layout (object_memory.hpp). A layout is deleted
    // as its own type (LayoutOf::destroy): the size freed is the size
    // allocated.
    static void* operator new(std::size_t size) { return allocate_memory(size); }
    static void operator delete(void* p, std::size_t size) { free_memory(p, size); }
    Object& operator=(const Object&) = delete;

    bool finalized() const { return gc.bits & kGcFinalized; }
};

// The object whose header holds `h` (the header is at a fixed offset, as
// CPython's FROM_GC).
// The weakrefs to `o` (not counted), newest basic ones first, or null. Few
// objects ever have one, so the list heads live in a table (weakref.cpp),
// not in every object's header: CPython too gives the slot only to the
// types that can be weakly referenced (tp_weaklistoffset).
WeakRefObject* weaklist_in_table(const Object* o);
inline WeakRefObject* weaklist(const Object* o) {
    return (o->gc.bits & kGcWeaklyReferenced) ? weaklist_in_table(o) : nullptr;
}
void set_weaklist(Object* o, WeakRefObject* head);

inline Object* from_gc(GcHeader* h) {
    return reinterpret_cast<Object*>(reinterpret_cast<char*>(h) - offsetof(Object, gc));
}

// The memory manager's hook for a reference count that reached zero.
// Installed by the Runtime; the only indirect call on the decref path.
void on_zero_refcount(Object* o);

inline void incref(Object* o) { ++o->refcnt; }
inline void xincref(Object* o) {
    if (o) ++o->refcnt;
}
inline void decref(Object* o) {
    if (--o->refcnt == 0) on_zero_refcount(o);
}
inline void xdecref(Object* o) {
    if (o) decref(o);
}

// Replaces the reference in `slot` by `value` (already counted), then drops
// the old one: the new value is in place before the old one can die, as in
// CPython's Py_SETREF.
template <class T> inline void set_ref(T*& slot, T* value) {
    T* old = slot;
    slot = value;
    xdecref(old);
}

// An owned (counted) reference. Moving transfers it; copying adds one.
template <class T = Object> class Ref {
  public:
    Ref() = default;
    Ref(std::nullptr_t) {}
    Ref(const Ref& other) : p_(other.p_) { xincref(p_); }
    Ref(Ref&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
    template <class U> Ref(Ref<U>&& other) noexcept : p_(other.release()) {}
    template <class U> Ref(const Ref<U>& other) : p_(other.get()) { xincref(p_); }
    ~Ref() { xdecref(p_); }

    Ref& operator=(Ref other) noexcept {
        T* old = p_;
        p_ = other.p_;
        other.p_ = old;
        return *this;
    }

    // Adopts a reference the caller owns.
    static Ref take(T* p) {
        Ref r;
        r.p_ = p;
        return r;
    }
    // Adds a reference to a borrowed pointer.
    static Ref share(T* p) {
        xincref(p);
        return take(p);
    }

    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    // Gives up ownership without dropping the reference.
    T* release() {
        T* p = p_;
        p_ = nullptr;
        return p;
    }
    // Drops the reference now.
    void reset() {
        T* p = p_;
        p_ = nullptr;
        xdecref(p);
    }

  private:
    T* p_ = nullptr;
};

template <class T> Ref<T> share(T* p) { return Ref<T>::share(p); }

// Per-layout operations (CPython's tp_traverse, tp_clear, the reference
// part of tp_dealloc, and the freeing of memory). A layout is a C++ struct;
// a builtin type and the Python classes derived from it share its
// operations, wrapped by instance.hpp for the class's own data.

// Called once for each reference an object holds (null ones are skipped).
struct Visitor {
    void (*fn)(Object* target, void* ctx);
    void* ctx;
    void operator()(Object* o) const {
        if (o) fn(o, ctx);
    }
};

struct LayoutOps {
    // Visits every reference, in CPython's tp_traverse order.
    void (*traverse)(Object* self, Visitor visit);
    // Drops the references that can take part in a cycle (tp_clear); the
    // object stays valid.
    void (*clear)(Object* self);
    // Drops every reference, in CPython's dealloc order; the object is
    // about to be destroyed and is not used again.
    void (*release)(Object* self);
    // Frees the memory (no reference is dropped; release ran before).
    void (*destroy)(Object* self);
};

// Layout operations of a struct T that defines traverse(Visitor), clear()
// and release() (static dispatch, one table per T).
template <class T> struct LayoutOf {
    static void traverse(Object* self, Visitor v) { static_cast<T*>(self)->traverse(v); }
    static void clear(Object* self) { static_cast<T*>(self)->clear(); }
    static void release(Object* self) { static_cast<T*>(self)->release(); }
    static void destroy(Object* self) { delete static_cast<T*>(self); }
    static constexpr LayoutOps ops{&traverse, &clear, &release, &destroy};
};

// A layout without references (int, str, float, range, ...).
struct Atom : Object {
    using Object::Object;
    void traverse(Visitor) {}
    void clear() {}
    void release() {}
};

}  // namespace vm
