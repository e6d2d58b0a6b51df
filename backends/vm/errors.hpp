// Raising Python exceptions from C++ and reporting them. A Python exception
// travels through C++ as PyException, with the exception object in
// ThreadState::curexc; whoever catches it takes the object with
// take_exception().
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "object.hpp"

namespace vm {

struct TypeObject;
struct DictObject;

struct PyException {};

// The interpreter met something outside pymodel's subset at run time
// (exit status 3, like a construct the front end rejects).
struct Unsupported {
    std::string what;
    std::string where;  // " at FILE:LINE", once known: set by a frame that goes while it unwinds
};

// Raises `exc` (an exception instance): links the exception being handled
// as its __context__, as CPython's _PyErr_SetObject does.
[[noreturn]] void raise(Ref<> exc);
[[noreturn]] void raise(TypeObject* type, std::string message);
template <class... A> [[noreturn]] void raisef(TypeObject* type, fmt::format_string<A...> f, A&&... args) {
    raise(type, fmt::format(f, std::forward<A>(args)...));
}
// The message `id` as the modeled runtime words it: its profile's [errors]
// template, or `cpython` (CPython 3.11's, the VM's own), formatted with
// `args`. A template may use any of the arguments, by index ({1}).
std::string error_message(std::string_view id, fmt::string_view cpython, fmt::format_args args);
template <class... A>
[[noreturn]] void raise_message(TypeObject* type, std::string_view id, fmt::format_string<A...> cpython, A&&... args) {
    raise(type, error_message(id, cpython, fmt::make_format_args(args...)));
}
// An argument of raise_message shown as the object's repr, made only when
// the profile's template shows it: a repr may allocate (a container's first
// makes the thread state's containers, gc.repr_thread_state).
struct ReprArg {
    Object* object;
};
std::string repr_string(Object* o);
// Raises an exception of `type` with no arguments (`raise StopIteration`).
[[noreturn]] void raise_empty(TypeObject* type);
// KeyError(key): a missing dict key or set item.
[[noreturn]] void key_error(Object* key);
// Raises `exc` again as is (a bare raise, RERAISE): no new context.
[[noreturn]] void reraise(Ref<> exc);
[[noreturn]] void unsupported(std::string what);
// PyErr_SetImportError: an ImportError with `message`, its name and path
// (None when null).
[[noreturn]] void raise_import_error(const std::string& message, Object* name, Object* path);

// The exception in flight (after catching PyException); clears it.
Ref<> take_exception();
// Whether `exc` is an instance of `type_or_tuple` (a class or tuple of classes).
bool exception_matches(Object* exc, Object* type_or_tuple);
bool exception_is(Object* exc, TypeObject* type);

// A new exception instance of `type` with the given argument (none if null).
Ref<> new_exception(TypeObject* type, Object* arg);
Ref<> new_exception(TypeObject* type, std::string_view message);

// Prints an exception that nobody can catch (a __del__, a weakref
// callback, an atexit function) as CPython's default unraisablehook does:
// the header with `obj`'s repr substituted for "{}" (none if the format is
// empty), the traceback, the exception. The header forms come from the
// profile.
void write_unraisable(std::string_view header_format, Object* obj, Object* exc);
// Prints an uncaught exception with its chain, as sys.excepthook.
void print_exception(Object* exc);
// The warnings machinery of CPython's _warnings module. do_warn: the
// location is the frame `stack_level` - 1 callers back from the running
// one; warn_explicit consults the filters (warnings.filters once the
// warnings module is imported, the default filters before) and the
// registries, raises the warning for "error" and shows it through
// warnings._showwarnmsg, or, without the warnings module, on stderr as
// "FILE:LINE: Category: message" and the source line. `source`: the object
// a ResourceWarning is about, or null.
void do_warn(Object* message, TypeObject* category, std::int64_t stack_level, Object* source);
void warn_explicit(Object* message, TypeObject* category, Object* filename, std::int64_t lineno, Object* module,
                   DictObject* registry, Object* source);
void warn(TypeObject* category, const std::string& message, Object* source = nullptr);
// Whether the filters would show a warning of `category` raised at the
// running frame (consulting no registry): nothing is changed.
bool warning_shown(TypeObject* category, const std::string& message);
// _warnings' state: its filters (list), once registry (dict) and default
// action (str), borrowed; _filters_mutated().
Object* warnings_filters();
Object* warnings_once_registry();
Object* warnings_default_action();
void filters_mutated();

// Runs `body`, printing any exception it raises as unraisable.
template <class F> void run_unraisable(std::string_view header_format, Object* obj, F&& body) {
    try {
        body();
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        write_unraisable(header_format, obj, exc.get());
    }
}

}  // namespace vm

template <> struct fmt::formatter<vm::ReprArg> : fmt::formatter<std::string_view> {
    auto format(vm::ReprArg arg, fmt::format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(vm::repr_string(arg.object), ctx);
    }
};
