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
        if (!stream_ || text.empty()) return;
        Ref<> s = new_str(std::string(text));
        file_write(stream_.get(), s.get());
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

void print_traceback(ErrorWriter& out, Object* tb) {
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
            out.write("    " + src + "\n");
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

// The exception's line: its module and "." (not for builtins, nor for
// __main__ unless the profile shows it), its name, ": " and its str()
// (": " only before a str() that is not empty, unless `colon_always`, as
// the unraisable hook's C writer does).
std::string exception_line(Object* exc, bool colon_always) {
    TypeObject* t = exc->type;
    std::string name = t->qualname;
    std::string module = t->module;
    if (t->has(TF_HEAPTYPE))
        if (Object* m = dict_get(t->dict, ids.module); m && is_str(m)) module = str_value(m);
    if (module != "builtins" && (module != "__main__" || rt().profile().main_module_in_exception_names))
        name = module + "." + name;
    std::string value;
    try {
        value = str_string(exc);
    } catch (const PyException&) {
        take_exception();
        value = "<exception str() failed>";
    }
    value += name_suggestion(exc);
    return value.empty() && !colon_always ? name + "\n" : name + ": " + value + "\n";
}

void print_one(ErrorWriter& out, Object* exc, bool colon_always = false) {
    if (Object* tb = as_exc(exc)->traceback) print_traceback(out, tb);
    out.write(exception_line(exc, colon_always));
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

// The action of CPython's default filters (_warnings.c, init_filters):
// DeprecationWarning is shown only in __main__; PendingDeprecationWarning,
// ImportWarning and ResourceWarning are ignored; the rest are shown once
// per location ("default").
bool ignored_by_default(TypeObject* category, Object* module) {
    if (category->is_subtype(types.DeprecationWarning))
        return !(module && is_str(module) && str_value(module) == "__main__");
    for (TypeObject* ignored : {types.ResourceWarning, types.PendingDeprecationWarning, types.ImportWarning})
        if (category->is_subtype(ignored)) return true;
    return false;
}

}  // namespace

// do_warn: setup_context asks the thread for its frame object (made if the
// frame had none) and finds the module's __warningregistry__ (made if
// missing); warn_explicit makes the warning, its key (text, category,
// lineno), stamps the registry with the filters' version, and, unless
// the filter ignores it, records the key and shows the warning.
void warn(TypeObject* category, const std::string& message) {
    Frame* f = rt().thread().current_frame;
    if (f) frame_object(f);
    DictObject* globals = f ? f->globals : rt().sys->dict;
    std::string file = f ? str_value(f->code->filename) : "sys";
    int line = f ? f->line() : 1;
    Ref<> registry = share(dict_get(globals, "__warningregistry__"));
    if (!registry || !is_dict(registry.get())) {
        registry = new_dict();
        dict_set(globals, "__warningregistry__", registry.get());
    }
    auto* reg = static_cast<DictObject*>(registry.get());
    Ref<> text = new_str(message);
    Ref<> warning = call(category, {text.get()});
    Ref<> lineno = new_int(line);
    Ref<TupleObject> key =
        new_tuple({share(text.get()).release(), share<Object>(category).release(), share(lineno.get()).release()});
    // The model has no warnings module, so its filters are never mutated:
    // their version stays 0.
    Object* version = dict_get(reg, "version");
    if (!version || !is_int(version) || int_value(version) != 0) {
        reg->table.clear();
        dict_set(reg, "version", new_int(0).get());
    }
    if (Object* seen = dict_get(reg, key.get()); seen && truthy(seen)) return;
    if (ignored_by_default(category, dict_get(globals, "__name__"))) return;
    dict_set(reg, key.get(), consts.True);
    ErrorWriter out;
    out.write(fmt::format("{}:{}: {}: {}\n", file, line, category->name, message));
    if (std::string src = source_line(file, line); !src.empty()) {
        rt().charge_source_line();
        out.write("  " + src + "\n");
    }
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
    Ref<> hook_args;
    if (profile.unraisable_c_writer) hook_args = make<Atom>(types.unraisable_hook_args);
    ErrorWriter out;
    std::string what;
    try {
        what = repr_string(obj);
    } catch (const PyException&) {
        take_exception();
        what = "<object repr() failed>";
    }
    if (!header_format.empty()) out.write(fmt::format(fmt::runtime(header_format), what) + "\n");
    rt().on_first_unraisable();
    if (profile.unraisable_chain) {
        std::set<Object*> seen;
        print_chain(out, exc, seen);
    } else {
        print_one(out, exc, profile.unraisable_c_writer);
    }
}

}  // namespace vm
