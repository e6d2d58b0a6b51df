// The instructions of the match statement (MATCH_SEQUENCE, MATCH_MAPPING,
// MATCH_KEYS, MATCH_CLASS): CPython's match_keys and match_class of
// Python/ceval.c, with the objects they make and free in the same order (a
// set of the names seen, a list of the attributes, a tuple of the
// values), so that the collector's counts stay exact.
#include "match.hpp"

#include <array>

#include "api.hpp"
#include "modules/lib_sources.hpp"

namespace vm {

namespace {

const std::string& tp_name(const TypeObject* t) { return t->dotted_name.empty() ? t->name : t->dotted_name; }

// Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING of the types the model has.
enum class Collection { None, Sequence, Mapping };

Collection builtin_collection(const TypeObject* t) {
    if (t == types.list || t == types.tuple || t == types.range || t == types.memoryview) return Collection::Sequence;
    if (t == types.dict) return Collection::Mapping;
    const std::string& name = tp_name(t);
    if (name == "collections.deque" || name == "array.array") return Collection::Sequence;
    if (name == "mappingproxy") return Collection::Mapping;
    return Collection::None;
}

// A class of pymodel's own library stands for one of CPython's that may
// derive from collections.abc (UserList is a Sequence there): its flags
// are not modeled.
bool from_own_library(TypeObject* t) {
    if (!t->has(TF_HEAPTYPE)) return false;
    Object* module = t->lookup(ids.module);
    return module && is_str(module) && lib::find(str_value(module)) != nullptr;
}

// A class inherits the flags of the first class of its MRO that has one
// (inherit_patma_flags).
Collection collection_of(TypeObject* type) {
    for (TypeObject* t : type->mro) {
        if (from_own_library(t))
            unsupported("a match pattern on an instance of " + tp_name(t) +
                        " of pymodel's library (whether the runtime's is a sequence or a mapping is not modeled)");
        Collection c = builtin_collection(t);
        if (c != Collection::None) return c;
    }
    return Collection::None;
}

// _Py_TPFLAGS_MATCH_SELF: `case int(x)` binds the subject itself.
bool matches_self(TypeObject* type) {
    const std::array<TypeObject*, 11> self_matching = {types.bool_,  types.bytearray, types.bytes, types.dict,
                                                       types.float_, types.frozenset, types.int_,  types.list,
                                                       types.set,    types.str,       types.tuple};
    for (TypeObject* t : type->mro)
        for (TypeObject* s : self_matching)
            if (t == s) return true;
    return false;
}

// getattr(), with an AttributeError swallowed (after it was made, as
// PyObject_GetAttr makes it): null.
Ref<> attribute_or_null(Object* o, StrObject* name) {
    try {
        return getattr(o, name);
    } catch (PyException&) {
        if (!exception_is(rt().thread().curexc, types.AttributeError)) throw;
        take_exception();
        return nullptr;
    }
}

// match_class_attr
Ref<> class_attribute(Object* subject, TypeObject* type, Object* name, SetObject* seen) {
    if (set_contains(seen, name))
        raisef(types.TypeError, "{}() got multiple sub-patterns for attribute {}", tp_name(type), repr_string(name));
    set_add(seen, name);
    return attribute_or_null(subject, static_cast<StrObject*>(name));
}

// match_keys's loop, and its end: get, seen and dummy go in that order.
Ref<> fill_values(Object* map, const ItemArray& wanted, bool unbound, Ref<>& get, Ref<SetObject>& seen, Ref<>& dummy,
                  Ref<TupleObject>& values) {
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        Object* key = wanted[i];
        if (set_contains(seen.get(), key))
            raisef(types.ValueError, "mapping pattern checks duplicate key ({})", repr_string(key));
        set_add(seen.get(), key);
        Ref<> value = unbound ? call(get.get(), {map, key, dummy.get()}) : call(get.get(), {key, dummy.get()});
        if (value.get() == dummy.get()) {
            value.reset();
            values.reset();
            get.reset();
            seen.reset();
            dummy.reset();
            return share(consts.None);
        }
        Object* none = values->items[i];
        values->items[i] = value.release();
        decref(none);
    }
    get.reset();
    seen.reset();
    dummy.reset();
    return std::move(values);
}

}  // namespace

bool match_sequence(Object* subject) { return collection_of(subject->type) == Collection::Sequence; }

bool match_mapping(Object* subject) { return collection_of(subject->type) == Collection::Mapping; }

// match_keys: the values of `keys` in `map` (a tuple), or None when one is
// missing. map.get(key, dummy) asks, so that __missing__ runs no code.
Ref<> match_keys(Object* map, Object* keys) {
    const ItemArray& wanted = static_cast<TupleObject*>(keys)->items;
    if (wanted.empty()) return tuple_from_array({});
    Ref<> get;
    Ref<SetObject> seen;
    Ref<> dummy;
    Ref<TupleObject> values;
    try {
        const bool unbound = get_method(map, rt().intern("get"), get);
        seen = new_set();
        dummy = call(types.object, {});
        values = none_tuple(wanted.size());
        return fill_values(map, wanted, unbound, get, seen, dummy, values);
    } catch (PyException&) {
        get.reset();
        seen.reset();
        dummy.reset();
        values.reset();
        throw;
    }
}

// match_class: a tuple of the attributes the patterns match, positional
// ones by __match_args__, or None when the subject is no instance of `type`.
Ref<> match_class(Object* subject, Object* type_object, std::size_t nargs, Object* names) {
    if (!is_instance_of(type_object, types.type))
        raise_message(types.TypeError, "match_not_a_class", "called match pattern must be a type");
    auto* type = static_cast<TypeObject*>(type_object);
    if (!isinstance(subject, type)) return share(consts.None);
    Ref<SetObject> seen = new_set();
    Ref<ListObject> attrs = new_list();
    if (nargs) {
        bool match_self = false;
        Ref<> match_args = attribute_or_null(type, rt().intern("__match_args__"));
        if (match_args) {
            if (match_args->type != types.tuple)
                raisef(types.TypeError, "{}.__match_args__ must be a tuple (got {})", tp_name(type),
                       type_name(match_args.get()));
        } else {
            match_args = tuple_from_array({});
            match_self = matches_self(type);
        }
        const ItemArray& positional = static_cast<TupleObject*>(match_args.get())->items;
        const std::size_t allowed = match_self ? 1 : positional.size();
        if (allowed < nargs)
            raisef(types.TypeError, "{}() accepts {} positional sub-pattern{} ({} given)", tp_name(type), allowed,
                   allowed == 1 ? "" : "s", nargs);
        if (match_self) {
            list_append(attrs.get(), subject);
        } else {
            for (std::size_t i = 0; i < nargs; ++i) {
                Object* name = positional[i];
                if (name->type != types.str)
                    raisef(types.TypeError, "__match_args__ elements must be strings (got {})", type_name(name));
                Ref<> attr = class_attribute(subject, type, name, seen.get());
                if (!attr) return share(consts.None);
                list_append_owned(attrs.get(), attr.release());
            }
        }
    }
    for (Object* name : static_cast<TupleObject*>(names)->items) {
        Ref<> attr = class_attribute(subject, type, name, seen.get());
        if (!attr) return share(consts.None);
        list_append_owned(attrs.get(), attr.release());
    }
    std::vector<Object*> items(attrs->items.begin(), attrs->items.end());
    for (Object* item : items) incref(item);
    Ref<TupleObject> result = tuple_from_array(items);
    attrs.reset();
    seen.reset();
    return result;
}

}  // namespace vm
