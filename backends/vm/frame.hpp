// Activation records. A Frame (CPython's _PyInterpreterFrame) is a C++
// struct, not an object: it lives on the thread's frame stack while its code
// runs, or inside the generator that owns it. A FrameObject is materialized
// only when something needs one (a traceback); when the frame exits while
// its frame object is still referenced, the frame's data moves into the
// frame object, which then keeps the locals alive (take_ownership).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "objects.hpp"

namespace vm {

struct FrameObject;
struct GeneratorObject;

enum class FrameOwner : std::uint8_t { Thread, Generator, FrameObject };

/*
** Layout of a frame: the header, then `localsplus`:
**
**   | fast locals | cells | free variables | value stack ... |
**   0             nlocals        nlocalsplus              framesize
**
** Every non-null slot below `stacktop` is a counted reference; a frame that
** is cleared drops them in slot order (locals first, then the stack).
*/
struct Frame {
    FunctionObject* func;  // counted (f_func); null once released (release_function)
    CodeObject* code;  // counted (f_code)
    DictObject* globals;  // borrowed from func; counted once func is released
    Object* builtins;  // the same
    Object* locals = nullptr;  // counted: the namespace of a module or class body
    Frame* previous = nullptr;  // the caller, while this frame runs
    FrameObject* frame_obj = nullptr;  // counted
    int lasti = -1;  // the instruction being executed
    int stacktop = 0;  // live slots in localsplus
    FrameOwner owner = FrameOwner::Thread;
    // Bit i: fast local i holds a reference CPython 3.14 does not count: an
    // argument its caller pushed borrowed (LOAD_FAST_BORROW, or a duplicate
    // of a borrowed local), or a duplicate of such a local stored here. A
    // generator's frame has none (3.14 makes them strong when the generator
    // takes the frame).
    std::uint64_t borrowed_locals = 0;
    // Bit d: stack slot d holds a duplicate of a borrowed local's reference
    // (a strong load of it, 3.14's PyStackRef_DUP, which keeps it
    // borrowed). Only where the running instruction's
    // lang::Code::duplicated_slots has bit d: elsewhere it may be stale.
    std::uint64_t borrowed_stack = 0;
    GeneratorObject* generator = nullptr;  // the owner, when owner == Generator

    Object** localsplus() { return reinterpret_cast<Object**>(this + 1); }
    Object** stack_base() { return localsplus() + code->nlocalsplus; }
    static std::size_t size_for(const CodeObject* code) {
        return sizeof(Frame) + sizeof(Object*) * (code->nlocalsplus + code->stacksize);
    }
    int line() const;
    // The stack slots that hold references CPython 3.14 does not count while
    // the frame runs instruction `lasti`: the values LOAD_FAST_BORROW
    // pushed, and the duplicates of borrowed locals (lang/borrow.hpp).
    std::uint64_t borrowed_slots() const;

    // Visits the frame object, then the data (_PyFrame_Traverse).
    void traverse(Visitor v);
    // Visits locals, then the function (or, once released, builtins and globals).
    void visit_namespace(Visitor v);
    // Visits locals, func, code and every live slot.
    void traverse_data(Visitor v);
    // _PyFrame_Clear: a frame object that is still referenced takes the
    // frame's data; otherwise the slots are dropped in order, then locals,
    // func and code (a released frame: the slots, builtins, globals, locals
    // and code, as 3.10's frame_dealloc).
    void clear();
    // calls.frame_without_function (to 3.10, whose frame holds f_globals and
    // f_builtins, not the function): the frame outlives its call, in a
    // generator or a frame object, and holds its globals and builtins
    // instead of its function, which it drops. Nothing otherwise.
    void release_function();
    // Drops what release_function left: builtins, then globals.
    void drop_globals();
};

// The thread's stack of frames: chunks allocated and freed in LIFO order.
// A push or pop within the last chunk in use moves its top and nothing
// else; going to the next chunk or back is out of line.
class FrameStack {
  public:
    FrameStack() = default;
    FrameStack(const FrameStack&) = delete;
    ~FrameStack();
    // `bytes`: a multiple of 16 (CodeObject::frame_bytes).
    Frame* push(std::size_t bytes) {
        if (Frame* f = push_in_chunk(bytes)) [[likely]]
            return f;
        return push_in_next_chunk(bytes);
    }
    // A push within the chunk in use, or null when it has no room left.
    Frame* push_in_chunk(std::size_t bytes) {
        if (bytes > static_cast<std::size_t>(limit_ - top_)) [[unlikely]]
            return nullptr;
        std::byte* p = top_;
        top_ += bytes;
        return reinterpret_cast<Frame*>(p);
    }
    // The last frame pushed: the top goes back to it.
    void pop(Frame* f) {
        top_ = reinterpret_cast<std::byte*>(f);
        if (top_ == base_) [[unlikely]]
            leave_chunk();
    }

  private:
    struct Chunk {
        std::unique_ptr<std::byte[]> memory;
        std::size_t size, top;  // top: kept while a later chunk is in use
    };
    Frame* push_in_next_chunk(std::size_t bytes);
    void leave_chunk();
    std::vector<Chunk> chunks_;
    std::size_t active_ = 0;  // chunks in use
    // The last chunk in use: its start, its first free byte, its end (all
    // null when none is).
    std::byte *base_ = nullptr, *top_ = nullptr, *limit_ = nullptr;
};

// The profile's gc.frame_objects (to 3.10): a call makes a frame object,
// counted as a new container unless its code's zombie frame or the frame
// free list has one; when it is freed it becomes its code's zombie frame if
// the code has none, else goes to the free list (frame_dealloc). Their
// callers test the profile (inline, at every call and return).
void frame_object_made(CodeObject* code);
void frame_object_freed(CodeObject* code);

// Initializes the header of a frame for `func` in memory of
// func->code->frame_bytes; takes the references to func and locals (which
// may be null). The slots are the caller's to fill: each of the first
// nlocalsplus is a counted reference or null.
inline Frame* init_frame(void* memory, FunctionObject* func, Object* locals) {
    auto* f = new (memory) Frame;
    f->func = func;
    f->code = func->code;
    incref(f->code);
    f->globals = func->globals;
    f->builtins = func->builtins;
    f->locals = locals;
    f->stacktop = f->code->nlocalsplus;
    return f;
}

struct FrameObject : Object {
    Frame* frame;  // where the frame's data is now
    FrameObject* back = nullptr;  // counted: f_back, set when the frame exits before this object dies
    std::unique_ptr<std::byte[]> owned;  // the data once the object owns it
    int last_line = 0;

    FrameObject(TypeObject* t, Frame* f) : Object(t), frame(f) {}
    // The frame whose data this object references, if any: one it owns, or
    // (gc.frame_objects, to 3.10) a generator's frame that is not running.
    Frame* held_frame() const;
    void traverse(Visitor v);
    // frame_tp_clear: the held frame's slots and locals (a generator whose
    // frame is cleared is done).
    void clear();
    void release();  // frame_dealloc: func, locals, slots, back, then code
    // Moves `f`'s data into this object (the frame exits while the object lives).
    void take_ownership(Frame* f);
};

// The frame object of `f`, made on first request.
FrameObject* frame_object(Frame* f);

}  // namespace vm
