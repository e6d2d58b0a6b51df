// The refcount manager's part of the gc module: control of the cycle
// collector and what it knows (CPython 3.11's Modules/gcmodule.c, with its
// argument checking and messages). get_objects, and get_referrers in place
// of the VM's, see only the generations, as CPython's do.
#include <array>
#include <climits>

#include "manager.hpp"
#include "vm/manager_api.hpp"

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

// PyArg_ParseTuple's "i".
int parse_tuple_int(Object* o) {
    std::int64_t v = vm::as_index(o);
    if (v > INT_MAX) vm::raise(vm::types.OverflowError, "signed integer is greater than maximum");
    if (v < INT_MIN) vm::raise(vm::types.OverflowError, "signed integer is less than minimum");
    return static_cast<int>(v);
}

Ref<> int_triple(int a, int b, int c) {
    return vm::tuple_of({vm::new_int(a).get(), vm::new_int(b).get(), vm::new_int(c).get()});
}

// Argument Clinic's parsing of one optional argument, by position or by
// the keyword `generation` (_PyArg_UnpackKeywords): the argument, or null.
Object* clinic_generation_arg(const char* fn, Args args) {
    if (args.nargs > 1) vm::raise_arity_error({"gc", fn}, args.nargs);
    if (args.total() > 1)
        vm::raisef(vm::types.TypeError, "{}() takes at most 1 {}argument ({} given)", fn,
                   args.nargs == 0 ? "keyword " : "", args.total());
    if (args.nkw() && vm::str_value(args.kwnames->items[0]) != "generation")
        vm::raise_keyword_error({"gc", fn}, vm::str_value(args.kwnames->items[0]));
    return args.total() ? args.items[0] : nullptr;
}

// What the model cannot answer after the runtime allocated what it does
// not count (Manager::counts_unknown_since): an import the profile has no
// trace of (tools/import_traces), a union type.
[[noreturn]] void unknown_after(const char* what, const std::string& cause) {
    vm::unsupported(fmt::format("{} after {}", what, cause));
}

// gc.collect(generation=2).
Ref<> gc_collect(Object*, Args args, void* data) {
    Manager& gc = self_of(data);
    Object* arg = clinic_generation_arg("collect", args);
    int generation = arg ? clinic_int(arg) : kNumGenerations - 1;
    if (generation < 0 || generation >= kNumGenerations) vm::raise(vm::types.ValueError, "invalid generation");
    if (!gc.counts_unknown_since.empty() && gc.collect_returns_count && !vm::caller_discards_result())
        unknown_after("gc.collect()'s count", gc.counts_unknown_since);
    std::int64_t n = gc.collect(generation);
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

Ref<> gc_get_count(Object*, Args args, void* data) {
    vm::check_nargs("gc.get_count", args, 0, 0);
    if (!self_of(data).counts_unknown_since.empty())
        unknown_after("gc.get_count()", self_of(data).counts_unknown_since);
    Generation* g = self_of(data).generations;
    return int_triple(g[0].count, g[1].count, g[2].count);
}

Ref<> gc_get_threshold(Object*, Args args, void* data) {
    vm::check_nargs("gc.get_threshold", args, 0, 0);
    Generation* g = self_of(data).generations;
    return int_triple(g[0].threshold, g[1].threshold, g[2].threshold);
}

// gc.set_threshold(threshold0[, threshold1[, threshold2]]) (METH_VARARGS):
// each value is stored as soon as it is parsed, as PyArg_ParseTuple does.
// 3.14's incremental collector takes a third value and ignores it.
Ref<> gc_set_threshold(Object*, Args args, void* data) {
    // METH_VARARGS: the tuple of the arguments is an allocation the count sees.
    Ref<vm::TupleObject> argv = vm::positional_tuple(args);
    vm::check_nargs("gc.set_threshold", args, 1, 3);
    Manager& gc = self_of(data);
    for (std::size_t i = 0; i < args.nargs; ++i) {
        int value = parse_tuple_int(args[i]);
        if (static_cast<int>(i) < gc.settable_thresholds) gc.generations[i].threshold = value;
    }
    return vm::new_none();
}

Ref<> gc_get_debug(Object*, Args args, void* data) {
    vm::check_nargs("gc.get_debug", args, 0, 0);
    return vm::new_int(self_of(data).debug);
}

Ref<> gc_set_debug(Object*, Args args, void* data) {
    vm::check_nargs("gc.set_debug", args, 1, 1);
    self_of(data).debug = clinic_int(args[0]);
    return vm::new_none();
}

Ref<> gc_get_stats(Object*, Args args, void* data) {
    vm::check_nargs("gc.get_stats", args, 0, 0);
    auto out = vm::new_list();
    for (const GenerationStats& s : self_of(data).stats) {
        auto d = vm::new_dict();
        vm::dict_set(d.get(), "collections", vm::new_int(s.collections).get());
        vm::dict_set(d.get(), "collected", vm::new_int(s.collected).get());
        vm::dict_set(d.get(), "uncollectable", vm::new_int(s.uncollectable).get());
        vm::list_append(out.get(), d.get());
    }
    return out;
}

// The incremental collector's old[0] and old[1], in that order: the
// visited space is old[visited_space].
std::array<GcHeader*, 2> old_spaces(Manager& gc) {
    GcHeader* visited = &gc.generations[1].head;
    GcHeader* pending = &gc.generations[2].head;
    return gc.visited_space == 0 ? std::array{visited, pending} : std::array{pending, visited};
}

// The lists in the order gc.freeze() and gc.get_objects() take them: the
// generations, or young, old[0] and old[1].
std::array<GcHeader*, kNumGenerations> lists_in_order(Manager& gc) {
    if (!gc.incremental) return {&gc.generations[0].head, &gc.generations[1].head, &gc.generations[2].head};
    auto [old0, old1] = old_spaces(gc);
    return {&gc.generations[0].head, old0, old1};
}

// gc.freeze(): every tracked object moves to the permanent generation,
// which collections ignore (and marks treat as visited).
Ref<> gc_freeze(Object*, Args args, void* data) {
    vm::check_nargs("gc.freeze", args, 0, 0);
    Manager& gc = self_of(data);
    for (GcHeader* list : lists_in_order(gc)) {
        gc_list_for_each(list, [](Object* o) { o->gc.bits |= kGcVisited; });
        gc_list_merge(list, &gc.permanent_generation);
    }
    for (Generation& g : gc.generations) {
        gc.permanent_unmodeled.add(g.unmodeled);
        if (gc.incremental || &g == &gc.generations[0]) g.count = 0;
    }
    return vm::new_none();
}

// gc.unfreeze(): the permanent generation joins the oldest one (the
// visited space).
Ref<> gc_unfreeze(Object*, Args args, void* data) {
    vm::check_nargs("gc.unfreeze", args, 0, 0);
    Manager& gc = self_of(data);
    Generation& oldest = gc.generations[gc.incremental ? 1 : kNumGenerations - 1];
    gc_list_merge(&gc.permanent_generation, &oldest.head);
    oldest.unmodeled.add(gc.permanent_unmodeled);
    return vm::new_none();
}

// gc.get_freeze_count(): exact only while nothing is frozen. gc.freeze()
// takes the start-up's objects too, and the model's start-up makes fewer
// than the runtime's (735 to 3.11's about 4,000; gc.startup_unmodeled
// stands for them in the generations' counts, not as objects), so any
// other count would be wrong (pauses/freeze_after_startup).
Ref<> gc_get_freeze_count(Object*, Args args, void* data) {
    vm::check_nargs("gc.get_freeze_count", args, 0, 0);
    if (!gc_list_is_empty(&self_of(data).permanent_generation))
        vm::unsupported(
            "gc.get_freeze_count() after gc.freeze(): the frozen start-up objects are the runtime's, which the model "
            "does not make");
    return vm::new_int(0);
}

// gc.get_objects(generation=None): the objects of one generation, or of
// all three, in list order (not the frozen ones).
Ref<> gc_get_objects(Object*, Args args, void* data) {
    Manager& gc = self_of(data);
    Object* arg = clinic_generation_arg("get_objects", args);
    std::int64_t generation = -1;
    if (arg && arg != vm::consts.None) {
        if (!arg->type->tp.index)
            vm::raisef(vm::types.TypeError, "argument should be integer or None, not '{}'", vm::type_name(arg));
        generation = vm::as_index(arg);
    }
    if (generation >= kNumGenerations)
        vm::raisef(vm::types.ValueError,
                   "generation parameter must be less than the number of available generations ({})", kNumGenerations);
    if (generation < -1) vm::raise(vm::types.ValueError, "generation parameter cannot be negative");
    auto out = vm::new_list();
    // The incremental collector's generation 1 lists nothing, and 2 both
    // old spaces.
    std::array<GcHeader*, kNumGenerations> lists = lists_in_order(gc);
    for (int i = 0; i < kNumGenerations; ++i) {
        bool wanted = generation == -1 || generation == i || (gc.incremental && generation == 2 && i == 1);
        if (!wanted || (gc.incremental && generation == 1)) continue;
        // The list does not list itself (it is tracked when allocated).
        gc_list_for_each(lists[i], [&](Object* o) {
            if (o != out.get()) vm::list_append(out.get(), o);
        });
    }
    return out;
}

// gc.get_referrers(*objs): the tracked objects, generation by generation,
// whose traverse visits one of `objs`.
Ref<> gc_get_referrers(Object*, Args args, void* data) {
    // METH_VARARGS: CPython passes the arguments in a tuple, which the search sees.
    Ref<vm::TupleObject> argv = vm::positional_tuple(args);
    vm::no_keywords("gc.get_referrers", args);
    for (std::size_t i = 0; i < args.nargs; ++i)
        if (vm::rt().is_code_constant(args[i]))
            vm::unsupported(
                "gc.get_referrers() of a code object's constant (CPython's co_consts tuples and its parser's "
                "arena list, which hold it, are not objects in the model)");
    Manager& gc = self_of(data);
    std::vector<Object*> found;
    for (Generation& g : gc.generations) {
        gc_list_for_each(&g.head, [&](Object* o) {
            if (o != argv.get() && vm::refers_to(o, args)) found.push_back(o);
        });
    }
    return vm::list_of(found);
}

}  // namespace

void Manager::register_gc_module(vm::NativeModule& gc) {
    gc.add_function("collect", &gc_collect, this);
    gc.add_function("enable", &gc_enable, this);
    gc.add_function("disable", &gc_disable, this);
    gc.add_function("isenabled", &gc_isenabled, this);
    gc.add_function("get_count", &gc_get_count, this);
    gc.add_function("get_threshold", &gc_get_threshold, this);
    gc.add_function("set_threshold", &gc_set_threshold, this);
    gc.add_function("get_debug", &gc_get_debug, this);
    gc.add_function("set_debug", &gc_set_debug, this);
    gc.add_function("get_stats", &gc_get_stats, this);
    gc.add_function("freeze", &gc_freeze, this);
    gc.add_function("unfreeze", &gc_unfreeze, this);
    gc.add_function("get_freeze_count", &gc_get_freeze_count, this);
    gc.add_function("get_objects", &gc_get_objects, this);
    gc.add_function("get_referrers", &gc_get_referrers, this);
    for (auto [name, flag] : {std::pair{"DEBUG_STATS", kDebugStats},
                              {"DEBUG_COLLECTABLE", kDebugCollectable},
                              {"DEBUG_UNCOLLECTABLE", kDebugUncollectable},
                              {"DEBUG_SAVEALL", kDebugSaveAll},
                              {"DEBUG_LEAK", kDebugLeak}})
        gc.add(name, vm::new_int(flag).get());
    if (!garbage) garbage = vm::new_list().release();
    if (!callbacks) callbacks = vm::new_list().release();
    gc.add("garbage", garbage);
    gc.add("callbacks", callbacks);
}

}  // namespace refcount
