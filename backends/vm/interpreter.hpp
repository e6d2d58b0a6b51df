// The interpreter loop and the calls into it.
#pragma once

#include "frame.hpp"
#include "objects.hpp"

namespace vm {

// Runs `frame` (already pushed: the thread's current frame's caller is
// frame->previous) until it returns or yields. `throwflag`: start by raising
// the exception in flight at the current instruction (generator.throw).
// A frame that returns or raises is cleared and popped before this returns;
// a raised exception propagates as PyException.
Ref<> eval_frame(Frame* frame, bool throwflag = false);

// Calls `callable` with args[0] as self: a Python function gets the
// arguments directly (no bound method is made), anything else via call().
Ref<> call_with_self_prepended(Object* callable, Args args);

// _PyObject_Call_Prepend: a slot of a class (slot_tp_call, slot_tp_init,
// slot_tp_new) calls `callable` with `self` and the arguments CPython gave
// it packed. Their dict becomes a new tuple of names for a vectorcall
// (_PyStack_UnpackDict), freed when the call returns.
Ref<> call_prepended(Object* callable, Object* self, Args args);

// How an error of a call's unpacking names the function called, as the
// profile's [errors] templates pick: {0}, _PyObject_FunctionStr's
// qualified name (3.9+: `__main__.f()`); {1}, PyEval_GetFuncName and
// PyEval_GetFuncDesc's (3.8, PyPy: `f()`, `type object`).
[[noreturn]] void raise_call_error(std::string_view id, std::string_view cpython, Object* callee,
                                   const std::string& detail);

// callable(*args, **kwargs) (CALL_FUNCTION_EX); kwargs may be null. Where
// the profile says so (calls.call_ex_releases_before_frame) it drops both
// once the callee's frame is set up; else the caller drops them after.
Ref<> call_ex(Object* callable, Ref<TupleObject>& args, Ref<DictObject>& kwargs);

// Calls `func` with arguments it takes the references to (and to func):
// they move into the new frame, as 3.11's CALL moves them off the caller's
// stack. `locals`: the namespace of a class body (taken), or null.
// `borrowed`: bit i set when args[i] was pushed by a LOAD_FAST_BORROW; the
// local it lands in holds it borrowed, as 3.14's frame does
// (Frame::borrowed_locals).
Ref<> call_function_stolen(FunctionObject* func, Object** args, std::size_t nargs, TupleObject* kwnames,
                           Object* locals = nullptr, std::uint64_t borrowed = 0);

// call_function_stolen's first half: the callee's frame, pushed and its
// arguments bound, not run yet (_PyEvalFramePushAndInit).
Frame* push_function_frame(FunctionObject* func, Object** args, std::size_t nargs, TupleObject* kwnames, Object* locals,
                           std::uint64_t borrowed);

// RETURN_GENERATOR: a generator that takes over `frame` (generator.cpp).
Ref<> make_generator(Frame* frame);

// IMPORT_NAME (ceval's import_name): the module for `import name` / `from
// name import ...` in a frame whose globals are `globals` (importer.cpp).
Ref<> import_name(StrObject* name, DictObject* globals, Object* fromlist, Object* level);
// IMPORT_FROM, IMPORT_STAR (importer.hpp).
Ref<> import_from(Object* module, StrObject* name);
void import_star(Object* module, DictObject* locals);

// The maximum depth of Python frames (sys.getrecursionlimit()).
int recursion_limit();
void set_recursion_limit(int limit);

}  // namespace vm
