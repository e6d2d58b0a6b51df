// The VM's C++ API for making and using the builtin objects (CPython's
// PyLong_*, PyList_*, PyDict_*, ...). Everything here keeps exact counts:
// functions taking `Object*` borrow it, and store a new reference when they
// keep it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "abstract.hpp"
#include "errors.hpp"
#include "heap.hpp"
#include "instance.hpp"
#include "objects.hpp"
#include "runtime.hpp"

namespace vm {

// ---- numbers
Ref<> new_int(std::int64_t v);
Ref<> new_float(double v);
inline bool is_int(const Object* o) { return o->type->has(TF_INT_SUBCLASS); }
inline bool is_float(const Object* o) { return o->type == types.float_; }
inline std::int64_t int_value(const Object* o) { return static_cast<const IntObject*>(o)->value; }
std::string float_repr(double d);

// ---- str
Ref<StrObject> new_str(std::string s);
inline bool is_str(const Object* o) { return o->type->has(TF_STR_SUBCLASS); }
inline const std::string& str_value(const Object* o) { return static_cast<const StrObject*>(o)->value; }
// Python's repr() of a str ('abc', "it's").
std::string quote_str(std::string_view s);
std::int64_t str_hash(StrObject* s);
// The code points of UTF-8 text, and back.
std::u32string decode_utf8(const std::string& s);
std::string encode_utf8(const std::u32string& s);
// The number of code points in UTF-8 text; `ascii` says whether all are.
std::size_t count_code_points(const std::string& s, bool& ascii);
bool str_equal(const StrObject* a, const StrObject* b);
// `format % args` (printf-style formatting of str).
Ref<> str_percent_format(StrObject* format, Object* args);

// The start, stop and step of `slice` for a sequence of `length` items
// (PySlice_GetIndicesEx), clipped; raises for a zero step.
void slice_indices(SliceObject* slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                   std::int64_t& step);
// str.format(*args, **kwargs) and format(value, spec).
std::string str_format(const std::string& format, Args args);
std::string format_with_spec(Object* value, const std::string& spec);

// Py_ReprEnter/Py_ReprLeave: detects a container whose repr reaches itself.
class ReprGuard {
  public:
    explicit ReprGuard(Object* o);
    ~ReprGuard();
    bool recursive() const { return recursive_; }

  private:
    bool recursive_;
};
// "[a, b]"-style repr of items between the brackets.
std::string join_reprs(const std::vector<Object*>& items, std::string_view open, std::string_view close);
// Lexicographic comparison of two item vectors (tuple and list richcompare).
Ref<> compare_sequences(const std::vector<Object*>& a, const std::vector<Object*>& b, CompareOp op);
// The item index for `key` into a sequence of `length` (negative from the end).
std::int64_t sequence_index(Object* key, std::int64_t length, const char* what);

// ---- tuple
Ref<TupleObject> new_tuple(std::vector<Object*> items_owned);  // takes the references
Ref<TupleObject> tuple_of(std::initializer_list<Object*> items);  // adds references
Ref<TupleObject> positional_tuple(Args args);  // a new tuple of the positional arguments
inline bool is_tuple(const Object* o) { return o->type->has(TF_TUPLE_SUBCLASS); }

// ---- list
Ref<ListObject> new_list(std::vector<Object*> items_owned = {});  // takes the references
inline bool is_list(const Object* o) { return o->type->has(TF_LIST_SUBCLASS); }
void list_append(ListObject* l, Object* item);
Ref<ListObject> list_of(const std::vector<Object*>& items);  // adds references
// A new list of the items of any iterable.
Ref<ListObject> list_from_iterable(Object* iterable);
void list_sort(ListObject* l, Object* key, bool reverse);

// ---- dict
Ref<DictObject> new_dict();
inline bool is_dict(const Object* o) { return o->type->has(TF_DICT_SUBCLASS); }
// Whether `o` may take part in a cycle (CPython's _PyObject_GC_MAY_BE_TRACKED):
// a dict starts tracking when it first holds one.
bool may_be_tracked(const Object* o);
// The value for `key` (borrowed), or null. Hashing or comparing may raise.
Object* dict_get(DictObject* d, Object* key);
Object* dict_get(DictObject* d, std::string_view key);
void dict_set(DictObject* d, Object* key, Object* value);
void dict_set(DictObject* d, std::string_view key, Object* value);
// Removes `key`; false when it was missing.
bool dict_del(DictObject* d, Object* key);
// Removes `key` and returns its value, or null when it was missing.
Ref<> dict_pop(DictObject* d, Object* key);
std::size_t dict_size(const DictObject* d);
Ref<DictObject> dict_copy(DictObject* d);
// Calls fn(key, value) for each entry in order (borrowed; do not mutate).
template <class F> void dict_for_each(DictObject* d, F&& fn) {
    for (std::size_t i = 0; i < d->table.entries.size(); ++i)
        if (d->table.entries[i].key) fn(d->table.entries[i].key, d->table.entries[i].value);
}

// ---- set
Ref<SetObject> new_set(TypeObject* type = nullptr);
void set_add(SetObject* s, Object* item);
bool set_discard(SetObject* s, Object* item);
bool set_contains(SetObject* s, Object* item);
std::size_t set_size(const SetObject* s);

// ---- functions and types
Ref<NativeFunctionObject> new_native_function(const char* name, NativeFn fn, void* data = nullptr,
                                              Object* self = nullptr);
Ref<> new_method(Object* func, Object* self);
Ref<CellObject> new_cell(Object* contents);
// A builtin type (static in CPython: it lives as long as the runtime).
TypeObject* new_builtin_type(const char* name, TypeObject* base, const LayoutOps* layout, std::uint32_t flags,
                             const char* module = "builtins");
void finish_builtin_type(TypeObject* type);
// Fills the slots a builtin type left null from its base (PyType_Ready).
void inherit_slots(TypeObject* type);
// Adds the special methods (__init__, __repr__, ...) of the slots a builtin
// type defines itself to its dict, as CPython's slot wrappers.
void add_slot_wrappers(TypeObject* type);
// The hash slot of unhashable types (list, dict, set, ...).
std::int64_t hash_not_implemented(Object* o);
void add_method(TypeObject* type, const char* name, NativeFn fn);
void add_getset(TypeObject* type, const char* name, GetSetDescriptorObject::Getter getter,
                GetSetDescriptorObject::Setter setter = nullptr);
void add_value(TypeObject* type, const char* name, Object* value);
// Recomputes the slots of a Python class (and its subclasses) from the
// special methods in its MRO: after creation and after a class attribute
// whose name is a dunder changes.
void update_slots(TypeObject* type);
// type(name, bases, namespace) for a class statement.
Ref<TypeObject> new_class(StrObject* name, TupleObject* bases, DictObject* ns);
// Fills a type's MRO (`mro` and `mro_tuple`) from its base.
void compute_mro(TypeObject* type);
// The getters of a class's __dict__ and of its __weakref__ (the first
// weakref to the instance, or None).
Ref<> instance_dict_getter(Object* self);
Ref<> instance_weakref_getter(Object* self);
// The class's qualified name as repr shows it ("__main__.A" or "list").
std::string type_repr_name(const TypeObject* t);

// ---- argument parsing for native functions
// Binds `args` to the parameter `names` (positional-or-keyword) of `fn`;
// the first `required` are mandatory. Missing optional ones are null.
// Raises CPython's TypeErrors ("f() takes at most 2 arguments (3 given)").
void parse_args(const char* fn, Args args, std::initializer_list<const char*> names, std::size_t required,
                std::initializer_list<Object**> out);
void no_keywords(const char* fn, Args args);
void check_nargs(const char* fn, Args args, std::size_t min, std::size_t max);

// ---- modules
// Whether `o` refers to any of the positional `targets` (by traverse): what
// gc.get_referrers looks for, whichever manager lists the objects.
bool refers_to(Object* o, Args targets);
class NativeModule {
  public:
    explicit NativeModule(std::string name);
    ModuleObject* module() const { return module_.get(); }
    Ref<ModuleObject> take() { return std::move(module_); }
    void add_function(const char* name, NativeFn fn, void* data = nullptr);
    void add(std::string_view name, Object* value);
    // Removes the attributes whose names are not in `names` (the profile's
    // list of what the modeled runtime has); names starting with _ stay.
    void keep_only(const std::vector<std::string>& names);

  private:
    Ref<ModuleObject> module_;
};
Ref<ModuleObject> new_module(std::string name);
void keep_only_names(ModuleObject* module, const std::vector<std::string>& names);
void clear_module_dict(DictObject* d);

// ---- interpreter entry points (call.cpp)
// Calls a Python function object with borrowed arguments.
Ref<> call_function(FunctionObject* func, Args args);
// Runs a module's code object in `globals`.
Ref<> run_module_code(CodeObject* code, DictObject* globals);
// A code object from compiled lang::Code.
Ref<CodeObject> new_code(std::shared_ptr<const lang::Code> code);

}  // namespace vm
