// tracing::Manager: PyPy 7.3's memory management (rpython incminimark and
// pypy's finalizer queue). Reference counts mean nothing here: an object
// dies only when a collection finds it unreachable. Young objects live in a
// nursery that a minor collection empties; a major collection, incremental
// and started by an allocation budget or gc.collect(), finds the dead old
// objects, queues their finalizers in PyPy's order and frees the rest; the
// queued finalizers run at the next instruction boundary. See README.md
// beside this file.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/manager_api.hpp"

namespace vm {
struct WeakRefObject;
}

namespace tracing {

// Header bits of this manager (vm/object.hpp reserves bits 2..6).
constexpr std::uintptr_t kGcVisited = 1u << 2;  // reached by the current marking
constexpr std::uintptr_t kGcOrdering = 1u
                                       << 3;  // kept alive only for a finalizer (incminimark's FINALIZATION_ORDERING)
constexpr std::uintptr_t kGcYoung = 1u << 4;  // in the nursery: allocated since the last minor collection
constexpr std::uintptr_t kGcFinalizer = 1u << 5;  // registered in the finalizer list, not queued yet
constexpr std::uintptr_t kGcLifeline = 1u << 6;  // has a lifeline (lifeline_of_)

// PyPy's WeakrefLifeline: the weakrefs with callbacks to one object. It has
// a finalizer of its own, registered when the first of them is made, which
// calls their callbacks, newest first. The object refers to its lifeline,
// so when the object has a finalizer too, the lifeline's runs one
// collection later. The lifeline refers to its weakrefs only weakly.
struct Lifeline {
    vm::Object* target = nullptr;  // null once detached (the object was finalized or freed)
    std::vector<vm::WeakRefObject*> weakrefs;  // creation order; null once dead
    std::uintptr_t bits = 0;  // the header bits above
    bool module_lock = false;  // importlib's: its callback is Python code that shows nothing
    std::string module;  // the module of that lock ("" if the model does not name it)
    std::size_t index = 0;  // in Manager::lifelines_
};

// Weak references to these are cleared: in a minor collection, young
// objects not reached; in a major one, objects not reached or reached only
// from a dying finalizable object (invalidate_old_weakrefs).
inline bool dying_young(std::uintptr_t header) { return (header & kGcYoung) && !(header & kGcVisited); }
inline bool dying_old(std::uintptr_t header) { return (header & (kGcVisited | kGcOrdering)) != kGcVisited; }

// An entry of the finalizer list or queue: an object, or a lifeline
// (tagged by the low bit).
class Finalizable {
  public:
    Finalizable(vm::Object* o) : bits_(reinterpret_cast<std::uintptr_t>(o)) {}
    Finalizable(Lifeline* l) : bits_(reinterpret_cast<std::uintptr_t>(l) | 1) {}
    bool is_lifeline() const { return bits_ & 1; }
    vm::Object* object() const { return reinterpret_cast<vm::Object*>(bits_); }
    Lifeline* lifeline() const { return reinterpret_cast<Lifeline*>(bits_ & ~std::uintptr_t(1)); }
    std::uintptr_t& header() const { return is_lifeline() ? lifeline()->bits : object()->gc.bits; }

  private:
    std::uintptr_t bits_;
};

// The phases of one major collection, one (or more) per minor collection
// (incminimark's gc_state).
enum class GcState { Scanning, Marking, Sweeping, Finalizing };

class Manager final : public vm::MemoryManager {
  public:
    explicit Manager(const vm::Profile& profile);
    ~Manager() override;

    void on_allocate(vm::Object* obj, bool tracked) override;
    void on_zero_refcount(vm::Object*) override {}  // an object dies at a collection only
    void track(vm::Object* obj) override { obj->gc.bits |= vm::kGcTracked; }
    void untrack(vm::Object* obj) override { obj->gc.bits &= ~vm::kGcTracked; }
    void on_weakref_callback(vm::WeakRefObject* wr) override;
    void on_module_lock(std::string_view module) override;
    void on_eval_breaker() override;
    void register_gc_module(vm::NativeModule& gc) override;
    void start_main() override;
    void collect_at_exit() override {}  // PyPy collects nothing at exit
    void free_all() override;
    void for_each_object(const std::function<void(vm::Object*)>& fn) override;

    // gc.collect(): finishes the major collection in progress, does a
    // full one, then runs the queued finalizers before returning.
    void collect();
    // gc.enable()/gc.disable(): major collections (not minor ones) and
    // finalizers; gc.enable_finalizers()/disable_finalizers() nest.
    void enable();
    void disable();
    bool isenabled() const { return finalizers_enabled_at_app_level_; }
    void enable_finalizers();
    void disable_finalizers();

    // What the collector has seen, for tests and gc.get_stats().
    struct Stats {
        std::size_t minor_collections = 0;
        std::size_t major_collections = 0;
        std::int64_t old_bytes = 0;  // old generation (arenas + raw), as get_total_memory_used()
        std::int64_t threshold = 0;  // next_major_collection_threshold
        std::int64_t peak_old_bytes = 0;
    };
    const Stats& stats() const { return stats_; }
    // Every object reachable from the roots, in heap order (gc.get_objects
    // walks them from the roots); leaves no mark.
    std::vector<vm::Object*> reachable();
    GcState state() const { return state_; }
    std::size_t queued() const { return queue_.size(); }

  private:
    // allocation (manager.cpp)
    std::int64_t size_of(vm::Object* o) const;
    // collections (manager.cpp)
    void minor_collection();
    void minor_collection_with_major_progress();
    void major_collection_step();
    void mark_and_sweep();
    bool threshold_reached() const { return stats_.old_bytes > stats_.threshold; }
    void set_major_threshold_from(double threshold);
    void free_objects(const std::vector<vm::Object*>& dead);
    // marking (manager.cpp)
    void compute_external_refs(const std::vector<vm::Object*>& objects, std::uintptr_t scope);
    void mark_from_roots(const std::vector<vm::Object*>& heap);
    void explain_unreachable(const std::vector<vm::Object*>& heap);
    void visit_all(std::vector<Finalizable>& stack);
    // Calls fn(child) for each node n refers to: an object's references,
    // and its lifeline (a lifeline refers to nothing strongly).
    template <class F> void for_each_child(Finalizable n, F&& fn) {
        if (n.is_lifeline()) return;
        vm::Object* o = n.object();
        vm::traverse(o, vm::Visitor{[](vm::Object* t, void* f) { (*static_cast<F*>(f))(Finalizable(t)); }, &fn});
        if (o->gc.bits & kGcLifeline) fn(Finalizable(lifeline_of_.at(o)));
    }
    // finalizers (finalizers.cpp)
    bool registers_finalizer(vm::Object* o) const;
    bool finalizer_ignored(Finalizable f) const;
    void forget_finalizers_of(const std::vector<vm::Object*>& dead);
    void deal_with_young_finalizers();
    void deal_with_objects_with_finalizers();
    void bump_from_2_to_3(Finalizable x);
    void invalidate_weakrefs(const std::vector<vm::Object*>& objects, bool (*dying)(std::uintptr_t header));
    Lifeline* new_lifeline(vm::Object* target);
    void detach_lifeline(vm::Object* o);
    void queue_finalizer(Finalizable f);
    void execute_finalizers();
    void fire();
    void run_finalizers();
    void call_finalizer(Finalizable f);
    void run_lifeline(Lifeline* l);
    bool gc_disabled(Finalizable f);
    void forget_lifeline(Lifeline* l);

    const vm::Profile::Tracing params_;

    // The heap: every object from on_allocate until it is freed.
    std::vector<vm::Object*> young_;  // the nursery, allocation order
    std::vector<vm::Object*> old_;
    std::int64_t nursery_used_ = 0;  // bytes allocated since the last minor collection
    bool minor_requested_ = false;  // the nursery is full: collect at the next safepoint

    // Finalizers.
    std::vector<Finalizable> finalizers_;  // registration order (old_objects_with_finalizers)
    std::deque<Finalizable> queue_;  // to run, FIFO; objects counted (finalizer_queue)
    std::vector<Finalizable> deferred_;  // gc.disable()d: run at enable (pending_with_disabled_del)
    std::unordered_map<vm::Object*, Lifeline*> lifeline_of_;
    std::vector<Lifeline*> lifelines_;  // all of them (owned)
    // importlib's _module_locks: for each module, the last lock's lifeline
    // and the minor collection count when it was made (the lock is garbage
    // at once and found dead by the next one).
    struct ModuleLock {
        Lifeline* lifeline = nullptr;
        std::size_t made_at_minor = 0;
    };
    std::unordered_map<std::string, ModuleLock> module_locks_;
    bool pending_ = false;  // UserDelAction fired: drain at the next boundary
    bool finalizers_enabled_at_app_level_ = true;
    int finalizers_lock_count_ = 0;
    bool majors_enabled_ = true;  // rgc.enable()/rgc.disable()

    // The major collection in progress.
    GcState state_ = GcState::Scanning;
    int steps_left_ = 0;  // marking or sweeping steps before the next state
    std::int64_t size_made_old_ = 0;  // bytes surviving minor collections since it started
    std::int64_t threshold_made_old_ = 0;
    std::int64_t nursery_surviving_ = 0;  // bytes the last minor collection kept
    std::int64_t kept_alive_by_finalizer_ = 0;
    std::int64_t live_bytes_ = 0;  // old bytes after the last major collection
    std::int64_t threshold_initial_ = 0;  // next_major_collection_initial
    Stats stats_;

    vm::Object* garbage_ = nullptr;  // gc.garbage (counted), always empty
};

}  // namespace tracing
