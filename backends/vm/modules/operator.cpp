// _operator, as CPython's Modules/_operator.c: the functions of the
// operators (the model's own protocols), and itemgetter, attrgetter and
// methodcaller, called through tp_call with their arguments packed where
// the version has no vectorcall for them (itemgetter and attrgetter to
// 3.10, methodcaller to 3.12).
#include "modules.hpp"
#include "native_type.hpp"

namespace vm {

namespace {

// The profile's [operator] switches, read when the module is made.
struct Behavior {
    bool heap_types = false;  // the getters' types are heap types (3.10+)
    bool getters_vectorcall = false;  // itemgetter and attrgetter have vectorcall (3.11+)
    bool methodcaller_vectorcall = false;  // methodcaller has vectorcall (3.13+)
    bool index_keeps_int_subclass = false;  // index(True) is True (to 3.9)
} g_behavior;
const Behavior& behavior() { return g_behavior; }

CallKey key(const char* name) { return {"_operator", name}; }

// The functions of two operands (_PyArg_CheckPositional, then the protocol).
Ref<> binary(Args args, const char* name, lang::BinaryOp op, bool inplace) {
    check_nargs(key(name), args, 2, 2);
    return binary_op(args[0], args[1], inplace ? inplace_slot(op) : number_slot(op));
}

template <lang::BinaryOp Op, bool Inplace> Ref<> op_binary(Object*, Args args, void* name) {
    return binary(args, static_cast<const char*>(name), Op, Inplace);
}

template <CompareOp Op> Ref<> op_compare(Object*, Args args, void* name) {
    check_nargs(key(static_cast<const char*>(name)), args, 2, 2);
    return richcompare(args[0], args[1], Op);
}

Ref<> op_not(Object*, Args args, void*) {
    check_nargs(key("not_"), args, 1, 1);
    return new_bool(!truthy(args[0]));
}

Ref<> op_truth(Object*, Args args, void*) {
    check_nargs(key("truth"), args, 1, 1);
    return new_bool(truthy(args[0]));
}

Ref<> op_is(Object*, Args args, void*) {
    check_nargs(key("is_"), args, 2, 2);
    return new_bool(is_same_object(args[0], args[1]));
}

Ref<> op_is_not(Object*, Args args, void*) {
    check_nargs(key("is_not"), args, 2, 2);
    return new_bool(!is_same_object(args[0], args[1]));
}

Ref<> op_abs(Object*, Args args, void*) {
    check_nargs(key("abs"), args, 1, 1);
    static Object* const builtin_abs = dict_get(rt().builtins_dict, "abs");
    return call(builtin_abs, {args[0]});
}

Ref<> op_index(Object*, Args args, void*) {
    check_nargs(key("index"), args, 1, 1);
    // 3.8 and 3.9 return an int subclass's instance itself (True stays True).
    if (is_int(args[0]))
        return args[0]->type == types.int_ || behavior().index_keeps_int_subclass ? share(args[0])
                                                                                  : new_int(int_value(args[0]));
    return new_int(as_index(args[0]));
}

Ref<> op_neg(Object*, Args args, void* name) {
    check_nargs(key(static_cast<const char*>(name)), args, 1, 1);
    return unary_negative(args[0]);
}

Ref<> op_pos(Object*, Args args, void*) {
    check_nargs(key("pos"), args, 1, 1);
    return unary_positive(args[0]);
}

Ref<> op_invert(Object*, Args args, void* name) {
    check_nargs(key(static_cast<const char*>(name)), args, 1, 1);
    return unary_invert(args[0]);
}

// PySequence_Check: what has __getitem__ but is no dict.
bool is_sequence(Object* o) { return o->type->tp.getitem && !is_dict(o); }

Ref<> concat(Args args, const char* name, bool inplace) {
    check_nargs(key(name), args, 2, 2);
    if (!is_sequence(args[0])) raisef(types.TypeError, "'{}' object can't be concatenated", type_name(args[0]));
    return binary_op(args[0], args[1], inplace ? inplace_slot(lang::BinaryOp::Add) : number_slot(lang::BinaryOp::Add));
}

Ref<> op_concat(Object*, Args args, void*) { return concat(args, "concat", false); }
Ref<> op_iconcat(Object*, Args args, void*) { return concat(args, "iconcat", true); }

Ref<> op_contains(Object*, Args args, void*) {
    check_nargs(key("contains"), args, 2, 2);
    return new_bool(contains(args[0], args[1]));
}

// _PySequence_IterSearch's iterator: its TypeError names the argument.
Ref<> search_iter(Object* seq) {
    if (!seq->type->tp.iter)
        raise_message(types.TypeError, "search_not_iterable", "argument of type '{}' is not iterable", type_name(seq));
    return get_iter(seq);
}

// _PySequence_IterSearch: each item compared to the value (identity first).
Ref<> op_count_of(Object*, Args args, void*) {
    check_nargs(key("countOf"), args, 2, 2);
    Ref<> it = search_iter(args[0]);
    std::int64_t n = 0;
    while (Ref<> item = iter_next(it.get()))
        if (equal(item.get(), args[1])) ++n;
    return new_int(n);
}

Ref<> op_index_of(Object*, Args args, void*) {
    check_nargs(key("indexOf"), args, 2, 2);
    Ref<> it = search_iter(args[0]);
    std::int64_t i = 0;
    for (; Ref<> item = iter_next(it.get()); ++i)
        if (equal(item.get(), args[1])) return new_int(i);
    raise(types.ValueError, "sequence.index(x): x not in sequence");
}

Ref<> op_getitem(Object*, Args args, void*) {
    check_nargs(key("getitem"), args, 2, 2);
    return getitem(args[0], args[1]);
}

Ref<> op_setitem(Object*, Args args, void*) {
    check_nargs(key("setitem"), args, 3, 3);
    setitem(args[0], args[1], args[2]);
    return new_none();
}

Ref<> op_delitem(Object*, Args args, void*) {
    check_nargs(key("delitem"), args, 2, 2);
    delitem(args[0], args[1]);
    return new_none();
}

Ref<> op_length_hint(Object*, Args args, void*) {
    check_nargs(key("length_hint"), args, 1, 2);
    std::int64_t fallback = 0;
    if (args.nargs == 2) {
        if (!is_int(args[1]))
            raisef(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[1]));
        fallback = int_value(args[1]);
    }
    Object* o = args[0];
    if (o->type->has(TF_HEAPTYPE)) {
        std::optional<std::size_t> hint = ask_length_hint(o);
        return new_int(hint ? static_cast<std::int64_t>(*hint) : fallback);
    }
    if (o->type->tp.len) return new_int(static_cast<std::int64_t>(length(o)));
    if (!builtin_iterator_hints(o->type) && o->type != types.range_iterator) return new_int(fallback);
    return new_int(static_cast<std::int64_t>(builtin_length_hint(o, static_cast<std::size_t>(fallback))));
}

Ref<> op_call(Object*, Args args, void*) {
    if (args.nargs < 1) raise_arity_error(key("call"), args.nargs);
    return call(args[0], Args{args.items + 1, args.nargs - 1, args.kwnames});
}

// _compare_digest: two str of ASCII or two bytes-like objects, equal or not.
Ref<> op_compare_digest(Object*, Args args, void*) {
    check_nargs(key("_compare_digest"), args, 2, 2);
    Object *a = args[0], *b = args[1];
    if (is_str(a) && is_str(b)) {
        if (!static_cast<StrObject*>(a)->ascii || !static_cast<StrObject*>(b)->ascii)
            raise(types.TypeError, "comparing strings with non-ASCII characters is not supported");
        return new_bool(str_value(a) == str_value(b));
    }
    // One str and one bytes: CPython asks the str for its buffer.
    for (Object* o : {a, b})
        if (!is_bytes_like(o))
            raise_message(types.TypeError, "bytes_like_required", "a bytes-like object is required, not '{}'",
                          type_name(o));
    return new_bool(bytes_value(a) == bytes_value(b));
}

// ---- itemgetter, attrgetter, methodcaller -------------------------------------------------------

struct GetterTypes {
    TypeObject *itemgetter, *attrgetter, *methodcaller;
} g_types;

// itemgetter: one item or a tuple of them. attrgetter: a tuple of names,
// each a str or, dotted, a tuple of its parts. methodcaller: the name, the
// arguments and the keywords.
struct GetterObject : Object {
    std::size_t count = 0;
    Object* item = nullptr;  // itemgetter's item or tuple; attrgetter's tuple; methodcaller's name
    TupleObject* args = nullptr;  // methodcaller's
    DictObject* kwds = nullptr;  // methodcaller's
    using Object::Object;
    void traverse(Visitor v) {
        if (behavior().heap_types) v(type);
        v(item);
        v(args);
        v(kwds);
    }
    void clear() {}
    void release() {
        Object *i = item, *a = args, *k = kwds;
        item = nullptr;
        args = nullptr;
        kwds = nullptr;
        xdecref(i);
        xdecref(a);
        xdecref(k);
    }
};

GetterObject* as_getter(Object* o) { return static_cast<GetterObject*>(o); }

// The arguments of a type called through tp_call: the tuple of them (the
// one the call packed, or made here as _PyObject_MakeTpCall makes it).
Ref<TupleObject> packed_args(Args args) { return args.tuple ? share(args.tuple) : positional_tuple(args); }

Ref<> itemgetter_new(TypeObject* type, Args args) {
    if (args.nkw()) raise_keyword_error("operator.itemgetter", str_value(args.kwnames->items[0]));
    Ref<TupleObject> items = packed_args(args);
    if (items->size() < 1) raise(types.TypeError, "itemgetter expected 1 argument, got 0");
    Ref<GetterObject> ig = new_native_instance<GetterObject>(type, g_types.itemgetter, true);
    ig->count = items->size();
    ig->item = items->size() == 1 ? share(items->items[0]).release() : items.release();
    return ig;
}

Ref<> itemgetter_call(Object* self, Args args) {
    GetterObject* ig = as_getter(self);
    if (args.nkw()) raise_keyword_error("operator.itemgetter", str_value(args.kwnames->items[0]));
    if (args.nargs != 1) raisef(types.TypeError, "itemgetter expected 1 argument, got {}", args.nargs);
    Object* obj = args[0];
    if (ig->count == 1) return getitem(obj, ig->item);
    auto* items = static_cast<TupleObject*>(ig->item);
    Ref<TupleObject> result = none_tuple(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        Object* none = result->items[i];
        result->items[i] = getitem(obj, items->items[i]).release();
        decref(none);
    }
    return result;
}

// attrgetter's names: each interned, a dotted one as the tuple of its parts.
Ref<> attr_name(Object* name) {
    if (!is_str(name)) raise(types.TypeError, "attribute name must be a string");
    const std::string& text = str_value(name);
    if (text.find('.') == std::string::npos) return share<Object>(rt().intern(text));
    std::vector<Object*> parts;
    for (std::size_t start = 0;;) {
        std::size_t dot = text.find('.', start);
        parts.push_back(share<Object>(rt().intern(text.substr(start, dot - start))).release());
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return new_tuple(std::move(parts));
}

Ref<> attrgetter_new(TypeObject* type, Args args) {
    if (args.nkw()) raise_keyword_error("operator.attrgetter", str_value(args.kwnames->items[0]));
    Ref<TupleObject> names = packed_args(args);
    if (names->size() < 1) raise(types.TypeError, "attrgetter expected 1 argument, got 0");
    Ref<TupleObject> attrs = none_tuple(names->size());
    for (std::size_t i = 0; i < names->size(); ++i) {
        Object* none = attrs->items[i];
        attrs->items[i] = attr_name(names->items[i]).release();
        decref(none);
    }
    Ref<GetterObject> ag = new_native_instance<GetterObject>(type, g_types.attrgetter, true);
    ag->count = names->size();
    ag->item = attrs.release();
    return ag;
}

Ref<> dotted_getattr(Object* obj, Object* attr) {
    if (is_str(attr)) return getattr(obj, static_cast<StrObject*>(attr));
    Ref<> value = share(obj);
    for (Object* part : static_cast<TupleObject*>(attr)->items)
        value = getattr(value.get(), static_cast<StrObject*>(part));
    return value;
}

Ref<> attrgetter_call(Object* self, Args args) {
    GetterObject* ag = as_getter(self);
    if (args.nkw()) raise_keyword_error("operator.attrgetter", str_value(args.kwnames->items[0]));
    if (args.nargs != 1) raisef(types.TypeError, "attrgetter expected 1 argument, got {}", args.nargs);
    auto* attrs = static_cast<TupleObject*>(ag->item);
    if (ag->count == 1) return dotted_getattr(args[0], attrs->items[0]);
    Ref<TupleObject> result = none_tuple(attrs->size());
    for (std::size_t i = 0; i < attrs->size(); ++i) {
        Object* none = result->items[i];
        result->items[i] = dotted_getattr(args[0], attrs->items[i]).release();
        decref(none);
    }
    return result;
}

Ref<> methodcaller_new(TypeObject* type, Args args) {
    if (args.nargs < 1) raise(types.TypeError, "methodcaller needs at least one argument, the method name");
    if (!is_str(args[0])) raise(types.TypeError, "method name must be a string");
    Ref<TupleObject> packed = packed_args(args);
    Ref<DictObject> kwds;
    if (args.nkw()) {
        kwds = new_dict();
        update_kwargs(kwds.get(), args);
    }
    Ref<GetterObject> mc = new_native_instance<GetterObject>(type, g_types.methodcaller, true);
    mc->item = share<Object>(rt().intern(str_value(args[0]))).release();
    std::vector<Object*> rest(packed->items.begin() + 1, packed->items.end());
    for (Object* o : rest) incref(o);
    mc->args = new_tuple(std::move(rest)).release();
    mc->kwds = kwds ? kwds.release() : new_dict().release();
    return mc;
}

Ref<> methodcaller_call(Object* self, Args args) {
    GetterObject* mc = as_getter(self);
    if (args.nkw()) raise_keyword_error("operator.methodcaller", str_value(args.kwnames->items[0]));
    if (args.nargs != 1) raisef(types.TypeError, "methodcaller expected 1 argument, got {}", args.nargs);
    auto* name = static_cast<StrObject*>(mc->item);
    std::vector<Object*> stack(mc->args->items.begin(), mc->args->items.end());
    std::size_t nargs = stack.size();
    std::vector<Object*> names;
    dict_for_each(mc->kwds, [&](Object* k, Object* v) {
        names.push_back(share(k).release());
        stack.push_back(v);
    });
    if (behavior().methodcaller_vectorcall) {
        // The method looked up as a method (no bound method), keywords by
        // the names kept since the methodcaller was made.
        if (!names.empty()) rt().manager().on_uncharged("methodcaller's keyword names, kept by CPython 3.13");
        Ref<TupleObject> kwnames = names.empty() ? nullptr : new_tuple(std::move(names));
        Ref<> method;
        if (get_method(args[0], name, method)) {
            stack.insert(stack.begin(), args[0]);
            return call(method.get(), Args{stack.data(), nargs + 1, kwnames.get()});
        }
        return call(method.get(), Args{stack.data(), nargs, kwnames.get()});
    }
    // PyObject_GetAttr (a bound method), then PyObject_Call with the
    // keywords' dict (unpacked into a tuple of names).
    Ref<> method = getattr(args[0], name);
    Ref<TupleObject> kwnames = names.empty() ? nullptr : new_tuple(std::move(names));
    if (kwnames && called_through_tp_call(method.get()))
        rt().manager().on_uncharged("methodcaller's keyword dict passed to a callable without vectorcall");
    return call(method.get(), Args{stack.data(), nargs, kwnames.get()});
}

Ref<> getter_repr(Object* self) {
    GetterObject* g = as_getter(self);
    ReprGuard guard(self);
    std::string name = type_repr_name(self->type);
    if (guard.recursive()) return new_str(name + "(...)");
    std::string inner;
    if (self->type == g_types.itemgetter) {
        inner = g->count == 1 ? repr_string(g->item) : repr_string(g->item);
        if (g->count == 1) return new_str(name + "(" + inner + ")");
        return new_str(name + inner);
    }
    if (self->type == g_types.attrgetter) {
        for (Object* attr : static_cast<TupleObject*>(g->item)->items) {
            std::string dotted;
            if (is_str(attr)) {
                dotted = str_value(attr);
            } else {
                for (Object* part : static_cast<TupleObject*>(attr)->items)
                    dotted += (dotted.empty() ? "" : ".") + str_value(part);
            }
            Ref<StrObject> text = new_str(dotted);
            inner += (inner.empty() ? "" : ", ") + repr_string(text.get());
        }
        return new_str(name + "(" + inner + ")");
    }
    inner = repr_string(g->item);
    for (Object* a : g->args->items) inner += ", " + repr_string(a);
    dict_for_each(g->kwds, [&](Object* k, Object* v) { inner += ", " + str_string(k) + "=" + repr_string(v); });
    return new_str(name + "(" + inner + ")");
}

struct Function {
    const char* name;
    NativeFn fn;
};

using B = lang::BinaryOp;
const Function kFunctions[] = {
    {"add", &op_binary<B::Add, false>},
    {"and_", &op_binary<B::And, false>},
    {"floordiv", &op_binary<B::FloorDivide, false>},
    {"lshift", &op_binary<B::LShift, false>},
    {"matmul", &op_binary<B::MatMultiply, false>},
    {"mod", &op_binary<B::Remainder, false>},
    {"mul", &op_binary<B::Multiply, false>},
    {"or_", &op_binary<B::Or, false>},
    {"pow", &op_binary<B::Power, false>},
    {"rshift", &op_binary<B::RShift, false>},
    {"sub", &op_binary<B::Subtract, false>},
    {"truediv", &op_binary<B::TrueDivide, false>},
    {"xor", &op_binary<B::Xor, false>},
    {"iadd", &op_binary<B::Add, true>},
    {"iand", &op_binary<B::And, true>},
    {"ifloordiv", &op_binary<B::FloorDivide, true>},
    {"ilshift", &op_binary<B::LShift, true>},
    {"imatmul", &op_binary<B::MatMultiply, true>},
    {"imod", &op_binary<B::Remainder, true>},
    {"imul", &op_binary<B::Multiply, true>},
    {"ior", &op_binary<B::Or, true>},
    {"ipow", &op_binary<B::Power, true>},
    {"irshift", &op_binary<B::RShift, true>},
    {"isub", &op_binary<B::Subtract, true>},
    {"itruediv", &op_binary<B::TrueDivide, true>},
    {"ixor", &op_binary<B::Xor, true>},
    {"lt", &op_compare<CompareOp::Lt>},
    {"le", &op_compare<CompareOp::Le>},
    {"eq", &op_compare<CompareOp::Eq>},
    {"ne", &op_compare<CompareOp::Ne>},
    {"gt", &op_compare<CompareOp::Gt>},
    {"ge", &op_compare<CompareOp::Ge>},
    {"not_", &op_not},
    {"truth", &op_truth},
    {"is_", &op_is},
    {"is_not", &op_is_not},
    {"abs", &op_abs},
    {"index", &op_index},
    {"neg", &op_neg},
    {"pos", &op_pos},
    {"inv", &op_invert},
    {"invert", &op_invert},
    {"concat", &op_concat},
    {"iconcat", &op_iconcat},
    {"contains", &op_contains},
    {"countOf", &op_count_of},
    {"indexOf", &op_index_of},
    {"getitem", &op_getitem},
    {"setitem", &op_setitem},
    {"delitem", &op_delitem},
    {"length_hint", &op_length_hint},
    {"call", &op_call},
    {"_compare_digest", &op_compare_digest},
};

TypeObject* getter_type(const char* name, Ref<> (*new_)(TypeObject*, Args), Ref<> (*call)(Object*, Args),
                        bool vectorcall) {
    std::uint32_t flags = TF_GC | (vectorcall ? 0u : std::uint32_t{TF_PACKED_CALL});
    TypeObject* t = new_native_type<GetterObject>("operator", name, flags);
    t->tp.new_ = new_;
    t->tp.call = call;
    t->tp.repr = &getter_repr;
    inherit_slots(t);
    add_slot_wrappers(t);
    return t;
}

}  // namespace

Ref<ModuleObject> make_operator_module() {
    require_runtime_module("_operator");
    const Profile& profile = rt().profile();
    g_behavior = {profile.module_flag("operator.heap_types"), profile.module_flag("operator.getters_vectorcall"),
                  profile.module_flag("operator.methodcaller_vectorcall"),
                  profile.module_flag("operator.index_keeps_int_subclass")};
    g_types.itemgetter = getter_type("itemgetter", &itemgetter_new, &itemgetter_call, behavior().getters_vectorcall);
    g_types.attrgetter = getter_type("attrgetter", &attrgetter_new, &attrgetter_call, behavior().getters_vectorcall);
    g_types.methodcaller =
        getter_type("methodcaller", &methodcaller_new, &methodcaller_call, behavior().methodcaller_vectorcall);
    NativeModule m("_operator");
    for (const Function& f : kFunctions) m.add_function(f.name, f.fn, const_cast<char*>(f.name));
    m.add("itemgetter", g_types.itemgetter);
    m.add("attrgetter", g_types.attrgetter);
    m.add("methodcaller", g_types.methodcaller);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
