// Instance data of Python classes: CPython 3.11's inline attribute values
// indexed by the class's shared keys, the __dict__ made from them on
// demand (to 3.10, gc.instance_dict_objects: at the first attribute
// stored), and __slots__.
#include "instance.hpp"

#include <algorithm>

#include "api.hpp"

namespace vm {

InstanceData* instance_data(Object* o) {
    const ClassLayout* layout = o->type->class_layout.get();
    return layout ? layout->sub->data_of(o) : nullptr;
}

void AttributeValues::grow_to(std::size_t n) {
    if (n <= size_) return;
    if (n > capacity_) {
        auto capacity = static_cast<std::uint32_t>(std::max<std::size_t>(n, 2 * capacity_));
        auto* grown = new Object*[capacity]();
        std::copy(begin(), end(), grown);
        if (capacity_ > kInline) delete[] heap_;
        heap_ = grown;
        capacity_ = capacity;
    }
    std::fill(data() + size_, data() + n, nullptr);
    size_ = static_cast<std::uint32_t>(n);
}

void InstanceData::note_set(std::uint8_t ix) {
    if (!rest || rest->order.empty()) {
        bool follows_all = true;
        for (std::size_t i = ix + 1; i < values.size(); ++i) follows_all = follows_all && !values[i];
        if (follows_all) return;  // the keys' order still is the setting order
        if (!rest) rest = std::make_unique<Rest>();
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i]) rest->order.push_back(static_cast<std::uint8_t>(i));
    }
    rest->order.push_back(ix);
}

void InstanceData::note_deleted(std::uint8_t ix) {
    if (rest) std::erase(rest->order, ix);
}

void InstanceData::traverse(Object* self, Visitor v) {
    if (rest)
        for (Object* s : rest->slots) v(s);
    for (Object* o : values) v(o);
    if (dict && dict->view_of == self) {
        // PyObject_VisitManagedDict: the inline values, in key order.
        for (StrObject* key : self->type->class_layout->keys) v(dict_get(dict, key));
    } else {
        v(dict);
    }
    v(self->type);
}

// The attribute values in key order, then the materialized dict.
static void drop_attributes(InstanceData& data) {
    AttributeValues old_values(std::move(data.values));
    if (data.rest) data.rest->order.clear();
    for (Object* o : old_values) xdecref(o);
    DictObject* d = data.dict;
    data.dict = nullptr;
    if (d) d->view_of = nullptr;  // the dict keeps the values (_PyDict_DetachFromObject)
    xdecref(d);
}

void InstanceData::clear() {
    std::vector<Object*> old_slots;
    if (rest) old_slots.swap(rest->slots);
    for (Object* s : old_slots) xdecref(s);
    drop_attributes(*this);
}

void InstanceData::release(Object* self) {
    // clear_slots, one class at a time from the most derived.
    std::vector<Object*> old_slots;
    if (rest) old_slots.swap(rest->slots);
    std::size_t end = old_slots.size();
    for (TypeObject* t = self->type; t && t->class_layout; t = t->base) {
        std::size_t begin = std::min(t->class_layout->own_slots_begin, end);
        for (std::size_t i = begin; i < end; ++i) xdecref(old_slots[i]);
        end = begin;
    }
    drop_attributes(*this);
}

Object* instance_get(Object* self, InstanceData& d, StrObject* name) {
    if (d.dict) return dict_get(d.dict, name);
    int ix = self->type->class_layout->key_index(name);
    if (ix < 0 || ix >= static_cast<int>(d.values.size())) return nullptr;
    return d.values[ix];
}

// make_dict_from_instance_attributes: the values move into a new dict, in
// the order they were set.
DictObject* instance_dict(Object* self, InstanceData& d) {
    if (d.dict) return d.dict;
    auto dict = new_dict();
    dict->table.mark_split();  // CPython's is split, its keys the class's
    const auto& keys = self->type->class_layout->keys;
    d.for_each_in_order([&](std::uint8_t ix) { dict_set(dict.get(), keys[ix], d.values[ix]); });
    AttributeValues old(std::move(d.values));
    if (d.rest) d.rest->order.clear();
    for (Object* o : old) xdecref(o);
    d.dict = dict.release();
    // A view of the inline values, which an instance whose first attribute
    // made its dict never had.
    if (rt().profile().gc_materialized_dict_is_view && !self->type->has(TF_DICT_AT_FIRST_ATTRIBUTE))
        d.dict->view_of = self;
    return d.dict;
}

void view_key_added(DictObject* d, Object* key) {
    ClassLayout& layout = *d->view_of->type->class_layout;
    auto* name = static_cast<StrObject*>(key);
    if (key->type != types.str || (layout.key_index(name) < 0 && layout.add_key(name) < 0)) d->view_of = nullptr;
}

bool instance_set_at(InstanceData& d, int ix, Object* value) {
    if (static_cast<int>(d.values.size()) <= ix) d.values.grow_to(ix + 1);
    Object*& slot = d.values[ix];
    if (!value) {
        if (!slot) return false;
        d.note_deleted(static_cast<std::uint8_t>(ix));
    } else if (!slot) {
        d.note_set(static_cast<std::uint8_t>(ix));
    }
    xincref(value);
    set_ref(slot, value);
    return true;
}

bool instance_set(Object* self, InstanceData& d, StrObject* name, Object* value) {
    // To 3.10 the first attribute stored makes the instance's dict; from
    // 3.11 that of an instance that has no inline values.
    if (!d.dict && value && (rt().profile().gc_instance_dict_objects || self->type->has(TF_DICT_AT_FIRST_ATTRIBUTE)))
        instance_dict(self, d);
    if (!d.dict) {
        ClassLayout& layout = *self->type->class_layout;
        int ix = layout.key_index(name);
        if (ix < 0 && value) ix = layout.add_key(name);
        if (ix >= 0) return instance_set_at(d, ix, value);
        if (!value) return false;
        instance_dict(self, d)->view_of = nullptr;  // the shared keys are full: a dict of its own
    }
    if (value) {
        dict_set(d.dict, name, value);
        return true;
    }
    return dict_del(d.dict, name);
}

}  // namespace vm
