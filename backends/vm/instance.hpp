// Instances of Python classes. A class adds InstanceData to the layout of
// its nearest builtin base: attribute values stored by the class's shared
// keys (CPython 3.11's managed dict), a __dict__ materialized only when it
// is asked for, and __slots__ values.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "objects.hpp"

namespace vm {

// Most instances have a few attributes: held inline, their values and
// order take no allocation of their own (and a collection's traversal no
// extra cache miss).
using AttributeValues = boost::container::small_vector<Object*, 4>;
using AttributeOrder = boost::container::small_vector<std::uint8_t, 8>;

struct InstanceData {
    // Attribute values by ClassLayout::keys index (null: not set), and the
    // order the attributes were set in (for iteration).
    AttributeValues values;  // counted
    AttributeOrder order;
    // The instance __dict__ once materialized (obj.__dict__ was read, or the
    // shared keys were full); then `values` is empty and unused.
    DictObject* dict = nullptr;  // counted
    std::vector<Object*> slots;  // counted, by slot index

    // subtype_traverse: slots, attribute values, dict, then the class.
    void traverse(Object* self, Visitor v);
    // subtype_clear: slots, then the attributes.
    void clear();
    // subtype_dealloc after the finalizer and weakrefs: each class's slots
    // from the most derived class up, then the attributes in key order (the
    // class reference goes last, with the object, as for every object).
    void release(Object* self);
};

// How to allocate and find InstanceData for the Python subclasses of a
// builtin type (its C++ layout extended by InstanceData).
struct SubclassLayout {
    Object* (*allocate)(TypeObject* type);
    InstanceData* (*data_of)(Object* self);
    const LayoutOps* ops;
};

template <class Base> struct Extended : Base {
    InstanceData data;
    explicit Extended(TypeObject* t) : Base(t) {}
    void traverse(Visitor v) {
        data.traverse(this, v);
        Base::traverse(v);
    }
    void clear() {
        data.clear();
        Base::clear();
    }
    void release() {
        data.release(this);
        Base::release();
    }

    static Object* allocate(TypeObject* t) { return new Extended(t); }
    static InstanceData* data_of(Object* o) { return &static_cast<Extended*>(o)->data; }
    static constexpr SubclassLayout subclass{&allocate, &data_of, &LayoutOf<Extended>::ops};
};

// An instance of a class whose builtin base is object.
struct PlainObject : Object {
    using Object::Object;
    void traverse(Visitor) {}
    void clear() {}
    void release() {}
};
using InstanceObject = Extended<PlainObject>;

InstanceData* instance_data(Object* o);  // null when the type adds none

// Attribute storage of an instance (the instance-dict part of generic
// attribute access). get: borrowed value or null.
Object* instance_get(Object* self, InstanceData& d, StrObject* name);
// Returns false when deleting (value null) an attribute that is not set.
bool instance_set(Object* self, InstanceData& d, StrObject* name, Object* value);
// The instance __dict__, created from the attribute values when first needed.
DictObject* instance_dict(Object* self, InstanceData& d);

}  // namespace vm
