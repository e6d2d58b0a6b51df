// The object protocols, as CPython's abstract.c and object.c: attribute
// access, calls, comparisons, hashing, truth, iteration, operators. They
// dispatch on the type's slots and raise CPython's TypeErrors.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "objects.hpp"

namespace vm {

// ---- attributes ---------------------------------------------------------------------------------
Ref<> getattr(Object* o, StrObject* name);
Ref<> getattr(Object* o, std::string_view name);
// The attribute, or null when it is missing (AttributeError is swallowed).
Ref<> lookup_attr(Object* o, StrObject* name);
void setattr(Object* o, StrObject* name, Object* value);
// The same, for an instruction that keeps its lookup of `name` on the
// type in `site`.
Ref<> getattr(Object* o, StrObject* name, LookupSite& site);
void setattr(Object* o, StrObject* name, Object* value, LookupSite& site);
void delattr(Object* o, StrObject* name);
// A special method looked up on the type only (_PyObject_LookupSpecial):
// bound when it is a descriptor; null when missing.
Ref<> lookup_special(Object* o, StrObject* name);
// PyObject_GenericGetAttr / GenericSetAttr (the default getattro/setattro).
Ref<> generic_getattr(Object* o, StrObject* name, bool suppress);
void generic_setattr(Object* o, StrObject* name, Object* value);
// PyObject_GenericGetDict / GenericSetDict: the `__dict__` of an object whose
// type keeps it at dict_ptr, made empty the first time it is asked for.
Ref<> generic_get_dict(Object* o);
void generic_set_dict(Object* o, Object* value);
[[noreturn]] void raise_no_attribute(Object* o, StrObject* name);
// An AttributeError with `message` whose name and obj are set, as
// PyObject_GetAttr's set_attribute_error_context leaves them.
[[noreturn]] void raise_attribute_error(Object* o, StrObject* name, std::string message);
// Stops the program as unsupported when the modeled runtime has `name`
// where the model's lookup of it on `o` failed: on a built-in type of o's
// (o's own MRO and its metatype's, for a class), or in a module pymodel
// provides (Profile::runtime_names). The runtime would have found it.
void stop_if_runtime_has(Object* o, StrObject* name);
// The same for a name no scope holds that is one of the runtime's builtins.
void stop_if_runtime_has_builtin(StrObject* name);
// The names dir(o) lists, sorted: o's own attributes (instance attributes,
// a module's or a type's dict) and, but for a module, those of its type
// (a type's: its bases').
std::vector<std::string> attribute_names(Object* o);

// ---- calls --------------------------------------------------------------------------------------
// PyObject_Vectorcall. A callable CPython calls through its type's tp_call
// (called_through_tp_call) gets its arguments packed into a tuple and a dict
// first (args.tuple names the tuple), unless the caller passed them packed.
Ref<> call(Object* callable, Args args);
// Whether CPython has no vectorcall for `callable`: a class (but the builtin
// types that have one), an instance of a class (slot_tp_call), a slot
// wrapper or a method-wrapper (the profile's builtins.slot_wrapper_calls_pack).
bool called_through_tp_call(Object* callable);
Ref<> call(Object* callable, std::initializer_list<Object*> args);
// _PyObject_GetMethod: for a plain attribute lookup that finds a function or
// a method descriptor on the type, the unbound function (true); otherwise
// the attribute itself (false).
bool get_method(Object* obj, StrObject* name, Ref<>& method, LookupSite* site = nullptr);
// obj.name(*args) as C code calls it, without a bound method where it can.
Ref<> call_method(Object* self, StrObject* name, std::initializer_list<Object*> args);

// ---- items --------------------------------------------------------------------------------------
Ref<> getitem(Object* o, Object* key);
void setitem(Object* o, Object* key, Object* value);
void delitem(Object* o, Object* key);
bool contains(Object* container, Object* item);
std::size_t length(Object* o);
std::optional<std::size_t> ask_len(Object* o);  // a class's __len__ asked for a size
std::optional<std::size_t> ask_length_hint(Object* o);  // a class's PyObject_LengthHint
// A built-in iterator that has __length_hint__ (its exact size); a
// generator, map, filter, zip or enumerate has none.
bool builtin_iterator_hints(const TypeObject* type);
// How many items a built-in sized object or iterator has left (what its
// length hint answers, running no code), or `fallback` for one without a hint.
std::size_t builtin_length_hint(Object* o, std::size_t fallback);

// ---- comparison, hashing, truth -----------------------------------------------------------------
Ref<> richcompare(Object* a, Object* b, CompareOp op);
bool richcompare_bool(Object* a, Object* b, CompareOp op);
// ==, with identity first (containers, dict keys, `in`).
bool equal(Object* a, Object* b);
// `a is b`, and id(): with the profile's identity_by_value (PyPy), an int, a
// float or a complex number is identified by its value.
bool is_same_object(Object* a, Object* b);
std::int64_t object_id(Object* o);
std::int64_t hash(Object* o);
bool truthy(Object* o);

// ---- iteration ----------------------------------------------------------------------------------
Ref<> get_iter(Object* o);
// The next item, or null when the iterator is exhausted.
Ref<> iter_next(Object* it);

// ---- operators (op: lang::BinaryOp numbering, + 13 for the in-place forms) ----------------------
Ref<> binary_op(Object* a, Object* b, int op);
Ref<> unary_negative(Object* o);
Ref<> unary_positive(Object* o);
Ref<> unary_invert(Object* o);
std::int64_t as_index(Object* o);

// ---- conversions --------------------------------------------------------------------------------
Ref<StrObject> repr(Object* o);
Ref<StrObject> str(Object* o);
std::string repr_string(Object* o);
std::string str_string(Object* o);
// "<__main__.A object at 0x...>"
std::string default_repr(Object* o);
std::string address_of(const Object* o);

// ---- classes ------------------------------------------------------------------------------------
bool isinstance(Object* o, Object* cls_or_tuple);
bool issubclass(Object* cls, Object* cls_or_tuple);
bool is_callable(Object* o);

}  // namespace vm
