// The state of a thread (threads.hpp): the running frames, the exceptions
// being handled and the one being raised.
#pragma once

#include "frame.hpp"

namespace vm {

// One level of "the exception being handled" (sys.exc_info()): the thread has
// a base level, and a running generator pushes its own.
struct ExcStackItem {
    Object* exc_value = nullptr;  // counted; null or None: none
    ExcStackItem* previous = nullptr;
};

struct ThreadState {
    Frame* current_frame = nullptr;
    ExcStackItem base_exc;
    ExcStackItem* exc_info = &base_exc;
    // The exception being raised, between its raise and its handler (CPython's
    // curexc): a PyException in flight always has one.
    Object* curexc = nullptr;  // counted
    int depth = 0;  // Python frames running (the recursion limit counts them), and to 3.11 C levels
    // C recursion (CRecursionGuard, recursion.hpp): the levels entered, those
    // counted apart from `depth` (3.12, 3.13), and those the runtime may not count.
    int c_depth = 0;
    int c_counted = 0;
    int c_maybe = 0;
    FrameStack frames;
    // Finalizers and weakref callbacks running (`guarded`): the thread may
    // not wait for another there.
    int uninterruptible = 0;
    // sys.set_asyncgen_hooks: called at an async generator's first
    // iteration, and when an unfinished one dies (counted, or null).
    Object* asyncgen_firstiter = nullptr;
    Object* asyncgen_finalizer = nullptr;

    // The exception being handled (borrowed), or null.
    Object* handled_exception() const;
};

}  // namespace vm
