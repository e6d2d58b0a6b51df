// The tracing manager's part of the gc module, as pypy/module/gc has it
// (interp_gc.py): collect() returns None and ignores its argument,
// enable()/disable() govern major collections and finalizers, the
// finalizers' own nesting switch, and gc.garbage, always empty. The VM
// adds get_objects, get_referents and get_referrers.
#include "manager.hpp"

#include "vm/api.hpp"

namespace tracing {

namespace {

Manager* self_of(void* data) { return static_cast<Manager*>(data); }

// gc.collect(generation=0): "The optional argument is ignored" (but must
// be an int).
vm::Ref<> gc_collect(vm::Object*, vm::Args args, void* data) {
    vm::Object* generation = nullptr;
    vm::parse_args("collect", args, {"generation"}, 0, {&generation});
    if (generation) vm::as_index(generation);
    self_of(data)->collect();
    return vm::new_none();
}

vm::Ref<> gc_enable(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("enable", args, 0, 0);
    self_of(data)->enable();
    return vm::new_none();
}

vm::Ref<> gc_disable(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("disable", args, 0, 0);
    self_of(data)->disable();
    return vm::new_none();
}

vm::Ref<> gc_isenabled(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("isenabled", args, 0, 0);
    return vm::new_bool(self_of(data)->isenabled());
}

vm::Ref<> gc_enable_finalizers(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("enable_finalizers", args, 0, 0);
    self_of(data)->enable_finalizers();
    return vm::new_none();
}

vm::Ref<> gc_disable_finalizers(vm::Object*, vm::Args args, void* data) {
    vm::check_nargs("disable_finalizers", args, 0, 0);
    self_of(data)->disable_finalizers();
    return vm::new_none();
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
    for (const char* name : {"get_stats", "collect_step", "dump_rpy_heap", "hooks"})
        gc.add_function(name, &gc_not_modeled, const_cast<char*>(name));
    if (!garbage_) garbage_ = vm::new_list().release();
    gc.add("garbage", garbage_);
}

}  // namespace tracing
