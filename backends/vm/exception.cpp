// BaseException and its subclasses, and traceback objects.
#include "exception.hpp"

#include <algorithm>
#include <cerrno>

#include "api.hpp"
#include "frame.hpp"
#include "instance.hpp"
#include "interpreter.hpp"

namespace vm {

void BaseExceptionObject::traverse(Visitor v) {
    v(dict);
    v(args);
    v(traceback);
    v(context);
    v(cause);
    for (Object* o : extra) v(o);
}

// BaseException_clear, then the subclass's own fields (as SystemExit_clear
// and friends call it last).
void BaseExceptionObject::clear() {
    Object* fields[] = {dict, args, traceback, cause, context};
    dict = nullptr;
    args = nullptr;
    traceback = nullptr;
    cause = nullptr;
    context = nullptr;
    for (Object* o : fields) xdecref(o);
    for (Object*& o : extra) {
        Object* x = o;
        o = nullptr;
        xdecref(x);
    }
}

void TracebackObject::traverse(Visitor v) {
    v(next);
    v(frame);
}

void TracebackObject::clear() {
    Object* n = next;
    Object* f = frame;
    next = nullptr;
    frame = nullptr;
    xdecref(n);
    xdecref(f);
}

namespace {

BaseExceptionObject* as_exc(Object* o) { return static_cast<BaseExceptionObject*>(o); }

// The fields `extra` holds for some exception types.
enum Extra {
    CODE = 0,
    VALUE = 0,
    NAME = 0,
    ERRNO = 0,
    MSG = 0,
    OBJ = 1,
    STRERROR = 1,
    IMPORT_ERROR_NAME = 1,
    FILENAME = 2,
    IMPORT_ERROR_PATH = 2
};

// BaseException.args: the caller's tuple when it packed one, else a new one.
Ref<TupleObject> args_tuple(Args args) { return args.tuple ? share(args.tuple) : positional_tuple(args); }

void set_extra(Object* self, int i, Object* value) {
    xincref(value);
    set_ref(as_exc(self)->extra[i], value);
}

// The fields derived from args, as each type's __init__ sets them.
void init_fields(Object* self) {
    auto& items = as_exc(self)->args->items;
    Object* first = items.empty() ? consts.None : items[0];
    if (is_instance_of(self, types.SystemExit)) {
        set_extra(self, CODE, items.size() > 1 ? static_cast<Object*>(as_exc(self)->args) : first);
    } else if (is_instance_of(self, types.StopIteration)) {
        set_extra(self, VALUE, first);
    } else if (is_instance_of(self, types.OSError) && items.size() >= 2) {
        set_extra(self, ERRNO, items[0]);
        set_extra(self, STRERROR, items[1]);
        if (items.size() >= 3) set_extra(self, FILENAME, items[2]);
    }
}

// OSError(errno, strerror, ...) makes the subclass of that errno
// (OSError_new's errnomap).
TypeObject* oserror_subclass(TypeObject* type, Args args) {
    if (type != types.OSError || args.nargs < 2 || !is_int(args[0])) return type;
    switch (rt().profile().host_errno(static_cast<int>(int_value(args[0])))) {
    case ENOENT: return types.FileNotFoundError;
    case EEXIST: return types.FileExistsError;
    case EISDIR: return types.IsADirectoryError;
    case ENOTDIR: return types.NotADirectoryError;
    case EACCES:
    case EPERM: return types.PermissionError;
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return types.BlockingIOError;
    case ECHILD: return types.ChildProcessError;
    case EPIPE:
    case ESHUTDOWN: return types.BrokenPipeError;
    case ECONNABORTED: return types.ConnectionAbortedError;
    case ECONNREFUSED: return types.ConnectionRefusedError;
    case ECONNRESET: return types.ConnectionResetError;
    case EINTR: return types.InterruptedError;
    case ESRCH: return types.ProcessLookupError;
    case ETIMEDOUT: return types.TimeoutError;
    default: return type;
    }
}

Ref<> exception_new(TypeObject* type, Args args) {
    type = oserror_subclass(type, args);
    Ref<> self;
    if (type->class_layout) {
        self = Ref<>::take(type->class_layout->sub->allocate(type));
        allocate_block(self.get());
        g_manager->on_allocate(self.get(), true);
    } else {
        self = make<BaseExceptionObject>(type);
    }
    as_exc(self.get())->args = args_tuple(args).release();
    init_fields(self.get());
    // oserror_init: with a filename, args keeps only (errno, strerror), a
    // new tuple made after the instance.
    if (is_instance_of(self.get(), types.OSError) && args.nargs >= 3 && args.nargs <= 5 && args[2] != consts.None) {
        Ref<TupleObject> pair = tuple_of({args[0], args[1]});
        set_ref(as_exc(self.get())->args, pair.release());
    }
    return self;
}

}  // namespace

// From 3.14 (gh-118702) a builtin exception type whose __new__ and __init__
// are BaseException's is called through BaseException_vectorcall: the
// instance is allocated first and its args tuple after it, not packed
// before it. The types with an __init__ or __new__ of their own in
// exceptions.c keep type_call.
bool exception_vectorcall(TypeObject* t) {
    if (!rt().profile().exception_vectorcall || t->has(TF_HEAPTYPE)) return false;
    for (TypeObject* own : {types.SystemExit, types.StopIteration, types.ImportError, types.OSError, types.NameError,
                            types.AttributeError, types.SyntaxError})
        if (t == own) return false;
    // MiddlingExtendsException: OSError's and ImportError's subclasses share their __init__.
    return !t->is_subtype(types.OSError) && t != types.ModuleNotFoundError;
}

namespace {

// ImportError_init: name= and path= are keyword-only, msg the one argument.
void import_error_init(Object* self, Args args) {
    Object* fields[2] = {};
    for (std::size_t i = 0; i < args.nkw(); ++i) {
        const std::string& keyword = str_value(args.kwnames->items[i]);
        int field = keyword == "name" ? 0 : keyword == "path" ? 1 : -1;
        if (field < 0)
            raisef(types.TypeError, "'{}' is an invalid keyword argument for {}()", keyword, self->type->name);
        fields[field] = args.items[args.nargs + i];
    }
    set_extra(self, IMPORT_ERROR_NAME, fields[0]);
    set_extra(self, IMPORT_ERROR_PATH, fields[1]);
    set_extra(self, MSG, args.nargs == 1 ? args[0] : nullptr);
}

void exception_init(Object* self, Args args) {
    if (is_instance_of(self, types.ImportError)) {
        Args positional = args;
        positional.kwnames = nullptr;
        if (!args.tuple || args.tuple->size() != args.nargs) positional.tuple = nullptr;
        TupleObject* current = as_exc(self)->args;
        bool same = current && current->size() == args.nargs &&
                    std::equal(current->items.begin(), current->items.end(), args.items);
        if (!same) set_ref(as_exc(self)->args, args_tuple(positional).release());
        import_error_init(self, args);
        return;
    }
    if (args.nkw())
        raise_message(types.TypeError, is_instance_of(self, types.OSError) ? "os_error_keywords" : "exception_keywords",
                      "{}() takes no keyword arguments", type_name(self), str_value(args.kwnames->items[0]));
    // A call passes __new__ and __init__ the same tuple in CPython: when the
    // args are those __new__ stored, no new tuple.
    TupleObject* current = as_exc(self)->args;
    bool same = current && current->size() == args.nargs &&
                std::equal(current->items.begin(), current->items.end(), args.items);
    // An OSError's __new__ kept (errno, strerror) of the same arguments.
    if (is_instance_of(self, types.OSError) && args.nargs >= 3 && args.nargs <= 5 && current && current->size() == 2 &&
        current->items[0] == args[0] && current->items[1] == args[1])
        same = true;
    if (!same) set_ref(as_exc(self)->args, args_tuple(args).release());
    init_fields(self);
}

Ref<> exception_str(Object* self) {
    TupleObject* args = as_exc(self)->args;
    // ImportError_str: its msg, when that is a str.
    if (is_instance_of(self, types.ImportError))
        if (Object* msg = as_exc(self)->extra[MSG]; msg && msg->type == types.str) return share(msg);
    if (!args || args->size() == 0) return new_str("");
    if (is_instance_of(self, types.OSError) && args->size() >= 2) {
        std::string s = fmt::format("[Errno {}] {}", str_string(args->items[0]), str_string(args->items[1]));
        if (Object* fn = as_exc(self)->extra[FILENAME]) s += ": " + repr_string(fn);
        return new_str(s);
    }
    if (args->size() == 1) {
        if (is_instance_of(self, types.KeyError)) return repr(args->items[0]);
        return str(args->items[0]);
    }
    return str(args);
}

Ref<> exception_repr(Object* self) {
    TupleObject* args = as_exc(self)->args;
    std::string name = self->type->name;
    if (!args || args->size() == 0) return new_str(name + "()");
    if (args->size() == 1) return new_str(name + "(" + repr_string(args->items[0]) + ")");
    return new_str(name + repr_string(args));
}

DictObject** exception_dict_ptr(Object* o) { return &as_exc(o)->dict; }

Ref<> get_args(Object* self) { return share<Object>(as_exc(self)->args); }
void set_args(Object* self, Object* v) {
    if (!v) raise(types.TypeError, "args may not be deleted");
    Ref<TupleObject> args = v->type == types.tuple ? share(static_cast<TupleObject*>(v)) : sequence_tuple(v);
    set_ref(as_exc(self)->args, args.release());
}

Ref<> get_traceback(Object* self) { return as_exc(self)->traceback ? share(as_exc(self)->traceback) : new_none(); }
void set_traceback(Object* self, Object* v) {
    if (!v) raise(types.TypeError, "__traceback__ may not be deleted");
    if (v == consts.None) v = nullptr;
    else if (v->type != types.traceback) raise(types.TypeError, "__traceback__ must be a traceback or None");
    xincref(v);
    set_ref(as_exc(self)->traceback, v);
}

Ref<> get_context(Object* self) { return as_exc(self)->context ? share(as_exc(self)->context) : new_none(); }
void set_context(Object* self, Object* v) {
    if (!v) raise(types.TypeError, "__context__ may not be deleted");
    if (v == consts.None) v = nullptr;
    else if (!is_instance_of(v, types.BaseException))
        raise(types.TypeError, "exception context must be None or derive from BaseException");
    xincref(v);
    set_ref(as_exc(self)->context, v);
}

Ref<> get_cause(Object* self) { return as_exc(self)->cause ? share(as_exc(self)->cause) : new_none(); }
void set_cause(Object* self, Object* v) {
    if (!v) raise(types.TypeError, "__cause__ may not be deleted");
    if (v == consts.None) v = nullptr;
    else if (!is_instance_of(v, types.BaseException))
        raise(types.TypeError, "exception cause must be None or derive from BaseException");
    as_exc(self)->suppress_context = true;
    xincref(v);
    set_ref(as_exc(self)->cause, v);
}

Ref<> get_suppress_context(Object* self) { return new_bool(as_exc(self)->suppress_context); }
void set_suppress_context(Object* self, Object* v) {
    if (!v) raise(types.TypeError, "__suppress_context__ may not be deleted");
    as_exc(self)->suppress_context = truthy(v);
}

template <int I> Ref<> get_extra(Object* self) {
    Object* v = as_exc(self)->extra[I];
    return v ? share(v) : new_none();
}
template <int I> void set_extra_attr(Object* self, Object* v) { set_extra(self, I, v); }

Ref<> m_with_traceback(Object* self, Args args, void*) {
    check_nargs("BaseException.with_traceback", args, 1, 1);
    set_traceback(self, args[0]);
    return share(self);
}

TracebackObject* as_tb(Object* o) { return static_cast<TracebackObject*>(o); }
Ref<> tb_get_next(Object* self) { return as_tb(self)->next ? share<Object>(as_tb(self)->next) : new_none(); }
Ref<> tb_get_frame(Object* self) { return share<Object>(as_tb(self)->frame); }
Ref<> tb_get_lineno(Object* self) { return new_int(as_tb(self)->lineno); }
Ref<> tb_get_lasti(Object* self) { return new_int(as_tb(self)->lasti * 2); }

}  // namespace

// PyErr_SetImportError: ImportError(message, name=name, path=path), its
// keywords' dict made first, then the arguments' tuple (_PyObject_MakeTpCall).
void raise_import_error(const std::string& message, Object* name, Object* path) {
    Ref<DictObject> keywords = new_dict();
    dict_set(keywords.get(), "name", name ? name : consts.None);
    dict_set(keywords.get(), "path", path ? path : consts.None);
    Ref<TupleObject> args = tuple_of({new_str(message).get()});
    raise(call_ex(types.ImportError, args, keywords));
}

void init_exception_types() {
    TypeObject* base = types.BaseException;
    base->tp.new_ = &exception_new;
    base->tp.init = &exception_init;
    base->tp.str = &exception_str;
    base->tp.repr = &exception_repr;
    base->dict_ptr = &exception_dict_ptr;
    base->subclass_layout = &Extended<BaseExceptionObject>::subclass;
    add_getset(base, "args", &get_args, &set_args);
    add_getset(base, "__traceback__", &get_traceback, &set_traceback);
    add_getset(base, "__context__", &get_context, &set_context);
    add_getset(base, "__cause__", &get_cause, &set_cause);
    add_getset(base, "__suppress_context__", &get_suppress_context, &set_suppress_context);
    add_method(base, "with_traceback", &m_with_traceback);
    add_getset(types.SystemExit, "code", &get_extra<CODE>, &set_extra_attr<CODE>);
    add_getset(types.StopIteration, "value", &get_extra<VALUE>, &set_extra_attr<VALUE>);
    add_getset(types.NameError, "name", &get_extra<NAME>, &set_extra_attr<NAME>);
    add_getset(types.AttributeError, "name", &get_extra<NAME>, &set_extra_attr<NAME>);
    add_getset(types.AttributeError, "obj", &get_extra<OBJ>, &set_extra_attr<OBJ>);
    add_getset(types.ImportError, "msg", &get_extra<MSG>, &set_extra_attr<MSG>);
    add_getset(types.ImportError, "name", &get_extra<IMPORT_ERROR_NAME>, &set_extra_attr<IMPORT_ERROR_NAME>);
    add_getset(types.ImportError, "path", &get_extra<IMPORT_ERROR_PATH>, &set_extra_attr<IMPORT_ERROR_PATH>);
    add_getset(types.OSError, "errno", &get_extra<ERRNO>, &set_extra_attr<ERRNO>);
    add_getset(types.OSError, "strerror", &get_extra<STRERROR>, &set_extra_attr<STRERROR>);
    add_getset(types.OSError, "filename", &get_extra<FILENAME>, &set_extra_attr<FILENAME>);

    TypeObject* tb = types.traceback;
    add_getset(tb, "tb_next", &tb_get_next);
    add_getset(tb, "tb_frame", &tb_get_frame);
    add_getset(tb, "tb_lineno", &tb_get_lineno);
    add_getset(tb, "tb_lasti", &tb_get_lasti);
}

}  // namespace vm
