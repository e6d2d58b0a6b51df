// Making and reading the builtin values (int, float, str, tuple, list,
// dict, set), parsing a native function's arguments, and native modules:
// what native code needs to take Python values and return them. Part of
// the VM's API (api.hpp), and all of it a memory manager may use for its
// gc module functions (manager_api.hpp). The same counting rules as
// api.hpp: `Object*` parameters are borrowed.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "heap.hpp"
#include "objects.hpp"
#include "runtime.hpp"

namespace vm {

// ---- numbers ------------------------------------------------------------------------------------
Ref<> new_int(std::int64_t v);
Ref<> new_float(double v);
inline bool is_int(const Object* o) { return o->type->has(TF_INT_SUBCLASS); }
inline bool is_float(const Object* o) {
    return o->type == types.float_ || (o->type->has(TF_HEAPTYPE) && o->type->is_subtype(types.float_));
}
// A big int where native code needs a machine integer (bigint.hpp).
[[noreturn]] void int_beyond_int64(const Object* o);
inline std::int64_t int_value(const Object* o) {
    const auto* i = static_cast<const IntObject*>(o);
    if (i->big) [[unlikely]]
        int_beyond_int64(o);
    return i->value;
}
// Whether two ints have one value (of any size).
bool int_values_equal(const Object* a, const Object* b);
// Whether `o` is an exact int (not bool, not a subclass) that fits an
// int64: the 64-bit fast paths.
inline bool is_small_exact_int(const Object* o) {
    return o->type == types.int_ && !static_cast<const IntObject*>(o)->big;
}
std::string float_repr(double d);
// True or False for `op`, given a three-way comparison's result (<0, 0, >0).
Ref<> compare_result(int c, CompareOp op);
Ref<> new_complex(double real, double imag);

// ---- bytes, bytearray ---------------------------------------------------------------------------
Ref<> new_bytes(std::string value);
inline bool is_bytes_like(const Object* o) { return o->type == types.bytes || o->type == types.bytearray; }
inline const std::string& bytes_value(const Object* o) { return static_cast<const BytesObject*>(o)->value; }

// ---- str ----------------------------------------------------------------------------------------
Ref<StrObject> new_str(std::string s);
inline bool is_str(const Object* o) { return o->type->has(TF_STR_SUBCLASS); }
inline const std::string& str_value(const Object* o) { return static_cast<const StrObject*>(o)->value; }
// Python's repr() of a str ('abc', "it's").
std::string quote_str(std::string_view s);
std::int64_t str_hash(StrObject* s);
bool str_equal(const StrObject* a, const StrObject* b);

// ---- tuple --------------------------------------------------------------------------------------
Ref<TupleObject> new_tuple(std::vector<Object*> items_owned);  // takes the references
Ref<TupleObject> new_tuple_of(std::span<Object* const> items_owned);  // the same, from an array
Ref<TupleObject> tuple_of(std::initializer_list<Object*> items);  // adds references
Ref<TupleObject> none_tuple(std::size_t size);  // a new tracked tuple of `size` Nones (PyTuple_New, then None)
Ref<TupleObject> positional_tuple(Args args);  // a new tuple of the positional arguments
// A new tuple made from an array (_PyTuple_FromArray and its kin); takes
// the references. Untracked when the profile's gc.array_tuples_untracked
// says so and no item is of a GC type.
Ref<TupleObject> tuple_from_array(std::span<Object* const> items_owned);
Ref<TupleObject> sequence_tuple(Object* v);  // PySequence_Tuple of a non-tuple
inline bool is_tuple(const Object* o) { return o->type->has(TF_TUPLE_SUBCLASS); }

// ---- list ---------------------------------------------------------------------------------------
Ref<ListObject> new_list(std::vector<Object*> items_owned = {});  // takes the references
Ref<ListObject> new_list_of(std::span<Object* const> items_owned);  // the same, from an array
inline bool is_list(const Object* o) { return o->type->has(TF_LIST_SUBCLASS); }
void list_append(ListObject* l, Object* item);
void list_append_owned(ListObject* l, Object* item);  // takes the reference
void list_resize(ListObject* l, std::size_t newsize);  // CPython's capacity for newsize items (list.cpp)
void list_insert(ListObject* l, std::int64_t index, Object* item);  // PyList_Insert (adds a reference)
void list_delete_slice(ListObject* l, std::size_t start, std::size_t stop);  // PyList_SetSlice(l, start, stop, NULL)
Ref<ListObject> list_of(std::span<Object* const> items);
inline Ref<ListObject> list_of(const std::vector<Object*>& items) {
    return list_of(std::span<Object* const>(items));
}  // adds references
// A new list of the items of any iterable.
Ref<ListObject> list_from_iterable(Object* iterable);
void list_extend(ListObject* l, Object* iterable);
void list_sort(ListObject* l, Object* key, bool reverse);

// ---- dict ---------------------------------------------------------------------------------------
Ref<DictObject> new_dict();
// _PyDict_NewPresized (3.11: _PyDict_FromItems, whose table is of str keys
// when every key is a str): a dict with a table for n items, if more than
// the smallest table holds; key(i) is the i-th item's key.
void presize_dict(DictObject* d, std::size_t n, bool str_keys);
template <class KeyAt> Ref<DictObject> new_presized_dict(int n, KeyAt key) {
    Ref<DictObject> d = new_dict();
    if (n > 5) {
        bool str_keys = true;
        for (int i = 0; i < n; ++i) str_keys = str_keys && key(i)->type == types.str;
        presize_dict(d.get(), n, str_keys);
    }
    return d;
}
inline bool is_dict(const Object* o) { return o->type->has(TF_DICT_SUBCLASS); }
// Whether `o` may take part in a cycle (CPython's _PyObject_GC_MAY_BE_TRACKED):
// a dict starts tracking when it first holds one.
bool may_be_tracked(const Object* o);
// The value for `key` (borrowed), or null. Hashing or comparing may raise.
Object* dict_get(DictObject* d, Object* key);
Object* dict_get(DictObject* d, std::string_view key);
void dict_set(DictObject* d, Object* key, Object* value);
void dict_set(DictObject* d, std::string_view key, Object* value);
void update_kwargs(DictObject* d, Args args);  // sets the call's keyword arguments
// Removes `key`; false when it was missing.
bool dict_del(DictObject* d, Object* key);
// Removes `key` and returns its value, or null when it was missing.
Ref<> dict_pop(DictObject* d, Object* key);
std::size_t dict_size(const DictObject* d);
Ref<DictObject> dict_copy(DictObject* d);
// dict.update(other): a dict, an object with keys(), or pairs.
void dict_update(DictObject* d, Object* other);
// PyDict_Update: a dict, or a mapping read through keys() (an
// AttributeError when it has none).
void dict_update_from_mapping(DictObject* d, Object* mapping);
// PyMapping_Keys: keys() as a list.
Ref<ListObject> mapping_keys(Object* mapping);
// Calls fn(key, value) for each entry in order (borrowed; do not mutate).
template <class F> void dict_for_each(DictObject* d, F&& fn) {
    for (std::size_t i = 0; i < d->table.entries().size(); ++i)
        if (d->table.entries()[i].key) fn(d->table.entries()[i].key, d->table.entries()[i].value);
}

// ---- set ----------------------------------------------------------------------------------------
Ref<SetObject> new_set(TypeObject* type = nullptr);
void set_add(SetObject* s, Object* item);
// _PySet_Update: the items of any iterable.
void set_update(SetObject* s, Object* iterable);
// A set display of constants (BUILD_CONST_SET), and the frozenset constant
// the compiler makes of one.
Ref<SetObject> new_set_of_constants(std::span<Object* const> items);
Ref<SetObject> new_frozenset_constant(std::span<Object* const> items);
bool set_discard(SetObject* s, Object* item);
bool set_contains(SetObject* s, Object* item);
std::size_t set_size(const SetObject* s);

// ---- argument parsing for native functions ------------------------------------------------------
// `key` names the builtin in the profile's call errors (Profile::call_errors):
// `len`, `str` (the type's call), `list.append`, `gc.enable`. A call that
// does not fit raises the runtime's TypeError for it, or stops the program
// as unsupported where none is recorded.
struct CallKey {
    std::string_view owner;  // the type or module of a method or module function; "" for a builtin
    std::string_view name;
    CallKey(const char* builtin) : name(builtin) {}
    CallKey(const std::string& builtin) : name(builtin) {}
    CallKey(std::string_view owner, std::string_view name) : owner(owner), name(name) {}
    // Only when a call fails: the key is joined then.
    std::string joined() const {
        return owner.empty() ? std::string(name) : std::string(owner) + "." + std::string(name);
    }
};
// Binds `args` to the parameter `names` (positional-or-keyword); the first
// `required` are mandatory. Missing optional ones are null.
void parse_args(CallKey key, Args args, std::initializer_list<const char*> names, std::size_t required,
                std::initializer_list<Object**> out);
// The checks inline, so that the key is only made on the failing side.
[[noreturn]] void raise_call_error(CallKey key, Args args);  // the keyword's error, else the count's
inline void no_keywords(CallKey key, Args args) {
    if (args.nkw()) raise_call_error(key, args);
}
inline void check_nargs(CallKey key, Args args, std::size_t min, std::size_t max) {
    if (args.nkw() || args.nargs < min || args.nargs > max) raise_call_error(key, args);
}
[[noreturn]] void raise_arity_error(CallKey key, std::size_t nargs);
[[noreturn]] void raise_keyword_error(CallKey key, std::string_view keyword);

// ---- modules ------------------------------------------------------------------------------------
// Whether `o` refers to any of the positional `targets` (by traverse): what
// gc.get_referrers looks for, whichever manager lists the objects.
bool refers_to(Object* o, Args targets);
// Raises ModuleNotFoundError where the modeled runtime has no module
// `name` (its runtime names, when the profile has them: PyPy has no _heapq).
void require_runtime_module(const std::string& name);
class NativeModule {
  public:
    explicit NativeModule(std::string name);
    ModuleObject* module() const { return module_.get(); }
    Ref<ModuleObject> take() { return std::move(module_); }
    void add_function(const char* name, NativeFn fn, void* data = nullptr);
    void add(std::string_view name, Object* value);
    // An object the runtime has that the model does not model: it exists
    // (hasattr is true), and reading or setting any of its attributes
    // stops the run as unsupported.
    void add_unmodeled(const char* name);
    // Removes the attributes whose names are not in `names` (the profile's
    // list of what the modeled runtime has); names starting with _ stay.
    void keep_only(const std::vector<std::string>& names);
    // Removes the attributes the modeled runtime's module of this name
    // lacks (its runtime names, when the profile has them): a function
    // added in a later version is an AttributeError, as there.
    void keep_runtime_names();

  private:
    Ref<ModuleObject> module_;
};
}  // namespace vm
