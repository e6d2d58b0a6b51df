// What a memory manager (backends/refcount, backends/tracing) may use of
// the VM: the managers include this header and no other of the VM's. The
// VM's implementation (frames, functions, classes, io, generators, the
// interpreter) stays behind it; what a manager needs to know of those is a
// query below.
#pragma once

#include <string_view>

#include "abstract.hpp"  // the object protocol: call() for gc.callbacks, as_index, address_of
#include "errors.hpp"  // raising from gc functions; run_unraisable for errors in callbacks
#include "explain.hpp"  // the explain trace: g_explain (null when off), its events, ExplainScope
#include "heap.hpp"  // allocation, the layout operations, finalizers, weakrefs, the eval breaker
#include "instance.hpp"  // InstanceData: what an instance holds (PyPy's gc.get_referents lists it)
#include "memory_manager.hpp"  // the interface a manager implements
#include "objects.hpp"  // the layouts of the builtin objects a collector looks into
#include "profile.hpp"  // the modeled runtime's parameters
#include "runtime.hpp"  // rt(), the builtin types, constants and interned names
#include "values.hpp"  // making and reading values, argument parsing: the gc module's functions

namespace vm {

// ---- queries and services for the managers alone ------------------------------------------------

// PySys_WriteStderr: `text` to sys.stderr, if there is one; errors are
// ignored (the collector's gc.set_debug output).
void write_stderr(std::string_view text);

// Whether the code of generator `gen` yields inside a try or with body
// (CO_YIELD_INSIDE_TRY): PyPy registers its finalizer when it is made.
bool generator_yields_inside_try(const Object* gen);
// Whether generator `gen` has finished (returned, raised or was closed):
// it has nothing left to finalize.
bool generator_finished(const Object* gen);
// Whether coroutine `coro` has started: PyPy's finalizer of a coroutine
// only warns of one never awaited, so it has nothing left to do then.
bool coroutine_started(const Object* coro);

// Whether a close() closed this io object: it has nothing left to finalize
// (on PyPy, close() tells the GC to ignore its finalizer).
bool io_closed_by_close(const Object* o);

// What 3.14's mark_stacks reaches first in each frame of the running
// thread, innermost first: its namespace (f_locals: a module's or class
// body's), its function, then its live slots from the top of its stack
// down to its first local.
void visit_thread_frames(Visitor v);

// Whether the Python code calling the running builtin drops its result
// (the call is an expression statement): a count the model cannot give is
// then not seen.
bool caller_discards_result();

}  // namespace vm
