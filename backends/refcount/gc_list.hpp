// Intrusive lists of objects through their GC headers (CPython's
// gc_list_*): a list is a sentinel header; the links are circular.
#pragma once

#include "vm/manager_api.hpp"

namespace refcount {

using vm::GcHeader;

inline void gc_list_init(GcHeader* list) {
    list->next = list;
    list->prev = list;
}

inline bool gc_list_is_empty(const GcHeader* list) { return list->next == list; }

// Appends `node` (not on any list) at the tail of `list`.
inline void gc_list_append(GcHeader* node, GcHeader* list) {
    GcHeader* last = list->prev;
    node->prev = last;
    node->next = list;
    last->next = node;
    list->prev = node;
}

inline void gc_list_remove(GcHeader* node) {
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->next = node->prev = nullptr;
}

// Moves `node` from its list to the tail of `list`.
inline void gc_list_move(GcHeader* node, GcHeader* list) {
    gc_list_remove(node);
    gc_list_append(node, list);
}

// Appends all of `from` to the tail of `to`; `from` becomes empty.
inline void gc_list_merge(GcHeader* from, GcHeader* to) {
    if (gc_list_is_empty(from)) return;
    GcHeader* tail = to->prev;
    tail->next = from->next;
    tail->next->prev = tail;
    to->prev = from->prev;
    to->prev->next = to;
    gc_list_init(from);
}

template <class F> void gc_list_for_each(GcHeader* list, F&& fn) {
    for (GcHeader* h = list->next; h != list;) {
        GcHeader* next = h->next;
        fn(vm::from_gc(h));
        h = next;
    }
}

}  // namespace refcount
