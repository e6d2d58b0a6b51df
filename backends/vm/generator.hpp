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

// next(gen): the next value, or null when the generator returned None; a
// value it returned is raised as StopIteration's, as gen_iternext sets it.
Ref<> generator_next(Object* gen);

// PyIter_Send, for yield from's SEND: true when the receiver yielded
// (`result` its value), false when it returned (`result` its value).
bool iter_send(Object* receiver, Object* arg, Ref<>& result);

}  // namespace vm
