// Exceptions (BaseException and its subclasses) and tracebacks.
#pragma once

#include "objects.hpp"

namespace vm {

struct FrameObject;

struct BaseExceptionObject : Object {
    DictObject* dict = nullptr;  // counted: BaseException instances have a __dict__
    TupleObject* args = nullptr;  // counted
    Object* traceback = nullptr;  // counted: TracebackObject or null
    Object* context = nullptr;  // counted: __context__
    Object* cause = nullptr;  // counted: __cause__
    bool suppress_context = false;
    // The fields of some subclasses: SystemExit.code, StopIteration.value,
    // NameError/AttributeError.name, OSError's errno, strerror, filename.
    Object* extra[3] = {};  // counted

    explicit BaseExceptionObject(TypeObject* t) : Object(t) {}
    void traverse(Visitor v);
    void clear();  // BaseException_clear: dict, args, traceback, cause, context, then the extra fields
    void release() { clear(); }
};

// One frame of a traceback; `next` goes towards where it was raised.
struct TracebackObject : Object {
    TracebackObject* next;  // counted
    FrameObject* frame;  // counted
    int lasti;
    int lineno;
    TracebackObject(TypeObject* t, TracebackObject* n, FrameObject* f, int i, int line)
        : Object(t), next(n), frame(f), lasti(i), lineno(line) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }  // tb_dealloc: next, then frame
};

// Whether calling builtin exception type `t` allocates the instance before
// its args tuple (3.14's BaseException_vectorcall).
bool exception_vectorcall(TypeObject* t);

}  // namespace vm
