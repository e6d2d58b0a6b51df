// Weak references: weakref.ref (and its Python subclasses), proxies, and the
// per-object list that links them.
#pragma once

#include "objects.hpp"

namespace vm {

struct WeakRefObject : Object {
    Object* referent = nullptr;  // not counted; null once cleared
    Object* callback = nullptr;  // counted
    std::int64_t hash = -1;
    WeakRefObject* prev = nullptr;  // the referent's list, newest callbacks first
    WeakRefObject* next = nullptr;

    explicit WeakRefObject(TypeObject* t) : Object(t) {}
    ~WeakRefObject();
    void traverse(Visitor v) { v(callback); }
    void clear();  // clears the reference and drops the callback
    void release() { clear(); }
};

bool is_weakrefable(const Object* o);
// A weakref (type: ref or a subclass of it) or proxy to `target`, reusing the
// basic callback-less one as CPython does; links it into target's list.
Ref<WeakRefObject> new_weakref(TypeObject* type, Object* target, Object* callback);
Ref<WeakRefObject> new_proxy(Object* target, Object* callback);
std::size_t weakref_count(const Object* target);
// Unlinks `wr` from its referent's list and forgets the referent.
void unlink_weakref(WeakRefObject* wr);

}  // namespace vm
