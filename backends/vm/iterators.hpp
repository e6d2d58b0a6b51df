// Iterator objects of the builtin types and builtins (list_iterator,
// range_iterator, dict_keyiterator, enumerate, zip, ...), and dict views.
#pragma once

#include "objects.hpp"

namespace vm {

// Iterates a list, tuple or str by index (list_iterator, tuple_iterator,
// str_ascii_iterator); also reversed() over a sequence.
struct SeqIterObject : Object {
    Object* seq;  // counted; null once exhausted
    std::int64_t index;
    bool reverse = false;
    SeqIterObject(TypeObject* t, Object* s, std::int64_t i) : Object(t), seq(s), index(i) {}
    void traverse(Visitor v) { v(seq); }
    void clear();
    void release() { clear(); }
};

struct RangeIterObject : Atom {
    std::int64_t next, step, remaining;
    RangeIterObject(TypeObject* t, std::int64_t n, std::int64_t s, std::int64_t r)
        : Atom(t), next(n), step(s), remaining(r) {}
};

enum class DictPart : std::uint8_t { Keys, Values, Items };

// Iterates a dict's or a set's table in insertion order.
// CPython's items iterator, enumerate and zip keep the tuple they last
// returned and fill it again when nobody else holds it (di_result,
// en_result, zip's result), where the profile says so
// (builtins.reuse_result_tuples).
struct ResultTuple {
    TupleObject* tuple = nullptr;  // counted
    // At the iterator's creation: a tuple of Nones made by PyTuple_New (zip,
    // tracked) or by PyTuple_Pack (enumerate, a dict's items: untracked from
    // 3.14.1, whose PyTuple_Pack tracks a tuple of atoms no more, gh-139951).
    void make(std::size_t size);
    void pack(std::size_t size);
    // The next result: the kept tuple refilled with `items` when only the
    // iterator holds it, else a new tuple. Takes the items' references.
    Ref<> next(std::vector<Object*> items);
    void clear();
};

struct DictIterObject : Object {
    Object* container;  // counted; null once exhausted
    ResultTuple result;  // items
    HashTable* table;
    std::size_t pos = 0;
    std::size_t expected_used;
    DictPart part;
    // `c` is borrowed (a reference is added); `tbl` is its table.
    DictIterObject(TypeObject* t, Object* c, HashTable* tbl, DictPart p);
    void traverse(Visitor v) {
        v(container);
        v(result.tuple);
    }
    void clear();
    void release() { clear(); }
};

// A set's iterator: the position in the set's iteration order (set.cpp),
// and the set's size when it started (CPython's si_used), and the items
// it has left to give (si_len, its length hint).
struct SetIterObject : Object {
    SetObject* set;  // counted; null once exhausted
    std::size_t pos = 0;
    std::size_t expected_used;
    std::size_t left;
    SetIterObject(TypeObject* t, SetObject* s) : Object(t), set(s), expected_used(s->used), left(s->used) { incref(s); }
    void traverse(Visitor v) { v(set); }
    void clear() {
        SetObject* s = set;
        set = nullptr;
        xdecref(s);
    }
    void release() { clear(); }
};
Ref<> setiter_iternext(Object* self);

struct DictViewObject : Object {
    DictObject* dict;  // counted
    DictPart part;
    DictViewObject(TypeObject* t, DictObject* d, DictPart p) : Object(t), dict(d), part(p) {}
    void traverse(Visitor v) { v(reinterpret_cast<Object*>(dict)); }
    void clear();
    void release() { clear(); }
};

// enumerate, zip, map, filter: an iterator over other iterators.
struct CombinatorObject : Object {
    std::vector<Object*> iters;  // counted: the iterator of enumerate and filter
    Object* func = nullptr;  // counted: map's and filter's function
    std::int64_t count = 0;  // enumerate's counter
    TupleObject* iterators = nullptr;  // counted: zip's and map's (CPython's tuple of them)
    ResultTuple result;  // enumerate's and zip's
    using Object::Object;
    void traverse(Visitor v) {
        for (Object* o : iters) v(o);
        v(func);
        v(iterators);
        v(result.tuple);
    }
    void clear();
    void release() { clear(); }
};

}  // namespace vm
