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
struct DictIterObject : Object {
    Object* container;  // counted; null once exhausted
    HashTable* table;
    std::size_t pos = 0;
    std::size_t expected_used;
    DictPart part;
    // `c` is borrowed (a reference is added); `tbl` is its table.
    DictIterObject(TypeObject* t, Object* c, HashTable* tbl, DictPart p);
    void traverse(Visitor v) { v(container); }
    void clear();
    void release() { clear(); }
};

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
    std::vector<Object*> iters;  // counted
    Object* func = nullptr;  // counted: map's and filter's function
    std::int64_t count = 0;  // enumerate's counter
    using Object::Object;
    void traverse(Visitor v) {
        for (Object* o : iters) v(o);
        v(func);
    }
    void clear();
    void release() { clear(); }
};

}  // namespace vm
