// What the files of _collections share (collections.cpp: the module,
// defaultdict, _count_elements, _tuplegetter; deque.cpp: deque and its
// iterators).
#pragma once

#include "native_type.hpp"

namespace vm::collections {

struct ModuleTypes {
    TypeObject *deque, *deque_iterator, *deque_reverse_iterator, *defaultdict, *tuplegetter;
};
extern ModuleTypes g_types;

// The profile's [collections] switches, read when the module is made.
struct Behavior {
    bool heap_types = false;  // heap types (3.12+): an instance's traversal visits its type
    bool remove_rotates = false;  // deque.remove() rotates each item to the back (to 3.9)
    bool defaultdict_or = false;  // defaultdict | dict (3.9+)
    bool iterators_in_collections = false;  // the module of the iterators and _tuplegetter (3.12+)
};
const Behavior& behavior();

inline void visit_type(Object* self, Visitor v) {
    if (behavior().heap_types) v(self->type);
}

void make_deque_types();

}  // namespace vm::collections
