// The VM's C++ API for making and using the builtin objects (CPython's
// PyLong_*, PyList_*, PyDict_*, ...). Everything here keeps exact counts:
// functions taking `Object*` borrow it, and store a new reference when they
// keep it. The values (int, str, tuple, list, dict, set) and argument
// parsing are in values.hpp, which a memory manager may use too.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "abstract.hpp"
#include "errors.hpp"
#include "heap.hpp"
#include "instance.hpp"
#include "objects.hpp"
#include "runtime.hpp"
#include "values.hpp"

namespace vm {

// ---- str ----------------------------------------------------------------------------------------
// The code points of UTF-8 text, and back (lang/unicode.hpp).
using lang::code_point_at;
using lang::decode_utf8;
using lang::encode_utf8;
// The number of code points in UTF-8 text; `ascii` says whether all are.
std::size_t count_code_points(const std::string& s, bool& ascii);
// Py_UNICODE_ISSPACE (the same in every modeled Unicode version).
bool is_unicode_space(char32_t c);
// Stops the program as unsupported if `s` holds a lone surrogate, which
// `what` (an encoding to UTF-8) would raise UnicodeEncodeError for.
void require_no_surrogates(std::string_view s, const char* what);
// ascii(): a repr() with every character outside ASCII escaped.
std::string ascii_escape(std::string_view repr);
// The runtime's Unicode tables, read at the first use; stops the program as
// unsupported if its profile names none.
const lang::UnicodeTables& unicode_tables();
// The text int() and float() parse (_PyUnicode_TransformDecimalAndSpaceToASCII):
// whitespace outside ASCII becomes ' ', a decimal digit of any script its
// ASCII digit; any other character outside ASCII ends the text as '?'.
std::string numeric_text_to_ascii(const StrObject* s);
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
    Object* object_;
    bool recursive_;
};
// "[a, b]"-style repr of items between the brackets.
std::string join_reprs(std::span<Object* const> items, std::string_view open, std::string_view close);
// Lexicographic comparison of two item vectors (tuple and list richcompare).
Ref<> compare_sequences(std::span<Object* const> a, std::span<Object* const> b, CompareOp op);
// The item index for `key` into a sequence of `length` (negative from the end).
std::int64_t sequence_index(Object* key, std::int64_t length, const char* what);

// ---- functions and types ------------------------------------------------------------------------
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
// A classmethod_descriptor: bound to the class it is looked up on.
void add_class_method(TypeObject* type, const char* name, NativeFn fn);
// The builtin type's __class_getitem__, which makes a types.GenericAlias.
void add_class_getitem(TypeObject* type);
// `cls[key]` for a class whose type has no __getitem__: its
// __class_getitem__, or `type[...]`'s alias (generic_alias.cpp).
Ref<> subscript_class(TypeObject* cls, Object* key);
void add_getset(TypeObject* type, const char* name, GetSetDescriptorObject::Getter getter,
                GetSetDescriptorObject::Setter setter = nullptr);
void add_value(TypeObject* type, const char* name, Object* value);
// Recomputes the slots of a Python class (and its subclasses) from the
// special methods in its MRO: after creation and after a class attribute
// whose name is a dunder changes.
void update_slots(TypeObject* type);
// The nearest builtin type in a class's bases (the type itself if builtin).
TypeObject* builtin_base(TypeObject* t);
// type(name, bases, namespace) for a class statement.
// type_new: `keywords` (no positional ones) go to __init_subclass__.
Ref<TypeObject> new_class(StrObject* name, TupleObject* bases, DictObject* ns, Args keywords = {});
// Fills a type's MRO (`mro` and `mro_tuple`) from its base.
void compute_mro(TypeObject* type);
// The getters of a class's __dict__ and of its __weakref__ (the first
// weakref to the instance, or None).
Ref<> instance_dict_getter(Object* self);
Ref<> instance_weakref_getter(Object* self);
// The class's qualified name as repr shows it ("__main__.A" or "list").
std::string type_repr_name(const TypeObject* t);

// ---- modules ------------------------------------------------------------------------------------
// dict_tracked_first: the dict is tracked before the module object (3.13's __main__).
Ref<ModuleObject> new_module(std::string name, bool dict_tracked_first = false);
void keep_only_names(ModuleObject* module, const std::vector<std::string>& names);
void clear_module_dict(DictObject* d);

// ---- interpreter entry points (call.cpp) --------------------------------------------------------
// Calls a Python function object with borrowed arguments.
Ref<> call_function(FunctionObject* func, Args args);
// Runs a module's code object in `globals`.
Ref<> run_module_code(CodeObject* code, DictObject* globals);
// What CPython's parser arena holds while the code compiled from a file or
// an exec()'d str runs (PyRun_FileExFlags, PyRun_StringFlags): a reference
// to each constant the parser made or the AST optimizer folded that the
// code objects kept (lang::Constant::arena_refs), and the runtime's
// containers the compile replay says go with it.
class ParserArena {
  public:
    ParserArena() = default;
    ParserArena(const ParserArena&) = delete;
    ParserArena& operator=(const ParserArena&) = delete;
    ~ParserArena() { free(); }
    void hold(Object* o) { objects_.push_back(share(o)); }
    void hold_containers(std::vector<RuntimeContainer> containers) { containers_ = std::move(containers); }
    // _PyArena_Free: its list drops its items, the last first, then goes.
    void free();

  private:
    std::vector<Ref<>> objects_;
    std::vector<RuntimeContainer> containers_;
};
// A code object from compiled lang::Code. `arena`, for a source whose code
// runs while the parser's arena is alive, gets its references to the
// constants (imports compile through compile(), whose arena is gone first).
Ref<CodeObject> new_code(std::shared_ptr<const lang::Code> code, ParserArena* arena = nullptr);

}  // namespace vm
