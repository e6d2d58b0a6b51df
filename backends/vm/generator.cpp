// Generators: resuming the frame they own (gen_send_ex2), close/throw, and
// their finalizer, which closes a suspended generator so that its finally
// blocks run (_PyGen_Finalize).
#include "generator.hpp"

#include <cstring>

#include "api.hpp"
#include "exception.hpp"
#include "interpreter.hpp"
#include "manager_api.hpp"

namespace vm {

GeneratorObject::GeneratorObject(TypeObject* t, Frame* running) : Object(t) {
    storage = std::make_unique<std::byte[]>(Frame::size_for(running->code));
    std::memcpy(storage.get(), static_cast<void*>(running), sizeof(Frame) + sizeof(Object*) * running->stacktop);
    frame = reinterpret_cast<Frame*>(storage.get());
    frame->owner = FrameOwner::Generator;
    frame->generator = this;
    frame->previous = nullptr;
    code = frame->code;
    incref(code);
    name = static_cast<StrObject*>(share<Object>(frame->func->name).release());
    qualname = static_cast<StrObject*>(share<Object>(frame->func->qualname).release());
}

void GeneratorObject::traverse(Visitor v) {
    v(code);
    v(name);
    v(qualname);
    if (state != GenState::Cleared && state != GenState::Executing) {
        if (rt().profile().gc_frame_objects) v(frame->frame_obj);  // which visits the frame's data
        else frame->traverse(v);
    }
    v(exc_state.exc_value);
}

// Generators have no tp_clear: their finalizer ends them.
void GeneratorObject::clear() {}

void GeneratorObject::release() {
    if (state != GenState::Cleared) {
        state = GenState::Cleared;
        frame->previous = nullptr;
        frame->clear();
    }
    Object *c = code, *n = name, *q = qualname;
    code = nullptr;
    name = qualname = nullptr;
    xdecref(c);
    xdecref(n);
    xdecref(q);
    Object* e = exc_state.exc_value;
    exc_state.exc_value = nullptr;
    xdecref(e);
}

Ref<> generator_close(GeneratorObject* gen);

// To 3.10 a generator's frame is an object of its own (gi_frame), tracked
// right after the generator (make_coro): the collector reaches the locals
// through it, one step later than through the generator. That frame holds
// no function (calls.frame_without_function): the function dies when the
// caller drops it, while the generator lives on.
Ref<> make_generator(Frame* frame) {
    std::uint32_t flags = frame->code->code->flags;
    TypeObject* type = flags & lang::CO_COROUTINE         ? types.coroutine
                       : flags & lang::CO_ASYNC_GENERATOR ? types.async_generator
                                                          : types.generator;
    Ref<GeneratorObject> gen = make<GeneratorObject>(type, frame);
    if (rt().profile().gc_frame_objects) g_manager->track(frame_object(gen->frame));
    gen->frame->release_function();
    return gen;
}

namespace {

GeneratorObject* as_gen(Object* o) { return static_cast<GeneratorObject*>(o); }

enum class Sent { Yield, Return };

// A generator that returned or raised: its frame is cleared, and the
// exception it was handling dropped.
void clear_frame(GeneratorObject* gen) {
    gen->state = GenState::Cleared;
    gen->frame->clear();
}
void drop_handled(GeneratorObject* gen) {
    Object* handled = gen->exc_state.exc_value;
    gen->exc_state.exc_value = nullptr;
    xdecref(handled);
}

// gen_send_ex2: resumes the generator with `arg` pushed (or raises the
// exception in flight at its current instruction when `exc`). A returning
// or raising generator is cleared.
Sent send_ex(GeneratorObject* gen, Object* arg, bool exc, Ref<>& result) {
    ThreadState& ts = rt().thread();
    if (gen->state == GenState::Created && arg && arg != consts.None && !exc)
        raise(types.TypeError, "can't send non-None value to a just-started generator");
    if (gen->state == GenState::Executing) raise(types.ValueError, "generator already executing");
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) {
        if (exc) throw PyException{};
        result = arg ? new_none() : nullptr;
        return Sent::Return;
    }
    Frame* f = gen->frame;
    f->localsplus()[f->stacktop++] = share(arg ? arg : consts.None).release();
    f->previous = ts.current_frame;
    ts.current_frame = f;
    gen->exc_state.previous = ts.exc_info;
    ts.exc_info = &gen->exc_state;
    gen->state = GenState::Executing;
    bool raised = false;
    try {
        result = eval_frame(f, exc);
    } catch (const PyException&) {
        raised = true;
    } catch (Unsupported& u) {
        // The program stops: the generator must not run again, nor be
        // closed, while the stack unwinds, and its frame may go first.
        if (u.where.empty()) u.where = frame_location(f);
        gen->state = GenState::Completed;
        ts.exc_info = gen->exc_state.previous;
        gen->exc_state.previous = nullptr;
        ts.current_frame = f->previous;
        throw;
    }
    if (gen->state == GenState::Executing) gen->state = GenState::Completed;
    ts.exc_info = gen->exc_state.previous;
    gen->exc_state.previous = nullptr;
    if (!raised && gen->state == GenState::Suspended) {
        f->previous = nullptr;
        return Sent::Yield;
    }
    Ref<> error;
    if (raised) error = take_exception();
    // From 3.12 (clear_gen_frame) the frame is cleared as it exits, still
    // linked to its caller, then the handled exception goes; to 3.11
    // (gen_send_ex2) the frame is unlinked first and both go last, the
    // exception first.
    bool cleared_on_exit = rt().profile().generator_cleared_on_exit;
    if (cleared_on_exit) {
        clear_frame(gen);
        drop_handled(gen);
    }
    f->previous = nullptr;
    if (raised) {
        if (exception_is(error.get(), types.StopIteration)) {
            Ref<> replacement = new_exception(types.RuntimeError, "generator raised StopIteration");
            auto* r = static_cast<BaseExceptionObject*>(replacement.get());
            r->suppress_context = true;
            r->cause = share(error.get()).release();
            r->context = error.release();
            error = std::move(replacement);
        }
    }
    if (!cleared_on_exit) {
        drop_handled(gen);
        clear_frame(gen);
    }
    if (raised) reraise(std::move(error));
    return Sent::Return;
}

// _PyGen_yf: the iterator a suspended generator delegates to in a yield
// from (on its stack, under the resumption after YIELD_VALUE), or null.
Object* delegate_of(GeneratorObject* gen) {
    if (gen->state != GenState::Suspended) return nullptr;
    Frame* f = gen->frame;
    const auto& code = f->code->code->instructions;
    auto next = static_cast<std::size_t>(f->lasti + 1);
    if (next >= code.size() || code[next].op != lang::Opcode::RESUME || code[next].arg < 2) return nullptr;
    return f->localsplus()[f->stacktop - 1];
}

// StopIteration's value, taking the exception in flight (None without one).
Ref<> take_stop_iteration_value() {
    Ref<> exc = take_exception();
    auto* e = static_cast<BaseExceptionObject*>(exc.get());
    if (e->args && is_tuple(e->args) && static_cast<TupleObject*>(e->args)->size())
        return share(static_cast<TupleObject*>(e->args)->items[0]);
    return new_none();
}

[[noreturn]] void stop_iteration(Ref<> value) {
    if (!value || value.get() == consts.None) raise_empty(types.StopIteration);
    raise(new_exception(types.StopIteration, value.get()));
}

Ref<> gen_iternext(Object* self) {
    Ref<> result;
    if (send_ex(as_gen(self), nullptr, false, result) == Sent::Yield) return result;
    return nullptr;
}

Ref<> gen_send(Object* self, Args args, void*) {
    check_nargs("generator.send", args, 1, 1);
    Ref<> result;
    if (send_ex(as_gen(self), args[0], false, result) == Sent::Yield) return result;
    stop_iteration(std::move(result));
}

Ref<> gen_throw(Object* self, Args args, void*);

// gen_close_iter: close() of the iterator a yield from delegates to.
void close_iter(Object* yf) {
    if (yf->type == types.generator) {
        generator_close(as_gen(yf));
        return;
    }
    static StrObject* close_name = rt().intern("close");
    if (Ref<> close = lookup_attr(yf, close_name)) call(close.get(), {});
}

// _gen_throw's delegation: a generator suspended in a yield from passes
// the exception to the iterator it delegates to (GeneratorExit closes it).
// Null when it has none, or none that takes it: the exception is then
// thrown in at the suspension point.
Ref<> throw_to_delegate(GeneratorObject* gen, Args args, bool& handled) {
    handled = false;
    Object* yf = delegate_of(gen);
    if (!yf) return nullptr;
    Ref<> keep = share(yf);
    Object* typ = args[0];
    bool exit = is_instance_of(typ, types.GeneratorExit) ||
                (is_instance_of(typ, types.type) && static_cast<TypeObject*>(typ)->is_subtype(types.GeneratorExit));
    Ref<> result;
    if (exit) {
        gen->state = GenState::Executing;
        bool failed = false;
        try {
            close_iter(yf);
        } catch (const PyException&) {
            failed = true;
        }
        gen->state = GenState::Suspended;
        if (!failed) return nullptr;
        handled = true;
        if (send_ex(gen, consts.None, true, result) == Sent::Yield) return result;
        stop_iteration(std::move(result));
    }
    static StrObject* throw_name = rt().intern("throw");
    Ref<> meth;
    if (yf->type != types.generator && !(meth = lookup_attr(yf, throw_name))) return nullptr;
    handled = true;
    gen->state = GenState::Executing;
    try {
        result = yf->type == types.generator ? gen_throw(yf, args, nullptr) : call(meth.get(), args);
        gen->state = GenState::Suspended;
        return result;
    } catch (const PyException&) {
        gen->state = GenState::Suspended;
    }
    // The delegate ended: off the stack with it, and on from SEND's target
    // with its return value (StopIteration's) or its exception.
    Frame* f = gen->frame;
    decref(f->localsplus()[--f->stacktop]);
    f->lasti = f->code->code->instructions[static_cast<std::size_t>(f->lasti - 1)].arg - 1;
    Sent sent;
    if (exception_is(rt().thread().curexc, types.StopIteration)) {
        Ref<> value = take_stop_iteration_value();
        sent = send_ex(gen, value.get(), false, result);
    } else {
        sent = send_ex(gen, consts.None, true, result);
    }
    if (sent == Sent::Yield) return result;
    stop_iteration(std::move(result));
}

// throw(value) / throw(type[, value[, traceback]]).
Ref<> gen_throw(Object* self, Args args, void*) {
    check_nargs("generator.throw", args, 1, 3);
    bool handled;
    if (Ref<> delegated = throw_to_delegate(as_gen(self), args, handled); handled) return delegated;
    Object* typ = args[0];
    Ref<> value;
    if (is_instance_of(typ, types.BaseException)) {
        if (args.nargs > 1 && args[1] != consts.None)
            raise(types.TypeError, "instance exception may not have a separate value");
        value = share(typ);
    } else if (is_instance_of(typ, types.type) && static_cast<TypeObject*>(typ)->is_subtype(types.BaseException)) {
        Object* v = args.nargs > 1 ? args[1] : nullptr;
        value = v && is_instance_of(v, static_cast<TypeObject*>(typ)) ? share(v)
                : v && v != consts.None                               ? call(typ, {v})
                                                                      : call(typ, {});
    } else {
        raise_message(types.TypeError, "throw_not_exception",
                      "exceptions must be classes or instances deriving from BaseException, not {}", type_name(typ));
    }
    if (args.nargs > 2 && args[2] != consts.None) {
        incref(args[2]);
        set_ref(static_cast<BaseExceptionObject*>(value.get())->traceback, args[2]);
    }
    Ref<> result;
    try {
        raise(std::move(value));
    } catch (const PyException&) {
    }
    if (send_ex(as_gen(self), consts.None, true, result) == Sent::Yield) return result;
    stop_iteration(std::move(result));
}

}  // namespace

// gen_close: GeneratorExit at the suspension point; a generator that yields
// again is an error.
Ref<> generator_close(GeneratorObject* gen) {
    if (gen->state == GenState::Created && rt().profile().unstarted_generator_close_keeps_frame) {
        gen->state = GenState::Completed;  // its frame stays until the generator is freed
        return new_none();
    }
    bool failed = false;  // closing the delegate raised: that goes in instead
    if (Object* yf = delegate_of(gen)) {
        Ref<> keep = share(yf);
        gen->state = GenState::Executing;
        try {
            close_iter(yf);
        } catch (const PyException&) {
            failed = true;
        }
        gen->state = GenState::Suspended;
    }
    try {
        if (!failed) raise_empty(types.GeneratorExit);
    } catch (const PyException&) {
    }
    Ref<> result;
    Sent sent;
    try {
        sent = send_ex(gen, consts.None, true, result);
    } catch (const PyException&) {
        Object* e = rt().thread().curexc;
        if (!exception_is(e, types.StopIteration) && !exception_is(e, types.GeneratorExit)) throw;
        take_exception();
        return new_none();
    }
    if (sent == Sent::Yield) raise(types.RuntimeError, "generator ignored GeneratorExit");
    return new_none();
}

Ref<> generator_next(Object* gen) {
    Ref<> result;
    if (send_ex(as_gen(gen), nullptr, false, result) == Sent::Yield) return result;
    if (result && result.get() != consts.None) stop_iteration(std::move(result));
    return nullptr;
}

// PyIter_Send: a generator resumes; another iterator is asked for its next
// item when the value sent is None, else its send() is called.
bool iter_send(Object* receiver, Object* arg, Ref<>& result) {
    if (receiver->type == types.generator) return send_ex(as_gen(receiver), arg, false, result) == Sent::Yield;
    try {
        if (arg == consts.None && receiver->type->tp.iternext) {
            result = iter_next(receiver);
            if (result) return true;
            result = new_none();  // iter_next took the StopIteration, and its value with it
            return false;
        }
        static StrObject* send_name = rt().intern("send");
        result = call_method(receiver, send_name, {arg});
        return true;
    } catch (const PyException&) {
        if (!exception_is(rt().thread().curexc, types.StopIteration)) throw;
        result = take_stop_iteration_value();
        return false;
    }
}

namespace {

Ref<> gen_close(Object* self, Args args, void*) {
    check_nargs("generator.close", args, 0, 0);
    return generator_close(as_gen(self));
}

void gen_finalize(Object* self) {
    GeneratorObject* gen = as_gen(self);
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) return;
    run_unraisable(rt().profile().generator_error_header, self, [&] { generator_close(gen); });
}

// A coroutine never awaited warns at its collection (_PyErr_WarnUnawaitedCoroutine),
// which the model does not show as the runtime does.
void coroutine_finalize(Object* self) {
    if (as_gen(self)->state == GenState::Created) {
        rt().defer_unsupported("a coroutine that was never awaited (the runtime warns when it is freed)");
        return;
    }
    gen_finalize(self);
}

Ref<> gen_repr(Object* self) {
    return new_str(
        fmt::format("<{} object {} at {}>", self->type->name, str_value(as_gen(self)->qualname), address_of(self)));
}

Ref<> gen_iter(Object* self) { return share(self); }

Ref<> gen_next_method(Object* self, Args args, void*) {
    check_nargs("generator.__next__", args, 0, 0);
    if (Ref<> r = generator_next(self)) return r;
    raise_empty(types.StopIteration);
}

Ref<> get_frame(Object* self) {
    GeneratorObject* gen = as_gen(self);
    if (gen->state == GenState::Cleared || gen->state == GenState::Completed) return new_none();
    return share<Object>(frame_object(gen->frame));
}
Ref<> get_running(Object* self) { return new_bool(as_gen(self)->state == GenState::Executing); }
Ref<> get_suspended(Object* self) { return new_bool(as_gen(self)->state == GenState::Suspended); }
Ref<> get_code(Object* self) { return share<Object>(as_gen(self)->code); }
Ref<> get_name(Object* self) { return share<Object>(as_gen(self)->name); }
Ref<> get_qualname(Object* self) { return share<Object>(as_gen(self)->qualname); }

// What generators, coroutines and async generators show alike, each kind
// under its prefix (gi_, cr_, ag_).
void add_frame_attributes(TypeObject* t, const char* frame, const char* running, const char* code) {
    t->tp.repr = &gen_repr;
    add_getset(t, frame, &get_frame);
    add_getset(t, running, &get_running);
    add_getset(t, code, &get_code);
    add_getset(t, "__name__", &get_name);
    add_getset(t, "__qualname__", &get_qualname);
}

}  // namespace

void init_generator_type() {
    TypeObject* t = types.generator;
    add_frame_attributes(t, "gi_frame", "gi_running", "gi_code");
    t->tp.iter = &gen_iter;
    t->tp.iternext = &gen_iternext;
    t->tp.finalize = &gen_finalize;
    add_method(t, "send", &gen_send);
    add_method(t, "throw", &gen_throw);
    add_method(t, "close", &gen_close);
    add_method(t, "__next__", &gen_next_method);
    add_getset(t, "gi_suspended", &get_suspended);
}

// Coroutines and async generators are made, closed and freed; what runs
// them (send, throw, __await__, asend, ...) is missing, so the runtime
// names check stops a program that reaches for it.
void init_coroutine_types() {
    TypeObject* coroutine = types.coroutine;
    add_frame_attributes(coroutine, "cr_frame", "cr_running", "cr_code");
    coroutine->tp.finalize = &coroutine_finalize;
    add_method(coroutine, "close", &gen_close);
    TypeObject* async_generator = types.async_generator;
    add_frame_attributes(async_generator, "ag_frame", "ag_running", "ag_code");
    async_generator->tp.finalize = &gen_finalize;  // no finalizer hook: it was never iterated
}

bool generator_yields_inside_try(const Object* gen) {
    return static_cast<const GeneratorObject*>(gen)->code->code->yield_inside_try;
}

bool generator_finished(const Object* gen) {
    GenState s = static_cast<const GeneratorObject*>(gen)->state;
    return s == GenState::Completed || s == GenState::Cleared;
}

}  // namespace vm
