// Calls into Python functions: binding a call's arguments to the
// function's parameters (CPython's initialize_locals) and running its frame.
#include <algorithm>

#include "api.hpp"
#include "interpreter.hpp"
#include "recursion.hpp"

namespace vm {

namespace {

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? (names.size() > 2 ? ", and " : " and ") : ", ";
        out += "'" + names[i] + "'";
    }
    return out;
}

// The next common calls: fewer positional arguments than parameters, a
// few keywords that name parameters (the same string objects, as the
// compiler's names are), defaults for the rest, no keyword-only, * or **
// parameter. When the call is of this form and nothing can fail, binds it
// as the general binding below would, in the same order (arguments, then
// keywords, then defaults), without its error bookkeeping, and returns
// true; otherwise leaves everything as it was.
bool bind_without_errors(Frame* frame, FunctionObject* func, Object** args, std::size_t nargs, TupleObject* kwnames,
                         std::uint64_t borrowed) {
    CodeObject* co = func->code;
    const lang::Code& c = *co->code;
    const auto argcount = static_cast<std::size_t>(c.argcount);
    const std::size_t nkw = kwnames ? kwnames->size() : 0;
    constexpr std::size_t kMaxKeywords = 8;
    if (c.kwonlyargcount != 0 || (c.flags & (lang::CO_VARARGS | lang::CO_VARKEYWORDS)) || nargs > argcount ||
        nkw > kMaxKeywords)
        return false;
    const std::size_t defcount = func->defaults ? func->defaults->size() : 0;
    if (defcount > argcount || argcount > 64) return false;  // (a __defaults__ longer than the parameters)
    const std::size_t first_default = argcount - defcount;
    // Each keyword's parameter: after the positional arguments, not
    // positional-only, not named twice.
    std::size_t param_of[kMaxKeywords];
    std::uint64_t named = 0;
    for (std::size_t k = 0; k < nkw; ++k) {
        Object* name = kwnames->items[k];
        std::size_t j = static_cast<std::size_t>(c.posonlyargcount);
        while (j < argcount && co->localsplus_names[j] != name) ++j;
        if (j == argcount || j < nargs || (named >> j & 1)) return false;
        named |= std::uint64_t(1) << j;
        param_of[k] = j;
    }
    // Every parameter left has a default.
    for (std::size_t i = nargs; i < first_default; ++i)
        if (!(named >> i & 1)) return false;
    Object** locals = frame->localsplus();
    auto keeps_borrowed = [&](std::size_t arg, std::size_t local) {
        if (arg < 64 && local < 64 && (borrowed >> arg & 1)) frame->borrowed_locals |= std::uint64_t(1) << local;
    };
    for (std::size_t i = 0; i < nargs; ++i) {
        locals[i] = args[i];
        args[i] = nullptr;
        keeps_borrowed(i, i);
    }
    for (std::size_t k = 0; k < nkw; ++k) {
        locals[param_of[k]] = args[nargs + k];
        args[nargs + k] = nullptr;
        keeps_borrowed(nargs + k, param_of[k]);
    }
    for (std::size_t i = nargs; i < argcount; ++i) {
        if (locals[i]) continue;
        Object* d = func->defaults->items[i - first_default];
        incref(d);
        locals[i] = d;
    }
    return true;
}

// initialize_locals, in general: bind_arguments below.
[[gnu::noinline]] void bind_any_arguments(Frame* frame, FunctionObject* func, Object** args, std::size_t nargs,
                                          TupleObject* kwnames, std::uint64_t borrowed) {
    CodeObject* co = func->code;
    const lang::Code& c = *co->code;
    Object** locals = frame->localsplus();
    const std::size_t argcount = c.argcount, kwonly = c.kwonlyargcount;
    const std::size_t total_args = argcount + kwonly;
    const std::size_t nkw = kwnames ? kwnames->size() : 0;
    // The function as call errors name it (CPython 3.10+: its qualified name).
    const std::string& qualname = str_value(rt().profile().qualified_names_in_call_errors ? co->qualname : co->name);
    std::size_t consumed = 0;  // arguments moved so far (the rest are dropped on error)
    auto keeps_borrowed = [&](std::size_t arg, std::size_t local) {
        if (arg < 64 && local < 64 && (borrowed >> arg & 1)) frame->borrowed_locals |= std::uint64_t(1) << local;
    };
    auto drop_rest = [&] {
        for (std::size_t i = consumed; i < nargs + nkw; ++i)
            if (args[i]) decref(args[i]);
        consumed = nargs + nkw;
    };
    try {
        std::size_t n = std::min(nargs, argcount);
        for (std::size_t i = 0; i < n; ++i) {
            locals[i] = args[i];
            args[i] = nullptr;
            keeps_borrowed(i, i);
        }
        consumed = n;
        if (c.flags & lang::CO_VARARGS) {
            std::vector<Object*> extra;
            for (std::size_t i = n; i < nargs; ++i) {
                extra.push_back(args[i]);
                args[i] = nullptr;
            }
            consumed = nargs;
            locals[total_args] = tuple_from_array(std::move(extra)).release();
        }
        DictObject* kwdict = nullptr;
        if (c.flags & lang::CO_VARKEYWORDS) {
            kwdict = new_dict().release();
            locals[total_args + ((c.flags & lang::CO_VARARGS) ? 1 : 0)] = kwdict;
        }
        std::vector<std::string> posonly_by_keyword;
        for (std::size_t k = 0; k < nkw; ++k) {
            auto* name = static_cast<StrObject*>(kwnames->items[k]);
            Object*& value = args[nargs + k];
            std::size_t j = c.posonlyargcount;
            for (; j < total_args; ++j)
                if (co->localsplus_names[j] == name || str_equal(co->localsplus_names[j], name)) break;
            if (j < total_args) {
                if (locals[j])
                    raisef(types.TypeError, "{}() got multiple values for argument '{}'", qualname, str_value(name));
                locals[j] = value;
                value = nullptr;
                keeps_borrowed(nargs + k, j);
                continue;
            }
            if (kwdict) {
                dict_set(kwdict, name, value);
                decref(value);
                value = nullptr;
                continue;
            }
            for (int p = 0; p < c.posonlyargcount; ++p)
                if (str_equal(co->localsplus_names[p], name)) posonly_by_keyword.push_back(str_value(name));
            if (posonly_by_keyword.empty())
                raisef(types.TypeError, "{}() got an unexpected keyword argument '{}'", qualname, str_value(name));
        }
        if (!posonly_by_keyword.empty())
            raisef(types.TypeError, "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                   qualname, fmt::join(posonly_by_keyword, ", "));
        consumed = nargs + nkw;
        if (nargs > argcount && !(c.flags & lang::CO_VARARGS)) {
            std::size_t defcount = func->defaults ? func->defaults->size() : 0;
            std::size_t kwonly_given = 0;
            for (std::size_t i = argcount; i < total_args; ++i) kwonly_given += locals[i] != nullptr;
            std::string takes =
                defcount ? fmt::format("from {} to {}",
                                       static_cast<long long>(argcount) - static_cast<long long>(defcount), argcount)
                         : std::to_string(argcount);
            std::string given = kwonly_given
                                    ? fmt::format("{} positional argument{} (and {} keyword-only argument{})", nargs,
                                                  nargs == 1 ? "" : "s", kwonly_given, kwonly_given == 1 ? "" : "s")
                                    : fmt::format("{}", nargs);
            raisef(types.TypeError, "{}() takes {} positional argument{} but {} {} given", qualname, takes,
                   argcount == 1 && !defcount ? "" : "s", given,
                   nargs + kwonly_given == 1 && !kwonly_given ? "was" : "were");
        }
        if (nargs < argcount) {
            std::size_t defcount = func->defaults ? func->defaults->size() : 0;
            std::vector<std::string> missing;
            for (std::size_t i = nargs; i < argcount; ++i) {
                if (locals[i]) continue;
                // A __defaults__ longer than the parameters gives its last
                // items (CPython's m = co_argcount - defcount is negative).
                if (i + defcount >= argcount) {
                    Object* d = func->defaults->items[i + defcount - argcount];
                    incref(d);
                    locals[i] = d;
                } else {
                    missing.push_back(str_value(co->localsplus_names[i]));
                }
            }
            if (!missing.empty())
                raisef(types.TypeError, "{}() missing {}: {}", qualname,
                       plural(missing.size(), "required positional argument"), name_list(missing));
        }
        std::vector<std::string> missing_kw;
        for (std::size_t i = argcount; i < total_args; ++i) {
            if (locals[i]) continue;
            Object* d = func->kwdefaults ? dict_get(func->kwdefaults, co->localsplus_names[i]) : nullptr;
            if (d) {
                incref(d);
                locals[i] = d;
            } else {
                missing_kw.push_back(str_value(co->localsplus_names[i]));
            }
        }
        if (!missing_kw.empty())
            raisef(types.TypeError, "{}() missing {}: {}", qualname,
                   plural(missing_kw.size(), "required keyword-only argument"), name_list(missing_kw));
    } catch (const PyException&) {
        drop_rest();
        throw;
    }
}

// The common call's binding: as many positional arguments as parameters,
// no keywords, no * or ** parameter. They move in, the other slots are
// nulled; nothing can fail.
inline void move_positional_arguments(Frame* frame, Object** args, std::size_t nargs, std::uint64_t borrowed) {
    Object** slots = frame->localsplus();
    for (std::size_t i = 0; i < nargs; ++i) {
        slots[i] = args[i];
        args[i] = nullptr;  // off the caller's stack (3.14's getrefcount reads it)
    }
    for (int i = static_cast<int>(nargs); i < frame->code->nlocalsplus; ++i) slots[i] = nullptr;
    frame->borrowed_locals = borrowed;  // argument i in local i
}

// initialize_locals, for a call of any other form than the common one
// (push_function_frame): the frame's slots null first, as the binding's
// checks expect. On an error the frame is cleared and popped.
[[gnu::noinline]] void bind_other_arguments(ThreadState& ts, Frame* frame, FunctionObject* func, Object** args,
                                            std::size_t nargs, TupleObject* kwnames, std::uint64_t borrowed) {
    Object** slots = frame->localsplus();
    for (int i = 0; i < func->code->nlocalsplus; ++i) slots[i] = nullptr;
    try {
        if (!bind_without_errors(frame, func, args, nargs, kwnames, borrowed))
            bind_any_arguments(frame, func, args, nargs, kwnames, borrowed);
    } catch (const PyException&) {
        ts.current_frame = frame->previous;
        frame->clear();
        ts.frames.pop(frame);
        throw;
    }
}

// push_function_frame for any call but the common one in the chunk in use.
[[gnu::noinline]] Frame* push_any_function_frame(FunctionObject* func, Object** args, std::size_t nargs,
                                                 TupleObject* kwnames, Object* locals, std::uint64_t borrowed) {
    ThreadState& ts = rt().thread();
    CodeObject* co = func->code;
    if (rt().profile().gc_frame_objects) frame_object_made(co);
    Frame* frame = init_frame(ts.frames.push(static_cast<std::size_t>(co->frame_bytes)), func, locals);
    frame->previous = ts.current_frame;
    ts.current_frame = frame;
    if (!kwnames && co->binds_positionally && nargs == static_cast<std::size_t>(co->code->argcount)) {
        move_positional_arguments(frame, args, nargs, borrowed);
        return frame;
    }
    bind_other_arguments(ts, frame, func, args, nargs, kwnames, borrowed);
    return frame;
}

}  // namespace

// The common call in the chunk in use calls nothing (nor memset: GCC is
// told not to make the nulling loop one, CMakeLists.txt), so that it saves
// few registers; anything else is a tail call.
Frame* push_function_frame(FunctionObject* func, Object** args, std::size_t nargs, TupleObject* kwnames, Object* locals,
                           std::uint64_t borrowed) {
    CodeObject* co = func->code;
    if (!kwnames && co->binds_positionally && nargs == static_cast<std::size_t>(co->code->argcount) &&
        !rt().profile().gc_frame_objects) [[likely]] {
        ThreadState& ts = rt().thread();
        if (Frame* memory = ts.frames.push_in_chunk(static_cast<std::size_t>(co->frame_bytes))) [[likely]] {
            Frame* frame = init_frame(memory, func, locals);
            frame->previous = ts.current_frame;
            ts.current_frame = frame;
            move_positional_arguments(frame, args, nargs, borrowed);
            return frame;
        }
    }
    return push_any_function_frame(func, args, nargs, kwnames, locals, borrowed);
}

Ref<> call_function_stolen(FunctionObject* func, Object** args, std::size_t nargs, TupleObject* kwnames, Object* locals,
                           std::uint64_t borrowed) {
    if (rt().profile().c_recursion == CRecursion::Counted) [[unlikely]] {
        // 3.12 and 3.13: a Python function called from C code takes two C
        // levels (one _PyEval_EvalFrameDefault's entry), whose message ends
        // in nothing; the interpreter's own calls take none.
        CRecursionGuard call(""), entry("");
        return eval_frame(push_function_frame(func, args, nargs, kwnames, locals, borrowed));
    }
    return eval_frame(push_function_frame(func, args, nargs, kwnames, locals, borrowed));
}

Ref<> call_function(FunctionObject* func, Args args) {
    std::size_t n = args.total();
    Object* small[8];
    std::vector<Object*> big;
    Object** owned = small;
    if (n > 8) {
        big.resize(n);
        owned = big.data();
    }
    for (std::size_t i = 0; i < n; ++i) {
        incref(args.items[i]);
        owned[i] = args.items[i];
    }
    incref(func);
    return call_function_stolen(func, owned, args.nargs, args.kwnames);
}

Ref<> call_with_self_prepended(Object* callable, Args args) {
    if (callable->type == types.function) return call_function(static_cast<FunctionObject*>(callable), args);
    return call(callable, args);
}

Ref<> call_prepended(Object* callable, Object* self, Args args) {
    // The arguments with `self` first: on the stack when they are few (a
    // method's or __init__'s call), no malloc for them.
    constexpr std::size_t kOnStack = 8;
    Object* on_stack[kOnStack];
    std::vector<Object*> on_heap;
    Object** argv = on_stack;
    if (args.total() + 1 > kOnStack) {
        on_heap.resize(args.total() + 1);
        argv = on_heap.data();
    }
    argv[0] = self;
    std::copy(args.items, args.items + args.total(), argv + 1);
    Ref<TupleObject> kwnames;
    if (args.nkw() && !called_through_tp_call(callable)) {
        std::vector<Object*> names;
        for (Object* name : args.kwnames->items) names.push_back(share(name).release());
        kwnames = new_tuple(std::move(names));
    } else {
        kwnames = args.kwnames ? share(args.kwnames) : nullptr;
    }
    return call_with_self_prepended(callable, Args{argv, args.nargs + 1, kwnames.get()});
}

namespace {

// Drops `ref` when the scope ends, with the counts paused when `uncounted`:
// an object the model makes where CPython makes none.
template <class T> struct DropUncounted {
    Ref<T>& ref;
    bool uncounted;
    ~DropUncounted() {
        ManagerCountsPaused paused(rt().manager(), uncounted);
        ref.reset();
    }
};

}  // namespace

// PyObject_Call: a callable called through tp_call gets the tuple and the
// dict as they are; any other gets the dict's values and a new tuple of its
// keys (_PyStack_UnpackDict). The model passes keywords as names in both
// cases: for the first, its tuple of names is not counted.
Ref<> call_ex(Object* callable, Ref<TupleObject>& args_ref, Ref<DictObject>& kwargs_ref) {
    TupleObject* args = args_ref.get();
    DictObject* kwargs = kwargs_ref.get();
    const bool packed = rt().profile().star_call_passes_tuple && called_through_tp_call(callable);
    std::vector<Object*> argv = args->items.to_vector();
    std::vector<Object*> names;
    if (kwargs)
        dict_for_each(kwargs, [&](Object* k, Object* v) {
            if (!is_str(k))
                raise_call_error("call_keywords_not_strings", "keywords must be strings", callable, type_name(k));
            names.push_back(share(k).release());
            argv.push_back(v);
        });
    Ref<TupleObject> kwnames;
    DropUncounted<TupleObject> drop{kwnames, packed};
    if (!names.empty()) {
        ManagerCountsPaused paused(rt().manager(), packed);
        kwnames = new_tuple(std::move(names));
    }
    if (callable->type == types.function && rt().profile().call_ex_releases_before_frame) {
        // 3.14's _PyEvalFramePushAndInit_Ex: the frame takes the arguments,
        // then the names, the tuple and the dict go before the callee runs.
        for (Object* a : argv) incref(a);
        incref(callable);
        Frame* frame = push_function_frame(static_cast<FunctionObject*>(callable), argv.data(), args->size(),
                                           kwnames.get(), nullptr, 0);
        kwnames.reset();
        args_ref.reset();
        kwargs_ref.reset();
        return eval_frame(frame);
    }
    return call(callable, Args{argv.data(), args->size(), kwnames.get(), packed ? args : nullptr});
}

Ref<> run_module_code(CodeObject* code, DictObject* globals) {
    Object* builtins = dict_get(globals, ids.builtins);
    if (!builtins || builtins->type != types.module) builtins = rt().builtins;
    // To 3.10 (frame objects) PyEval_EvalCode runs the code in a frame with
    // no function: the model's function is made and dropped uncounted.
    const bool uncounted = rt().profile().gc_frame_objects;
    Ref<FunctionObject> func;
    DropUncounted<FunctionObject> drop{func, uncounted};
    {
        ManagerCountsPaused paused(rt().manager(), uncounted);
        func = make<FunctionObject>(types.function, code, globals, builtins);
    }
    incref(globals);
    // No level of C recursion: the program's own start is the profile's
    // sys.c_recursion_at_start.
    return eval_frame(push_function_frame(share(func.get()).release(), nullptr, 0, nullptr, globals, 0));
}

}  // namespace vm
