// Type objects: a type is an object whose C++ side holds the protocol slots
// (CPython's tp_*), the layout operations of its instances, and for Python
// classes the description of their instance data (attribute keys,
// __slots__).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/code.hpp"
#include "object.hpp"

namespace vm {

struct StrObject;
struct TupleObject;
struct DictObject;
struct SubclassLayout;

// The arguments of a call, borrowed from the caller: `nargs` positional
// values, then one value per name in `kwnames` (CPython's vectorcall).
struct Args {
    Object* const* items = nullptr;
    std::size_t nargs = 0;
    TupleObject* kwnames = nullptr;
    // The tuple whose items `items` are, when the caller packed them as
    // CPython's tp_call does (type_call, for a class or a builtin exception type): a callee that keeps
    // its arguments as a tuple (BaseException.args) keeps this one.
    TupleObject* tuple = nullptr;

    // How many keywords: inline in objects.hpp, where TupleObject is
    // complete (asked at nearly every call).
    inline std::size_t nkw() const;
    std::size_t total() const { return nargs + nkw(); }
    Object* operator[](std::size_t i) const { return items[i]; }
    Args positional_from(std::size_t first) const { return {items + first, nargs - first, nullptr}; }
};

// A function implemented in C++. `self`: the bound object (the module for a
// module function, the instance for a method); `data`: what was registered.
using NativeFn = Ref<Object> (*)(Object* self, Args args, void* data);

enum class CompareOp : std::uint8_t { Lt, Le, Eq, Ne, Gt, Ge };

// Binary operators: a type's number slot for each lang::BinaryOp, then one
// for each in-place form (`+=`), in the same order (BINARY_OP's argument).
constexpr int kBinaryOpCount = lang::kInplaceOffset;
constexpr int kNumberSlots = 2 * kBinaryOpCount;
constexpr int number_slot(lang::BinaryOp op) { return static_cast<int>(op); }
constexpr int inplace_slot(lang::BinaryOp op) { return number_slot(op) + kBinaryOpCount; }

enum TypeFlag : std::uint32_t {
    TF_HEAPTYPE = 1u << 0,  // a class statement made it
    TF_BASETYPE = 1u << 1,  // may be subclassed
    TF_GC = 1u << 2,  // instances are containers the collector sees
    TF_WEAKREFABLE = 1u << 3,
    TF_INSTANCE_DATA = 1u << 4,  // instances carry InstanceData (instance.hpp)
    TF_MANAGED_DICT = 1u << 5,  // ... with attribute values (no __slots__ without __dict__)
    // CPython's dealloc of this type clears weakrefs before the finalizer
    // (gen_dealloc) instead of after it (subtype_dealloc, iobase_dealloc).
    TF_CLEARS_WEAKREFS_FIRST = 1u << 6,
    // The class statement of this class or of a base defined __del__, or a
    // base is a native type whose instances register their finalizer when
    // made (_socket.socket): PyPy registers the finalizer of such instances
    // when they are allocated; a __del__ assigned later is not called there.
    TF_DEL_AT_CREATION = 1u << 7,
    TF_INT_SUBCLASS = 1u << 8,
    TF_STR_SUBCLASS = 1u << 9,
    TF_TUPLE_SUBCLASS = 1u << 10,
    TF_LIST_SUBCLASS = 1u << 11,
    TF_DICT_SUBCLASS = 1u << 12,
    TF_TYPE_SUBCLASS = 1u << 13,
    TF_EXCEPTION_SUBCLASS = 1u << 14,  // BaseException and its subclasses
    TF_SUBCLASS_BITS = 0x7F00u,
    // CPython calls this builtin type through tp_call, without a vectorcall
    // (the profile's builtins.tp_call_types): its arguments are packed.
    TF_PACKED_CALL = 1u << 15,
    // With TF_MANAGED_DICT: instances have no inline values, their first
    // attribute makes their dict (the builtin base is not object, the
    // profile's gc.inline_values_only_from_object_new; or they have
    // __slots__, gc.inline_values_only_without_slots).
    TF_DICT_AT_FIRST_ATTRIBUTE = 1u << 16,
    // A weakref (weakref.ref or a subclass, or a proxy): one flag test for
    // the collector, which looks at each object it finds unreachable.
    TF_WEAKREF = 1u << 17,
};

// What a Python class adds to its instances (TF_INSTANCE_DATA).
struct ClassLayout {
    // CPython 3.11's shared keys: the attribute names of all instances, in
    // the order they were first set; an instance stores its values at these
    // indices and releases them in this order.
    std::vector<StrObject*> keys;  // counted
    // __slots__ of the bases then of this class (each class's sorted by
    // name, as type_new sorts them); counted.
    std::vector<StrObject*> slot_names;
    // This class's own slots: indices [own_slots_begin, slot_names.size()).
    std::size_t own_slots_begin = 0;
    bool has_dict = true;  // instances may have attributes besides slots
    bool has_weakref = false;  // a __weakref__ slot, of this class or a base
    // The C++ layout of the instances (the builtin base's, extended).
    const SubclassLayout* sub = nullptr;

    // How many more keys the shared keys take (dk_usable): it starts at
    // SHARED_KEYS_MAX_SIZE and shrinks by one with each key added and each
    // instance made (down to 1), so that the values of later instances are
    // smaller; a class with many instances takes few new attribute names.
    static constexpr int kMaxSharedKeys = 30;  // CPython's SHARED_KEYS_MAX_SIZE
    int usable = kMaxSharedKeys;
    int key_index(StrObject* name) const;
    int add_key(StrObject* name);  // -1 when the keys take no more
    void instance_made();  // init_inline_values
};

// The protocol slots of a type, CPython's tp_*/nb_*/sq_*/mp_* (null: the
// operation is not supported). A type starts with its base's slots.
struct TypeSlots {
    Ref<Object> (*repr)(Object*) = nullptr;
    Ref<Object> (*str)(Object*) = nullptr;
    std::int64_t (*hash)(Object*) = nullptr;  // null: unhashable
    // Returns NotImplemented when the comparison is not defined for `b`.
    Ref<Object> (*richcompare)(Object* a, Object* b, CompareOp op) = nullptr;
    bool (*truth)(Object*) = nullptr;
    std::size_t (*len)(Object*) = nullptr;
    Ref<Object> (*iter)(Object*) = nullptr;
    // The next item, or null when exhausted (no exception set).
    Ref<Object> (*iternext)(Object*) = nullptr;
    // am_await: the iterator `await` runs (null: not awaitable).
    Ref<Object> (*await)(Object*) = nullptr;
    Ref<Object> (*call)(Object* callable, Args args) = nullptr;
    // The attribute, or null when it is missing and `suppress` (otherwise
    // AttributeError is raised).
    Ref<Object> (*getattro)(Object*, StrObject* name, bool suppress) = nullptr;
    // value null: delete.
    void (*setattro)(Object*, StrObject* name, Object* value) = nullptr;
    Ref<Object> (*getitem)(Object*, Object* key) = nullptr;
    void (*setitem)(Object*, Object* key, Object* value) = nullptr;  // value null: delete
    bool (*contains)(Object*, Object* item) = nullptr;
    // Descriptor protocol: `obj` null when accessed on the class.
    Ref<Object> (*descr_get)(Object* descr, Object* obj, TypeObject* owner) = nullptr;
    void (*descr_set)(Object* descr, Object* obj, Object* value) = nullptr;  // non-null: a data descriptor
    // tp_finalize: __del__ or a native finalizer (io objects, generators).
    void (*finalize)(Object*) = nullptr;
    Ref<Object> (*new_)(TypeObject* type, Args args) = nullptr;
    void (*init)(Object* self, Args args) = nullptr;
    // Binary operators (returning NotImplemented when undefined for the pair)
    // and their in-place forms.
    Ref<Object> (*number[kNumberSlots])(Object*, Object*) = {};
    Ref<Object> (*negative)(Object*) = nullptr;
    Ref<Object> (*positive)(Object*) = nullptr;
    Ref<Object> (*invert)(Object*) = nullptr;
    // The int value of an object usable as an index (__index__), or throws.
    std::int64_t (*index)(Object*) = nullptr;
    // What sys.getsizeof counts of an instance of a native module's type
    // besides its allocation (__sizeof__'s buffers: a deque's blocks, a
    // permutations' indices), whose size is the profile's
    // (Profile::Sizes::types); null: nothing.
    std::int64_t (*sizeof_buffers)(Object* self) = nullptr;
    // A native module's iterator's __length_hint__ as PyObject_LengthHint
    // reads it, running no code: the items left, or -1 for none (a hint
    // that raises TypeError).
    std::int64_t (*length_hint)(Object* self) = nullptr;
    // A sequence that repeats by an index (sq_repeat: list, tuple, str,
    // deque): * of anything else is "can't multiply sequence by non-int".
    bool sequence_repeat = false;
};

struct TypeObject : Object {
    std::string name;  // tp_name's last component: "list", "A"
    std::string qualname;  // "A", "f.<locals>.A"
    std::string module;  // "builtins", "__main__", "weakref", ...
    // tp_name where it is not `name`: a native module's type on CPython
    // ("itertools.count"), which its messages show; empty otherwise.
    std::string dotted_name;
    TypeObject* base = nullptr;  // counted
    // The method resolution order, this type first. As in CPython, the tuple
    // holds the type itself, so that a class is only ever freed by the cycle
    // collector; `mro` is the same list for fast iteration.
    TupleObject* mro_tuple = nullptr;  // counted
    std::vector<TypeObject*> mro;  // borrowed from mro_tuple
    TupleObject* bases = nullptr;  // counted
    TupleObject* slots = nullptr;  // counted: a class's __slots__ names, sorted (ht_slots)
    DictObject* dict = nullptr;  // counted
    const LayoutOps* layout = nullptr;
    std::uint32_t flags = 0;
    // The block the modeled allocator gives each instance (sizes.cpp,
    // allocate_block), kept when it does not depend on the instance: 0 not
    // known yet, -1 it depends (an int's, a str's, a tuple's).
    std::int32_t instance_block_size = 0;
    std::unique_ptr<ClassLayout> class_layout;  // TF_INSTANCE_DATA only
    // For a builtin type that can be subclassed: the layout of its subclasses.
    const SubclassLayout* subclass_layout = nullptr;
    std::vector<TypeObject*> subclasses;  // not counted; a class leaves when it dies
    // A class's entry in its base's tp_subclasses (CPython's add_subclass):
    // a weakref to it, made with the class and freed with it; null where
    // the profile's runtime keeps no such object (counted).
    WeakRefObject* subclass_entry = nullptr;
    // CPython's tp_subclasses dict exists: made for the first subclass, or
    // at start-up (the profile's gc.subclassed_at_startup).
    bool has_subclasses_dict = false;

    TypeSlots tp;
    // For a builtin type whose size sys.getsizeof does not compute itself
    // (sizes.cpp): its __sizeof__, the GC header apart (it may differ by
    // instance), or -1 where the layout is not known.
    std::int64_t (*own_size)(const Object*) = nullptr;
    // Instances store their __dict__ here (exceptions, functions, modules,
    // io objects); null: not this way (instances of classes use InstanceData).
    DictObject** (*dict_ptr)(Object*) = nullptr;

    explicit TypeObject(TypeObject* metatype) : Object(metatype) {}
    // With its flags: a class is a heap type from its allocation, so that
    // the memory manager counts and tracks it as the container it is.
    TypeObject(TypeObject* metatype, std::uint32_t type_flags) : Object(metatype), flags(type_flags) {}

    bool has(TypeFlag f) const { return flags & f; }
    bool is_subtype(const TypeObject* other) const;
    // The attribute `name` in the MRO's dicts (borrowed), or null.
    Object* lookup(StrObject* name) const;
    Object* lookup(std::string_view name) const;

    void traverse(Visitor v);
    void clear();
    void release();
};

inline Object::Object(TypeObject* t) : type(t), refcnt(1) {
    if (t) incref(t);
}

// Bumped by every change TypeObject::lookup could see (a type's dict, an
// MRO, a type's death): the lookup cache's answers of an older epoch are
// stale. A change bumps it after it is made, before any code can run.
extern std::uint64_t g_type_epoch;
inline void type_lookups_changed() { ++g_type_epoch; }

// One place's answer of TypeObject::lookup for one name, kept where the
// same lookup is made again and again (an attribute instruction's, as
// CPython's inline caches): valid while the type and g_type_epoch are the
// ones it was found with, as the lookup cache's entries are. It saves the
// lookup cache's hashing and probing; the answer is the same.
struct LookupSite {
    const TypeObject* type = nullptr;
    std::uint64_t epoch = 0;
    Object* value = nullptr;  // borrowed, as TypeObject::lookup's answer
    // Where the name is among the shared keys of `type`'s instances
    // (ClassLayout::keys, which only grow): its index once found, else
    // how many keys were looked through without finding it.
    int key_index = -1;
    int keys_seen = -1;

    Object* lookup(const TypeObject* t, StrObject* name) {
        if (type == t && epoch == g_type_epoch) return value;
        return lookup_again(t, name);
    }

  private:
    Object* lookup_again(const TypeObject* t, StrObject* name);
};

inline bool is_gc(const Object* o);
inline bool is_instance_of(const Object* o, const TypeObject* t);

// The name CPython shows for the type in repr() and messages ("A", "list").
inline const std::string& type_name(const Object* o);

}  // namespace vm

namespace vm {
// PyObject_IS_GC: a container the collector sees. Builtin type objects are
// static in CPython, so only classes count among types.
bool is_heap_type(const Object* type_object);
inline bool is_gc(const Object* o) {
    if (!o->type->has(TF_GC)) return false;
    return !o->type->has(TF_TYPE_SUBCLASS) || is_heap_type(o);
}
inline bool is_instance_of(const Object* o, const TypeObject* t) { return o->type == t || o->type->is_subtype(t); }
inline const std::string& type_name(const Object* o) {
    return o->type->dotted_name.empty() ? o->type->name : o->type->dotted_name;
}
}  // namespace vm
