// What the two files of the itertools module share (itertools.cpp: the
// module, the iterators over other iterators; itertools_pools.cpp: those
// over a tuple of the input, the combinatoric ones, and tee).
#pragma once

#include "native_type.hpp"

namespace vm::itertools {

// The module's types, made with it.
struct ModuleTypes {
    TypeObject *accumulate, *batched, *chain, *combinations, *cwr, *compress, *count, *cycle, *dropwhile, *filterfalse,
        *groupby, *grouper, *islice, *pairwise, *permutations, *product, *repeat, *starmap, *takewhile, *tee, *tee_data,
        *zip_longest;
};
extern ModuleTypes g_types;

// Whether the module's types are heap types (3.12+): their instances'
// traversal visits the type first.
extern bool g_heap_types;
inline void visit_type(Object* self, Visitor v) {
    if (g_heap_types) v(self->type);
}

// A type of the module: GC, called through tp_call (its arguments packed);
// `base`: it may be subclassed.
template <class T> TypeObject* make_type(const char* name, bool base, Ref<> (*new_)(TypeObject*, Args)) {
    TypeObject* t =
        new_native_type<T>("itertools", name, TF_GC | TF_PACKED_CALL | (base ? std::uint32_t{TF_BASETYPE} : 0u));
    t->tp.new_ = new_;
    return t;
}

// Each of its keyword-less constructors refuses keywords for the type
// itself (a class derived from it takes them to its __init__).
void no_keywords_for(TypeObject* type, TypeObject* builtin, Args args);
CallKey type_key(TypeObject* builtin);

// The result tuple an iterator hands out and refills while nobody else
// holds it (the profile's builtins.reuse_result_tuples): the one to fill
// in place, a copy of it (_PyTuple_FromArray) when it is shared.
TupleObject* writable_result(TupleObject*& result);
// Replaces item i of a result the iterator owns.
void set_item(TupleObject* result, std::size_t i, Object* item);

// Makes the types of itertools_pools.cpp.
void make_pool_types();

Ref<> tee(Object* module, Args args, void*);

}  // namespace vm::itertools
