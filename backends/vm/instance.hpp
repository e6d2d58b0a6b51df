// Instances of Python classes. A class adds InstanceData to the layout of
// its nearest builtin base: attribute values stored by the class's shared
// keys (CPython 3.11's managed dict), a __dict__ materialized only when it
// is asked for, and __slots__ values.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "objects.hpp"

namespace vm {

// Attribute values by key index (null: not set). Most instances have one
// or two attributes: those are held in the object itself, more in an array
// of their own, so that a small instance is as small as CPython's (its
// values array aside) and a collection's traversal takes no extra miss.
class AttributeValues {
  public:
    AttributeValues() {}
    AttributeValues(AttributeValues&& other) noexcept : size_(other.size_), capacity_(other.capacity_) {
        if (capacity_ > kInline) heap_ = other.heap_;
        else std::copy(other.inline_, other.inline_ + kInline, inline_);
        other.size_ = 0;
        other.capacity_ = kInline;
    }
    AttributeValues& operator=(AttributeValues&&) = delete;
    ~AttributeValues() {
        if (capacity_ > kInline) delete[] heap_;
    }

    std::size_t size() const { return size_; }
    Object** begin() { return data(); }
    Object** end() { return data() + size_; }
    Object*& operator[](std::size_t i) { return data()[i]; }
    // Grows to `n` values, the new ones null.
    void grow_to(std::size_t n);

  private:
    static constexpr std::uint32_t kInline = 2;
    Object** data() { return capacity_ > kInline ? heap_ : inline_; }

    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = kInline;
    union {
        Object* inline_[kInline] = {};
        Object** heap_;
    };
};

struct InstanceData {
    AttributeValues values;  // counted
    // The instance __dict__ once materialized (obj.__dict__ was read, or the
    // shared keys were full); then `values` is empty and unused.
    DictObject* dict = nullptr;  // counted

    // The order the attributes were set in (for iteration) and __slots__
    // values, which most instances do without.
    struct Rest {
        // Key indexes in setting order, once it is not the keys' order.
        std::vector<std::uint8_t> order;
        std::vector<Object*> slots;  // counted, by slot index
    };
    std::unique_ptr<Rest> rest;

    // Calls fn(key index) for each attribute set, in the order it was set.
    template <class F> void for_each_in_order(F&& fn) {
        if (rest && !rest->order.empty()) {
            for (std::uint8_t ix : rest->order) fn(ix);
            return;
        }
        for (std::size_t ix = 0; ix < values.size(); ++ix)
            if (values[ix]) fn(static_cast<std::uint8_t>(ix));
    }
    // The __slots__ values (empty when none was ever set).
    std::vector<Object*>& slots() {
        if (!rest) rest = std::make_unique<Rest>();
        return rest->slots;
    }
    // A new attribute at `ix` (a null value until now): its place in the order.
    void note_set(std::uint8_t ix);
    // An attribute at `ix` deleted.
    void note_deleted(std::uint8_t ix);

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
// The same for the key at index `ix` of the class's shared keys, when the
// instance keeps its values (no dict).
bool instance_set_at(InstanceData& d, int ix, Object* value);
// The instance __dict__, created from the attribute values when first needed
// (a view of them on 3.13+: DictObject::view_of).
DictObject* instance_dict(Object* self, InstanceData& d);
// A key new to `d`, a view: it stays one while the class's shared keys can
// hold the key (insert_split_key), else it takes the values as its own.
void view_key_added(DictObject* d, Object* key);

}  // namespace vm
