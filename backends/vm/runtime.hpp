// The interpreter state: builtin types, constants, interned names, the
// module table, the thread, the memory manager and the profile. One
// Runtime exists at a time; `rt()` reaches it.
#pragma once

#include <filesystem>
#include <map>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io.hpp"
#include "memory_manager.hpp"
#include "objects.hpp"
#include "profile.hpp"
#include "thread.hpp"
#include "tracemalloc.hpp"

namespace vm {

// ---- builtin types ------------------------------------------------------------------------------

// clang-format off
#define VM_BUILTIN_TYPES(X)                                                                   \
    X(object) X(type) X(int_) X(bool_) X(float_) X(complex) X(str) X(bytes) X(bytearray)        \
    X(tuple) X(list) X(dict) X(set)                                                             \
    X(frozenset) X(none) X(not_implemented) X(ellipsis) X(code) X(function) X(method)           \
    X(builtin_function) X(method_descriptor) X(classmethod_descriptor) X(getset_descriptor)     \
    X(member_descriptor) X(cell) X(generic_alias) X(union_type)                                              \
    X(module) X(range) X(slice) X(property) X(staticmethod) X(classmethod) X(super) X(frame)     \
    X(traceback) X(generator) X(coroutine) X(async_generator) X(coroutine_wrapper) X(async_generator_asend) X(async_generator_athrow) X(weakref) X(weakproxy) X(weakcallableproxy) X(file_io)            \
    X(buffered_writer) X(buffered_reader) X(text_io) X(list_iterator) X(list_reverseiterator)    \
    X(tuple_iterator) X(str_iterator) X(range_iterator) X(dict_keyiterator)                      \
    X(dict_valueiterator) X(dict_itemiterator) X(set_iterator) X(dict_keys) X(dict_values)       \
    X(dict_items) X(enumerate) X(zip) X(map) X(filter) X(reversed) X(simple_namespace)            \
    X(incremental_encoder) X(incremental_decoder) X(incremental_newline_decoder) X(stat_result)  \
    X(unraisable_hook_args) X(memoryview) X(managed_buffer)
// clang-format on

// The exception hierarchy: X(name, base).
// clang-format off
#define VM_EXCEPTION_TYPES(X)                                              \
    X(BaseException, object) X(SystemExit, BaseException)                  \
    X(KeyboardInterrupt, BaseException) X(GeneratorExit, BaseException)    \
    X(Exception, BaseException) X(StopIteration, Exception)                \
    X(StopAsyncIteration, Exception)                                       \
    X(ArithmeticError, Exception) X(ZeroDivisionError, ArithmeticError)    \
    X(OverflowError, ArithmeticError) X(AssertionError, Exception)         \
    X(AttributeError, Exception) X(BufferError, Exception)                 \
    X(EOFError, Exception) X(ImportError, Exception)                       \
    X(ModuleNotFoundError, ImportError) X(LookupError, Exception)          \
    X(IndexError, LookupError) X(KeyError, LookupError)                    \
    X(MemoryError, Exception) X(NameError, Exception)                      \
    X(UnboundLocalError, NameError) X(OSError, Exception)                  \
    X(FileExistsError, OSError) X(FileNotFoundError, OSError)              \
    X(IsADirectoryError, OSError) X(NotADirectoryError, OSError)           \
    X(PermissionError, OSError) X(BlockingIOError, OSError)                \
    X(ChildProcessError, OSError) X(ConnectionError, OSError)              \
    X(BrokenPipeError, ConnectionError)                                    \
    X(ConnectionAbortedError, ConnectionError)                             \
    X(ConnectionRefusedError, ConnectionError)                             \
    X(ConnectionResetError, ConnectionError)                               \
    X(InterruptedError, OSError) X(ProcessLookupError, OSError)            \
    X(TimeoutError, OSError) X(ReferenceError, Exception)                  \
    X(RuntimeError, Exception) X(NotImplementedError, RuntimeError)        \
    X(RecursionError, RuntimeError) X(SyntaxError, Exception)              \
    X(SystemError, Exception) X(TypeError, Exception)                      \
    X(ValueError, Exception) X(UnicodeError, ValueError)                   \
    X(Warning, Exception) X(UserWarning, Warning)                          \
    X(DeprecationWarning, Warning) X(RuntimeWarning, Warning)              \
    X(ResourceWarning, Warning) X(PendingDeprecationWarning, Warning)    \
    X(ImportWarning, Warning)
// clang-format on

struct Types {
#define VM_FIELD(name) TypeObject* name = nullptr;
    VM_BUILTIN_TYPES(VM_FIELD)
#undef VM_FIELD
#define VM_FIELD(name, base) TypeObject* name = nullptr;
    VM_EXCEPTION_TYPES(VM_FIELD)
#undef VM_FIELD
};
extern Types types;

// ---- constants ----------------------------------------------------------------------------------

constexpr std::int64_t kSmallIntMin = -5, kSmallIntMax = 256;

struct Constants {
    Object* None = nullptr;
    Object* True = nullptr;
    Object* False = nullptr;
    Object* NotImplemented = nullptr;
    Object* Ellipsis = nullptr;
    TupleObject* empty_tuple = nullptr;
    StrObject* empty_str = nullptr;
    IntObject* small_ints[kSmallIntMax - kSmallIntMin + 1] = {};
};
extern Constants consts;

inline Ref<> new_none() { return share(consts.None); }
inline Ref<> new_bool(bool b) { return share(b ? consts.True : consts.False); }

// ---- interned names the VM uses -----------------------------------------------------------------

// clang-format off
#define VM_IDS(X)                                                                              \
    X(init, "__init__") X(new_, "__new__") X(del, "__del__") X(repr, "__repr__")                  \
    X(str, "__str__") X(hash, "__hash__") X(eq, "__eq__") X(ne, "__ne__") X(lt, "__lt__")          \
    X(le, "__le__") X(gt, "__gt__") X(ge, "__ge__") X(bool_, "__bool__") X(len, "__len__") X(length_hint, "__length_hint__") \
    X(iter, "__iter__") X(next, "__next__") X(call, "__call__") X(getattr, "__getattr__")       \
    X(getattribute, "__getattribute__") X(setattr, "__setattr__") X(delattr, "__delattr__")     \
    X(getitem, "__getitem__") X(setitem, "__setitem__") X(delitem, "__delitem__")               \
    X(contains, "__contains__") X(get, "__get__") X(set, "__set__") X(delete_, "__delete__")     \
    X(enter, "__enter__") X(exit, "__exit__") X(neg, "__neg__") X(pos, "__pos__")                \
    X(invert, "__invert__") X(index, "__index__") X(name, "__name__")                             \
    X(qualname, "__qualname__") X(module, "__module__") X(dict, "__dict__") X(doc, "__doc__")      \
    X(slots, "__slots__") X(weakref, "__weakref__") X(classcell, "__classcell__") X(classdictcell, "__classdictcell__")               \
    X(class_, "__class__") X(builtins, "__builtins__") X(file, "__file__") X(main, "__main__")   \
    X(spec, "__spec__") X(loader, "__loader__") X(package, "__package__")                       \
    X(package_path, "__path__")                                                                   \
    X(annotations, "__annotations__") X(build_class, "__build_class__") X(cached, "__cached__")   \
    X(import, "__import__") X(write, "write") X(flush, "flush") X(close, "close")                \
    X(stdout, "stdout") X(stderr, "stderr") X(code, "code") X(args, "args") X(value, "value")   \
    X(closed, "closed") X(mro, "mro") X(self, "self") X(keys, "keys") X(items, "items")          \
    X(last_type, "last_type") X(last_value, "last_value") X(last_traceback, "last_traceback") \
    X(modules, "modules") X(path, "path") X(name_attr, "name") X(mode, "mode") X(fileno, "fileno") \
    X(read, "read") X(read1, "read1") X(readall, "readall") X(class_getitem, "__class_getitem__") \
    X(init_subclass, "__init_subclass__") X(origin, "__origin__") X(dunder_args, "__args__")
// clang-format on

struct Ids {
#define VM_FIELD(field, text) StrObject* field = nullptr;
    VM_IDS(VM_FIELD)
#undef VM_FIELD
};
extern Ids ids;

// ---- the runtime --------------------------------------------------------------------------------

class NativeModule;
class ImportSystem;
class Threads;

class Runtime {
  public:
    Runtime(Profile profile, std::unique_ptr<MemoryManager> manager);
    ~Runtime();  // frees everything (the manager's free_all)
    Runtime(const Runtime&) = delete;

    // Runs `code` (compiled from `source`, its filename the script's
    // absolute path) as __main__, then the exit sequence; returns the
    // process exit status.
    int run_main(std::shared_ptr<const lang::Code> code, std::string source);

    const Profile& profile() const { return profile_; }
    // Tells apart the runtimes one process makes one after another (at the
    // same address, maybe): what a module makes for the runtime at its first
    // import checks it.
    std::uint64_t serial() const { return serial_; }
    MemoryManager& manager() { return *manager_; }
    // The running thread's state, and the program's threads.
    ThreadState& thread() { return *current_thread_; }
    void set_thread(ThreadState* ts) { current_thread_ = ts; }
    Threads& threads() { return *threads_; }

    // The interned str of `s`, interned for `why` (before __main__ is made,
    // everything is the runtime's own).
    StrObject* intern(std::string_view s, Interned why = Interned::Runtime);
    // sys.intern(s): the interned str equal to `s`, which is `s` itself
    // when none was (PyUnicode_InternInPlace).
    StrObject* intern_in_place(StrObject* s, Interned why);
    bool is_interned(const std::string& s) const { return interned_.contains(s); }
    // Keeps `o` alive until the runtime is torn down (builtin objects).
    void keep(Object* o) { permanent_.push_back(o); }
    // The constants of the live code objects, their tuples' items too,
    // counted by code object: CPython holds them in co_consts tuples and,
    // for a literal, the parser's arena list, which the model does not
    // make, so gc.get_referrers() of one would miss them.
    void note_code_constants(const CodeObject& code, int delta);
    bool is_code_constant(const Object* o) const { return code_constants_.contains(o); }

    ModuleObject* builtins = nullptr;  // borrowed (in `modules`)
    DictObject* builtins_dict = nullptr;
    // The names builtins had as the model made it, sorted: a builtin the
    // program deleted is a NameError on the runtime too, not a gap of the
    // model's (stop_if_runtime_has_builtin).
    std::vector<const Object*> builtins_as_made;  // their interned names
    ModuleObject* sys = nullptr;
    DictObject* modules = nullptr;  // counted: sys.modules
    ModuleObject* main_module = nullptr;
    Object* stdout_stream = nullptr;  // counted: sys.__stdout__
    Object* stderr_stream = nullptr;  // counted: sys.__stderr__
    ListObject* atexit_callbacks = nullptr;  // counted: (func, args, kwargs) tuples
    // _warnings' state (WarningsState), made at its first use (errors.cpp).
    struct WarningsState {
        Object* filters = nullptr;  // counted: the list warnings.filters was last seen to be
        Object* once_registry = nullptr;  // counted
        Object* default_action = nullptr;  // counted
        std::int64_t filters_version = 0;
    } warnings;
    // The callables CPython's specializer recognizes (its callable_cache,
    // and type), borrowed: builtins and list's dict keep them (kept too).
    struct {
        Object* len = nullptr;
        Object* isinstance = nullptr;
        Object* list_append = nullptr;
    } callables;
    std::string main_path;  // the script's absolute path
    // sys.argv: the script's path as given, then its arguments (empty:
    // the script's path alone).
    std::vector<std::string> argv;
    std::string main_source;  // its text, for tracebacks and warnings
    // sys.set_int_max_str_digits(): the most decimal digits str(int) and
    // int(str) take (0: no limit; the default is every version's 4300).
    std::int64_t int_max_str_digits = 4300;
    // The text of the script or of a module imported from a file, or null.
    const std::string* source_of(const std::string& filename) const;

    // Py_FinalizeEx is past the atexit callbacks (_Py_IsFinalizing): the
    // runtime's C code imports nothing more.
    bool finalizing = false;

    // An unsupported construct met where no C++ exception may pass (inside
    // a finalizer run by a decref): reported at the next instruction.
    void defer_unsupported(std::string what);
    // Throws Unsupported if one was deferred.
    void check_deferred_unsupported();

    // Imports a module the VM builds itself (importer.cpp's
    // built_by_model: its C++ modules, its library).
    Ref<ModuleObject> import_module(StrObject* name);
    // The import system over the runtime's own importlib (importer.hpp).
    ImportSystem& imports() { return *imports_; }

    // The first report of an unraisable exception imports the modules that
    // print it (PyPy's traceback module): each leaves a module lock.
    void on_first_unraisable();
    // What CPython allocates to show a line of source in a traceback or a
    // warning (the profile's "(source-line)" trace, when it has one).
    void charge_source_line();
    // The runtime's own import of `module` (its profile trace), once: what
    // its C code imports (3.8's and 3.9's first text open: _bootlocale).
    // False when it was charged before or has no trace.
    bool charge_import(const std::string& module);
    void charge_unmodeled(const std::string& module);
    // The C part of `module`'s import that importlib's loader asks `_imp`
    // for (`step`: create_dynamic, exec_dynamic, create_builtin or
    // exec_builtin), once: the part of its trace recorded there
    // (`(create_dynamic:math)`), for a model that runs importlib's Python
    // part itself. False when the trace has no such part (no trace, or the
    // runtime loads the module otherwise).
    bool charge_module_init(std::string_view step, const std::string& module);
    bool import_charged(std::string_view module) const { return charged_imports_.contains(module); }
    // A call of the runtime's own Python code that the model runs as C++
    // (`code`: FILE:LINE:NAME in its library folder, as the import traces
    // name it: "genericpath.py:16:exists"). Where frames are objects
    // (gc.frame_objects, to 3.10), its first call in the process makes the
    // frame that stays its code's zombie, as an import trace's f@CODE does,
    // whose later calls take it.
    void library_call(std::string_view code);

    // The io objects flushed at exit, where the profile says so.
    FlushList& flush_list() { return flush_list_; }

  private:
    std::uint64_t serial_;
    void create_builtin_objects();
    void create_modules();
    int exit_sequence(int status);
    void join_threads();
    void finalize_modules();
    void replay(const std::vector<RuntimeEvent>& trace);
    bool first_subclass(const std::string& tp_name);

    Profile profile_;
    std::unique_ptr<MemoryManager> manager_;
    std::unique_ptr<ImportSystem> imports_;
    std::unique_ptr<Pymalloc> pymalloc_;  // the profile's [pymalloc], when it has one
    std::unique_ptr<Tracemalloc> tracemalloc_;  // when the profile has [tracemalloc]
    ThreadState thread_;  // the main thread's
    ThreadState* current_thread_ = &thread_;
    std::unique_ptr<Threads> threads_;
    std::unordered_map<std::string, StrObject*> interned_;  // counted
    std::string deferred_unsupported_;
    std::vector<Object*> permanent_;  // counted; dropped only by free_all
    std::unordered_map<const Object*, int> code_constants_;  // borrowed: the code objects hold them
    FlushList flush_list_;
    std::set<std::string, std::less<>> charged_imports_;  // modules whose import cost was counted
    std::set<std::string, std::less<>> subclassed_module_classes_;  // by their imports (first_subclass)
    std::set<std::string, std::less<>> called_codes_;  // the codes of the CodeFrame events replayed
    bool unraisable_written_ = false;
    friend void init_all_types(Runtime&);
};

// The runtime of this process (set while one exists). rt() is inline: the
// interpreter and the objects ask for it at nearly every step.
extern Runtime* g_runtime;
inline Runtime& rt() { return *g_runtime; }
inline bool runtime_exists() { return g_runtime != nullptr; }
// " at FILE:LINE" of the frame's current instruction ("" for none).
std::string frame_location(Frame* f);

}  // namespace vm
