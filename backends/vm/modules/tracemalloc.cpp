// The tracemalloc module, on the VM's traces (tracemalloc.hpp): start,
// stop, the traced memory and its peak. Snapshots and tracebacks are not
// modeled: calling them stops the program as unsupported (allocator.md),
// but get_object_traceback while not tracing (None), which warnings asks.
#include "../api.hpp"
#include "../heap.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// The frames a trace keeps: tracemalloc's max_nframe.
std::int64_t traceback_limit = 1;

Ref<> t_start(Object*, Args args, void*) {
    Object* nframe = nullptr;
    parse_args("tracemalloc.start", args, {"nframe"}, 0, {&nframe});
    std::int64_t frames = nframe ? as_index(nframe) : 1;
    if (frames < 1 || frames > 65535) raise(types.ValueError, "the number of frames must be in range [1; 65535]");
    traceback_limit = frames;
    g_tracemalloc->start();
    return new_none();
}

Ref<> t_stop(Object*, Args args, void*) {
    check_nargs("tracemalloc.stop", args, 0, 0);
    g_tracemalloc->stop();
    return new_none();
}

Ref<> t_is_tracing(Object*, Args args, void*) {
    check_nargs("tracemalloc.is_tracing", args, 0, 0);
    return new_bool(g_tracemalloc->tracing());
}

Ref<> t_get_traced_memory(Object*, Args args, void*) {
    check_nargs("tracemalloc.get_traced_memory", args, 0, 0);
    Ref<> current = new_int(g_tracemalloc->current());
    Ref<> peak = new_int(g_tracemalloc->peak());
    return tuple_of({current.get(), peak.get()});
}

Ref<> t_reset_peak(Object*, Args args, void*) {
    check_nargs("tracemalloc.reset_peak", args, 0, 0);
    g_tracemalloc->reset_peak();
    return new_none();
}

Ref<> t_clear_traces(Object*, Args args, void*) {
    check_nargs("tracemalloc.clear_traces", args, 0, 0);
    g_tracemalloc->clear_traces();
    return new_none();
}

Ref<> t_get_traceback_limit(Object*, Args args, void*) {
    check_nargs("tracemalloc.get_traceback_limit", args, 0, 0);
    return new_int(traceback_limit);
}

// The model keeps no allocation tracebacks: an object's is known to be
// None only while tracing is off (none was recorded).
Ref<> t_get_object_traceback(Object*, Args args, void*) {
    check_nargs("tracemalloc.get_object_traceback", args, 1, 1);
    if (g_tracemalloc->tracing()) unsupported("tracemalloc.get_object_traceback while tracing");
    return new_none();
}

Ref<> t_not_modeled(Object*, Args, void* name) {
    unsupported(std::string("tracemalloc.") + static_cast<const char*>(name));
}

}  // namespace

Ref<ModuleObject> make_tracemalloc_module(const Profile& profile) {
    traceback_limit = 1;
    NativeModule m("tracemalloc");
    m.add_function("start", &t_start);
    m.add_function("stop", &t_stop);
    m.add_function("is_tracing", &t_is_tracing);
    m.add_function("get_traced_memory", &t_get_traced_memory);
    m.add_function("reset_peak", &t_reset_peak);
    m.add_function("clear_traces", &t_clear_traces);
    m.add_function("get_traceback_limit", &t_get_traceback_limit);
    m.add_function("get_object_traceback", &t_get_object_traceback);
    for (const char* name : {"take_snapshot", "get_tracemalloc_memory", "Snapshot", "Filter", "DomainFilter",
                             "Statistic", "StatisticDiff", "Trace", "Traceback", "Frame"})
        m.add_function(name, &t_not_modeled, const_cast<char*>(name));
    m.keep_only(*profile.tracemalloc_names);
    return m.take();
}

}  // namespace vm
