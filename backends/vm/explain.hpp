// The explain trace (`pymodel --explain=FILE`): the memory events of a run,
// in order, each with the source line that was running. The VM and the
// managers report to the one sink, g_explain, which is null when no trace
// is asked for: each event site is one branch on that pointer, and nothing
// is formatted. The sink never allocates a VM object, moves a reference
// count or runs Python code, so a run writes the same output with and
// without it. The trace format: backends/vm/README.md, "The explain trace".
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace vm {

struct Object;
struct FileIOObject;
struct TypeObject;
class Explain;

// The sink, or null (no trace).
extern Explain* g_explain;

class Explain {
  public:
    // Writes the trace to `out`, which the caller owns and closes.
    explicit Explain(std::FILE* out) : out_(out) {}

    // What happens before the program's first line is the runtime's own
    // start-up: events are written from start() on.
    void start();
    // Writes the line held back (see write()): call it when the run is over.
    void finish();

    // ---- objects --------------------------------------------------------------------------------
    // `o` dies now: by its reference count, or by the collection in progress.
    void freed(Object* o);
    // Its finalizer made `o`, whose count had reached zero, referenced again.
    void resurrected(Object* o);

    // ---- collections ----------------------------------------------------------------------------
    // A collection starts: `kind` ("generation 2", "minor", "major") and why,
    // as the manager sees it ("threshold", "nursery full"); a CollectionTrigger
    // in scope, or a finalizer running, says more.
    void collection_started(std::string kind, const char* why);
    // What it found unreachable; what of that its finalizers resurrected (on
    // PyPy, kept alive for their queued finalizers).
    void collection_found(const std::vector<Object*>& unreachable);
    void collection_resurrected(const std::vector<Object*>& objects);
    // It ends, having freed `freed` objects (the manager's count).
    void collection_finished(std::int64_t freed);

    // ---- finalizers and weakrefs ----------------------------------------------------------------
    // A finalizer of `o` runs between these two (nested calls nest).
    void finalizer_started(Object* o);
    void finalizer_finished();
    // PyPy: a collection put the finalizer of `o`, or with
    // `weakref_callbacks` the callbacks of the weakrefs to `o` (its
    // lifeline's), in the queue; the queue runs them later.
    void finalizer_queued(Object* o, bool weakref_callbacks);
    // The weakrefs to `referent` are cleared (it is dying).
    void weakrefs_cleared(Object* referent);
    // A weakref callback is called.
    void weakref_callback(Object* callback);

    // ---- files ----------------------------------------------------------------------------------
    // `bytes` bytes reach the file's descriptor; the descriptor is closed.
    // The standard streams are not reported.
    void file_flushed(FileIOObject* raw, std::size_t bytes);
    void file_closed(FileIOObject* raw);

    // ---- exit -----------------------------------------------------------------------------------
    // The program's code has returned (or raised): an exit phase starts.
    void exit_phase(const char* phase);
    // The heap when the runtime frees everything without running anything:
    // the trace names what is left of the objects it names.
    void left_alive(const std::vector<Object*>& objects);

    // ---- scopes ---------------------------------------------------------------------------------
    // What happens inside a scope happens for it: a Trigger says why the
    // collections in it start (gc.collect(), exit); PyPy's finalizer queue
    // runs its finalizers; the exit flush list flushes files. Collections and
    // finalizers open their own scopes. Used through ExplainScope.
    enum class ScopeKind { Trigger, Collection, Finalizer, FinalizerQueue, FlushList };
    void push_scope(ScopeKind kind, const char* why);
    void pop_scope();

  private:
    struct Scope {
        ScopeKind kind;
        std::string cause;  // what frees, finalizes or closes inside it
        Object* subject = nullptr;  // the finalized object
    };
    void push(ScopeKind kind, std::string cause, Object* subject = nullptr);
    // The innermost collection's or finalizer queue's name; "refcount".
    const std::string& cause() const;
    // Who flushes or closes a file now.
    std::string file_cause() const;
    std::string label(Object* o) const;
    std::string labels(const std::vector<Object*>& objects) const;
    // Lines are held back one at a time: a line the same as the one before
    // (a loop freeing unnamed objects, say) is counted, and written once as
    // `WHERE: EVENT [N times]`, which keeps such a trace short to write and
    // to read.
    void write(const std::string& event);
    void write_held();
    // The running frame's file and line, as a line is written with them.
    struct Where {
        const std::string& file;
        int line;
        std::size_t thread;  // 0: the main thread; N: the Nth the program started
    };
    Where where() const;

    std::FILE* out_;
    // The last line, not written yet, and how many times it came: the
    // running frame's file (copied: the code may die first) and line, or no
    // file and line 0 for <start>, -1 for <exit>.
    std::string held_file_;
    int held_line_ = 0;
    std::size_t held_thread_ = 0;
    std::string held_event_;
    std::string event_buffer_;  // freed()'s line, built in place
    // When the held line is freed()'s `free NAME (CAUSE)` of an object its
    // type's name describes: that type, NAME and CAUSE, which a repeat is
    // compared with instead of the line's text; null otherwise.
    const TypeObject* held_type_ = nullptr;
    std::string held_type_name_, held_cause_;
    std::size_t held_times_ = 0;
    bool started_ = false;
    const char* phase_ = nullptr;  // the exit phase; null while the program runs
    std::vector<Scope> scopes_;
    // The labels of a collection's garbage, taken before it clears them (a
    // cleared instance has no `name` left).
    std::unordered_map<const Object*, std::string> garbage_labels_;
};

// Which objects the trace names when they die, are found unreachable or
// are left at exit: instances of the program's classes, its classes,
// generators and text files. Others are counted, not named.
bool explained(const Object* o);

// A Trigger, FinalizerQueue or FlushList scope (Explain::ScopeKind) for
// the lifetime of the object; nothing when there is no trace.
class ExplainScope {
  public:
    explicit ExplainScope(Explain::ScopeKind kind, const char* why = nullptr) {
        if (g_explain) g_explain->push_scope(kind, why);
    }
    ~ExplainScope() {
        if (g_explain) g_explain->pop_scope();
    }
    ExplainScope(const ExplainScope&) = delete;
    ExplainScope& operator=(const ExplainScope&) = delete;
};

}  // namespace vm
