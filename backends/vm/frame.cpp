// Frames, the thread's frame stack, and frame objects.
#include "frame.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "api.hpp"
#include "generator.hpp"
#include "manager_api.hpp"

namespace vm {

// ---- Frame --------------------------------------------------------------------------------------

void frame_object_made(CodeObject* code) {
    if (code->zombie_frame) code->zombie_frame = false;
    else rt().manager().on_runtime_allocate(Container::Frame, 0);
}

void frame_object_freed(CodeObject* code) {
    if (!code->zombie_frame) code->zombie_frame = true;
    else rt().manager().on_runtime_free(Container::Frame, 0);
}

// Drops the first `n` slots of a frame's localsplus (its locals, cells and
// stack). 3.14's _PyFrame_ClearLocals walks them from the top of the stack
// down, so a function's last local dies first; earlier versions go up. The
// model keeps the cell of a varname (a parameter, or a name an inlined
// comprehension saves) after the locals (Code::cell2arg), where 3.11+ keeps
// it in the varname's slot (argument_cells_in_place): there it dies.
namespace {
void clear_slot(Object** slots, int i) {
    Object* o = slots[i];
    slots[i] = nullptr;
    xdecref(o);
}
// Any order but the common one (CodeObject::slots_cleared_upward).
[[gnu::noinline]] void clear_slots_in_order(const Frame& f, Object** slots, int n) {
    const bool backwards = rt().profile().clear_locals_backwards;
    const std::vector<int>& cell2arg = f.code->code->cell2arg;
    const bool in_place = rt().profile().argument_cells_in_place &&
                          std::any_of(cell2arg.begin(), cell2arg.end(), [](int arg) { return arg >= 0; });
    const int nlocals = f.code->nlocals;
    for (int k = 0; k < n; ++k) {
        int i = backwards ? n - 1 - k : k;
        if (!in_place) {
            clear_slot(slots, i);
            continue;
        }
        int cell = i - nlocals;
        if (cell >= 0 && cell < static_cast<int>(cell2arg.size()) && cell2arg[cell] >= 0) continue;  // done
        clear_slot(slots, i);
        for (std::size_t j = 0; j < cell2arg.size(); ++j)
            if (cell2arg[j] == i && nlocals + static_cast<int>(j) < n) clear_slot(slots, nlocals + static_cast<int>(j));
    }
}
[[gnu::always_inline]] inline void clear_slots(const Frame& f, Object** slots, int n) {
    if (!f.code->slots_cleared_upward) {
        clear_slots_in_order(f, slots, n);
        return;
    }
    for (int i = 0; i < n; ++i) clear_slot(slots, i);
}
}  // namespace

int Frame::line() const { return code->line_of(lasti < 0 ? 0 : lasti); }

bool caller_discards_result() {
    const Frame* f = rt().thread().current_frame;
    if (!f || f->lasti < 0) return false;
    const std::vector<lang::Instruction>& code = f->code->code->instructions;
    const auto next = static_cast<std::size_t>(f->lasti) + 1;
    return next < code.size() && code[next].op == lang::Opcode::POP_TOP;
}

std::uint64_t Frame::borrowed_slots() const {
    const lang::Code& c = *code->code;
    if (c.borrowed_slots.empty() || lasti < 0) return 0;
    return c.borrowed_slots[lasti] | (c.duplicated_slots[lasti] & borrowed_stack);
}

void Frame::traverse(Visitor v) {
    v(frame_obj);
    traverse_data(v);
}

void Frame::visit_namespace(Visitor v) {
    v(locals);
    if (func) {
        v(func);
    } else {
        v(builtins);
        v(globals);
    }
}

void Frame::traverse_data(Visitor v) {
    visit_namespace(v);
    v(code);
    Object** slots = localsplus();
    for (int i = 0; i < stacktop; ++i) v(slots[i]);
}

void visit_thread_frames(Visitor v) {
    for (Frame* f = rt().thread().current_frame; f; f = f->previous) {
        f->visit_namespace(v);
        Object** slots = f->localsplus();
        for (int i = f->stacktop; i-- > 0;) v(slots[i]);
    }
}

void Frame::clear() {
    if (FrameObject* f = frame_obj) {
        frame_obj = nullptr;
        // Still referenced: it keeps the data (unless it was released, being
        // freed with this frame's owner by a tracing collector).
        if (f->refcnt > 1 && f->frame) {
            f->take_ownership(this);
            decref(f);
            return;
        }
        decref(f);
    }
    int n = stacktop;
    stacktop = 0;
    clear_slots(*this, localsplus(), n);
    if (!func) drop_globals();
    Object* l = locals;
    locals = nullptr;
    xdecref(l);
    FunctionObject* fn = func;
    func = nullptr;
    xdecref(fn);
    if (rt().profile().gc_frame_objects) frame_object_freed(code);
    decref(code);
}

void Frame::release_function() {
    if (!func || !rt().profile().frame_without_function) return;
    incref(globals);
    incref(builtins);
    FunctionObject* fn = func;
    func = nullptr;
    decref(fn);
}

void Frame::drop_globals() {
    Object *b = builtins, *g = globals;
    builtins = nullptr;
    globals = nullptr;
    xdecref(b);
    xdecref(g);
}

// ---- FrameStack ---------------------------------------------------------------------------------

FrameStack::~FrameStack() = default;

Frame* FrameStack::push_in_next_chunk(std::size_t bytes) {
    if (active_ > 0) chunks_[active_ - 1].top = static_cast<std::size_t>(top_ - base_);
    // A free chunk if it is big enough, or a new one.
    if (active_ == chunks_.size() || chunks_[active_].size < bytes) {
        // Not zeroed: every frame is initialized where it is pushed (as it
        // must be anyway, a popped frame's memory being reused), and zeroing
        // 256 KiB faulted in 64 pages at start-up for the few frames most
        // programs push.
        std::size_t size = std::max<std::size_t>(bytes, 256 * 1024);
        chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(active_),
                       Chunk{std::make_unique_for_overwrite<std::byte[]>(size), size, 0});
    }
    Chunk& c = chunks_[active_++];
    base_ = c.memory.get();
    limit_ = base_ + c.size;
    top_ = base_ + bytes;
    return reinterpret_cast<Frame*>(base_);
}

void FrameStack::leave_chunk() {
    if (--active_ == 0) {
        base_ = top_ = limit_ = nullptr;
        return;
    }
    Chunk& c = chunks_[active_ - 1];
    base_ = c.memory.get();
    limit_ = base_ + c.size;
    top_ = base_ + c.top;
}

// ---- FrameObject --------------------------------------------------------------------------------

// _PyFrame_MakeAndSetFrameObject: the exception in flight is fetched around
// the allocation, so at a raise (PyTraceBack_Here's frame object) that
// allocation may start a collection (3.11+; to 3.10 the call counted it).
FrameObject* frame_object(Frame* f) {
    if (!f->frame_obj) {
        Object* in_flight = std::exchange(rt().thread().curexc, nullptr);
        // Made untracked; take_ownership tracks it (_PyFrame_New_NoTrack).
        f->frame_obj = make_untracked<FrameObject>(types.frame, f).release();
        rt().thread().curexc = in_flight;
    }
    return f->frame_obj;
}

void FrameObject::take_ownership(Frame* f) {
    std::size_t size = sizeof(Frame) + sizeof(Object*) * f->stacktop;
    owned = std::make_unique<std::byte[]>(Frame::size_for(f->code));
    std::memcpy(owned.get(), static_cast<void*>(f), size);
    frame = reinterpret_cast<Frame*>(owned.get());
    frame->owner = FrameOwner::FrameObject;
    last_line = frame->line();
    if (Frame* prev = frame->previous) {
        FrameObject* b = frame_object(prev);
        incref(b);
        back = b;
        frame->previous = nullptr;
    }
    if (!(gc.bits & kGcTracked)) g_manager->track(this);
    frame->release_function();
}

Frame* FrameObject::held_frame() const {
    if (owned) return frame;
    if (frame && frame->owner == FrameOwner::Generator && rt().profile().gc_frame_objects) {
        GenState state = frame->generator->state;
        if (state == GenState::Created || state == GenState::Suspended) return frame;
    }
    return nullptr;
}

void FrameObject::traverse(Visitor v) {
    v(back);
    if (Frame* f = held_frame()) f->traverse_data(v);
}

void FrameObject::clear() {
    Frame* f = held_frame();
    if (!f) return;
    if (!owned) f->generator->state = GenState::Completed;
    int n = f->stacktop;
    f->stacktop = 0;
    clear_slots(*f, f->localsplus(), n);
    Object* l = f->locals;
    f->locals = nullptr;
    xdecref(l);
}

void FrameObject::release() {
    Object* code = nullptr;
    if (owned) {
        code = frame->code;
        if (frame->func) {
            Object* func = frame->func;
            frame->func = nullptr;
            xdecref(func);
            Object* l = frame->locals;
            frame->locals = nullptr;
            xdecref(l);
            int n = frame->stacktop;
            frame->stacktop = 0;
            clear_slots(*frame, frame->localsplus(), n);
        } else {  // released (to 3.10): frame_dealloc's order
            int n = frame->stacktop;
            frame->stacktop = 0;
            clear_slots(*frame, frame->localsplus(), n);
            frame->drop_globals();
            Object* l = frame->locals;
            frame->locals = nullptr;
            xdecref(l);
        }
    }
    frame = nullptr;  // released: it takes no frame's data any more
    Object* b = back;
    back = nullptr;
    xdecref(b);
    if (code && rt().profile().gc_frame_objects) frame_object_freed(static_cast<CodeObject*>(code));
    xdecref(code);
}

namespace {

FrameObject* as_fo(Object* o) { return static_cast<FrameObject*>(o); }

Ref<> frame_repr(Object* self) {
    Frame* f = as_fo(self)->frame;
    return new_str(fmt::format("<frame at {}, file '{}', line {}, code {}>", address_of(self),
                               str_value(f->code->filename), f->line(), str_value(f->code->name)));
}

Ref<> get_lineno(Object* self) {
    FrameObject* fo = as_fo(self);
    return new_int(fo->owned ? fo->last_line : fo->frame->line());
}
Ref<> get_code(Object* self) { return share<Object>(as_fo(self)->frame->code); }
Ref<> get_back(Object* self) {
    FrameObject* fo = as_fo(self);
    if (fo->back) return share<Object>(fo->back);
    if (!fo->owned && fo->frame->previous) return share<Object>(frame_object(fo->frame->previous));
    return new_none();
}
Ref<> get_globals(Object* self) { return share<Object>(as_fo(self)->frame->globals); }

// f_locals: a snapshot dict of the fast locals (or the namespace of a
// module or class body).
Ref<> get_locals(Object* self) {
    Frame* f = as_fo(self)->frame;
    if (f->locals) return share(f->locals);
    auto d = new_dict();
    d->table.size_unmodeled = true;  // PyFrame_FastToLocals' history, not modeled
    CodeObject* co = f->code;
    for (int i = 0; i < co->nlocalsplus && i < f->stacktop; ++i) {
        Object* v = f->localsplus()[i];
        if (v && i >= co->nlocals) v = static_cast<CellObject*>(v)->ref;
        if (v) dict_set(d.get(), co->localsplus_names[i], v);
    }
    return d;
}

}  // namespace

void init_frame_type() {
    TypeObject* t = types.frame;
    t->tp.repr = &frame_repr;
    add_getset(t, "f_lineno", &get_lineno);
    add_getset(t, "f_code", &get_code);
    add_getset(t, "f_back", &get_back);
    add_getset(t, "f_globals", &get_globals);
    add_getset(t, "f_locals", &get_locals);
}

}  // namespace vm
