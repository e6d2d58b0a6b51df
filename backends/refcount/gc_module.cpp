// The refcount manager's part of the gc module: control of the cycle
// collector (CPython 3.11's Modules/gcmodule.c, with its argument checking
// and messages).
#include <climits>

#include "collector.hpp"
#include "manager.hpp"
#include "vm/api.hpp"

namespace refcount {

namespace {

using vm::Args;
using vm::Object;
using vm::Ref;

Manager& self_of(void* data) { return *static_cast<Manager*>(data); }

// Argument Clinic's int converter (_PyLong_AsInt).
int clinic_int(Object* o) {
    std::int64_t v = vm::as_index(o);
    if (v < INT_MIN || v > INT_MAX) vm::raise(vm::types.OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(v);
}

// gc.collect(generation=2): 0 without collecting when a collection is
// already running (a __del__ calling gc.collect()).
Ref<> gc_collect(Object*, Args args, void* data) {
    Manager& gc = self_of(data);
    if (args.nargs + args.nkw() > 1)
        vm::raisef(vm::types.TypeError, "collect() takes at most 1 argument ({} given)", args.nargs + args.nkw());
    if (args.nkw() && vm::str_value(args.kwnames->items[0]) != "generation")
        vm::raisef(vm::types.TypeError, "'{}' is an invalid keyword argument for collect()",
                   vm::str_value(args.kwnames->items[0]));
    int generation = args.total() ? clinic_int(args.items[0]) : NUM_GENERATIONS - 1;
    if (generation < 0 || generation >= NUM_GENERATIONS) vm::raise(vm::types.ValueError, "invalid generation");
    std::int64_t n = 0;
    if (!gc.collecting) {
        gc.collecting = true;
        n = collect_with_callback(gc, generation);
        gc.collecting = false;
    }
    return gc.collect_returns_count ? vm::new_int(n) : vm::new_none();
}

Ref<> gc_enable(Object*, Args args, void* data) {
    vm::check_nargs("gc.enable", args, 0, 0);
    self_of(data).enabled = true;
    return vm::new_none();
}

Ref<> gc_disable(Object*, Args args, void* data) {
    vm::check_nargs("gc.disable", args, 0, 0);
    self_of(data).enabled = false;
    return vm::new_none();
}

Ref<> gc_isenabled(Object*, Args args, void* data) {
    vm::check_nargs("gc.isenabled", args, 0, 0);
    return vm::new_bool(self_of(data).enabled);
}

}  // namespace

void Manager::register_gc_module(vm::NativeModule& gc) {
    gc.add_function("collect", &gc_collect, this);
    gc.add_function("enable", &gc_enable, this);
    gc.add_function("disable", &gc_disable, this);
    gc.add_function("isenabled", &gc_isenabled, this);
    if (!garbage) garbage = vm::new_list().release();
    if (!callbacks) callbacks = vm::new_list().release();
    gc.add("garbage", garbage);
    gc.add("callbacks", callbacks);
}

}  // namespace refcount
