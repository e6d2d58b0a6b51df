// Generators: an object that owns a suspended frame.
#pragma once

#include <memory>

#include "thread.hpp"

namespace vm {

enum class GenState : std::uint8_t { Created, Suspended, Executing, Completed, Cleared };

struct GeneratorObject : Object {
    std::unique_ptr<std::byte[]> storage;  // the frame's memory
    Frame* frame;
    GenState state = GenState::Created;
    CodeObject* code;  // counted
    StrObject* name;  // counted
    StrObject* qualname;  // counted
    ExcStackItem exc_state;  // the exception handled inside the generator

    GeneratorObject(TypeObject* t, Frame* running);
    void traverse(Visitor v);
    void clear();
    void release();  // gen_dealloc: the frame, code, name, qualname, then the exception state
};

// An async generator: a generator with the state of its asend and athrow
// awaitables and the finalizer hook it took at its first iteration.
struct AsyncGenObject : GeneratorObject {
    Object* finalizer = nullptr;  // counted: sys.set_asyncgen_hooks' finalizer (ag_origin_or_finalizer)
    bool hooks_inited = false;
    bool closed = false;  // ag_closed: aclose() began, or it ended
    bool running_async = false;  // an asend or athrow is being awaited
    using GeneratorObject::GeneratorObject;
    void traverse(Visitor v);
    void release();  // the finalizer, then as a generator
};

// asend() / __anext__() (arg: the value to send) and athrow() / aclose()
// (arg: the arguments, null for aclose): awaitables over an async generator.
struct AsyncGenAwaitable : Object {
    enum class State : std::uint8_t { Init, Iter, Closed };
    Object* gen;  // counted
    Object* arg;  // counted
    State state = State::Init;
    AsyncGenAwaitable(TypeObject* t, Object* g, Object* a) : Object(t), gen(g), arg(a) {}
    void traverse(Visitor v) {
        v(gen);
        v(arg);
    }
    void clear() {}
    void release();
};

// coroutine.__await__()'s iterator (coro_wrapper): next, send, throw and
// close go to the coroutine.
struct CoroWrapperObject : Object {
    Object* coroutine;  // counted
    CoroWrapperObject(TypeObject* t, Object* c) : Object(t), coroutine(c) {}
    void traverse(Visitor v) { v(coroutine); }
    void clear() {}
    void release();
};

// _PyCoro_GetAwaitableIter: what `await o` iterates (a coroutine itself,
// else what o's __await__ returns), or null when o has no __await__.
Ref<> awaitable_iter(Object* o);
// _PyGen_yf for a coroutine: what it awaits now, or null.
Object* coroutine_awaiting(Object* coro);

// next(gen): the next value, or null when the generator returned None; a
// value it returned is raised as StopIteration's, as gen_iternext sets it.
Ref<> generator_next(Object* gen);

// PyIter_Send, for yield from's SEND: true when the receiver yielded
// (`result` its value), false when it returned (`result` its value).
bool iter_send(Object* receiver, Object* arg, Ref<>& result);

}  // namespace vm
