// Generators: resuming the frame they own (gen_send_ex2), close/throw, and
// their finalizer, which closes a suspended generator so that its finally
// blocks run (_PyGen_Finalize).
#include "generator.hpp"

#include <cstring>

#include "api.hpp"
#include "exception.hpp"
#include "importer.hpp"
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
    Ref<GeneratorObject> gen = type == types.async_generator
                                   ? Ref<GeneratorObject>::take(make<AsyncGenObject>(type, frame).release())
                                   : make<GeneratorObject>(type, frame);
    if (rt().profile().gc_frame_objects) g_manager->track(frame_object(gen->frame));
    gen->frame->release_function();
    return gen;
}

namespace {

GeneratorObject* as_gen(Object* o) { return static_cast<GeneratorObject*>(o); }

// The word CPython's messages name each kind by.
const char* kind_name(const Object* gen) {
    return gen->type == types.coroutine         ? "coroutine"
           : gen->type == types.async_generator ? "async generator"
                                                : "generator";
}

// What gen_send_ex2 resumes directly (PyGen_CheckExact || PyCoro_CheckExact).
bool is_gen_or_coro(const Object* o) { return o->type == types.generator || o->type == types.coroutine; }

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
// or raising generator is cleared. A finished coroutine cannot run again,
// unless it is being closed.
Sent send_ex(GeneratorObject* gen, Object* arg, bool exc, Ref<>& result, bool closing = false) {
    ThreadState& ts = rt().thread();
    if (gen->state == GenState::Created && arg && arg != consts.None && !exc)
        raisef(types.TypeError, "can't send non-None value to a just-started {}", kind_name(gen));
    if (gen->state == GenState::Executing) raisef(types.ValueError, "{} already executing", kind_name(gen));
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) {
        if (gen->type == types.coroutine && !closing) {
            if (exc) take_exception();
            raise(types.RuntimeError, "cannot reuse already awaited coroutine");
        }
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
        bool stop = exception_is(error.get(), types.StopIteration);
        if (stop || (gen->type == types.async_generator && exception_is(error.get(), types.StopAsyncIteration))) {
            Ref<> replacement = new_exception(
                types.RuntimeError,
                fmt::format("{} raised {}", kind_name(gen), stop ? "StopIteration" : "StopAsyncIteration"));
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

// gen_send_ex: a generator's return value as StopIteration's; an async
// generator's return as StopAsyncIteration.
[[noreturn]] void returned(GeneratorObject* gen, Ref<> value) {
    if (gen->type == types.async_generator) raise_empty(types.StopAsyncIteration);
    stop_iteration(std::move(value));
}

Ref<> gen_iternext(Object* self) {
    Ref<> result;
    if (send_ex(as_gen(self), nullptr, false, result) == Sent::Yield) return result;
    return nullptr;
}

Ref<> gen_send(Object* self, Args args, void*) {
    check_nargs({self->type->name, "send"}, args, 1, 1);
    Ref<> result;
    if (send_ex(as_gen(self), args[0], false, result) == Sent::Yield) return result;
    returned(as_gen(self), std::move(result));
}

Ref<> throw_into(GeneratorObject* gen, Args args, bool close_on_exit);

// gen_close_iter: close() of the iterator a yield from delegates to.
void close_iter(Object* yf) {
    if (is_gen_or_coro(yf)) {
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
Ref<> throw_to_delegate(GeneratorObject* gen, Args args, bool& handled, bool close_on_exit) {
    handled = false;
    Object* yf = delegate_of(gen);
    if (!yf) return nullptr;
    Ref<> keep = share(yf);
    Object* typ = args[0];
    bool exit = close_on_exit &&
                (is_instance_of(typ, types.GeneratorExit) ||
                 (is_instance_of(typ, types.type) && static_cast<TypeObject*>(typ)->is_subtype(types.GeneratorExit)));
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
        returned(gen, std::move(result));
    }
    static StrObject* throw_name = rt().intern("throw");
    Ref<> meth;
    if (!is_gen_or_coro(yf) && !(meth = lookup_attr(yf, throw_name))) return nullptr;
    handled = true;
    gen->state = GenState::Executing;
    try {
        result = is_gen_or_coro(yf) ? throw_into(as_gen(yf), args, true) : call(meth.get(), args);
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
    returned(gen, std::move(result));
}

// _gen_throw: throw(value) / throw(type[, value[, traceback]]); a
// GeneratorExit closes the delegate unless `close_on_exit` is false
// (athrow and aclose throw it into the delegate instead).
Ref<> throw_into(GeneratorObject* gen, Args args, bool close_on_exit) {
    bool handled;
    if (Ref<> delegated = throw_to_delegate(gen, args, handled, close_on_exit); handled) return delegated;
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
    if (send_ex(gen, consts.None, true, result) == Sent::Yield) return result;
    returned(gen, std::move(result));
}

Ref<> gen_throw(Object* self, Args args, void*) {
    check_nargs({self->type->name, "throw"}, args, 1, 3);
    return throw_into(as_gen(self), args, true);
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
        sent = send_ex(gen, consts.None, true, result, true);
    } catch (const PyException&) {
        Object* e = rt().thread().curexc;
        if (!exception_is(e, types.StopIteration) && !exception_is(e, types.GeneratorExit)) throw;
        take_exception();
        return new_none();
    }
    if (sent == Sent::Yield) raisef(types.RuntimeError, "{} ignored GeneratorExit", kind_name(gen));
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
    if (is_gen_or_coro(receiver)) return send_ex(as_gen(receiver), arg, false, result) == Sent::Yield;
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
    check_nargs({self->type->name, "close"}, args, 0, 0);
    return generator_close(as_gen(self));
}

void gen_finalize(Object* self) {
    GeneratorObject* gen = as_gen(self);
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) return;
    run_unraisable(rt().profile().generator_error_header, self, [&] { generator_close(gen); });
}

// _PyErr_WarnUnawaitedCoroutine: CPython imports warnings (not once it
// is finalizing) and calls its _warn_unawaited_coroutine, which warns with
// the coroutine as the source, at the frame that drops it; without the
// module, or on PyPy, _warnings.warn at the running frame.
void warn_unawaited(Object* coro) {
    std::string message = fmt::format("coroutine '{}' was never awaited", str_value(as_gen(coro)->qualname));
    if (rt().profile().unawaited_coroutine_through_warnings) {
        static StrObject* module_name = rt().intern("warnings");
        Ref<> module = share(dict_get(rt().modules, "warnings"));
        if (!module && !rt().finalizing) module = import_module_level(module_name, nullptr, nullptr, 0);
        if (module) {
            static StrObject* hook_name = rt().intern("_warn_unawaited_coroutine");
            if (Ref<> hook = lookup_attr(module.get(), hook_name)) {
                call(hook.get(), {coro});
                return;
            }
        }
    }
    warn(types.RuntimeWarning, message);
}

// A coroutine never awaited warns where _PyGen_Finalize would close it.
void coroutine_finalize(Object* self) {
    if (as_gen(self)->state != GenState::Created) return gen_finalize(self);
    try {
        warn_unawaited(self);
    } catch (const PyException&) {
        // CPython's report shows the traceback in its own warnings.py.
        take_exception();
        rt().defer_unsupported("an exception raised by the warning of a coroutine never awaited");
    }
}

// ---- async generators ---------------------------------------------------------------------------

AsyncGenObject* as_agen(Object* o) { return static_cast<AsyncGenObject*>(o); }
AsyncGenAwaitable* as_awaitable(Object* o) { return static_cast<AsyncGenAwaitable*>(o); }

// async_gen_init_hooks: at the first asend, athrow or aclose the async
// generator keeps the thread's finalizer hook and is passed to firstiter.
void init_hooks(AsyncGenObject* gen) {
    if (gen->hooks_inited) return;
    gen->hooks_inited = true;
    ThreadState& ts = rt().thread();
    if (ts.asyncgen_finalizer) gen->finalizer = share(ts.asyncgen_finalizer).release();
    if (ts.asyncgen_firstiter) {
        Ref<> firstiter = share(ts.asyncgen_firstiter);
        call(firstiter.get(), {gen});
    }
}

// Whether the async generator stopped at a `yield` of its own (CPython
// wraps that value: _PyAsyncGenWrappedValue), not inside an await.
bool yielded_own_value(AsyncGenObject* gen) {
    if (gen->state != GenState::Suspended) return false;
    const lang::Instruction& next =
        gen->frame->code->code->instructions[static_cast<std::size_t>(gen->frame->lasti + 1)];
    return next.op == lang::Opcode::RESUME && next.arg == 1;
}

// async_gen_unwrap_value over `step` (a send or throw into the generator):
// its own yield ends the awaitable with StopIteration(value); what an await
// inside yields passes through; StopAsyncIteration or GeneratorExit marks
// the generator closed. `awaitable` (an asend's) is closed when it ends.
template <class F> Ref<> unwrap(AsyncGenObject* gen, AsyncGenAwaitable* awaitable, F&& step) {
    Ref<> result;
    try {
        result = step();
    } catch (const PyException&) {
        Object* e = rt().thread().curexc;
        if (exception_is(e, types.StopAsyncIteration) || exception_is(e, types.GeneratorExit)) gen->closed = true;
        gen->running_async = false;
        if (awaitable) awaitable->state = AsyncGenAwaitable::State::Closed;
        throw;
    }
    if (!yielded_own_value(gen)) return result;
    gen->running_async = false;
    if (awaitable) awaitable->state = AsyncGenAwaitable::State::Closed;
    stop_iteration(std::move(result));
}

Ref<> send_value(AsyncGenObject* gen, Object* arg) {
    Ref<> result;
    if (send_ex(gen, arg, false, result) == Sent::Yield) return result;
    returned(gen, std::move(result));
}

Ref<> asend_send_value(Object* self, Object* arg) {
    AsyncGenAwaitable* o = as_awaitable(self);
    AsyncGenObject* gen = as_agen(o->gen);
    if (o->state == AsyncGenAwaitable::State::Closed)
        raise(types.RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    if (o->state == AsyncGenAwaitable::State::Init) {
        if (gen->running_async) raise(types.RuntimeError, "anext(): asynchronous generator is already running");
        if (!arg || arg == consts.None) arg = o->arg;
        o->state = AsyncGenAwaitable::State::Iter;
    }
    gen->running_async = true;
    return unwrap(gen, o, [&] { return send_value(gen, arg); });
}

Ref<> asend_throw_args(Object* self, Args args) {
    AsyncGenAwaitable* o = as_awaitable(self);
    if (o->state == AsyncGenAwaitable::State::Closed)
        raise(types.RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    AsyncGenObject* gen = as_agen(o->gen);
    return unwrap(gen, o, [&] { return throw_into(gen, args, true); });
}

// aclose()'s end: the generator yielded a value of its own instead of
// finishing.
[[noreturn]] void ignored_exit(AsyncGenAwaitable* o) {
    as_agen(o->gen)->running_async = false;
    o->state = AsyncGenAwaitable::State::Closed;
    raise(types.RuntimeError, "async generator ignored GeneratorExit");
}

// aclose()'s StopAsyncIteration or GeneratorExit means it is done: StopIteration.
template <class F> Ref<> aclose_step(AsyncGenAwaitable* o, F&& step) {
    AsyncGenObject* gen = as_agen(o->gen);
    try {
        Ref<> result = step();
        if (yielded_own_value(gen)) ignored_exit(o);
        return result;
    } catch (const PyException&) {
        gen->running_async = false;
        o->state = AsyncGenAwaitable::State::Closed;
        Object* e = rt().thread().curexc;
        if (!exception_is(e, types.StopAsyncIteration) && !exception_is(e, types.GeneratorExit)) throw;
        take_exception();
        raise_empty(types.StopIteration);
    }
}

Ref<> athrow_send_value(Object* self, Object* arg) {
    AsyncGenAwaitable* o = as_awaitable(self);
    AsyncGenObject* gen = as_agen(o->gen);
    const bool aclose = !o->arg;
    if (o->state == AsyncGenAwaitable::State::Closed)
        raise(types.RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) {
        o->state = AsyncGenAwaitable::State::Closed;
        raise_empty(types.StopIteration);
    }
    if (o->state == AsyncGenAwaitable::State::Iter) {
        if (!aclose) return unwrap(gen, nullptr, [&] { return send_value(gen, arg ? arg : consts.None); });
        return aclose_step(o, [&] { return send_value(gen, arg ? arg : consts.None); });
    }
    if (gen->running_async) {
        o->state = AsyncGenAwaitable::State::Closed;
        raisef(types.RuntimeError, "{}(): asynchronous generator is already running", aclose ? "aclose" : "athrow");
    }
    if (gen->closed) {
        o->state = AsyncGenAwaitable::State::Closed;
        raise_empty(types.StopAsyncIteration);
    }
    if (arg && arg != consts.None) raise(types.RuntimeError, "can't send non-None value to a just-started coroutine");
    o->state = AsyncGenAwaitable::State::Iter;
    gen->running_async = true;
    if (aclose) {
        gen->closed = true;
        Object* exit = types.GeneratorExit;
        return aclose_step(o, [&] { return throw_into(gen, Args{&exit, 1, nullptr}, false); });
    }
    auto* thrown = static_cast<TupleObject*>(o->arg);
    Args args{thrown->items.data(), thrown->items.size(), nullptr};
    try {
        return unwrap(gen, nullptr, [&] { return throw_into(gen, args, false); });
    } catch (const PyException&) {
        gen->running_async = false;
        o->state = AsyncGenAwaitable::State::Closed;
        throw;
    }
}

Ref<> athrow_throw_args(Object* self, Args args) {
    AsyncGenAwaitable* o = as_awaitable(self);
    AsyncGenObject* gen = as_agen(o->gen);
    if (o->state == AsyncGenAwaitable::State::Closed)
        raise(types.RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (o->arg) return unwrap(gen, nullptr, [&] { return throw_into(gen, args, true); });
    return aclose_step(o, [&] { return throw_into(gen, args, true); });
}

// What the awaitables share: send(), throw(), close(), next() and await.
template <Ref<> (*Send)(Object*, Object*), Ref<> (*Throw)(Object*, Args)> struct AwaitableMethods {
    static Ref<> iternext(Object* self) {
        try {
            return Send(self, nullptr);
        } catch (const PyException&) {
            if (!exception_is(rt().thread().curexc, types.StopIteration)) throw;
            // A value in StopIteration is the await's result: next() raises it.
            auto* e = static_cast<BaseExceptionObject*>(rt().thread().curexc);
            if (e->args && is_tuple(e->args) && static_cast<TupleObject*>(e->args)->size()) throw;
            take_exception();
            return nullptr;
        }
    }
    static Ref<> next(Object* self, Args args, void*) {
        check_nargs({self->type->name, "__next__"}, args, 0, 0);
        return Send(self, nullptr);
    }
    static Ref<> send(Object* self, Args args, void*) {
        check_nargs({self->type->name, "send"}, args, 1, 1);
        return Send(self, args[0]);
    }
    static Ref<> throw_(Object* self, Args args, void*) {
        check_nargs({self->type->name, "throw"}, args, 1, 3);
        return Throw(self, args);
    }
    static Ref<> close(Object* self, Args args, void*) {
        check_nargs({self->type->name, "close"}, args, 0, 0);
        as_awaitable(self)->state = AsyncGenAwaitable::State::Closed;
        return new_none();
    }
    static void install(TypeObject* t) {
        t->tp.iter = [](Object* self) { return share(self); };
        t->tp.await = [](Object* self) { return share(self); };
        t->tp.iternext = &iternext;
        add_method(t, "__next__", &next);
        add_method(t, "send", &send);
        add_method(t, "throw", &throw_);
        add_method(t, "close", &close);
    }
};

Ref<> new_awaitable(TypeObject* type, Object* gen, Object* arg) {
    // CPython takes them from free lists, whose reuse moves no count.
    g_manager->on_uncharged("an async generator's asend or athrow awaitable (CPython's free lists)");
    init_hooks(as_agen(gen));
    return make<AsyncGenAwaitable>(type, share(gen).release(), arg ? share(arg).release() : nullptr);
}

Ref<> agen_anext(Object* self, Args args, void*) {
    check_nargs("async_generator.__anext__", args, 0, 0);
    return new_awaitable(types.async_generator_asend, self, consts.None);
}
Ref<> agen_asend(Object* self, Args args, void*) {
    check_nargs("async_generator.asend", args, 1, 1);
    return new_awaitable(types.async_generator_asend, self, args[0]);
}
Ref<> agen_athrow(Object* self, Args args, void*) {
    check_nargs("async_generator.athrow", args, 1, 3);
    std::vector<Object*> items(args.items, args.items + args.nargs);
    for (Object* item : items) incref(item);
    Ref<> thrown = new_tuple(std::move(items));
    return new_awaitable(types.async_generator_athrow, self, thrown.get());
}
Ref<> agen_aclose(Object* self, Args args, void*) {
    check_nargs("async_generator.aclose", args, 0, 0);
    return new_awaitable(types.async_generator_athrow, self, nullptr);
}
Ref<> agen_aiter(Object* self, Args args, void*) {
    check_nargs("async_generator.__aiter__", args, 0, 0);
    return share(self);
}
Ref<> agen_running(Object* self) { return new_bool(as_agen(self)->running_async); }

// _PyGen_Finalize: an unfinished async generator that took a finalizer
// hook is passed to it (asyncio's loop schedules its aclose()); without
// one it is closed as a generator is.
void async_gen_finalize(Object* self) {
    AsyncGenObject* gen = as_agen(self);
    if (gen->state == GenState::Completed || gen->state == GenState::Cleared) return;
    if (!gen->finalizer || gen->closed) return gen_finalize(self);
    try {
        Ref<> hook = share(gen->finalizer);
        call(hook.get(), {self});
    } catch (const PyException&) {
        take_exception();
        rt().defer_unsupported("an exception raised by an async generator's finalizer hook");
    }
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
Ref<> get_awaiting(Object* self) {
    Object* yf = delegate_of(as_gen(self));
    return share(yf ? yf : consts.None);
}
Ref<> get_suspended(Object* self) { return new_bool(as_gen(self)->state == GenState::Suspended); }
Ref<> get_code(Object* self) { return share<Object>(as_gen(self)->code); }
Ref<> get_name(Object* self) { return share<Object>(as_gen(self)->name); }
Ref<> get_qualname(Object* self) { return share<Object>(as_gen(self)->qualname); }

// What generators, coroutines and async generators show alike, each kind
// under its prefix (gi_, cr_, ag_).
void add_frame_attributes(TypeObject* t, const char* frame, const char* running, const char* code,
                          GetSetDescriptorObject::Getter running_getter = &get_running) {
    t->tp.repr = &gen_repr;
    add_getset(t, frame, &get_frame);
    add_getset(t, running, running_getter);
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

// coroutine.__await__(): a new coroutine_wrapper each time.
Ref<> coroutine_await(Object* self) { return make<CoroWrapperObject>(types.coroutine_wrapper, share(self).release()); }
Ref<> coro_await_method(Object* self, Args args, void*) {
    check_nargs("coroutine.__await__", args, 0, 0);
    return coroutine_await(self);
}

Object* wrapped(Object* self) { return static_cast<CoroWrapperObject*>(self)->coroutine; }
Ref<> wrapper_iternext(Object* self) { return generator_next(wrapped(self)); }
Ref<> wrapper_next(Object* self, Args args, void*) {
    check_nargs("coroutine_wrapper.__next__", args, 0, 0);
    if (Ref<> r = generator_next(wrapped(self))) return r;
    raise_empty(types.StopIteration);
}
Ref<> wrapper_send(Object* self, Args args, void*) {
    check_nargs("coroutine_wrapper.send", args, 1, 1);
    return gen_send(wrapped(self), args, nullptr);
}
Ref<> wrapper_throw(Object* self, Args args, void*) {
    check_nargs("coroutine_wrapper.throw", args, 1, 3);
    return gen_throw(wrapped(self), args, nullptr);
}
Ref<> wrapper_close(Object* self, Args args, void*) {
    check_nargs("coroutine_wrapper.close", args, 0, 0);
    return gen_close(wrapped(self), args, nullptr);
}

// Coroutines run as generators do, under the cr_ names, and are awaited
// through __await__; async generators are made, closed and freed: what runs
// them (asend, athrow, ...) is missing, so the runtime names check stops a
// program that reaches for it.
void init_coroutine_types() {
    TypeObject* coroutine = types.coroutine;
    add_frame_attributes(coroutine, "cr_frame", "cr_running", "cr_code");
    add_getset(coroutine, "cr_await", &get_awaiting);
    coroutine->tp.finalize = &coroutine_finalize;
    coroutine->tp.await = &coroutine_await;
    add_method(coroutine, "send", &gen_send);
    add_method(coroutine, "throw", &gen_throw);
    add_method(coroutine, "close", &gen_close);
    add_method(coroutine, "__await__", &coro_await_method);
    TypeObject* wrapper = types.coroutine_wrapper;
    wrapper->tp.iter = &gen_iter;
    wrapper->tp.iternext = &wrapper_iternext;
    add_method(wrapper, "__next__", &wrapper_next);
    add_method(wrapper, "send", &wrapper_send);
    add_method(wrapper, "throw", &wrapper_throw);
    add_method(wrapper, "close", &wrapper_close);
    TypeObject* async_generator = types.async_generator;
    add_frame_attributes(async_generator, "ag_frame", "ag_running", "ag_code", &agen_running);  // ag_running_async
    // No ag_await: its name in the type's dict would be interned at start-up,
    // which 3.8, 3.9 and PyPy do not do (refcount/strs_interned_at_startup).
    async_generator->tp.finalize = &async_gen_finalize;
    add_method(async_generator, "__aiter__", &agen_aiter);
    add_method(async_generator, "__anext__", &agen_anext);
    add_method(async_generator, "asend", &agen_asend);
    add_method(async_generator, "athrow", &agen_athrow);
    add_method(async_generator, "aclose", &agen_aclose);
    AwaitableMethods<&asend_send_value, &asend_throw_args>::install(types.async_generator_asend);
    AwaitableMethods<&athrow_send_value, &athrow_throw_args>::install(types.async_generator_athrow);
}

void AsyncGenObject::traverse(Visitor v) {
    v(finalizer);
    GeneratorObject::traverse(v);
}

void AsyncGenObject::release() {
    Object* f = finalizer;
    finalizer = nullptr;
    xdecref(f);
    GeneratorObject::release();
}

void AsyncGenAwaitable::release() {
    Object *g = gen, *a = arg;
    gen = arg = nullptr;
    xdecref(g);
    xdecref(a);
}

void CoroWrapperObject::release() {
    Object* c = coroutine;
    coroutine = nullptr;
    xdecref(c);
}

Ref<> awaitable_iter(Object* o) {
    if (o->type == types.coroutine) return share(o);
    auto await = o->type->tp.await;
    if (!await) return nullptr;
    Ref<> iter = await(o);
    if (iter->type == types.coroutine) raise(types.TypeError, "__await__() returned a coroutine");
    if (!iter->type->tp.iternext)
        raisef(types.TypeError, "__await__() returned non-iterator of type '{}'", type_name(iter.get()));
    return iter;
}

Object* coroutine_awaiting(Object* coro) { return delegate_of(as_gen(coro)); }

bool generator_yields_inside_try(const Object* gen) {
    return static_cast<const GeneratorObject*>(gen)->code->code->yield_inside_try;
}

bool coroutine_started(const Object* coro) {
    return static_cast<const GeneratorObject*>(coro)->state != GenState::Created;
}

bool generator_finished(const Object* gen) {
    GenState s = static_cast<const GeneratorObject*>(gen)->state;
    return s == GenState::Completed || s == GenState::Cleared;
}

}  // namespace vm
