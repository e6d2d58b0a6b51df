// Raising exceptions, and printing them as CPython's sys.excepthook and
// default unraisablehook do.
#include "errors.hpp"

#include <set>
#include <sstream>

#include "api.hpp"
#include "exception.hpp"
#include "frame.hpp"
#include "io.hpp"

namespace vm {

Object* ThreadState::handled_exception() const {
    for (ExcStackItem* item = exc_info; item; item = item->previous)
        if (item->exc_value && item->exc_value != consts.None) return item->exc_value;
    return nullptr;
}

static BaseExceptionObject* as_exc(Object* o) { return static_cast<BaseExceptionObject*>(o); }

// _PyErr_SetObject's implicit chaining: the exception being handled becomes
// the new one's __context__, without creating a cycle in the chain.
static void chain_context(Object* exc) {
    Object* handled = rt().thread().handled_exception();
    if (!handled || handled == exc) return;
    for (Object* o = handled;;) {
        Object* ctx = as_exc(o)->context;
        if (!ctx) break;
        if (ctx == exc) {
            as_exc(o)->context = nullptr;
            decref(ctx);
            break;
        }
        o = ctx;
    }
    incref(handled);
    set_ref(as_exc(exc)->context, handled);
}

void raise(Ref<> exc) {
    chain_context(exc.get());
    reraise(std::move(exc));
}

void reraise(Ref<> exc) {
    set_ref(rt().thread().curexc, exc.release());
    throw PyException{};
}

void raise(TypeObject* type, std::string message) { raise(new_exception(type, message)); }

void raise_empty(TypeObject* type) { raise(new_exception(type, static_cast<Object*>(nullptr))); }
void key_error(Object* key) { raise(new_exception(types.KeyError, key)); }

void unsupported(std::string what) { throw Unsupported{std::move(what), {}}; }

Ref<> take_exception() {
    Object* e = rt().thread().curexc;
    rt().thread().curexc = nullptr;
    return Ref<>::take(e);
}

bool exception_is(Object* exc, TypeObject* type) { return exc && is_instance_of(exc, type); }

bool exception_matches(Object* exc, Object* type_or_tuple) {
    if (is_tuple(type_or_tuple)) {
        for (Object* t : static_cast<TupleObject*>(type_or_tuple)->items)
            if (exception_matches(exc, t)) return true;
        return false;
    }
    return is_instance_of(type_or_tuple, types.type) && is_instance_of(exc, static_cast<TypeObject*>(type_or_tuple));
}

Ref<> new_exception(TypeObject* type, Object* arg) {
    if (!arg) return call(type, {});
    return call(type, {arg});
}

Ref<> new_exception(TypeObject* type, std::string_view message) {
    Ref<> s = new_str(std::string(message));
    return new_exception(type, s.get());
}

// ---- printing -----------------------------------------------------------------------------------

namespace {

// Where tracebacks and unraisable errors go: sys.stderr, looked up each time.
class ErrorWriter {
  public:
    ErrorWriter() {
        if (Object* err = dict_get(rt().sys->dict, ids.stderr); err && err != consts.None) stream_ = share(err);
    }
    void write(std::string_view text) {
        if (!text.empty()) write_piece(text);
    }
    // One PyFile_WriteString or PyFile_WriteObject of CPython's C writers,
    // empty or not: each binds file.write and calls it, which a program's
    // own stderr sees, and the collector's counts too.
    void write_piece(std::string_view text) {
        if (!stream_) return;
        Ref<> s = new_str(std::string(text));
        file_write(stream_.get(), s.get());
    }
    // PyFile_WriteObject(obj, file, 0): repr(obj), made once write is
    // bound; what fails is cleared and "<object repr() failed>" written.
    void write_repr(Object* obj) {
        if (!stream_) return;
        try {
            file_write(stream_.get(), obj, false);
        } catch (const PyException&) {
            take_exception();
            write_piece("<object repr() failed>");
        }
    }
    // _PyObject_CallMethodNoArgs(file, flush) (a bound method on 3.8). A
    // flush that fails makes CPython's hook fail and report that too.
    void flush() {
        if (!stream_) return;
        try {
            Ref<> bound = c_bound_method(stream_.get(), ids.flush);
            file_flush(stream_.get());
        } catch (const PyException&) {
            unsupported("an unraisable exception's report whose sys.stderr.flush() raises");
        }
    }

  private:
    Ref<> stream_;
};

std::string source_line(const std::string& filename, int lineno) {
    const std::string* source = rt().source_of(filename);
    if (!source || lineno <= 0) return {};
    std::istringstream in(*source);
    std::string line;
    for (int i = 0; i < lineno && std::getline(in, line); ++i) {
    }
    std::size_t a = line.find_first_not_of(" \t\f");
    std::size_t b = line.find_last_not_of(" \t\f\r\n");
    return a == std::string::npos ? std::string() : line.substr(a, b - a + 1);
}

// [c_pieces]: as the C traceback printer (tb_displayline), which writes a
// source line's indent, text and end as three pieces.
void print_traceback(ErrorWriter& out, Object* tb, bool c_pieces = false) {
    out.write("Traceback (most recent call last):\n");
    std::string last;
    int repeats = 0;
    auto flush_repeats = [&] {
        if (repeats > 3)
            out.write(
                fmt::format("  [Previous line repeated {} more time{}]\n", repeats - 3, repeats - 3 == 1 ? "" : "s"));
    };
    for (auto* t = static_cast<TracebackObject*>(tb); t; t = t->next) {
        CodeObject* code = t->frame->frame->code;
        const std::string& file = str_value(code->filename);
        std::string entry = fmt::format("  File \"{}\", line {}, in {}\n", file, t->lineno, str_value(code->name));
        if (entry == last) {
            if (++repeats > 3) continue;
        } else {
            flush_repeats();
            repeats = 1;
            last = entry;
        }
        out.write(entry);
        if (std::string src = source_line(file, t->lineno); !src.empty()) {
            rt().charge_source_line();
            if (c_pieces) {
                for (std::string_view piece : {std::string_view("    "), std::string_view(src), std::string_view("\n")})
                    out.write_piece(piece);
            } else {
                out.write("    " + src + "\n");
            }
        }
    }
    flush_repeats();
}

// The edit distance of a and b (insertions, deletions and substitutions
// each cost 1).
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitute = diagonal + (a[i - 1] != b[j - 1]);
            diagonal = row[j];
            row[j] = std::min({substitute, row[j] + 1, row[j - 1] + 1});
        }
    }
    return row[b.size()];
}

// The names a missing name may have been meant as: for an AttributeError,
// dir(obj); for a NameError, the innermost frame's locals, then its
// globals, then dir(builtins).
std::vector<std::string> suggestion_candidates(Object* exc) {
    if (exception_is(exc, types.AttributeError)) {
        Object* obj = as_exc(exc)->extra[1];
        return obj ? attribute_names(obj) : std::vector<std::string>{};
    }
    auto* tb = static_cast<TracebackObject*>(as_exc(exc)->traceback);
    if (!tb) return {};
    while (tb->next) tb = tb->next;
    std::vector<std::string> names;
    for (const char* scope : {"f_locals", "f_globals"}) {
        Ref<> d = getattr(tb->frame, scope);
        if (is_dict(d.get()))
            dict_for_each(static_cast<DictObject*>(d.get()), [&names](Object* k, Object*) {
                if (is_str(k)) names.push_back(str_value(k));
            });
    }
    std::vector<std::string> builtins = attribute_names(rt().builtins);
    names.insert(names.end(), builtins.begin(), builtins.end());
    return names;
}

// What the profile's name_suggestion adds to an AttributeError or NameError
// that knows the missing name, as PyPy's traceback module words it: the
// first candidate nearest the name, at most 3 edits away and fewer edits
// than the name has characters; "" if none.
std::string name_suggestion(Object* exc) {
    const std::string& form = rt().profile().name_suggestion;
    if (form.empty() || !(exception_is(exc, types.AttributeError) || exception_is(exc, types.NameError))) return {};
    Object* name = as_exc(exc)->extra[0];
    if (!name || !is_str(name)) return {};
    const std::string& wrong = str_value(name);
    std::size_t best = wrong.size();
    std::string suggestion;
    try {
        for (const std::string& candidate : suggestion_candidates(exc)) {
            std::size_t d = edit_distance(wrong, candidate);
            if (d == 0 || d > 3 || d >= best) continue;
            best = d;
            suggestion = candidate;
        }
    } catch (const PyException&) {
        take_exception();
        return {};
    }
    return suggestion.empty() ? std::string() : fmt::format(fmt::runtime(form), suggestion);
}

// The exception's line, in the pieces write_unraisable_exc_file writes:
// its module and "." (not for builtins, nor for __main__ unless the profile
// shows it), its name, ": " and its str() (": " only before a str() that is
// not empty, unless `colon_always`, as the unraisable hook's C writer does),
// and the end of the line.
std::vector<std::string> exception_line_pieces(Object* exc, bool colon_always) {
    TypeObject* t = exc->type;
    std::string module = t->module;
    if (t->has(TF_HEAPTYPE))
        if (Object* m = dict_get(t->dict, ids.module); m && is_str(m)) module = str_value(m);
    std::vector<std::string> pieces;
    if (module != "builtins" && (module != "__main__" || rt().profile().main_module_in_exception_names))
        pieces = {module, "."};
    pieces.push_back(t->qualname);
    std::string value;
    try {
        value = str_string(exc);
    } catch (const PyException&) {
        take_exception();
        value = "<exception str() failed>";
    }
    value += name_suggestion(exc);
    if (!value.empty() || colon_always) pieces.insert(pieces.end(), {": ", value});
    pieces.push_back("\n");
    return pieces;
}

std::string exception_line(Object* exc, bool colon_always) {
    std::string line;
    for (const std::string& piece : exception_line_pieces(exc, colon_always)) line += piece;
    return line;
}

void print_one(ErrorWriter& out, Object* exc) {
    if (Object* tb = as_exc(exc)->traceback) print_traceback(out, tb);
    out.write(exception_line(exc, false));
}

// The object's repr, or what CPython prints when it fails.
std::string repr_or_failed(Object* obj) {
    try {
        return repr_string(obj);
    } catch (const PyException&) {
        take_exception();
        return "<object repr() failed>";
    }
}

// _PyErr_WriteUnraisableMsg and write_unraisable_exc_file: the hook's
// argument, then the first line, traceback and exception line in CPython's
// pieces, then stderr's flush. The first line: with no message of the
// caller's, "Exception ignored in: " and the object's repr, made inside
// its PyFile_WriteObject; with one (atexit's, to 3.12), the message, ": "
// and the repr so; from 3.13 the caller formats the object into its
// message (PyErr_FormatUnraisable), its repr made before the hook's
// argument, and ":" ends the line.
void print_unraisable_c(Object* exc, std::string_view header_format, Object* obj) {
    constexpr std::string_view kNoMessage = "Exception ignored in: {}";
    constexpr std::string_view kMessageThenObject = ": {}";
    const bool object_written = header_format == kNoMessage || header_format.ends_with(kMessageThenObject);
    std::string message;
    if (!object_written)
        message = header_format.find("{}") == std::string_view::npos
                      ? std::string(header_format)
                      : fmt::format(fmt::runtime(header_format), repr_or_failed(obj));
    Ref<> hook_args = make<Atom>(types.unraisable_hook_args);
    ErrorWriter out;
    if (header_format == kNoMessage) {
        out.write_piece(kNoMessage.substr(0, kNoMessage.size() - 2));
    } else if (object_written) {
        out.write_piece(header_format.substr(0, header_format.size() - kMessageThenObject.size()));
        out.write_piece(": ");
    } else if (message.ends_with(":")) {
        out.write_piece(std::string_view(message).substr(0, message.size() - 1));
        out.write_piece(":\n");
    } else if (!message.empty()) {
        out.write_piece(message + "\n");
    }
    if (object_written) {
        out.write_repr(obj);
        out.write_piece("\n");
    }
    rt().on_first_unraisable();
    if (Object* tb = as_exc(exc)->traceback) print_traceback(out, tb, true);
    for (const std::string& piece : exception_line_pieces(exc, true)) out.write_piece(piece);
    out.flush();
}

void print_chain(ErrorWriter& out, Object* exc, std::set<Object*>& seen) {
    seen.insert(exc);
    auto* e = as_exc(exc);
    if (e->cause && !seen.contains(e->cause)) {
        print_chain(out, e->cause, seen);
        out.write("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (e->context && !e->suppress_context && !seen.contains(e->context)) {
        print_chain(out, e->context, seen);
        out.write("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    print_one(out, exc);
}

}  // namespace

void print_exception(Object* exc) {
    ErrorWriter out;
    std::set<Object*> seen;
    print_chain(out, exc, seen);
}

std::string error_message(std::string_view id, fmt::string_view cpython, fmt::format_args args) {
    const auto& table = rt().profile().error_messages;
    if (auto it = table.find(id); it != table.end()) {
        try {
            return fmt::vformat(it->second, args);
        } catch (const fmt::format_error&) {  // a template naming an argument the site lacks
        }
    }
    return fmt::vformat(cpython, args);
}

namespace {

// _warnings' state (WarningsState), made with init_filters' default filters
// at its first use: CPython makes it at startup, so its objects are not
// the program's.
Runtime::WarningsState& warnings_state() {
    Runtime::WarningsState& st = rt().warnings;
    if (st.filters) return st;
    ManagerCountsPaused paused(rt().manager());
    auto filter = [](const char* action, TypeObject* category, const char* module) {
        Ref<> line = new_int(0);
        return tuple_of(
                   {rt().intern(action), consts.None, category, module ? rt().intern(module) : consts.None, line.get()})
            .release();
    };
    st.filters =
        new_list({filter("default", types.DeprecationWarning, "__main__"),
                  filter("ignore", types.DeprecationWarning, nullptr),
                  filter("ignore", types.PendingDeprecationWarning, nullptr),
                  filter("ignore", types.ImportWarning, nullptr), filter("ignore", types.ResourceWarning, nullptr)})
            .release();
    st.once_registry = new_dict().release();
    st.default_action = share<Object>(rt().intern("default")).release();
    return st;
}

// GET_WARNINGS_ATTR without importing: the attribute of the warnings
// module if sys.modules has it (not at exit, once the modules are gone).
Ref<> warnings_attr(std::string_view name) {
    Object* module = dict_get(rt().modules, "warnings");
    if (!module || module->type != types.module) return {};
    return lookup_attr(module, rt().intern(name));
}

// check_matched: None matches all, a str (a default filter) only itself,
// anything else by its match() (a compiled pattern).
bool filter_matches(Object* pattern, Object* value) {
    if (pattern == consts.None) return true;
    if (pattern->type == types.str) return is_str(value) && str_value(pattern) == str_value(value);
    Ref<> result = call_method(pattern, rt().intern("match"), {value});
    return truthy(result.get());
}

struct FilterMatch {
    Ref<> action;
    Ref<> item;  // the filter, None for the default action
};

// get_filter: the action of the first filter that matches, else the
// default action. The state adopts warnings.filters, as CPython's does.
FilterMatch filter_action(TypeObject* category, Object* text, std::int64_t lineno, Object* module) {
    Runtime::WarningsState& st = warnings_state();
    if (Ref<> filters = warnings_attr("filters")) {
        Object* old = std::exchange(st.filters, filters.release());
        decref(old);
    }
    if (!is_list(st.filters)) raise(types.ValueError, "_warnings.filters must be a list");
    auto* filters = static_cast<ListObject*>(st.filters);
    for (std::size_t i = 0; i < filters->items.size(); ++i) {
        Ref<> item = share(filters->items[i]);
        if (item->type != types.tuple || static_cast<TupleObject*>(item.get())->items.size() != 5)
            raisef(types.ValueError, "_warnings.filters item {} isn't a 5-tuple", i);
        auto& f = static_cast<TupleObject*>(item.get())->items;
        if (!is_str(f[0])) raisef(types.TypeError, "action must be a string, not '{}'", f[0]->type->name);
        bool good_message = filter_matches(f[1], text);
        bool good_module = filter_matches(f[3], module);
        bool subclass = f[2]->type->has(TF_TYPE_SUBCLASS) && category->is_subtype(static_cast<TypeObject*>(f[2]));
        std::int64_t line = as_index(f[4]);
        if (good_message && subclass && good_module && (line == 0 || line == lineno)) return {share(f[0]), item};
    }
    Ref<> action = warnings_attr("_defaultaction");
    return {action ? std::move(action) : share(st.default_action), share(consts.None)};
}

// already_warned: a registry stamped with another filters version is
// cleared first.
bool already_warned(DictObject* registry, Object* key, bool set) {
    std::int64_t version = warnings_state().filters_version;
    Object* stamp = dict_get(registry, "version");
    if (!stamp || stamp->type != types.int_ || int_value(stamp) != version) {
        registry->table.clear();
        dict_set(registry, "version", new_int(version).get());
    } else if (Object* seen = dict_get(registry, key); seen && truthy(seen)) {
        return true;
    }
    if (set) dict_set(registry, key, consts.True);
    return false;
}

// call_show_warning: warnings._showwarnmsg(WarningMessage(...)) when the
// warnings module is imported, else the C writer (show_warning).
void show_warning(Object* message, TypeObject* category, Object* text, Object* filename, Object* lineno,
                  Object* source) {
    if (Ref<> show = warnings_attr("_showwarnmsg")) {
        Ref<> message_class = getattr(dict_get(rt().modules, "warnings"), "WarningMessage");
        Ref<> msg = call(message_class.get(), {message, category, filename, lineno, consts.None, consts.None,
                                               source ? source : consts.None});
        call(show.get(), {msg.get()});
        return;
    }
    ErrorWriter out;
    const std::string& file = str_value(filename);
    out.write(fmt::format("{}:{}: {}: {}\n", file, int_value(lineno), category->name, str_string(text)));
    if (std::string src = source_line(file, static_cast<int>(int_value(lineno))); !src.empty()) {
        rt().charge_source_line();
        out.write("  " + src + "\n");
    }
}

}  // namespace

bool warning_shown(TypeObject* category, const std::string& message) {
    Ref<> text = new_str(message);
    Ref<> module = new_str("__main__");
    if (Frame* f = rt().thread().current_frame)
        if (Object* name = dict_get(f->globals, "__name__"); name && is_str(name)) module = share(name);
    int line = rt().thread().current_frame ? rt().thread().current_frame->line() : 0;
    return str_value(filter_action(category, text.get(), line, module.get()).action.get()) != "ignore";
}

void filters_mutated() { ++warnings_state().filters_version; }

Object* warnings_filters() { return warnings_state().filters; }
Object* warnings_once_registry() { return warnings_state().once_registry; }
Object* warnings_default_action() { return warnings_state().default_action; }

void warn_explicit(Object* message, TypeObject* category, Object* filename, std::int64_t lineno, Object* module,
                   DictObject* registry, Object* source) {
    Ref<> text;
    Ref<> warning;
    if (is_instance_of(message, types.Warning)) {
        text = new_str(str_string(message));
        category = message->type;
        warning = share(message);
    } else {
        text = share(message);
        warning = call(category, {message});
    }
    Ref<> lineno_object = new_int(lineno);
    Ref<TupleObject> key = tuple_of({text.get(), category, lineno_object.get()});
    if (registry && already_warned(registry, key.get(), false)) return;
    FilterMatch match = filter_action(category, text.get(), lineno, module);
    const std::string& what = str_value(match.action.get());
    if (what == "error") raise(std::move(warning));
    if (what == "ignore") return;
    if (what != "always") {
        if (registry) dict_set(registry, key.get(), consts.True);
        bool seen = false;
        if (what == "once" || what == "module") {
            DictObject* once = registry;
            if (!once && what == "once") once = static_cast<DictObject*>(warnings_state().once_registry);
            Ref<TupleObject> alt_key = tuple_of({text.get(), category});
            if (once) seen = already_warned(once, alt_key.get(), true);
        } else if (what != "default") {
            raisef(types.RuntimeError, "Unrecognized action ({}) in warnings.filters:\n {}",
                   repr_string(match.action.get()), repr_string(match.item.get()));
        }
        if (seen) return;
    }
    show_warning(warning.get(), category, text.get(), filename, lineno_object.get(), source);
}

// do_warn: setup_context asks the thread for its frame object (made if the
// frame had none), walks `stack_level` - 1 callers back, and finds that
// module's __warningregistry__ (made if missing); outside any frame the
// location is sys's (the profile's form).
void do_warn(Object* message, TypeObject* category, std::int64_t stack_level, Object* source) {
    Frame* f = rt().thread().current_frame;
    if (f) frame_object(f);
    while (--stack_level > 0 && f) {
        f = f->previous;
        if (f) frame_object(f);
    }
    const Profile& profile = rt().profile();
    DictObject* globals = f ? f->globals : rt().sys->dict;
    Ref<> filename = f ? share<Object>(f->code->filename) : Ref<>(new_str(profile.warning_file_without_frame));
    std::int64_t line = f ? f->line() : profile.warning_line_without_frame;
    Ref<> registry = share(dict_get(globals, "__warningregistry__"));
    if (!registry || !is_dict(registry.get())) {
        registry = new_dict();
        dict_set(globals, "__warningregistry__", registry.get());
    }
    Ref<> module = share(dict_get(globals, "__name__"));
    if (!module || !is_str(module.get())) module = new_str("<string>");
    warn_explicit(message, category, filename.get(), line, module.get(), static_cast<DictObject*>(registry.get()),
                  source);
}

void warn(TypeObject* category, const std::string& message, Object* source) {
    Ref<> text = new_str(message);
    do_warn(text.get(), category, 1, source);
}

void write_unraisable(std::string_view header_format, Object* obj, Object* exc) {
    const Profile& profile = rt().profile();
    // An exception raised outside any frame gets the current frame as its
    // traceback (CPython's _PyErr_WriteUnraisableMsg).
    auto* e = static_cast<BaseExceptionObject*>(exc);
    if (!e->traceback && profile.unraisable_gets_current_frame)
        if (Frame* f = rt().thread().current_frame) {
            FrameObject* fo = frame_object(f);
            incref(fo);
            e->traceback = make<TracebackObject>(types.traceback, nullptr, fo, f->lasti, f->line()).release();
        }
    if (profile.unraisable_c_writer) {
        print_unraisable_c(exc, header_format, obj);
        return;
    }
    std::string what = repr_or_failed(obj);
    ErrorWriter out;
    if (!header_format.empty()) out.write(fmt::format(fmt::runtime(header_format), what) + "\n");
    rt().on_first_unraisable();
    if (profile.unraisable_chain) {
        std::set<Object*> seen;
        print_chain(out, exc, seen);
    } else {
        print_one(out, exc);
    }
}

}  // namespace vm
