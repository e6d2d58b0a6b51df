// The explain trace: one line per event, "WHERE: EVENT", WHERE the file and
// line of the running frame (<start> before the program's first line,
// <exit> once its code has returned and no frame runs), and "(thread N)"
// in the Nth thread the program started. Labels are read
// from the objects' fields, never through Python code.
#include "explain.hpp"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

#include "api.hpp"
#include "generator.hpp"
#include "instance.hpp"
#include "io.hpp"
#include "threads.hpp"

namespace vm {

Explain* g_explain = nullptr;

namespace {

// A label names its object in a line: a str is cut here.
constexpr std::size_t kLabelText = 40;
// An unreachable set names this many objects, and counts the rest.
constexpr std::size_t kListedObjects = 20;

bool is_io(const Object* o) {
    const TypeObject* t = o->type;
    return t == types.file_io || t == types.buffered_writer || t == types.buffered_reader || t == types.text_io;
}

bool is_class(const Object* o) { return o->type->has(TF_TYPE_SUBCLASS); }

// The descriptor layer under a text or buffered file, if it is one.
const FileIOObject* raw_file(const Object* o) {
    if (o->type == types.text_io) {
        const Object* buffer = static_cast<const TextIOObject*>(o)->buffer;
        return buffer ? raw_file(buffer) : nullptr;
    }
    if (o->type == types.buffered_writer || o->type == types.buffered_reader) {
        const Object* raw = static_cast<const BufferedObject*>(o)->raw;
        return raw && raw->type == types.file_io ? static_cast<const FileIOObject*>(raw) : nullptr;
    }
    return o->type == types.file_io ? static_cast<const FileIOObject*>(o) : nullptr;
}

// A str, an int, a float, a bool or None: what atom_repr() shows.
bool is_atom(const Object* o) { return o == consts.None || is_int(o) || is_float(o) || is_str(o); }

// repr() of a str, an int, a float, a bool or None; "" for anything else.
std::string atom_repr(const Object* o) {
    if (o == consts.None) return "None";
    if (o->type == types.bool_) return int_value(o) ? "True" : "False";
    if (is_int(o)) return std::to_string(int_value(o));
    if (is_float(o)) return float_repr(static_cast<const FloatObject*>(o)->value);
    if (!is_str(o)) return "";
    const std::string& s = str_value(o);
    if (s.size() <= kLabelText) return quote_str(s);
    return quote_str(s.substr(0, kLabelText)) + "...";
}

// An instance's `name` attribute, read from its storage, if it is an atom.
std::string name_attribute(Object* o) {
    InstanceData* data = instance_data(o);
    if (!data || !ids.name_attr) return "";
    Object* name = instance_get(o, *data, ids.name_attr);
    return name ? atom_repr(name) : "";
}

// Whether describe(o) is its type's name alone (the instances a loop frees
// by the million): no class, function, method, generator, module, file or
// atom, and no atom as its `name`. Nothing is formatted to tell.
bool described_by_type(Object* o) {
    const TypeObject* t = o->type;
    if (is_class(o) || t == types.function || t == types.method || t == types.generator || t == types.module ||
        is_io(o) || is_atom(o))
        return false;
    InstanceData* data = instance_data(o);
    if (!data || !ids.name_attr) return true;
    Object* name = instance_get(o, *data, ids.name_attr);
    return !name || !is_atom(name);
}

std::string describe(Object* o) {
    if (described_by_type(o)) return type_name(o);  // Explain::freed's shortcut relies on this test alone
    if (is_class(o)) return "class " + static_cast<TypeObject*>(o)->qualname;
    if (o->type == types.function) return "function " + str_value(static_cast<FunctionObject*>(o)->qualname);
    if (o->type == types.method) {
        Object* func = static_cast<MethodObject*>(o)->func;
        return "method " + (func->type == types.function ? str_value(static_cast<FunctionObject*>(func)->qualname)
                                                         : type_name(func));
    }
    if (o->type == types.generator) return "generator " + str_value(static_cast<GeneratorObject*>(o)->qualname);
    if (o->type == types.module) return "module " + static_cast<ModuleObject*>(o)->name;
    if (is_io(o)) {  // the text layer is the file; the layers under it say what they are
        const FileIOObject* raw = raw_file(o);
        std::string name = raw && raw->path ? atom_repr(raw->path) : "";
        std::string layer = o->type == types.text_io ? "file" : type_name(o);
        return name.empty() ? layer : layer + " " + name;
    }
    if (std::string atom = atom_repr(o); !atom.empty()) return type_name(o) + " " + atom;
    std::string name = name_attribute(o);
    return name.empty() ? type_name(o) : type_name(o) + " " + name;
}

// The standard streams are not the program's files.
bool is_std_stream(const FileIOObject* raw) { return !raw->closefd && raw->fd >= 0 && raw->fd <= 2; }

}  // namespace

bool explained(const Object* o) {
    const TypeObject* t = o->type;
    if (!t) return false;
    if (t == types.text_io) {
        const FileIOObject* raw = raw_file(o);
        return !raw || !is_std_stream(raw);
    }
    if (t->has(TF_HEAPTYPE) || t == types.generator) return true;
    return is_class(o) && static_cast<const TypeObject*>(o)->has(TF_HEAPTYPE);
}

void Explain::start() { started_ = true; }

void Explain::finish() { write_held(); }

Explain::Where Explain::where() const {
    Frame* f = runtime_exists() ? rt().thread().current_frame : nullptr;
    static const std::string kNoFile;
    std::size_t thread = runtime_exists() ? rt().threads().number(rt().thread()) : 0;
    return {f ? str_value(f->code->filename) : kNoFile, f ? f->line() : phase_ ? -1 : 0, thread};
}

void Explain::write(const std::string& event) {
    if (!started_) return;
    auto [file, line, thread] = where();
    if (held_times_ && line == held_line_ && event == held_event_ && file == held_file_ && thread == held_thread_) {
        ++held_times_;
        return;
    }
    write_held();
    held_file_ = file;
    held_line_ = line;
    held_thread_ = thread;
    held_event_ = event;
    held_times_ = 1;
    held_type_ = nullptr;
}

void Explain::write_held() {
    if (!held_times_) return;
    if (!held_file_.empty()) fmt::print(out_, "{}:{}", held_file_, held_line_);
    else fmt::print(out_, "{}", held_line_ ? "<exit>" : "<start>");
    if (held_thread_) fmt::print(out_, " (thread {})", held_thread_);
    fmt::print(out_, ": {}", held_event_);
    if (held_times_ > 1) fmt::print(out_, " [{} times]", held_times_);
    std::fputc('\n', out_);
    held_times_ = 0;
}

std::string Explain::label(Object* o) const {
    auto it = garbage_labels_.find(o);
    return it != garbage_labels_.end() ? it->second : describe(o);
}

// The objects the trace names, the first few of them, and how many there are.
std::string Explain::labels(const std::vector<Object*>& objects) const {
    std::string out = std::to_string(objects.size());
    std::size_t named = 0, unnamed = 0;
    for (Object* o : objects) {
        if (!explained(o)) {
            ++unnamed;
            continue;
        }
        if (named == kListedObjects) {
            ++unnamed;
            continue;
        }
        out += named++ ? ", " : ": ";
        out += label(o);
    }
    if (named && unnamed) out += fmt::format(" and {} more", unnamed);
    return out;
}

// ---- scopes -------------------------------------------------------------------------------------

void Explain::push(ScopeKind kind, std::string cause, Object* subject) {
    scopes_.push_back(Scope{kind, std::move(cause), subject});
}

void Explain::push_scope(ScopeKind kind, const char* why) {
    switch (kind) {
    case ScopeKind::FinalizerQueue: push(kind, "finalizer queue"); break;
    case ScopeKind::FlushList: push(kind, "exit flush list"); break;
    default: push(kind, why ? why : ""); break;
    }
}

void Explain::pop_scope() {
    if (!scopes_.empty()) scopes_.pop_back();
}

const std::string& Explain::cause() const {
    static const std::string kRefcount = "refcount";
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
        if (it->kind == ScopeKind::Collection || it->kind == ScopeKind::FinalizerQueue) return it->cause;
        if (it->kind == ScopeKind::Finalizer) break;  // what a finalizer's code does, refcounting does
    }
    return kRefcount;
}

// A file's own finalizer flushes and closes it for what ran the finalizer;
// the exit flush list for itself; anything else is the program's doing.
std::string Explain::file_cause() const {
    if (scopes_.empty()) return "program";
    const Scope& inner = scopes_.back();
    if (inner.kind == ScopeKind::FlushList) return inner.cause;
    if (inner.kind == ScopeKind::Finalizer && is_io(inner.subject)) return "finalizer, " + inner.cause;
    return "program";
}

// ---- events -------------------------------------------------------------------------------------

// A loop can free a million objects: an object whose line would repeat the
// one held back is counted without its line being put together
// (allocator/arenas_kept_by_survivors: 2.33 G instructions to 2.13 G, 1.60 G
// without the trace), by the held line's type, name and cause rather than
// its text (a type's name can change: it is compared too); any other line
// is put together in a buffer kept from one call to the next, without fmt
// (a tenth the cost), and compared whole by write().
void Explain::freed(Object* o) {
    if (!explained(o)) return;
    bool by_type = garbage_labels_.empty() && described_by_type(o);
    if (by_type && held_times_ && held_type_ == o->type) {
        auto [file, line, thread] = where();
        if (line == held_line_ && type_name(o) == held_type_name_ && cause() == held_cause_ && file == held_file_ &&
            thread == held_thread_) {
            ++held_times_;
            return;
        }
    }
    std::string& event = event_buffer_;
    event.assign("free ");
    if (garbage_labels_.empty()) {
        event += describe(o);
    } else {
        event += label(o);
        garbage_labels_.erase(o);  // its memory may hold another object next
    }
    event += " (";
    event += cause();
    event += ')';
    write(event);
    if (by_type && held_times_) {  // the held line is now `free NAME (CAUSE)`
        held_type_ = o->type;
        held_type_name_ = type_name(o);
        held_cause_ = cause();
    }
}

void Explain::resurrected(Object* o) {
    if (explained(o)) write(fmt::format("resurrected {} by its finalizer", label(o)));
}

void Explain::collection_started(std::string kind, const char* why) {
    std::string reason = why;
    bool triggered = false;
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
        if (it->kind == ScopeKind::Finalizer) {
            reason += ", from the finalizer of " + label(it->subject);
            break;
        }
        if (it->kind == ScopeKind::Trigger && !triggered) {
            reason = it->cause;
            triggered = true;
        }
    }
    write(fmt::format("start {} ({})", kind, reason));
    push(ScopeKind::Collection, std::move(kind));
}

void Explain::collection_found(const std::vector<Object*>& unreachable) {
    // Clearing the garbage loses only an instance's `name` and a file's
    // layers: other labels are read from what it keeps.
    for (Object* o : unreachable)
        if (explained(o) && (is_io(o) || !name_attribute(o).empty())) garbage_labels_.emplace(o, describe(o));
    write("unreachable " + labels(unreachable));
}

void Explain::collection_resurrected(const std::vector<Object*>& objects) {
    if (!objects.empty()) write("resurrected " + labels(objects));
}

void Explain::collection_finished(std::int64_t freed) {
    std::string kind = scopes_.empty() ? std::string() : scopes_.back().cause;
    write(fmt::format("end {}: {} freed", kind, freed));
    pop_scope();
    bool collecting =
        std::any_of(scopes_.begin(), scopes_.end(), [](const Scope& s) { return s.kind == ScopeKind::Collection; });
    if (!collecting) garbage_labels_.clear();
}

void Explain::finalizer_started(Object* o) {
    std::string by = cause();
    write(fmt::format("finalize {} ({})", label(o), by));
    push(ScopeKind::Finalizer, std::move(by), o);
}

void Explain::finalizer_finished() { pop_scope(); }

void Explain::finalizer_queued(Object* o, bool weakref_callbacks) {
    if (weakref_callbacks) write("queue the weakref callbacks of " + label(o));
    else write("queue the finalizer of " + label(o));
}

void Explain::weakrefs_cleared(Object* referent) {
    std::size_t n = weakref_count(referent);
    write(fmt::format("clear {} weakref{} to {}", n, n == 1 ? "" : "s", label(referent)));
}

void Explain::weakref_callback(Object* callback) { write("call weakref callback " + describe(callback)); }

void Explain::file_flushed(FileIOObject* raw, std::size_t bytes) {
    if (!is_std_stream(raw) && bytes)
        write(fmt::format("flush file {}: {} bytes ({})", atom_repr(raw->path), bytes, file_cause()));
}

void Explain::file_closed(FileIOObject* raw) {
    if (!is_std_stream(raw)) write(fmt::format("close file {} ({})", atom_repr(raw->path), file_cause()));
}

void Explain::exit_phase(const char* phase) {
    phase_ = phase;
    write(fmt::format("exit: {}", phase));
}

void Explain::left_alive(const std::vector<Object*>& objects) {
    std::vector<Object*> named;
    std::copy_if(objects.begin(), objects.end(), std::back_inserter(named), explained);
    write("left alive at exit " + labels(named));
}

}  // namespace vm
