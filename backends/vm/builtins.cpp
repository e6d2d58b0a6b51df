// The builtins module: functions, the builtin types and constants.
#include <algorithm>
#include <cmath>

#include "api.hpp"
#include "bigint.hpp"
#include "generator.hpp"
#include "importer.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "io.hpp"
#include "lang/lang.hpp"

namespace vm {

namespace {

Object* sys_attr(StrObject* name) { return dict_get(rt().sys->dict, name); }

// print(*objects, sep=' ', end='\n', file=None, flush=False)
Ref<> b_print(Object*, Args args, void*) {
    Object *sep = nullptr, *end = nullptr, *file = nullptr, *flush = nullptr;
    for (std::size_t k = 0; k < args.nkw(); ++k) {
        const std::string& key = str_value(args.kwnames->items[k]);
        Object* v = args[args.nargs + k];
        if (key == "sep") sep = v;
        else if (key == "end") end = v;
        else if (key == "file") file = v;
        else if (key == "flush") flush = v;
        else raise_keyword_error("print", key);
    }
    Ref<> out;
    if (!file || file == consts.None) {
        Object* stdout_obj = sys_attr(ids.stdout);
        if (!stdout_obj) raise(types.RuntimeError, "lost sys.stdout");
        if (stdout_obj == consts.None) return new_none();
        out = share(stdout_obj);
    } else {
        out = share(file);
    }
    for (Object* s : {sep, end})
        if (s && s != consts.None && !is_str(s))
            raisef(types.TypeError, "{} must be None or a string, not {}", s == sep ? "sep" : "end", type_name(s));
    Ref<> space = sep && sep != consts.None ? share(sep) : Ref<>(new_str(" "));
    Ref<> newline = end && end != consts.None ? share(end) : Ref<>(new_str("\n"));
    for (std::size_t i = 0; i < args.nargs; ++i) {
        if (i) file_write(out.get(), space.get());
        file_write(out.get(), args[i]);
    }
    file_write(out.get(), newline.get());
    if (flush && truthy(flush)) file_flush(out.get());
    return new_none();
}

Ref<> b_len(Object*, Args args, void*) {
    check_nargs("len", args, 1, 1);
    return new_int(static_cast<std::int64_t>(length(args[0])));
}

Ref<> b_repr(Object*, Args args, void*) {
    check_nargs("repr", args, 1, 1);
    return repr(args[0]);
}

Ref<> b_ascii(Object*, Args args, void*) {
    check_nargs("ascii", args, 1, 1);
    return new_str(ascii_escape(str_value(repr(args[0]).get())));
}

Ref<> b_id(Object*, Args args, void*) {
    check_nargs("id", args, 1, 1);
    return new_int(object_id(args[0]));
}

Ref<> b_hash(Object*, Args args, void*) {
    check_nargs("hash", args, 1, 1);
    return new_int(hash(args[0]));
}

Ref<> b_iter(Object*, Args args, void*) {
    check_nargs("iter", args, 1, 2);
    if (args.nargs == 2) unsupported("iter(callable, sentinel)");
    return get_iter(args[0]);
}

Ref<> b_next(Object*, Args args, void*) {
    check_nargs("next", args, 1, 2);
    if (!args[0]->type->tp.iternext) raisef(types.TypeError, "'{}' object is not an iterator", type_name(args[0]));
    if (args[0]->type == types.generator) {  // its return value goes with StopIteration
        try {
            if (Ref<> r = generator_next(args[0])) return r;
        } catch (const PyException&) {
            if (args.nargs < 2 || !exception_is(rt().thread().curexc, types.StopIteration)) throw;
            take_exception();
            return share(args[1]);
        }
    } else if (Ref<> r = iter_next(args[0])) {
        return r;
    }
    if (args.nargs > 1) return share(args[1]);
    raise_empty(types.StopIteration);
}

Ref<> b_sorted(Object*, Args args, void*) {
    if (args.nargs != 1) raise_arity_error("sorted", args.nargs);
    Object *key = nullptr, *reverse = nullptr;
    parse_args("sorted", Args{args.items + 1, 0, args.kwnames}, {"key", "reverse"}, 0, {&key, &reverse});
    Ref<ListObject> l = list_from_iterable(args[0]);
    list_sort(l.get(), key, reverse && truthy(reverse));
    return l;
}

Ref<> min_max(Args args, CompareOp op, const char* name) {
    Object *key = nullptr, *dflt = nullptr;
    parse_args(name, Args{args.items + args.nargs, 0, args.kwnames}, {"key", "default"}, 0, {&key, &dflt});
    if (args.nargs == 0) raise_arity_error(name, 0);
    // Several arguments: the items are the call's tuple where the call packs
    // one (METH_VARARGS, builtins.varargs: builtin_min_max to 3.12), else
    // the argument vector itself, with no tuple (3.13's METH_FASTCALL).
    Ref<> it;
    if (args.nargs == 1) it = get_iter(args[0]);
    else if (args.tuple) it = get_iter(args.tuple);
    std::size_t next = 0;
    auto next_item = [&]() -> Ref<> {
        if (it) return iter_next(it.get());
        return next < args.nargs ? share(args[next++]) : Ref<>{};
    };
    Ref<> best, best_key;
    while (Ref<> x = next_item()) {
        Ref<> k = key && key != consts.None ? call(key, {x.get()}) : x;
        if (!best || richcompare_bool(k.get(), best_key.get(), op)) {
            best = x;
            best_key = k;
        }
    }
    if (best) return best;
    if (dflt) return share(dflt);
    raise_message(types.ValueError, "empty_sequence", "{}() arg is an empty sequence", name);
}

Ref<> b_min(Object*, Args args, void*) { return min_max(args, CompareOp::Lt, "min"); }
Ref<> b_max(Object*, Args args, void*) { return min_max(args, CompareOp::Gt, "max"); }

Ref<> b_sum(Object*, Args args, void*) {
    Object *iterable = nullptr, *start = nullptr;
    parse_args("sum", args, {"iterable", "start"}, 1, {&iterable, &start});
    if (start && is_str(start)) raise(types.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    Ref<> total = start ? share(start) : new_int(0);
    Ref<> it = get_iter(iterable);
    while (Ref<> x = iter_next(it.get())) total = binary_op(total.get(), x.get(), 0);
    return total;
}

Ref<> b_abs(Object*, Args args, void*) {
    check_nargs("abs", args, 1, 1);
    Object* x = args[0];
    if (is_int(x)) {  // long_abs: the int itself when it is exact and not negative
        bool negative = is_big(x) ? big_value(x) < 0 : int_value(x) < 0;
        if (negative) return unary_negative(x);
        return x->type == types.int_ ? share(x) : new_int(big_value(x));
    }
    if (is_float(x)) return new_float(std::fabs(static_cast<FloatObject*>(x)->value));
    if (Ref<> m = lookup_special(x, rt().intern("__abs__"))) return call(m.get(), {});
    raise_message(types.TypeError, "unary_operand", "bad operand type for abs(): '{2}'", "abs()", "abs", type_name(x));
}

template <bool ALL> Ref<> any_all(Object*, Args args, void*) {
    check_nargs(ALL ? "all" : "any", args, 1, 1);
    Ref<> it = get_iter(args[0]);
    while (Ref<> x = iter_next(it.get()))
        if (truthy(x.get()) != ALL) return new_bool(!ALL);
    return new_bool(ALL);
}

Ref<> b_isinstance(Object*, Args args, void*) {
    check_nargs("isinstance", args, 2, 2);
    return new_bool(isinstance(args[0], args[1]));
}

Ref<> b_issubclass(Object*, Args args, void*) {
    check_nargs("issubclass", args, 2, 2);
    return new_bool(issubclass(args[0], args[1]));
}

StrObject* attr_name(Object* o, const char* fn) {
    if (!is_str(o)) raisef(types.TypeError, "{}(): attribute name must be string, not '{}'", fn, type_name(o));
    return rt().intern(str_value(o));
}

Ref<> b_hasattr(Object*, Args args, void*) {
    check_nargs("hasattr", args, 2, 2);
    StrObject* name = attr_name(args[1], "hasattr");
    Ref<> found = lookup_attr(args[0], name);
    if (!found) stop_if_runtime_has(args[0], name);
    return new_bool(static_cast<bool>(found));
}

Ref<> b_getattr(Object*, Args args, void*) {
    check_nargs("getattr", args, 2, 3);
    StrObject* name = attr_name(args[1], "getattr");
    if (args.nargs == 3) {
        if (Ref<> r = lookup_attr(args[0], name)) return r;
        stop_if_runtime_has(args[0], name);
        return share(args[2]);
    }
    return getattr(args[0], name);
}

Ref<> b_setattr(Object*, Args args, void*) {
    check_nargs("setattr", args, 3, 3);
    setattr(args[0], attr_name(args[1], "setattr"), args[2]);
    return new_none();
}

Ref<> b_delattr(Object*, Args args, void*) {
    check_nargs("delattr", args, 2, 2);
    delattr(args[0], attr_name(args[1], "delattr"));
    return new_none();
}

Ref<> b_callable(Object*, Args args, void*) {
    check_nargs("callable", args, 1, 1);
    return new_bool(is_callable(args[0]));
}

Ref<> b_chr(Object*, Args args, void*) {
    check_nargs("chr", args, 1, 1);
    std::int64_t c = as_index(args[0]);
    if (c < 0 || c > 0x10FFFF) raise(types.ValueError, "chr() arg not in range(0x110000)");
    std::string s = encode_utf8(std::u32string(1, static_cast<char32_t>(c)));
    return new_str(std::move(s));
}

Ref<> b_ord(Object*, Args args, void*) {
    check_nargs("ord", args, 1, 1);
    if (!is_str(args[0]))
        raisef(types.TypeError, "ord() expected string of length 1, but {} found", type_name(args[0]));
    auto* s = static_cast<StrObject*>(args[0]);
    if (s->length != 1) raisef(types.TypeError, "ord() expected a character, but string of length {} found", s->length);
    char32_t c = decode_utf8(s->value)[0];
    return new_int(c);
}

Ref<> b_divmod(Object*, Args args, void*) {
    check_nargs("divmod", args, 2, 2);
    // float_divmod's own message, before floor division raises its own.
    auto real = [](Object* o) { return o->type == types.float_ || o->type == types.int_ || o->type == types.bool_; };
    if (real(args[0]) && real(args[1]) && (is_float(args[0]) || is_float(args[1])) && !truthy(args[1]))
        raise_message(types.ZeroDivisionError, "float_divmod_zero", "float divmod()");
    Ref<> q = binary_op(args[0], args[1], 2);
    Ref<> r = binary_op(args[0], args[1], 6);
    return tuple_of({q.get(), r.get()});
}

Ref<> b_round(Object*, Args args, void*) {
    Object *number = nullptr, *ndigits = nullptr;
    parse_args("round", args, {"number", "ndigits"}, 1, {&number, &ndigits});
    if (is_int(number)) return round_int(number, ndigits);
    if (!is_float(number)) raisef(types.TypeError, "type {} doesn't define __round__ method", type_name(number));
    double d = static_cast<FloatObject*>(number)->value;
    if (!ndigits || ndigits == consts.None) {
        if (std::isnan(d)) raise(types.ValueError, "cannot convert float NaN to integer");
        if (std::isinf(d)) raise(types.OverflowError, "cannot convert float infinity to integer");
        return int_from_double(std::nearbyint(d));
    }
    double scale = std::pow(10.0, static_cast<double>(as_index(ndigits)));
    return new_float(std::nearbyint(d * scale) / scale);
}

// hex(), oct(), bin(): the int (or __index__'s) in `spec`'s base, prefixed.
Ref<> int_in_base(const char* name, Args args, const char* spec) {
    check_nargs(name, args, 1, 1);
    Object* x = args[0];
    if (is_int(x)) return new_str(format_with_spec(x, spec));
    return new_str(format_with_spec(new_int(as_index(x)).get(), spec));
}
Ref<> b_hex(Object*, Args args, void*) { return int_in_base("hex", args, "#x"); }
Ref<> b_oct(Object*, Args args, void*) { return int_in_base("oct", args, "#o"); }
Ref<> b_bin(Object*, Args args, void*) { return int_in_base("bin", args, "#b"); }

Ref<> b_format(Object*, Args args, void*) {
    check_nargs("format", args, 1, 2);
    std::string spec = args.nargs > 1 ? str_value(args[1]) : "";
    return new_str(format_with_spec(args[0], spec));
}

Ref<> b_vars(Object*, Args args, void*) {
    check_nargs("vars", args, 0, 1);
    if (!args.nargs) unsupported("vars() without an argument");
    Ref<> d = lookup_attr(args[0], ids.dict);
    if (!d) raise(types.TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

Ref<> b_globals(Object*, Args args, void*) {
    check_nargs("globals", args, 0, 0);
    return share<Object>(rt().thread().current_frame->globals);
}

// merge_class_dict's allocations: per class it merges (each base again
// along every path), the mappingproxy of its __dict__, made and dropped.
void count_class_merges(TypeObject* t) {
    rt().manager().on_runtime_allocate(Container::Other, 0);
    rt().manager().on_runtime_free(Container::Other, 0);
    if (t->bases)
        for (Object* b : t->bases->items) count_class_merges(static_cast<TypeObject*>(b));
}

// dir(o): a __dir__ a class defines, else object.__dir__'s names
// (attribute_names), in a new sorted list. object.__dir__ materializes the
// instance's __dict__ and works on a copy of it, type.__dir__ on a new dict,
// and both return the dict's keys as a list that dir() copies and sorts;
// the model makes those containers too, so that the collector counts them.
Ref<> b_dir(Object*, Args args, void*) {
    check_nargs("dir", args, 0, 1);
    if (!args.nargs) unsupported("dir() without an argument");
    Object* o = args[0];
    static StrObject* dunder_dir = rt().intern("__dir__");
    for (TypeObject* t : o->type->mro)
        if (t->has(TF_HEAPTYPE) && t->dict && dict_get(t->dict, dunder_dir)) {
            Ref<> names = call_method(o, dunder_dir, {});
            Ref<ListObject> sorted = list_from_iterable(names.get());
            list_sort(sorted.get(), nullptr, false);
            return sorted;
        }
    Ref<DictObject> work;
    if (o->type == types.module) {
        work = share(static_cast<ModuleObject*>(o)->dict);
    } else if (is_instance_of(o, types.type)) {
        work = new_dict();
        count_class_merges(static_cast<TypeObject*>(o));
    } else {
        InstanceData* data = instance_data(o);
        // A class derived from a type with a dict of its own (an exception,
        // a classmethod) keeps its instances' attributes there.
        DictObject* own = o->type->dict_ptr ? *o->type->dict_ptr(o) : data ? instance_dict(o, *data) : nullptr;
        work = own ? dict_copy(own) : new_dict();
        count_class_merges(o->type);
    }
    std::vector<Object*> keys;
    for (const std::string& name : attribute_names(o)) {
        StrObject* key = rt().intern(name);
        incref(key);
        keys.push_back(key);
    }
    Ref<ListObject> listed = new_list(std::move(keys));
    Ref<ListObject> sorted = list_of(listed->items);
    return sorted;
}

// exec(source, globals): the source compiled as a module of its own
// ("<string>") and run with `globals` (given __builtins__ if it lacks one).
// The manager counts what CPython's compiler allocates, and what
// PyRun_StringFlags frees once the code has run, returned or raised.
Ref<> b_exec(Object*, Args args, void*) {
    check_nargs("exec", args, 1, 3);
    if (args.nargs < 2 || args[1] == consts.None) unsupported("exec() without globals");
    if (!is_dict(args[1])) raisef(types.TypeError, "exec() globals must be a dict, not {}", type_name(args[1]));
    if (args.nargs > 2 && args[2] != consts.None && args[2] != args[1]) unsupported("exec() with separate locals");
    auto* globals = static_cast<DictObject*>(args[1]);
    // A code object (the import system's): PyEval_EvalCode.
    if (args[0]->type == types.code) {
        if (!dict_get(globals, ids.builtins)) dict_set(globals, ids.builtins, rt().builtins_dict);
        run_module_code(static_cast<CodeObject*>(args[0]), globals);
        return new_none();
    }
    if (!is_str(args[0])) unsupported("exec() of a '" + type_name(args[0]) + "'");
    lang::CompileResult r = lang::compile(str_value(args[0]), "<string>", rt().profile().compile);
    if (r.diagnostic) {
        if (lang::exit_status(*r.diagnostic) == 3) unsupported(r.diagnostic->message + " (in exec())");
        raisef(types.SyntaxError, "{} (<string>, line {})", r.diagnostic->message, r.diagnostic->line);
    }
    if (!dict_get(globals, ids.builtins)) dict_set(globals, ids.builtins, rt().builtins_dict);
    ParserArena arena;
    Ref<CodeObject> code;
    {
        // Its constants are the objects the replay counts CPython's compiler
        // making.
        ManagerCountsPaused paused(rt().manager());
        code = new_code(r.code, &arena);
    }
    arena.hold_containers(rt().manager().on_compiled(*r.code, CompiledFrom::String));
    run_module_code(code.get(), globals);
    return new_none();  // the code goes first, then the arena (declared before it)
}
// compile(source, filename, 'exec', flags=0, dont_inherit=False,
// optimize=-1) of a module's source, as the import system compiles a file
// without an up-to-date .pyc. What CPython's compiler allocates there is not
// counted: the first call makes the ast module's types (PyAST_Check's
// init_types, some 770 containers on 3.11, 800 on 3.12), and a later call
// keeps one container more than the replay of exec()'s compilation counts
// (cases/imports/compile_counts.py shows both).
Ref<> b_compile(Object*, Args args, void*) {
    Object *source = nullptr, *filename = nullptr, *mode = nullptr, *flags = nullptr, *dont_inherit = nullptr,
           *optimize = nullptr, *feature_version = nullptr;
    parse_args("compile", args, {"source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"},
               3, {&source, &filename, &mode, &flags, &dont_inherit, &optimize, &feature_version});
    if (!is_str(mode) || str_value(mode) != "exec") unsupported("compile() in a mode other than 'exec'");
    if ((flags && as_index(flags) != 0) || (optimize && as_index(optimize) > 0) || feature_version)
        unsupported("compile() with flags or optimization");
    if (!is_str(filename)) unsupported("compile() of a file name that is not a str");
    std::string text;
    if (is_str(source)) text = str_value(source);
    else if (source->type == types.bytes) text = bytes_value(source);
    else unsupported("compile() of a '" + type_name(source) + "'");
    rt().manager().on_uncharged(fmt::format(
        "compile() of {} (what CPython's compiler and its first call's ast types allocate)", str_value(filename)));
    lang::CompileResult r = lang::compile(text, str_value(filename), rt().profile().compile);
    if (r.diagnostic) compile_failed(*r.diagnostic, str_value(filename));
    rt().imports().remember_source(str_value(filename), std::move(text));
    ManagerCountsPaused paused(rt().manager());
    return new_code(r.code);
}

Ref<> b_input(Object*, Args, void*) { unsupported("input()"); }
Ref<> b_locals(Object*, Args, void*) { unsupported("locals()"); }

// exit() and quit(), which the site module adds.
Ref<> b_exit(Object*, Args args, void*) {
    check_nargs("sys.exit", args, 0, 1);
    raise(new_exception(types.SystemExit, args.nargs ? args[0] : nullptr));
}

// __build_class__(func, name, *bases, **keywords): runs the class body in
// a new namespace, then calls the metaclass with the keywords but
// `metaclass`. Only `type` is a metaclass here (a class cannot derive from
// it yet).
Ref<> b_build_class(Object*, Args args, void*) {
    if (args.nargs < 2) raise(types.TypeError, "__build_class__: not enough arguments");
    Object* func = args[0];
    if (func->type != types.function) raise(types.TypeError, "__build_class__: func must be a function");
    if (!is_str(args[1])) raise(types.TypeError, "__build_class__: name is not a string");
    std::vector<Object*> base_items;
    for (std::size_t i = 2; i < args.nargs; ++i) base_items.push_back(share(args[i]).release());
    Ref<TupleObject> bases = new_tuple(std::move(base_items));
    // The keywords as the dict CPython makes of them (_PyStack_AsDict), which
    // lives as long as the class statement.
    Ref<DictObject> keywords;
    std::vector<Object*> keyword_names, keyword_values;
    for (std::size_t i = 0; i < args.nkw(); ++i) {
        Object* name = args.kwnames->items[i];
        if (!keywords) keywords = new_dict();
        dict_set(keywords.get(), name, args[args.nargs + i]);
        if (str_value(name) == "metaclass") {
            if (args[args.nargs + i] != types.type) unsupported("a metaclass other than type");
            continue;
        }
        keyword_names.push_back(name);
        keyword_values.push_back(args[args.nargs + i]);
    }
    if (keywords && dict_get(keywords.get(), "metaclass")) dict_del(keywords.get(), rt().intern("metaclass"));
    // What the keywords allocate on their way to type.__prepare__ and the
    // metaclass is not modeled.
    if (!keyword_names.empty()) rt().manager().on_uncharged("a class statement with keyword arguments");
    Object* meta = bases->size() ? static_cast<Object*>(bases->items[0]->type) : types.type;
    if (!is_instance_of(meta, types.type) || !static_cast<TypeObject*>(meta)->is_subtype(types.type))
        unsupported("a base that is not a class");
    // type.__prepare__, looked up as a builtin method bound to the
    // metaclass, dropped once it has made the namespace.
    bool temporaries = rt().profile().class_statement_temporaries;
    if (temporaries) rt().manager().on_runtime_allocate(Container::BuiltinMethod, 0);
    Ref<DictObject> ns = new_dict();
    if (temporaries) rt().manager().on_runtime_free(Container::BuiltinMethod, 0);
    incref(func);
    Ref<> cell = call_function_stolen(static_cast<FunctionObject*>(func), nullptr, 0, nullptr,
                                      share<Object>(ns.get()).release());
    std::vector<Object*> meta_args{args[1], bases.get(), ns.get()};
    Ref<TupleObject> names;
    if (!keyword_names.empty()) {
        std::vector<Object*> owned;
        for (Object* name : keyword_names) owned.push_back(share(name).release());
        names = new_tuple(std::move(owned));
    }
    meta_args.insert(meta_args.end(), keyword_values.begin(), keyword_values.end());
    Ref<> cls = call(meta, Args{meta_args.data(), 3, names.get()});
    if (cell && cell->type == types.cell && static_cast<CellObject*>(cell.get())->ref != cls.get())
        raisef(types.TypeError, "__class__ set to {} defining {} as {}",
               repr_string(static_cast<CellObject*>(cell.get())->ref), str_value(args[1]), repr_string(cls.get()));
    return cls;
}

Ref<> b_import(Object*, Args args, void*) {
    Object *name = nullptr, *globals = nullptr, *locals = nullptr, *fromlist = nullptr, *level = nullptr;
    parse_args("__import__", args, {"name", "globals", "locals", "fromlist", "level"}, 1,
               {&name, &globals, &locals, &fromlist, &level});
    if (!is_str(name)) raisef(types.TypeError, "__import__() argument 1 must be str, not {}", type_name(name));
    if (rt().profile().dunder_import_finds) g_manager->on_module_lock(str_value(name));
    return import_module_level(static_cast<StrObject*>(name), globals, fromlist, level ? as_index(level) : 0);
}

}  // namespace

void init_io_types(NativeModule& builtins);

Ref<ModuleObject> make_builtins_module() {
    NativeModule b("builtins");
    b.add_function("print", &b_print);
    b.add_function("len", &b_len);
    b.add_function("repr", &b_repr);
    b.add_function("ascii", &b_ascii);
    b.add_function("id", &b_id);
    b.add_function("hash", &b_hash);
    b.add_function("iter", &b_iter);
    b.add_function("next", &b_next);
    b.add_function("sorted", &b_sorted);
    b.add_function("min", &b_min);
    b.add_function("max", &b_max);
    b.add_function("sum", &b_sum);
    b.add_function("abs", &b_abs);
    b.add_function("any", &any_all<false>);
    b.add_function("all", &any_all<true>);
    b.add_function("isinstance", &b_isinstance);
    b.add_function("issubclass", &b_issubclass);
    b.add_function("hasattr", &b_hasattr);
    b.add_function("getattr", &b_getattr);
    b.add_function("setattr", &b_setattr);
    b.add_function("delattr", &b_delattr);
    b.add_function("callable", &b_callable);
    b.add_function("chr", &b_chr);
    b.add_function("ord", &b_ord);
    b.add_function("divmod", &b_divmod);
    b.add_function("round", &b_round);
    b.add_function("format", &b_format);
    b.add_function("hex", &b_hex);
    b.add_function("oct", &b_oct);
    b.add_function("bin", &b_bin);
    b.add_function("vars", &b_vars);
    b.add_function("globals", &b_globals);
    b.add_function("locals", &b_locals);
    b.add_function("dir", &b_dir);
    b.add_function("exec", &b_exec);
    b.add_function("compile", &b_compile);
    b.add_function("input", &b_input);
    b.add_function("exit", &b_exit);
    b.add_function("quit", &b_exit);
    b.add_function("__build_class__", &b_build_class);
    b.add_function("__import__", &b_import);
    init_io_types(b);

    struct {
        const char* name;
        TypeObject* type;
    } builtin_types[] = {
        {"object", types.object},
        {"type", types.type},
        {"int", types.int_},
        {"bool", types.bool_},
        {"float", types.float_},
        {"complex", types.complex},
        {"bytes", types.bytes},
        {"bytearray", types.bytearray},
        {"memoryview", types.memoryview},
        {"str", types.str},
        {"tuple", types.tuple},
        {"list", types.list},
        {"dict", types.dict},
        {"set", types.set},
        {"frozenset", types.frozenset},
        {"range", types.range},
        {"slice", types.slice},
        {"enumerate", types.enumerate},
        {"zip", types.zip},
        {"map", types.map},
        {"filter", types.filter},
        {"reversed", types.reversed},
        {"property", types.property},
        {"staticmethod", types.staticmethod},
        {"classmethod", types.classmethod},
        {"super", types.super},
    };
    for (auto& t : builtin_types) b.add(t.name, t.type);
#define VM_ADD_EXC(name, base) b.add(#name, types.name);
    VM_EXCEPTION_TYPES(VM_ADD_EXC)
#undef VM_ADD_EXC
    b.add("IOError", types.OSError);
    b.add("EnvironmentError", types.OSError);
    b.add("None", consts.None);
    b.add("True", consts.True);
    b.add("False", consts.False);
    b.add("NotImplemented", consts.NotImplemented);
    b.add("Ellipsis", consts.Ellipsis);
    b.add("__debug__", consts.True);
    return b.take();
}

}  // namespace vm
