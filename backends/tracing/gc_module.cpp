// The tracing manager's part of the gc module, as pypy/module/gc has it
// (interp_gc.py, referents.py): collect() returns None and ignores its
// argument, enable()/disable() govern major collections and finalizers,
// the finalizers' own nesting switch, gc.garbage, always empty, and
// get_objects and get_referents as PyPy answers them. The VM adds
// get_referrers.
#include "manager.hpp"

#include <algorithm>

#include "vm/manager_api.hpp"

namespace tracing {

namespace {

Manager* self_of(void* data) { return static_cast<Manager*>(data); }

// gc.collect(generation=0): "The optional argument is ignored" (but must
// be an int).
vm::Ref<> gc_collect(vm::Object*, vm::Args args, void* data) {
    vm::Object* generation = nullptr;
    vm::parse_args("gc.collect", args, {"generation"}, 0, {&generation});
    if (generation) vm::as_index(generation);
    self_of(data)->collect();
    return vm::new_none();
}

vm::Ref<> gc_enable(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("gc.enable", args, 0, 0);
    self_of(data)->enable();
    return vm::new_none();
}

vm::Ref<> gc_disable(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("gc.disable", args, 0, 0);
    self_of(data)->disable();
    return vm::new_none();
}

vm::Ref<> gc_isenabled(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("gc.isenabled", args, 0, 0);
    return vm::new_bool(self_of(data)->isenabled());
}

vm::Ref<> gc_enable_finalizers(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("gc.enable_finalizers", args, 0, 0);
    self_of(data)->enable_finalizers();
    return vm::new_none();
}

vm::Ref<> gc_disable_finalizers(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("gc.disable_finalizers", args, 0, 0);
    self_of(data)->disable_finalizers();
    return vm::new_none();
}

// gc.get_objects(generation=None): the objects reachable from the roots.
vm::Ref<> gc_get_objects(vm::Object*, vm::Args args, void* data) {
    vm::Object* generation = nullptr;
    vm::parse_args("gc.get_objects", args, {"generation"}, 0, {&generation});
    if (generation && generation != vm::consts.None)
        vm::raise(vm::types.NotImplementedError, "get_objects(generation=None) accepts only None on PyPy");
    std::vector<vm::Object*> found = self_of(data)->reachable();
    return vm::list_of(found);
}

// gc.get_referents as PyPy answers it: the app-level objects an object's
// storage holds. PyPy's storage strategies keep some values unboxed, and
// those are no objects to it: ints in an instance's attributes and slots
// (mapdict), lists and sets made only of ints, floats or strs, the keys of
// a dict of int keys, pairs of ints or floats. An instance's referents are
// its type, its values and its __dict__ once read. Elsewhere the referents are
// traverse's, plus the str keys that CPython's dict traversal skips.

bool is_exact_int(const vm::Object* o) { return o->type == vm::types.int_; }

bool unboxed_items(std::span<vm::Object* const> items) {
    if (items.empty()) return true;
    vm::TypeObject* t = items[0]->type;
    if (t != vm::types.int_ && t != vm::types.float_ && t != vm::types.str) return false;
    return std::all_of(items.begin(), items.end(), [t](const vm::Object* o) { return o->type == t; });
}

void pypy_referents(vm::Object* o, std::vector<vm::Object*>& out) {
    auto keep_boxed = [&out](vm::Object* v) {
        if (v && !is_exact_int(v)) out.push_back(v);
    };
    if (vm::is_list(o)) {
        const auto& items = static_cast<vm::ListObject*>(o)->items;
        if (!unboxed_items(items)) out.insert(out.end(), items.begin(), items.end());
    } else if (o->type == vm::types.set || o->type == vm::types.frozenset) {
        std::vector<vm::Object*> keys;
        for (const auto& e : static_cast<vm::SetObject*>(o)->table.entries())
            if (e.key) keys.push_back(e.key);
        if (!unboxed_items(keys)) out.insert(out.end(), keys.begin(), keys.end());
    } else if (vm::is_dict(o)) {
        bool int_keys = true;
        vm::dict_for_each(static_cast<vm::DictObject*>(o),
                          [&](vm::Object* k, vm::Object*) { int_keys = int_keys && is_exact_int(k); });
        vm::dict_for_each(static_cast<vm::DictObject*>(o), [&](vm::Object* k, vm::Object* v) {
            if (!int_keys) out.push_back(k);
            out.push_back(v);
        });
    } else if (vm::is_tuple(o) && static_cast<vm::TupleObject*>(o)->size() == 2 &&
               std::all_of(static_cast<vm::TupleObject*>(o)->items.begin(),
                           static_cast<vm::TupleObject*>(o)->items.end(),
                           [](const vm::Object* v) { return is_exact_int(v) || vm::is_float(v); })) {
        // a specialised pair
    } else if (vm::InstanceData* d = o->type->has(vm::TF_HEAPTYPE) ? vm::instance_data(o) : nullptr) {
        out.push_back(o->type);
        if (d->rest)
            for (vm::Object* v : d->rest->slots) keep_boxed(v);
        if (d->dict) vm::dict_for_each(d->dict, [&](vm::Object*, vm::Object* v) { keep_boxed(v); });
        for (vm::Object* v : d->values) keep_boxed(v);
        // A __dict__ once read is kept in the instance's map too.
        if (d->dict) out.push_back(d->dict);
    } else {
        vm::traverse(
            o,
            vm::Visitor{[](vm::Object* r, void* v) { static_cast<std::vector<vm::Object*>*>(v)->push_back(r); }, &out});
    }
}

vm::Ref<> gc_get_referents(vm::Object*, vm::Args args, void*) {
    vm::no_keywords("gc.get_referents", args);
    std::vector<vm::Object*> found;
    for (std::size_t i = 0; i < args.nargs; ++i) pypy_referents(args[i], found);
    return vm::list_of(found);
}

// Functions PyPy has that pymodel does not model (statistics and heap
// dumps of RPython objects).
vm::Ref<> gc_not_modeled(vm::Object*, vm::Args, void* name) {
    vm::unsupported(std::string("gc.") + static_cast<const char*>(name));
}

}  // namespace

void Manager::register_gc_module(vm::NativeModule& gc) {
    gc.add_function("collect", &gc_collect, this);
    gc.add_function("enable", &gc_enable, this);
    gc.add_function("disable", &gc_disable, this);
    gc.add_function("isenabled", &gc_isenabled, this);
    gc.add_function("enable_finalizers", &gc_enable_finalizers, this);
    gc.add_function("disable_finalizers", &gc_disable_finalizers, this);
    gc.add_function("get_objects", &gc_get_objects, this);
    gc.add_function("get_referents", &gc_get_referents, this);
    for (const char* name : {"get_stats", "collect_step", "dump_rpy_heap"})
        gc.add_function(name, &gc_not_modeled, const_cast<char*>(name));
    gc.add_unmodeled("hooks");  // an object whose on_gc_* attributes are set, not a function
    if (!garbage_) garbage_ = vm::new_list().release();
    gc.add("garbage", garbage_);
}

}  // namespace tracing
