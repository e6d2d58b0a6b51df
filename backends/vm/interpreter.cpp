// The interpreter loop (CPython 3.11's _PyEval_EvalFrameDefault, one C++
// call per Python frame; call.cpp binds a call's arguments). Each
// instruction releases its operands where CPython's does, so temporaries
// die where they die in CPython.
#include "interpreter.hpp"

#include <limits>
#include <optional>
#include <span>
#include <utility>

#include "api.hpp"
#include "call_guards.hpp"
#include "exception.hpp"
#include "generator.hpp"
#include "instance.hpp"
#include "match.hpp"
#include "recursion.hpp"
#include "threads.hpp"

namespace vm {

using lang::Opcode;

bool g_eval_breaker = false;
static int g_recursion_limit = 1000;

int recursion_limit() { return g_recursion_limit; }
void set_recursion_limit(int limit) { g_recursion_limit = limit; }

void request_eval_breaker() { g_eval_breaker = true; }

void at_instruction_boundary() {
    if (!g_eval_breaker) return;
    g_eval_breaker = false;
    rt().manager().on_eval_breaker();
}

void raise_call_error(std::string_view id, std::string_view cpython, Object* callee, const std::string& detail) {
    std::string qualified = std::string(type_name(callee)) + " object";  // _PyObject_FunctionStr
    if (Ref<> q = lookup_attr(callee, ids.qualname); q && is_str(q.get())) {
        Ref<> m = lookup_attr(callee, ids.module);
        bool qualify = m && is_str(m.get()) && str_value(m.get()) != "builtins";
        qualified = (qualify ? str_value(m.get()) + "." : std::string()) + str_value(q.get()) + "()";
    }
    Object* func = callee->type == types.method ? static_cast<MethodObject*>(callee)->func : callee;
    std::string plain = std::string(type_name(callee)) + " object";  // PyEval_GetFuncName, PyEval_GetFuncDesc
    if (func->type == types.function) plain = str_value(static_cast<FunctionObject*>(func)->name) + "()";
    else if (func->type == types.builtin_function)
        plain = std::string(static_cast<NativeFunctionObject*>(func)->name) + "()";
    raise(types.TypeError, error_message(id, cpython, fmt::make_format_args(qualified, plain, detail)));
}

namespace {

// ---- errors the loop raises ---------------------------------------------------------------------

// _PyCoro_GetAwaitableIter's error, or format_awaitable_error's where an
// async with awaits what __aenter__ (where 1) or __aexit__ (2) returned.
[[noreturn]] void raise_not_awaitable(TypeObject* type, int where) {
    if (where == 1)
        raise_message(types.TypeError, "async_with_enter_not_awaitable",
                      "'async with' received an object from __aenter__ that does not implement __await__: {}",
                      type->name);
    if (where == 2)
        raise_message(types.TypeError, "async_with_exit_not_awaitable",
                      "'async with' received an object from __aexit__ that does not implement __await__: {}",
                      type->name);
    raise_message(types.TypeError, "not_awaitable", "object {} can't be used in 'await' expression", type->name);
}

// BEFORE_WITH and BEFORE_ASYNC_WITH, once the exit method is pushed: the
// manager is dropped, then __enter__ (__aenter__) is called.
Ref<> enter_manager(Ref<> mgr, Ref<> enter) {
    mgr.reset();
    return call(enter.get(), {});
}

// A special method of an async protocol (__aiter__, __anext__, __aenter__,
// __aexit__), looked up on the type as its slot is.
bool has_special(Object* o, const char* name) { return o->type->lookup(rt().intern(name)) != nullptr; }
Ref<> call_async_special(Object* o, const char* name) { return call_method(o, rt().intern(name), {}); }

// BEFORE_ASYNC_WITH's error for a manager without __aenter__ or __aexit__:
// 3.11 to 3.13's TypeError, or the profile's wording; a runtime whose
// error is of another type (3.8 to 3.10 and PyPy raise AttributeError)
// has "" there, and the model stops.
[[noreturn]] void raise_not_async_manager(Object* mgr, bool has_enter) {
    const char* id = has_enter ? "async_with_no_aexit" : "async_with_no_aenter";
    const auto& table = rt().profile().error_messages;
    if (auto it = table.find(id); it != table.end() && it->second.empty())
        unsupported("the error of 'async with' on an object that is not an asynchronous context manager");
    if (has_enter)
        raise_message(
            types.TypeError, id,
            "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
            type_name(mgr));
    raise_message(types.TypeError, id, "'{}' object does not support the asynchronous context manager protocol",
                  type_name(mgr));
}

[[noreturn]] void name_error(StrObject* name) {
    Ref<> exc = new_exception(types.NameError, fmt::format("name '{}' is not defined", str_value(name)));
    static_cast<BaseExceptionObject*>(exc.get())->extra[0] = share<Object>(name).release();
    raise(std::move(exc));
}

// A name the loop looked up in every scope and did not find.
[[noreturn]] void unresolved_name(StrObject* name) {
    stop_if_runtime_has_builtin(name);
    name_error(name);
}

[[noreturn]] void unbound_local(StrObject* name) {
    raise_message(types.UnboundLocalError, "unbound_local",
                  "cannot access local variable '{}' where it is not associated with a value", str_value(name));
}

[[noreturn]] void unbound_free(StrObject* name) {
    raisef(types.NameError,
           "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
           str_value(name));
}

// A failed allocation becomes MemoryError in the frame that asked for it.
void raise_memory_error() {
    try {
        raise_empty(types.MemoryError);
    } catch (const PyException&) {
    }
}

// ---- the pieces of instructions -----------------------------------------------------------------

// do_raise: RAISE_VARARGS with an exception (class or instance) and a cause.
[[noreturn]] void do_raise(Object* exc, Object* cause) {
    Ref<> value;
    if (is_instance_of(exc, types.type) && static_cast<TypeObject*>(exc)->is_subtype(types.BaseException)) {
        value = call(exc, {});
        if (!is_instance_of(value.get(), types.BaseException))
            raisef(types.TypeError, "calling {} should have returned an instance of BaseException, not {}",
                   repr_string(exc), type_name(value.get()));
    } else if (is_instance_of(exc, types.BaseException)) {
        value = share(exc);
    } else {
        raise(types.TypeError, "exceptions must derive from BaseException");
    }
    if (cause) {
        Ref<> fixed;
        if (is_instance_of(cause, types.type) && static_cast<TypeObject*>(cause)->is_subtype(types.BaseException))
            fixed = call(cause, {});
        else if (is_instance_of(cause, types.BaseException)) fixed = share(cause);
        else if (cause != consts.None) raise(types.TypeError, "exception causes must derive from BaseException");
        auto* e = static_cast<BaseExceptionObject*>(value.get());
        e->suppress_context = true;
        set_ref(e->cause, fixed.release());
    }
    raise(std::move(value));
}

void check_except_type(Object* t) {
    auto ok = [](Object* c) {
        return is_instance_of(c, types.type) && static_cast<TypeObject*>(c)->is_subtype(types.BaseException);
    };
    if (is_tuple(t)) {
        for (Object* c : static_cast<TupleObject*>(t)->items)
            if (!ok(c))
                raise(types.TypeError, "catching classes that do not inherit from BaseException is not allowed");
    } else if (!ok(t)) {
        raise(types.TypeError, "catching classes that do not inherit from BaseException is not allowed");
    }
}

// DICT_MERGE: the keywords of `update` (a mapping) into `kwargs`, for a
// call of `callee`; a keyword given twice is an error, as in CPython.
void merge_keywords(DictObject* kwargs, Object* update, Object* callee) {
    auto add = [&](Object* k, Object* v) {
        if (dict_get(kwargs, k))
            raise_call_error("call_multiple_values", "{0} got multiple values for keyword argument '{2}'", callee,
                             is_str(k) ? str_value(k) : std::string("?"));
        dict_set(kwargs, k, v);
    };
    // _PyDict_MergeEx: a dict's items directly; another mapping's through
    // the list of its keys (PyMapping_Keys), each looked up.
    if (is_dict(update)) {
        auto* d = static_cast<DictObject*>(update);
        std::vector<std::pair<Ref<>, Ref<>>> entries;
        dict_for_each(d, [&](Object* k, Object* v) { entries.emplace_back(share(k), share(v)); });
        for (auto& [k, v] : entries) add(k.get(), v.get());
        return;
    }
    if (!lookup_attr(update, ids.keys))
        raise_call_error("call_starstar_not_mapping", "{0} argument after ** must be a mapping, not {2}", callee,
                         type_name(update));
    Ref<ListObject> keys = mapping_keys(update);
    for (Object* k : keys->items) add(k, getitem(update, k).get());
}

// DICT_UPDATE: the `**mapping` of a dict display; an operand without
// keys() is not a mapping. PyPy asks for __getitem__ too (a list or tuple
// is no mapping either), and reads another operand with __getitem__ and
// no keys() as pairs, or as a str (not modeled).
void update_display_dict(DictObject* dict, Object* update) {
    if (rt().profile().display_mapping_needs_getitem && !is_dict(update)) {
        bool has_keys = update->type->lookup(ids.keys), has_getitem = update->type->tp.getitem;
        if (!has_getitem || is_list(update) || is_tuple(update))
            raisef(types.TypeError, "'{}' object is not a mapping", type_name(update));
        if (!has_keys)
            unsupported(
                fmt::format("'**' in a dict display of a {} object, which has __getitem__ and no keys() "
                            "(PyPy reads it otherwise)",
                            type_name(update)));
    }
    try {
        dict_update_from_mapping(dict, update);
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        if (!exception_is(exc.get(), types.AttributeError)) reraise(std::move(exc));
        raisef(types.TypeError, "'{}' object is not a mapping", type_name(update));
    }
}

// Whether `o` has __iter__ or is a sequence (tp_iter, PySequence_Check):
// iter() takes it.
bool iterable_or_sequence(Object* o) { return o->type->tp.iter || o->type->tp.getitem; }

// LIST_EXTEND: a starred operand that is not iterable at all (no __iter__,
// not a sequence) is named as the operand of a `*`, as the profile says.
void extend_starred(ListObject* list, Object* iterable) {
    try {
        list_extend(list, iterable);
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        using StarredError = Profile::StarredError;
        StarredError form = rt().profile().starred_error;
        if (!exception_is(exc.get(), types.TypeError) || iterable_or_sequence(iterable) ||
            form == StarredError::NotIterable)
            reraise(std::move(exc));
        if (form == StarredError::NamesCallee)
            unsupported("the TypeError of a non-iterable after '*' in a call, which names the function on CPython 3.8");
        raisef(types.TypeError, "Value after * must be an iterable, not {}", type_name(iterable));
    }
}

// Bit k set when the k-th of the `n` arguments the CALL that `frame` runs
// passes, from stack slot `first` up, is borrowed (Frame::borrowed_slots).
std::uint64_t borrowed_arguments(const Frame* frame, std::ptrdiff_t first, int n) {
    if (first >= 64) return 0;
    std::uint64_t args = frame->borrowed_slots() >> first;
    return n < 64 ? args & ((std::uint64_t(1) << n) - 1) : args;
}

// What 3.14's moves of stack references do to Frame::borrowed_locals and
// Frame::borrowed_stack (slot < 64; `borrowed` 0 or 1).
void set_stack_mark(Frame* frame, std::ptrdiff_t slot, std::uint64_t borrowed) {
    frame->borrowed_stack = (frame->borrowed_stack & ~(std::uint64_t(1) << slot)) | borrowed << slot;
}

// A strong load of `local` to `slot` duplicates the local's reference,
// borrowed or not ...
void duplicate_local(Frame* frame, int local, std::ptrdiff_t slot) {
    if (slot < 64) set_stack_mark(frame, slot, local < 64 ? frame->borrowed_locals >> local & 1 : 0);
}

// ... a store of `slot` into `local` moves it there ...
void store_local(Frame* frame, std::ptrdiff_t slot, int local) {
    if (local >= 64) return;
    std::uint64_t mark = std::uint64_t(1) << local;
    frame->borrowed_locals &= ~mark;
    if (slot >= 64 || !(frame->borrowed_stack >> slot & 1)) return;
    frame->borrowed_stack &= ~(std::uint64_t(1) << slot);
    if (frame->code->code->duplicated_slots[frame->lasti] >> slot & 1) frame->borrowed_locals |= mark;
}

// ... and COPY and SWAP move the marks with the values.
void copy_stack_mark(Frame* frame, std::ptrdiff_t from, std::ptrdiff_t to) {
    if (from < 64 && to < 64) set_stack_mark(frame, to, frame->borrowed_stack >> from & 1);
}

void swap_stack_marks(Frame* frame, std::ptrdiff_t a, std::ptrdiff_t b) {
    if (a >= 64 || b >= 64) return;
    std::uint64_t& marks = frame->borrowed_stack;
    if ((marks >> a & 1) != (marks >> b & 1)) marks ^= (std::uint64_t(1) << a) | (std::uint64_t(1) << b);
}

// UNPACK_SEQUENCE: the items of `seq`, exactly n of them.
void unpack(Object* seq, int n, Object**& sp) {
    if ((seq->type == types.tuple || seq->type == types.list)) {
        std::span<Object* const> items = seq->type == types.tuple
                                             ? std::span<Object* const>(static_cast<TupleObject*>(seq)->items)
                                             : std::span<Object* const>(static_cast<ListObject*>(seq)->items);
        if (static_cast<int>(items.size()) == n) {
            for (int i = n; i-- > 0;) {
                incref(items[i]);
                *sp++ = items[i];
            }
            return;
        }
    }
    if (!seq->type->tp.iter && !seq->type->tp.getitem)
        raisef(types.TypeError, "cannot unpack non-iterable {} object", type_name(seq));
    Ref<> it = get_iter(seq);
    std::vector<Ref<>> got;
    while (static_cast<int>(got.size()) < n) {
        Ref<> x = iter_next(it.get());
        if (!x) raisef(types.ValueError, "not enough values to unpack (expected {}, got {})", n, got.size());
        got.push_back(std::move(x));
    }
    if (Ref<> extra = iter_next(it.get())) raisef(types.ValueError, "too many values to unpack (expected {})", n);
    for (int i = n; i-- > 0;) *sp++ = got[i].release();
}

// UNPACK_EX (a starred target): `before` items, a new list of the rest but
// the last `after`, then those, as unpack_iterable: always through an
// iterator, the list made from what it has left.
void unpack_starred(Object* seq, int before, int after, Object**& sp) {
    if (!seq->type->tp.iter && !seq->type->tp.getitem)
        raisef(types.TypeError, "cannot unpack non-iterable {} object", type_name(seq));
    Ref<> it = get_iter(seq);
    std::vector<Ref<>> got;
    while (static_cast<int>(got.size()) < before) {
        Ref<> x = iter_next(it.get());
        if (!x)
            raisef(types.ValueError, "not enough values to unpack (expected at least {}, got {})", before + after,
                   got.size());
        got.push_back(std::move(x));
    }
    Ref<ListObject> rest = list_from_iterable(it.get());
    std::size_t left = rest->items.size();
    if (left < static_cast<std::size_t>(after))
        raisef(types.ValueError, "not enough values to unpack (expected at least {}, got {})", before + after,
               before + left);
    for (int i = 0; i < after; ++i) {  // the last first, deepest
        *sp++ = rest->items.back();  // the list's reference moves to the stack
        rest->items.pop_back();
    }
    *sp++ = rest.release();
    for (int i = before; i-- > 0;) *sp++ = got[i].release();
}

// FORMAT_VALUE: the conversion, then PyObject_Format with `spec` (null:
// none). Only a class of the program defines __format__ here; the builtin
// types' own are format_with_spec.
Ref<> format_value(Object* v, int conversion, Object* spec) {
    Ref<> value = conversion == 1 ? Ref<>(str(v)) : conversion == 2 ? Ref<>(repr(v)) : share(v);
    bool no_spec = !spec || str_value(spec).empty();
    if (no_spec && value->type == types.str) return value;
    if (no_spec && value->type == types.int_) return Ref<>(str(value.get()));  // PyObject_Format's fast path
    if (Ref<> fmt_method = lookup_special(value.get(), rt().intern("__format__"))) {
        if (spec) return call(fmt_method.get(), {spec});
        Ref<> empty = new_str("");
        return call(fmt_method.get(), {empty.get()});
    }
    if (no_spec) return Ref<>(str(value.get()));
    return new_str(format_with_spec(value.get(), str_value(spec)));
}

Ref<> make_function(Frame* frame, CodeObject* code, int flags, Object**& sp) {
    auto func = make<FunctionObject>(types.function, code, frame->globals, frame->builtins);
    // PyFunction_NewWithQualName: the first constant when it is a str (to
    // 3.13 that is the docstring or None; 3.14's flag: func_get_doc).
    Object* first = code->consts.empty() ? nullptr : code->consts[0];
    if (first && is_str(first) && rt().profile().compile.doc_constant_always) {
        incref(first);
        set_ref(func->doc, first);
    }
    if (Object* m = dict_get(frame->globals, ids.name)) func->module = share(m).release();
    if (flags & lang::MF_CLOSURE) func->closure = static_cast<TupleObject*>(*--sp);
    if (flags & lang::MF_ANNOTATIONS) func->annotations = *--sp;
    if (flags & lang::MF_KWDEFAULTS) func->kwdefaults = static_cast<DictObject*>(*--sp);
    if (flags & lang::MF_DEFAULTS) func->defaults = static_cast<TupleObject*>(*--sp);
    return func;
}

// Drops a call's callable, then its arguments first to last (CALL's cleanup),
// on return or on an exception; with `callable_last`, the arguments last to
// first, then the callable (CALL_FUNCTION's, to 3.10).
struct CallCleanup {
    Object* callable;
    Object** args;
    int n;
    bool callable_last = false;
    ~CallCleanup() {
        if (callable_last) {
            for (int i = n; i-- > 0;) decref(args[i]);
            decref(callable);
            return;
        }
        decref(callable);
        for (int i = 0; i < n; ++i) decref(args[i]);
    }
};

// CALL_ALLOC_AND_ENTER_INIT (3.13+) of the class in `slots[0]`, whose
// `nargs` arguments follow it (references the call owns; `borrowed` as
// push_function_frame's, for self and the arguments). No tuple is made:
// once the instance is, the class's reference leaves the stack, and the
// instance takes its place, so that it and the arguments move into
// __init__'s frame as a function call's arguments do. The call keeps a
// reference to the instance for its result (the shim frame's).
[[gnu::noinline]] Ref<> alloc_and_enter_init(Object** slots, int nargs, std::uint64_t borrowed) {
    auto* t = static_cast<TypeObject*>(slots[0]);
    Ref<> self;
    try {
        self = t->tp.new_(t, Args{slots + 1, static_cast<std::size_t>(nargs)});
    } catch (const PyException&) {
        CallCleanup drop{t, slots + 1, nargs};
        throw;
    }
    decref(t);  // the instance holds its class
    slots[0] = share(self.get()).release();
    auto* init = static_cast<FunctionObject*>(self->type->lookup(ids.init));
    incref(init);
    Ref<> r =
        eval_frame(push_function_frame(init, slots, static_cast<std::size_t>(nargs) + 1, nullptr, nullptr, borrowed));
    if (r.get() != consts.None) raisef(types.TypeError, "__init__() should return None, not '{}'", type_name(r.get()));
    return self;
}

// Items popped off the value stack (owned), dropped first to last when the
// instruction is done with them. Read in place: nothing writes this frame's
// stack above sp before the instruction ends (Python code that runs on the
// way runs in frames of its own).
class StackItems {
  public:
    StackItems(Object** from, int n) : items_(from, static_cast<std::size_t>(n)) {}
    ~StackItems() {
        for (Object* o : items_) decref(o);
    }
    Object* operator[](int i) const { return items_[static_cast<std::size_t>(i)]; }

  private:
    std::span<Object* const> items_;
};

// The exception table entry that covers instruction `lasti`, or null.
const lang::ExceptionEntry* find_handler(const CodeObject* co, int lasti) { return lang::handler_of(*co->code, lasti); }

// PyTraceBack_Here: a traceback entry for `frame` on the exception in flight.
// The frame object and the traceback are both made with no exception set
// (frame_object fetches it, PyTraceBack_Here's PyErr_Fetch took it), so
// either allocation may start a collection (gc_link), as CPython's does.
void add_traceback(Frame* frame) {
    ThreadState& ts = rt().thread();
    auto* exc = static_cast<BaseExceptionObject*>(ts.curexc);
    FrameObject* fo = frame_object(frame);
    incref(fo);
    auto* prev = static_cast<TracebackObject*>(exc->traceback);
    exc->traceback = nullptr;
    ts.curexc = nullptr;  // PyErr_Fetch: the reference is this function's
    auto tb = make<TracebackObject>(types.traceback, prev, fo, frame->lasti, frame->line());
    ts.curexc = exc;  // PyErr_Restore
    exc->traceback = tb.release();
}

// Leaves `frame` (return, raise, yield or generator creation): the caller
// runs again; a frame of the thread is cleared and its memory freed.
void leave_frame(ThreadState& ts, Frame* frame, bool clear) {
    ts.current_frame = frame->previous;
    --ts.depth;
    if (frame->owner == FrameOwner::Thread) {
        if (clear) frame->clear();
        ts.frames.pop(frame);
    }
}

}  // namespace

// ---- the loop -----------------------------------------------------------------------------------

namespace {

// The lookup site of the attribute instruction at `pc`.
[[gnu::noinline]] void make_lookup_sites(CodeObject* co) { co->lookup_sites.resize(co->code->instructions.size()); }
inline LookupSite& lookup_site(CodeObject* co, int pc) {
    if (co->lookup_sites.empty()) [[unlikely]]
        make_lookup_sites(co);
    return co->lookup_sites[pc];
}

// LOAD_GLOBAL's lookup of `name`, in globals then builtins, through the
// instruction's GlobalSite: borrowed.
Object* load_global(CodeObject* co, int pc, DictObject* globals, DictObject* builtins, StrObject* name) {
    if (!co->global_sites.empty()) {
        const GlobalSite& s = co->global_sites[pc];
        if (s.globals == globals && s.builtins == builtins && s.epoch == g_watched_dicts_epoch) return s.value;
    }
    Object* v = dict_get(globals, name);
    if (!v) v = dict_get(builtins, name);
    if (!v) unresolved_name(name);
    if (globals->table.unicode_keys && builtins->table.unicode_keys) {
        if (co->global_sites.empty()) co->global_sites.resize(co->code->instructions.size());
        globals->table.watched = builtins->table.watched = true;
        co->global_sites[pc] = GlobalSite{globals, builtins, g_watched_dicts_epoch, v};
    }
    return v;
}

// Where CPython 3.12's bytecode checks the eval breaker before an
// instruction (CHECK_EVAL_BREAKER in Python/bytecodes.c).
bool is_eval_breaker_check(const lang::Instruction& ins) {
    return (ins.op == Opcode::RESUME && ins.arg < 2) || ins.op == Opcode::JUMP_BACKWARD;
}

// The level of C recursion a call of `callable` (not a Python function)
// takes: a builtin's vectorcall counts one (cfunction_enter_call); a call
// the runtime specialized may skip it, and a class's or another object's
// call counts one in some versions and not in others.
// The specialized isinstance (PRECALL_NO_KW_ISINSTANCE, CALL_NO_KW_ISINSTANCE,
// CALL_ISINSTANCE) calls PyObject_IsInstance directly: no level.
CRecursionGuard::Charge call_level(Object* callable, bool specialized, CallForm form) {
    if (specialized && form == CallForm::IsInstance) return CRecursionGuard::Charge::StackOnly;
    const bool builtin = callable->type == types.builtin_function || callable->type == types.method_descriptor;
    return builtin && !specialized ? CRecursionGuard::Charge::Level : CRecursionGuard::Charge::MaybeLevel;
}

// _PyCode_Warmup (3.11): a RESUME or JUMP_BACKWARD ran; counted up to a
// bound above any profile's warm-up.
void warm_up(CodeObject* co) {
    if (co->warmup < 1000) ++co->warmup;
}

}  // namespace

Ref<> eval_frame(Frame* frame, bool throwflag) {
    ThreadState& ts = rt().thread();
    if (ts.depth >= g_recursion_limit) [[unlikely]] {
        // _Py_EnterRecursivePy fails before the frame runs: it exits at once
        // (no traceback entry of its own). To 3.11 `depth` holds C levels,
        // which may include ones the runtime did not count.
        const bool maybe_fails =
            rt().profile().c_recursion == CRecursion::Shared && ts.depth - ts.c_maybe < g_recursion_limit;
        ++ts.depth;
        leave_frame(ts, frame, true);
        if (maybe_fails) unsupported("a RecursionError at a depth of C calls the model does not know exactly");
        raise(types.RecursionError, "maximum recursion depth exceeded");
    }
    ++ts.depth;
    CodeObject* co = frame->code;
    const lang::Instruction* code = co->code->instructions.data();
    Object** locals = frame->localsplus();
    Object** stack_base = locals + co->nlocalsplus;
    Object** sp = locals + frame->stacktop;
    int pc = frame->lasti + 1;
    TupleObject* kwnames = nullptr;
    bool add_tb = true;
    // CPython 3.12+ checks its eval breaker, where a scheduled collection
    // runs, only at a RESUME of a frame's start or after a yield, at a
    // JUMP_BACKWARD and at the end of a CALL that pushed no Python frame;
    // the other runtimes at every instruction boundary.
    const bool checks_everywhere = !rt().profile().gc_collect_at_eval_breaker;
    const bool caller_keeps_arguments = rt().profile().caller_keeps_arguments;
    // COMPARE_OP's comparison of ints takes PyObject_RichCompare's level of C
    // recursion, unless a runtime that specializes skipped it: checked only
    // where that level would pass a limit.
    const int c_room = rt().profile().c_recursion == CRecursion::Counted
                           ? rt().profile().c_recursion_limit - rt().profile().c_recursion_at_start
                           : std::numeric_limits<int>::max();
    const auto compare_level = rt().profile().specialize_after_warmup || c_room != std::numeric_limits<int>::max()
                                   ? CRecursionGuard::Charge::MaybeLevel
                                   : CRecursionGuard::Charge::Level;
    // 3.14's borrowed references: which locals and stack slots hold them.
    const bool follows_borrows = !co->code->borrowed_slots.empty();
    const bool tracks_call_sites =
        (!checks_everywhere && (rt().profile().gc_unchecked_call_forms || rt().profile().class_call_enters_init)) ||
        rt().profile().specialize_after_warmup;
    int arg;  // the argument of the instruction that runs

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])
#define NAME(i) (co->names[i])
#define THIS_OPCODE() (code[pc - 1].op)  // of the instruction that runs (before a jump)

    // Threaded dispatch (GCC's labels as values, which clang has too; as
    // CPython's ceval.c with computed gotos): each instruction's code is a
    // label, op_NAME, and ends with DISPATCH(), outside the scope of its
    // locals, which jumps to the next instruction's code through `targets`
    // (or its copy below): an indirect jump per instruction, each predicted
    // on its own. When the eval breaker is set, DISPATCH() goes through the
    // loop's top instead, which decides whether this boundary checks it; so
    // does `continue`.
    static void* const targets[] = {
#define OPCODE(name, arg, effect, jump_effect) &&op_##name,
#define PSEUDO(name, arg, effect, jump_effect) &&unknown_opcode,  // the compiler's own: never run
#include "lang/opcodes.def"
#undef OPCODE
#undef PSEUDO
    };
    // A frame that follows no borrowed references (every profile but
    // 3.14) runs LOAD_FAST and STORE_FAST without testing that it does
    // not.
    static void* targets_following_no_borrows[std::size(targets)];
    if (!targets_following_no_borrows[0]) [[unlikely]] {
        std::copy(std::begin(targets), std::end(targets), targets_following_no_borrows);
        targets_following_no_borrows[static_cast<std::size_t>(Opcode::LOAD_FAST)] = &&op_LOAD_FAST_BORROW;
        targets_following_no_borrows[static_cast<std::size_t>(Opcode::STORE_FAST)] = &&store_fast;
    }
    void* const* const dispatch_table = follows_borrows ? targets : targets_following_no_borrows;
#define DISPATCH()                                                     \
    {                                                                  \
        if (g_eval_breaker) continue;                                  \
        arg = code[pc].arg;                                            \
        frame->lasti = pc;                                             \
        goto* dispatch_table[static_cast<std::size_t>(code[pc++].op)]; \
    }

    if (throwflag) goto error;
    for (;;) {
        try {
            for (;;) {
                if (g_eval_breaker && (checks_everywhere || is_eval_breaker_check(code[pc]))) {
                // A CALL after which the eval breaker is checked jumps here
                // when it is set (a flag in a register for every
                // instruction's sake otherwise).
                eval_breaker_after_call:
                    g_eval_breaker = false;
                    frame->stacktop = static_cast<int>(sp - locals);
                    rt().check_deferred_unsupported();
                    rt().manager().on_eval_breaker();
                    if (g_threads_contended) rt().threads().count_switch_free_step();
                }
                arg = code[pc].arg;
                frame->lasti = pc;
                goto* dispatch_table[static_cast<std::size_t>(code[pc++].op)];
                {
                op_NOP:
                op_RESUME:
                    warm_up(co);
                    DISPATCH();
                op_POP_TOP:
                    decref(POP());
                    DISPATCH();
                op_PUSH_NULL:
                    PUSH(nullptr);
                    DISPATCH();
                op_COPY : {
                    Object* v = PEEK(arg);
                    incref(v);
                    if (follows_borrows) [[unlikely]]
                        copy_stack_mark(frame, sp - arg - stack_base, sp - stack_base);
                    PUSH(v);
                }
                    DISPATCH();
                op_SWAP:
                    std::swap(TOP(), PEEK(arg));
                    if (follows_borrows) [[unlikely]]
                        swap_stack_marks(frame, sp - 1 - stack_base, sp - arg - stack_base);
                    DISPATCH();
                op_LOAD_CONST : {
                    Object* v = co->consts[arg];
                    incref(v);
                    PUSH(v);
                }
                    DISPATCH();

                // ---- variables ------------------------------------------------------------------
                op_LOAD_FAST:  // only where follows_borrows (dispatch_table)
                    duplicate_local(frame, arg, sp - stack_base);
                    // fall through
                op_LOAD_FAST_BORROW : {  // counted: sys.getrefcount leaves it out (borrowed_slots)
                    Object* v = locals[arg];
                    if (!v) unbound_local(co->localsplus_names[arg]);
                    incref(v);
                    PUSH(v);
                }
                    DISPATCH();
                op_STORE_FAST:  // only where follows_borrows (dispatch_table)
                    store_local(frame, sp - 1 - stack_base, arg);
                    // fall through
                store_fast : {
                    Object* old = locals[arg];
                    locals[arg] = POP();
                    xdecref(old);
                }
                    DISPATCH();
                op_LOAD_FAST_AND_CLEAR:
                op_LOAD_CELL_AND_CLEAR : {
                    int slot = THIS_OPCODE() == Opcode::LOAD_FAST_AND_CLEAR ? arg : co->nlocals + arg;
                    if (follows_borrows) [[unlikely]] {
                        duplicate_local(frame, slot, sp - stack_base);  // the reference moves, as it is
                        if (slot < 64) frame->borrowed_locals &= ~(std::uint64_t(1) << slot);
                    }
                    PUSH(locals[slot]);  // the reference moves to the stack
                    locals[slot] = nullptr;
                }
                    DISPATCH();
                op_STORE_FAST_MAYBE_NULL:
                op_STORE_CELL_MAYBE_NULL : {
                    int slot = THIS_OPCODE() == Opcode::STORE_FAST_MAYBE_NULL ? arg : co->nlocals + arg;
                    if (follows_borrows) [[unlikely]]
                        store_local(frame, sp - 1 - stack_base, slot);
                    Object* old = locals[slot];
                    locals[slot] = POP();
                    xdecref(old);
                }
                    DISPATCH();
                op_DELETE_FAST : {
                    Object* old = locals[arg];
                    if (!old) unbound_local(co->localsplus_names[arg]);
                    if (follows_borrows && arg < 64) frame->borrowed_locals &= ~(std::uint64_t(1) << arg);
                    locals[arg] = nullptr;
                    decref(old);
                }
                    DISPATCH();
                op_LOAD_NAME : {
                    StrObject* name = NAME(arg);
                    Object* v = frame->locals ? dict_get(static_cast<DictObject*>(frame->locals), name) : nullptr;
                    if (!v) v = dict_get(frame->globals, name);
                    if (!v) v = dict_get(static_cast<ModuleObject*>(frame->builtins)->dict, name);
                    if (!v) unresolved_name(name);
                    incref(v);
                    PUSH(v);
                }
                    DISPATCH();
                op_STORE_NAME : {
                    Ref<> v = Ref<>::take(POP());
                    dict_set(static_cast<DictObject*>(frame->locals), NAME(arg), v.get());
                }
                    DISPATCH();
                op_DELETE_NAME:
                    if (!dict_del(static_cast<DictObject*>(frame->locals), NAME(arg))) name_error(NAME(arg));
                    DISPATCH();
                op_LOAD_GLOBAL : {
                    Object* v = load_global(co, pc - 1, frame->globals,
                                            static_cast<ModuleObject*>(frame->builtins)->dict, NAME(arg));
                    incref(v);
                    PUSH(v);
                }
                    DISPATCH();
                op_STORE_GLOBAL : {
                    Ref<> v = Ref<>::take(POP());
                    dict_set(frame->globals, NAME(arg), v.get());
                }
                    DISPATCH();
                op_DELETE_GLOBAL:
                    if (!dict_del(frame->globals, NAME(arg))) name_error(NAME(arg));
                    DISPATCH();
                op_MAKE_CELL : {
                    Object*& slot = locals[co->nlocals + arg];
                    int from = static_cast<int>(co->code->cell2arg.size()) > arg ? co->code->cell2arg[arg] : -1;
                    Object* initial = from >= 0 ? locals[from] : nullptr;
                    if (from >= 0) locals[from] = nullptr;
                    auto cell = make<CellObject>(types.cell);
                    cell->ref = initial;  // moved
                    set_ref<Object>(slot, cell.release());
                }
                    DISPATCH();
                op_COPY_FREE_VARS : {
                    TupleObject* closure = frame->func->closure;
                    int offset = co->nlocals + co->ncells;
                    for (int i = 0; i < arg; ++i) {
                        incref(closure->items[i]);
                        locals[offset + i] = closure->items[i];
                    }
                }
                    DISPATCH();
                op_LOAD_DEREF:
                op_LOAD_CLASSDEREF : {
                    int slot = co->nlocals + arg;
                    if (THIS_OPCODE() == Opcode::LOAD_CLASSDEREF && frame->locals) {
                        if (Object* v = dict_get(static_cast<DictObject*>(frame->locals), co->localsplus_names[slot])) {
                            incref(v);
                            PUSH(v);
                            DISPATCH();
                        }
                    }
                    Object* v = static_cast<CellObject*>(locals[slot])->ref;
                    if (!v) {
                        if (arg < co->ncells) unbound_local(co->localsplus_names[slot]);
                        unbound_free(co->localsplus_names[slot]);
                    }
                    incref(v);
                    PUSH(v);
                }
                    DISPATCH();
                op_STORE_DEREF : {
                    auto* cell = static_cast<CellObject*>(locals[co->nlocals + arg]);
                    set_ref(cell->ref, POP());
                }
                    DISPATCH();
                op_DELETE_DEREF : {
                    auto* cell = static_cast<CellObject*>(locals[co->nlocals + arg]);
                    if (!cell->ref) unbound_local(co->localsplus_names[co->nlocals + arg]);
                    set_ref<Object>(cell->ref, nullptr);
                }
                    DISPATCH();
                op_LOAD_LOCALS : {
                    if (!frame->locals) raisef(types.SystemError, "no locals found");
                    incref(frame->locals);
                    PUSH(frame->locals);
                }
                    DISPATCH();
                op_LOAD_CLOSURE : {
                    Object* cell = locals[co->nlocals + arg];
                    incref(cell);
                    PUSH(cell);
                }
                    DISPATCH();
                op_LOAD_ATTR : {
                    Ref<> owner = Ref<>::take(POP());
                    Ref<> res = getattr(owner.get(), NAME(arg), lookup_site(co, pc - 1));
                    owner.reset();
                    PUSH(res.release());
                }
                    DISPATCH();
                op_STORE_ATTR : {
                    Ref<> owner = Ref<>::take(POP());
                    Ref<> v = Ref<>::take(POP());
                    setattr(owner.get(), NAME(arg), v.get(), lookup_site(co, pc - 1));
                    v.reset();
                }
                    DISPATCH();
                op_DELETE_ATTR : {
                    Ref<> owner = Ref<>::take(POP());
                    delattr(owner.get(), NAME(arg));
                }
                    DISPATCH();

                // ---- calls ----------------------------------------------------------------------
                op_LOAD_METHOD : {
                    Ref<> obj = Ref<>::take(POP());
                    Ref<> meth;
                    if (get_method(obj.get(), NAME(arg), meth, &lookup_site(co, pc - 1))) {
                        PUSH(meth.release());
                        PUSH(obj.release());
                    } else {
                        PUSH(nullptr);
                        obj.reset();
                        PUSH(meth.release());
                    }
                }
                    DISPATCH();
                op_KW_NAMES:
                    kwnames = static_cast<TupleObject*>(co->consts[arg]);
                    DISPATCH();
                op_PRECALL : {
                    // To 3.10 a bound method stays whole on the stack through the call.
                    if (caller_keeps_arguments) DISPATCH();
                    bool is_meth = PEEK(arg + 2) != nullptr;
                    Object* f = PEEK(arg + 1);
                    if (!is_meth && f->type == types.method) {
                        auto* m = static_cast<MethodObject*>(f);
                        incref(m->func);
                        incref(m->self);
                        PEEK(arg + 1) = m->self;
                        PEEK(arg + 2) = m->func;
                        decref(f);
                    }
                }
                    DISPATCH();
                op_CALL : {
                    bool after_call = false;  // whether the boundary after this call checks the eval breaker
                    bool is_meth = PEEK(arg + 2) != nullptr;
                    int total = arg + is_meth;
                    Object** base = sp - arg - 2;
                    Object* callable = is_meth ? base[0] : base[1];
                    Object** argv = base + 2 - is_meth;
                    TupleObject* kw = kwnames;
                    kwnames = nullptr;
                    std::size_t nkw = kw ? kw->size() : 0;
                    sp = base;
                    frame->stacktop = static_cast<int>(sp - locals);
                    // Decided before the call, which may run this code again.
                    // Without call-site tracking nothing is specialized; a
                    // call with keywords is of no form, and its site never
                    // sees another (its keywords are in the code). The
                    // common runs are decided at once (decide_call_at_once).
                    const auto [form, specialized] =
                        !tracks_call_sites || kw
                            ? CallDecision{}
                            : decide_call_at_once(co, pc - 1, callable, is_meth, total, code[pc].op);
                    // The specialized forms the profile names check no eval breaker.
                    const bool unchecked =
                        specialized && (rt().profile().gc_unchecked_call_forms & (1u << static_cast<unsigned>(form)));
                    Ref<> res;
                    if (callable->type == types.function && !caller_keeps_arguments) {
                        // The arguments move into the new frame (3.11's CALL).
                        res = eval_frame(push_function_frame(
                            static_cast<FunctionObject*>(callable), argv, total - nkw, kw, nullptr,
                            follows_borrows ? borrowed_arguments(frame, argv - stack_base, total) : 0));
                    } else if (specialized && form == CallForm::Len) {
                        // CALL_NO_KW_LEN: PyObject_Length, without the call
                        // of the builtin (its argument count is the form's).
                        after_call = !unchecked;
                        CallCleanup cleanup{callable, argv, total, caller_keeps_arguments};
                        res = new_int(static_cast<std::int64_t>(length(argv[0])));
                    } else if (specialized && form == CallForm::Str1) {
                        // CALL_NO_KW_STR_1: PyObject_Str, no packing (3.12's
                        // str has no vectorcall).
                        after_call = !unchecked;
                        CallCleanup cleanup{callable, argv, total, caller_keeps_arguments};
                        res = str(argv[0]);
                    } else if (specialized && form == CallForm::InitOfClass) {
                        res = alloc_and_enter_init(
                            base + 1, total,
                            follows_borrows ? borrowed_arguments(frame, argv - stack_base, total) << 1 : 0);
                    } else if (callable->type == types.method_descriptor && !kw && total >= 1 &&
                               argv[0]->type == static_cast<MethodDescriptorObject*>(callable)->owner &&
                               !static_cast<MethodDescriptorObject*>(callable)->slot_wrapper) {
                        // A builtin type's method on an instance of exactly
                        // that type (`items.append(x)`, `d.get(k)`): its
                        // function directly, as CPython's vectorcall of a
                        // method descriptor. The same call as call()'s
                        // through method_descr_call (nothing packed: only a
                        // slot wrapper is called through tp_call), without
                        // its tests; the specialization the site models
                        // (decided above) is unchanged.
                        after_call = !unchecked;
                        CallCleanup cleanup{callable, argv, total, caller_keeps_arguments};
                        auto* method = static_cast<MethodDescriptorObject*>(callable);
                        CRecursionGuard level(" while calling a Python object",
                                              call_level(callable, specialized, form));
                        res = method->fn(argv[0], Args{argv + 1, static_cast<std::size_t>(total - 1), nullptr},
                                         method->data);
                    } else {
                        after_call = callable->type != types.function && !unchecked;
                        CallCleanup cleanup{callable, argv, total, caller_keeps_arguments};
                        std::optional<CRecursionGuard> level;
                        if (callable->type != types.function)
                            level.emplace(" while calling a Python object", call_level(callable, specialized, form));
                        res = call(callable, Args{argv, total - nkw, kw});
                    }
                    PUSH(res.release());
                    if (after_call && g_eval_breaker) goto eval_breaker_after_call;  // this boundary checks it
                }
                    DISPATCH();
                op_CALL_FUNCTION_EX : {
                    Ref<DictObject> kwargs;
                    if (arg & 1) {
                        Ref<> given = Ref<>::take(POP());
                        if (given->type == types.dict) {
                            kwargs = Ref<DictObject>::take(static_cast<DictObject*>(given.release()));
                        } else {  // 3.8 passes a `**mapping` as it is
                            kwargs = new_dict();
                            merge_keywords(kwargs.get(), given.get(), PEEK(2));
                        }
                    }
                    Ref<> given_args = Ref<>::take(POP());
                    if (!is_tuple(given_args.get()) && !iterable_or_sequence(given_args.get()))  // check_args_iterable
                        raise_call_error("call_star_not_iterable", "{0} argument after * must be an iterable, not {2}",
                                         PEEK(1), type_name(given_args.get()));
                    Ref<TupleObject> callargs =
                        is_tuple(given_args.get())
                            ? Ref<TupleObject>::take(static_cast<TupleObject*>(given_args.release()))
                            : sequence_tuple(given_args.get());
                    given_args.reset();
                    frame->stacktop = static_cast<int>(sp - locals);
                    Ref<> res = call_ex(TOP(), callargs, kwargs);
                    decref(POP());
                    callargs.reset();
                    kwargs.reset();
                    --sp;  // the NULL
                    PUSH(res.release());
                }
                    DISPATCH();
                op_MAKE_FUNCTION : {
                    Ref<> code_obj = Ref<>::take(POP());
                    Ref<> func = make_function(frame, static_cast<CodeObject*>(code_obj.get()), arg, sp);
                    PUSH(func.release());
                }
                    DISPATCH();
                op_LOAD_BUILD_CLASS : {
                    Object* bc = dict_get(static_cast<ModuleObject*>(frame->builtins)->dict, ids.build_class);
                    if (!bc) raise(types.NameError, "__build_class__ not found");
                    incref(bc);
                    PUSH(bc);
                }
                    DISPATCH();
                op_SETUP_ANNOTATIONS : {
                    auto* ns = static_cast<DictObject*>(frame->locals);
                    if (!dict_get(ns, ids.annotations)) dict_set(ns, ids.annotations, new_dict().get());
                }
                    DISPATCH();

                // ---- operators ------------------------------------------------------------------
                op_UNARY_POSITIVE:
                op_UNARY_NEGATIVE:
                op_UNARY_INVERT : {
                    Ref<> v = Ref<>::take(POP());
                    Ref<> r = THIS_OPCODE() == Opcode::UNARY_POSITIVE   ? unary_positive(v.get())
                              : THIS_OPCODE() == Opcode::UNARY_NEGATIVE ? unary_negative(v.get())
                                                                        : unary_invert(v.get());
                    v.reset();
                    PUSH(r.release());
                }
                    DISPATCH();
                op_UNARY_NOT : {
                    Ref<> v = Ref<>::take(POP());
                    bool t = truthy(v.get());
                    v.reset();
                    PUSH(new_bool(!t).release());
                }
                    DISPATCH();
                op_BINARY_OP : {
                    Ref<> rhs = Ref<>::take(POP());
                    Ref<> lhs = Ref<>::take(POP());
                    Ref<> res;
                    std::int64_t r;
                    // int + int and int - int (or += and -=) that fit: the fast path.
                    auto op = static_cast<lang::BinaryOp>(arg % kBinaryOpCount);
                    if (is_small_exact_int(lhs.get()) && is_small_exact_int(rhs.get()) &&
                        (op == lang::BinaryOp::Add
                             ? !__builtin_add_overflow(int_value(lhs.get()), int_value(rhs.get()), &r)
                         : op == lang::BinaryOp::Subtract
                             ? !__builtin_sub_overflow(int_value(lhs.get()), int_value(rhs.get()), &r)
                             : false)) {
                        res = new_int(r);
                    } else {
                        res = binary_op(lhs.get(), rhs.get(), arg);
                    }
                    lhs.reset();
                    rhs.reset();
                    PUSH(res.release());
                }
                    DISPATCH();
                op_COMPARE_OP : {
                    Ref<> right = Ref<>::take(POP());
                    Ref<> left = Ref<>::take(POP());
                    Ref<> res;
                    if (is_small_exact_int(left.get()) && is_small_exact_int(right.get())) {
                        if (ts.depth >= g_recursion_limit || ts.c_counted >= c_room) [[unlikely]]
                            check_c_level(" in comparison", compare_level);
                        std::int64_t a = int_value(left.get()), b = int_value(right.get());
                        bool v = false;
                        switch (static_cast<CompareOp>(arg)) {
                        case CompareOp::Lt: v = a < b; break;
                        case CompareOp::Le: v = a <= b; break;
                        case CompareOp::Eq: v = a == b; break;
                        case CompareOp::Ne: v = a != b; break;
                        case CompareOp::Gt: v = a > b; break;
                        case CompareOp::Ge: v = a >= b; break;
                        }
                        res = new_bool(v);
                    } else {
                        res = richcompare(left.get(), right.get(), static_cast<CompareOp>(arg));
                    }
                    left.reset();
                    right.reset();
                    PUSH(res.release());
                }
                    DISPATCH();
                op_IS_OP : {
                    Ref<> right = Ref<>::take(POP());
                    Ref<> left = Ref<>::take(POP());
                    bool r = is_same_object(left.get(), right.get()) != (arg == 1);
                    left.reset();
                    right.reset();
                    PUSH(new_bool(r).release());
                }
                    DISPATCH();
                op_CONTAINS_OP : {
                    Ref<> right = Ref<>::take(POP());
                    Ref<> left = Ref<>::take(POP());
                    bool r = contains(right.get(), left.get()) != (arg == 1);
                    left.reset();
                    right.reset();
                    PUSH(new_bool(r).release());
                }
                    DISPATCH();
                op_BINARY_SUBSCR : {
                    Ref<> sub = Ref<>::take(POP());
                    Ref<> container = Ref<>::take(POP());
                    Ref<> res = getitem(container.get(), sub.get());
                    container.reset();
                    sub.reset();
                    PUSH(res.release());
                }
                    DISPATCH();
                op_STORE_SUBSCR : {
                    Ref<> sub = Ref<>::take(POP());
                    Ref<> container = Ref<>::take(POP());
                    Ref<> v = Ref<>::take(POP());
                    setitem(container.get(), sub.get(), v.get());
                    v.reset();
                    container.reset();
                }
                    DISPATCH();
                op_DELETE_SUBSCR : {
                    Ref<> sub = Ref<>::take(POP());
                    Ref<> container = Ref<>::take(POP());
                    delitem(container.get(), sub.get());
                    container.reset();
                }
                    DISPATCH();
                op_BUILD_SLICE : {
                    Object* step = arg == 3 ? POP() : share(consts.None).release();
                    Object* stop = POP();
                    Object* start = POP();
                    PUSH(make<SliceObject>(types.slice, start, stop, step).release());
                }
                    DISPATCH();

                // ---- building containers and strings --------------------------------------------
                op_BUILD_TUPLE : {
                    sp -= arg;
                    Object* t = tuple_from_array({sp, static_cast<std::size_t>(arg)}).release();
                    PUSH(t);
                }
                    DISPATCH();
                op_BUILD_LIST : {
                    sp -= arg;
                    Object* l = new_list_of({sp, static_cast<std::size_t>(arg)}).release();
                    PUSH(l);
                }
                    DISPATCH();
                op_BUILD_SET : {
                    sp -= arg;
                    Ref<> s;
                    {
                        StackItems items(sp, arg);  // dropped first to last, after the set is built
                        s = new_set();
                        for (int i = 0; i < arg; ++i) set_add(static_cast<SetObject*>(s.get()), items[i]);
                    }
                    PUSH(s.release());
                }
                    DISPATCH();
                op_BUILD_CONST_SET : {
                    sp -= arg;
                    Ref<> s;
                    {
                        StackItems items(sp, arg);  // dropped first to last, after the set is built
                        s = new_set_of_constants({sp, static_cast<std::size_t>(arg)});
                    }
                    PUSH(s.release());
                }
                    DISPATCH();
                op_BUILD_MAP : {
                    sp -= 2 * arg;
                    Ref<DictObject> d;
                    {
                        StackItems items(sp, 2 * arg);
                        d = new_presized_dict(arg, [&](int i) { return items[2 * i]; });
                        for (int i = 0; i < arg; ++i) dict_set(d.get(), items[2 * i], items[2 * i + 1]);
                    }
                    PUSH(d.release());
                }
                    DISPATCH();
                op_BUILD_CONST_KEY_MAP : {
                    Ref<> keys = Ref<>::take(POP());
                    sp -= arg;
                    Ref<DictObject> d;
                    {
                        StackItems values(sp, arg);
                        const ItemArray& names = static_cast<TupleObject*>(keys.get())->items;
                        d = new_presized_dict(arg, [&](int i) { return names[i]; });
                        for (int i = 0; i < arg; ++i) dict_set(d.get(), names[i], values[i]);
                    }
                    keys.reset();
                    PUSH(d.release());
                }
                    DISPATCH();
                op_BUILD_STRING : {
                    std::string out;
                    for (int i = arg; i > 0; --i) out += str_value(PEEK(i));
                    for (int i = 0; i < arg; ++i) decref(POP());
                    PUSH(new_str(std::move(out)).release());
                }
                    DISPATCH();
                op_LIST_APPEND : {
                    Object* v = POP();
                    list_append_owned(static_cast<ListObject*>(PEEK(arg)), v);
                }
                    DISPATCH();
                op_LIST_EXTEND : {
                    Ref<> iterable = Ref<>::take(POP());
                    extend_starred(static_cast<ListObject*>(PEEK(arg)), iterable.get());
                }
                    DISPATCH();
                op_LIST_TO_TUPLE : {
                    Ref<> list = Ref<>::take(POP());
                    auto& items = static_cast<ListObject*>(list.get())->items;
                    for (Object* o : items) incref(o);
                    PUSH(tuple_from_array(items).release());
                }
                    DISPATCH();
                op_DICT_MERGE : {
                    Ref<> update = Ref<>::take(POP());
                    merge_keywords(static_cast<DictObject*>(PEEK(arg)), update.get(), PEEK(arg + 2));
                }
                    DISPATCH();
                op_SET_ADD : {
                    Ref<> v = Ref<>::take(POP());
                    set_add(static_cast<SetObject*>(PEEK(arg)), v.get());
                }
                    DISPATCH();
                op_DICT_UPDATE : {
                    Ref<> update = Ref<>::take(POP());
                    update_display_dict(static_cast<DictObject*>(PEEK(arg)), update.get());
                }
                    DISPATCH();
                op_SET_UPDATE : {
                    Ref<> iterable = Ref<>::take(POP());
                    set_update(static_cast<SetObject*>(PEEK(arg)), iterable.get());
                }
                    DISPATCH();
                op_MAP_ADD : {
                    Ref<> value = Ref<>::take(POP());
                    Ref<> key = Ref<>::take(POP());
                    dict_set(static_cast<DictObject*>(PEEK(arg)), key.get(), value.get());
                }
                    DISPATCH();
                op_UNPACK_SEQUENCE : {
                    Ref<> seq = Ref<>::take(POP());
                    unpack(seq.get(), arg, sp);
                }
                    DISPATCH();
                op_UNPACK_EX : {
                    Ref<> seq = Ref<>::take(POP());
                    unpack_starred(seq.get(), arg & 0xFF, arg >> 8, sp);
                }
                    DISPATCH();
                op_FORMAT_VALUE : {
                    Ref<> spec = arg & lang::kFormatWithSpec ? Ref<>::take(POP()) : Ref<>();
                    Ref<> v = Ref<>::take(POP());
                    Ref<> r = format_value(v.get(), arg & 3, spec.get());
                    v.reset();
                    spec.reset();
                    PUSH(r.release());
                }
                    DISPATCH();

                // ---- pattern matching (match.hpp) ----------------------------------------------
                op_GET_LEN : {
                    Ref<> n = new_int(static_cast<std::int64_t>(length(TOP())));
                    PUSH(n.release());
                }
                    DISPATCH();
                op_MATCH_SEQUENCE:
                op_MATCH_MAPPING : {
                    const bool is_sequence = THIS_OPCODE() == Opcode::MATCH_SEQUENCE;
                    Ref<> matched = new_bool(is_sequence ? match_sequence(TOP()) : match_mapping(TOP()));
                    PUSH(matched.release());
                }
                    DISPATCH();
                op_MATCH_KEYS : {
                    Ref<> values = match_keys(PEEK(2), TOP());
                    PUSH(values.release());
                }
                    DISPATCH();
                op_MATCH_CLASS : {
                    // names and type go first, then the subject (on an error, with the stack)
                    Object* names_taken = POP();
                    Ref<> type = Ref<>::take(POP());
                    Ref<> names = Ref<>::take(names_taken);
                    Ref<> attrs = match_class(TOP(), type.get(), static_cast<std::size_t>(arg), names.get());
                    names.reset();
                    type.reset();
                    Ref<> subject = Ref<>::take(TOP());
                    TOP() = attrs.release();
                }
                    DISPATCH();

                // ---- jumps ----------------------------------------------------------------------
                op_JUMP_FORWARD:
                op_JUMP_BACKWARD:
                    warm_up(co);
                    pc = arg;
                    DISPATCH();
                op_JUMP_BACKWARD_NO_INTERRUPT:
                    pc = arg;
                    DISPATCH();
                op_POP_JUMP_IF_FALSE:
                op_POP_JUMP_IF_TRUE : {
                    Ref<> cond = Ref<>::take(POP());
                    const bool if_true = THIS_OPCODE() == Opcode::POP_JUMP_IF_TRUE;
                    if (truthy(cond.get()) == if_true) pc = arg;
                }
                    DISPATCH();
                op_POP_JUMP_IF_NONE:
                op_POP_JUMP_IF_NOT_NONE : {
                    Ref<> v = Ref<>::take(POP());
                    const bool if_none = THIS_OPCODE() == Opcode::POP_JUMP_IF_NONE;
                    if ((v.get() == consts.None) == if_none) pc = arg;
                }
                    DISPATCH();
                op_JUMP_IF_FALSE_OR_POP:
                op_JUMP_IF_TRUE_OR_POP : {
                    const bool if_true = THIS_OPCODE() == Opcode::JUMP_IF_TRUE_OR_POP;
                    if (truthy(TOP()) == if_true) pc = arg;
                    else decref(POP());
                }
                    DISPATCH();
                op_GET_YIELD_FROM_ITER:  // a generator is its own iterator
                    if (TOP()->type == types.generator) DISPATCH();
                    // (yield from inside an async def is refused by the front end)
                    if (TOP()->type == types.coroutine)
                        raise(types.TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
                op_GET_ITER : {
                    Ref<> iterable = Ref<>::take(POP());
                    Ref<> it = get_iter(iterable.get());
                    iterable.reset();
                    PUSH(it.release());
                }
                    DISPATCH();
                op_FOR_ITER : {
                    Object* it = TOP();
                    Ref<> next = iter_next(it);
                    if (next) {
                        PUSH(next.release());
                    } else {
                        decref(POP());
                        pc = arg;
                    }
                }
                    DISPATCH();

                // ---- imports --------------------------------------------------------------------
                op_IMPORT_NAME : {
                    Ref<> fromlist = Ref<>::take(POP());
                    Ref<> level = Ref<>::take(POP());
                    frame->stacktop = static_cast<int>(sp - locals);
                    Ref<> module = import_name(NAME(arg), frame->globals, fromlist.get(), level.get());
                    PUSH(module.release());
                }
                    DISPATCH();
                op_IMPORT_FROM : {
                    frame->stacktop = static_cast<int>(sp - locals);
                    Ref<> v = import_from(TOP(), NAME(arg));
                    PUSH(v.release());
                }
                    DISPATCH();
                op_IMPORT_STAR : {
                    Ref<> module = Ref<>::take(POP());
                    frame->stacktop = static_cast<int>(sp - locals);
                    if (!frame->locals || !is_dict(frame->locals)) unsupported("'from ... import *' outside a module");
                    import_star(module.get(), static_cast<DictObject*>(frame->locals));
                }
                    DISPATCH();

                // ---- exceptions -----------------------------------------------------------------
                op_RAISE_VARARGS : {
                    if (arg == 0) {
                        Object* exc = ts.handled_exception();
                        if (!exc) raise(types.RuntimeError, "No active exception to reraise");
                        add_tb = false;
                        reraise(share(exc));
                    }
                    Ref<> cause = arg == 2 ? Ref<>::take(POP()) : nullptr;
                    Ref<> exc = Ref<>::take(POP());
                    do_raise(exc.get(), cause.get());
                }
                op_LOAD_ASSERTION_ERROR:
                    incref(types.AssertionError);
                    PUSH(types.AssertionError);
                    DISPATCH();
                op_PUSH_EXC_INFO : {
                    Object* value = POP();
                    Object* prev = ts.exc_info->exc_value;
                    PUSH(prev ? prev : share(consts.None).release());
                    incref(value);
                    ts.exc_info->exc_value = value;
                    PUSH(value);
                }
                    DISPATCH();
                op_POP_EXCEPT : {
                    Object* old = ts.exc_info->exc_value;
                    ts.exc_info->exc_value = POP();
                    xdecref(old);
                }
                    DISPATCH();
                op_CHECK_EXC_MATCH : {
                    Ref<> right = Ref<>::take(POP());
                    check_except_type(right.get());
                    bool m = exception_matches(TOP(), right.get());
                    right.reset();
                    PUSH(new_bool(m).release());
                }
                    DISPATCH();
                op_RERAISE : {
                    Ref<> exc = Ref<>::take(POP());
                    if (arg) frame->lasti = static_cast<int>(int_value(PEEK(arg)));
                    add_tb = false;
                    reraise(std::move(exc));
                }
                op_BEFORE_WITH : {
                    Ref<> mgr = Ref<>::take(POP());
                    Ref<> enter = lookup_special(mgr.get(), ids.enter);
                    if (!enter)
                        raisef(types.TypeError, "'{}' object does not support the context manager protocol",
                               type_name(mgr.get()));
                    Ref<> exit = lookup_special(mgr.get(), ids.exit);
                    if (!exit)
                        raisef(types.TypeError,
                               "'{}' object does not support the context manager protocol (missed __exit__ method)",
                               type_name(mgr.get()));
                    PUSH(exit.release());
                    PUSH(enter_manager(std::move(mgr), std::move(enter)).release());
                }
                    DISPATCH();
                op_BEFORE_ASYNC_WITH : {
                    Ref<> mgr = Ref<>::take(POP());
                    bool has_enter = has_special(mgr.get(), "__aenter__");
                    if (!has_enter || !has_special(mgr.get(), "__aexit__"))
                        raise_not_async_manager(mgr.get(), has_enter);
                    Ref<> exit = lookup_special(mgr.get(), rt().intern("__aexit__"));
                    Ref<> enter = lookup_special(mgr.get(), rt().intern("__aenter__"));
                    PUSH(exit.release());
                    PUSH(enter_manager(std::move(mgr), std::move(enter)).release());
                }
                    DISPATCH();
                op_GET_AITER : {
                    Ref<> iterable = Ref<>::take(POP());
                    if (!has_special(iterable.get(), "__aiter__"))
                        raise_message(types.TypeError, "no_aiter",
                                      "'async for' requires an object with __aiter__ method, got {}",
                                      type_name(iterable.get()));
                    Ref<> aiter = call_async_special(iterable.get(), "__aiter__");
                    iterable.reset();
                    if (!has_special(aiter.get(), "__anext__"))
                        raise_message(types.TypeError, "aiter_no_anext",
                                      "'async for' received an object from __aiter__ that does not implement "
                                      "__anext__: {}",
                                      type_name(aiter.get()));
                    PUSH(aiter.release());
                }
                    DISPATCH();
                op_GET_ANEXT : {
                    Object* aiter = TOP();
                    if (!has_special(aiter, "__anext__"))
                        raise_message(types.TypeError, "no_anext",
                                      "'async for' requires an iterator with __anext__ method, got {}",
                                      type_name(aiter));
                    Ref<> next = call_async_special(aiter, "__anext__");
                    Ref<> awaitable;
                    {
                        try {
                            awaitable = awaitable_iter(next.get());
                            if (!awaitable) raise_not_awaitable(next->type, 0);
                        } catch (const PyException&) {
                            Ref<> cause = take_exception();
                            Ref<> error =
                                new_exception(types.TypeError,
                                              fmt::format("'async for' received an invalid object from __anext__: {}",
                                                          type_name(next.get())));
                            auto* e = static_cast<BaseExceptionObject*>(error.get());
                            e->context = share(cause.get()).release();
                            e->cause = cause.release();
                            e->suppress_context = true;
                            raise(std::move(error));
                        }
                    }
                    PUSH(awaitable.release());
                }
                    DISPATCH();
                op_END_ASYNC_FOR : {
                    Object* exc = POP();
                    if (!exception_is(exc, types.StopAsyncIteration)) {
                        add_tb = false;
                        reraise(Ref<>::take(exc));
                    }
                    decref(exc);
                    decref(POP());
                }
                    DISPATCH();
                op_WITH_EXCEPT_START : {
                    Object* val = TOP();
                    Object* exit_func = PEEK(4);
                    Object* tb = static_cast<BaseExceptionObject*>(val)->traceback;
                    Ref<> res = call(exit_func, {val->type, val, tb ? tb : consts.None});
                    PUSH(res.release());
                }
                    DISPATCH();

                // ---- returns and generators -----------------------------------------------------
                op_RETURN_VALUE : {
                    Object* retval = POP();
                    frame->stacktop = static_cast<int>(sp - locals);
                    leave_frame(ts, frame, true);
                    return Ref<>::take(retval);
                }
                op_RETURN_GENERATOR : {
                    frame->stacktop = static_cast<int>(sp - locals);
                    frame->borrowed_locals = frame->borrowed_stack = 0;
                    Ref<> gen = make_generator(frame);
                    leave_frame(ts, frame, false);
                    return gen;
                }
                op_SEND : {
                    Ref<> value = Ref<>::take(POP());
                    Ref<> result;
                    bool yielded = iter_send(TOP(), value.get(), result);
                    value.reset();
                    if (yielded) {
                        PUSH(result.release());
                    } else {
                        decref(POP());
                        PUSH(result.release());
                        pc = arg;
                    }
                }
                    DISPATCH();
                op_GET_AWAITABLE : {
                    Ref<> awaitable = Ref<>::take(POP());
                    Ref<> iter = awaitable_iter(awaitable.get());
                    if (!iter) raise_not_awaitable(awaitable->type, arg);
                    awaitable.reset();
                    if (iter->type == types.coroutine && coroutine_awaiting(iter.get()))
                        raise(types.RuntimeError, "coroutine is being awaited already");
                    PUSH(iter.release());
                }
                    DISPATCH();
                op_YIELD_VALUE : {
                    Object* retval = POP();
                    frame->stacktop = static_cast<int>(sp - locals);
                    frame->generator->state = GenState::Suspended;
                    leave_frame(ts, frame, false);
                    return Ref<>::take(retval);
                }
                unknown_opcode:
                    unsupported(fmt::format("opcode {} ({})", static_cast<int>(THIS_OPCODE()),
                                            lang::opcode_name(THIS_OPCODE()) ? lang::opcode_name(THIS_OPCODE()) : "?"));
                }
            }
        } catch (const PyException&) {
        } catch (const std::bad_alloc&) {
            raise_memory_error();
        } catch (const std::length_error&) {
            raise_memory_error();
        }
    error:
        // The exception in flight is in ts.curexc.
        if (add_tb) add_traceback(frame);
        add_tb = true;
        kwnames = nullptr;
        // The handler of the instruction that raised (RERAISE may have set
        // lasti, which tracebacks use, to an earlier one).
        const lang::ExceptionEntry* handler = find_handler(co, pc - 1);
        if (!handler) {
            // No handler: the stack goes, top first, before the frame exits
            // (a traceback that keeps the frame keeps only its locals).
            while (sp > stack_base) xdecref(POP());
            frame->stacktop = static_cast<int>(sp - locals);
            leave_frame(ts, frame, true);
            throw PyException{};
        }
        Object** level = stack_base + handler->depth;
        while (sp > level) xdecref(POP());
        if (handler->lasti) PUSH(new_int(frame->lasti).release());
        PUSH(take_exception().release());
        pc = handler->target;
    }
#undef PUSH
#undef POP
#undef TOP
#undef PEEK
#undef NAME
#undef THIS_OPCODE
#undef DISPATCH
}

}  // namespace vm
