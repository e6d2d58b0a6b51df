// refcount::Manager: allocation lists, deallocation in CPython's order, the
// trashcan, and the manager's part of the gc module.
#include "manager.hpp"

#include "vm/api.hpp"

namespace refcount {

using vm::Object;

Manager::Manager(const vm::Profile& profile) : collect_returns_count(profile.gc_collect_returns_count) {
    for (GcHeader& g : generations) gc_list_init(&g);
    gc_list_init(&untracked);
}

Manager::~Manager() = default;

void Manager::on_allocate(Object* obj, bool tracked) {
    if (tracked) {
        obj->gc.bits |= vm::GC_TRACKED;
        gc_list_append(&obj->gc, &generations[0]);
    } else {
        gc_list_append(&obj->gc, &untracked);
    }
}

void Manager::track(Object* obj) {
    if (obj->gc.bits & vm::GC_TRACKED) return;
    obj->gc.bits |= vm::GC_TRACKED;
    gc_list_move(&obj->gc, &generations[0]);
}

void Manager::untrack(Object* obj) {
    if (!(obj->gc.bits & vm::GC_TRACKED)) return;
    obj->gc.bits &= ~vm::GC_TRACKED;
    gc_list_move(&obj->gc, &untracked);
}

void Manager::on_zero_refcount(Object* obj) {
    if (tearing_down_) return;
    dealloc(obj);
}

// Py_TRASHCAN_BEGIN/END around the deallocation of a container: past the
// nesting limit the object is deposited; the outermost deallocation frees
// the deposited ones, last deposited first.
void Manager::dealloc(Object* obj) {
    if (!vm::is_gc(obj)) {
        dealloc_body(obj);
        return;
    }
    if (delete_nesting_ >= TRASHCAN_DEPTH) {
        delete_later_.push_back(obj);
        return;
    }
    ++delete_nesting_;
    dealloc_body(obj);
    --delete_nesting_;
    if (delete_nesting_ == 0 && !delete_later_.empty()) destroy_chain();
}

void Manager::destroy_chain() {
    ++delete_nesting_;
    while (!delete_later_.empty()) {
        Object* obj = delete_later_.back();
        delete_later_.pop_back();
        dealloc_body(obj);
    }
    --delete_nesting_;
}

// subtype_dealloc (and the dealloc functions of the builtin types that have
// a finalizer or weakrefs): the finalizer, once, with the object
// temporarily resurrected; then weakrefs cleared and their callbacks run
// (before the finalizer for generators); then the object's references are
// released and its memory freed; then its type reference.
void Manager::dealloc_body(Object* obj) {
    vm::TypeObject* type = obj->type;
    bool tracked = obj->gc.bits & vm::GC_TRACKED;
    if (tracked) untrack(obj);
    bool weakrefs_first = type->has(vm::TF_CLEARS_WEAKREFS_FIRST);
    if (weakrefs_first && obj->weaklist) vm::clear_weakrefs_and_call_callbacks(obj);
    bool has_finalizer = vm::has_finalizer(obj);
    if (has_finalizer && !obj->finalized()) {
        obj->refcnt = 1;
        if (tracked) track(obj);
        vm::run_finalizer(obj);
        if (--obj->refcnt != 0) return;  // resurrected: as if the decref never happened
        if (tracked) untrack(obj);
    }
    if (!weakrefs_first && obj->weaklist) vm::clear_weakrefs_and_call_callbacks(obj);
    if (has_finalizer) vm::clear_weakrefs_silently(obj);  // made by the callbacks
    vm::release_refs(obj);
    gc_list_remove(&obj->gc);
    vm::destroy(obj);
    vm::decref(type);
}

// ---- the gc module --------------------------------------------------------------------

namespace {

Manager* self_of(void* data) { return static_cast<Manager*>(data); }

// gc.collect(generation=2). Until the cycle collector exists there is never
// anything cyclic to find: CPython then returns 0.
vm::Ref<> gc_collect(Object*, vm::Args args, void* data) {
    Object* generation = nullptr;
    vm::parse_args("collect", args, {"generation"}, 0, {&generation});
    std::int64_t g = generation ? vm::as_index(generation) : Manager::NUM_GENERATIONS - 1;
    if (g < 0 || g >= Manager::NUM_GENERATIONS) vm::raise(vm::types.ValueError, "invalid generation");
    return self_of(data)->collect_returns_count ? vm::new_int(0) : vm::new_none();
}

vm::Ref<> gc_enable(Object*, vm::Args args, void* data) {
    vm::check_nargs("enable", args, 0, 0);
    self_of(data)->enabled = true;
    return vm::new_none();
}

vm::Ref<> gc_disable(Object*, vm::Args args, void* data) {
    vm::check_nargs("disable", args, 0, 0);
    self_of(data)->enabled = false;
    return vm::new_none();
}

vm::Ref<> gc_isenabled(Object*, vm::Args args, void* data) {
    vm::check_nargs("isenabled", args, 0, 0);
    return vm::new_bool(self_of(data)->enabled);
}

}  // namespace

void Manager::register_gc_module(vm::NativeModule& gc) {
    gc.add_function("collect", &gc_collect, this);
    gc.add_function("enable", &gc_enable, this);
    gc.add_function("disable", &gc_disable, this);
    gc.add_function("isenabled", &gc_isenabled, this);
    if (!garbage_) garbage_ = vm::new_list().release();
    gc.add("garbage", garbage_);
}

// _PyGC_CollectNoFail at exit: the cycle collector's; nothing yet.
void Manager::collect_at_exit() {}

// ---- the heap ---------------------------------------------------------------------------

void Manager::for_each_object(const std::function<void(Object*)>& fn) {
    for (GcHeader& g : generations) gc_list_for_each(&g, fn);
    gc_list_for_each(&untracked, fn);
}

// Frees everything: first every object drops its references (nothing dies,
// since nothing is freed), then the memory goes.
void Manager::free_all() {
    tearing_down_ = true;
    std::vector<Object*> all;
    for_each_object([&](Object* o) { all.push_back(o); });
    std::vector<void (*)(Object*)> destroyers;
    for (Object* o : all) destroyers.push_back(o->type->layout->destroy);  // before any type is freed
    for (Object* o : all) vm::release_refs(o);
    for (std::size_t i = 0; i < all.size(); ++i) destroyers[i](all[i]);
    for (GcHeader& g : generations) gc_list_init(&g);
    gc_list_init(&untracked);
    garbage_ = nullptr;
}

}  // namespace refcount
