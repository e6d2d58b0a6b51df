// The modules pymodel provides, each made by a function of its own.
#pragma once

#include "../objects.hpp"
#include "../profile.hpp"

namespace vm {

Ref<ModuleObject> make_builtins_module();
Ref<ModuleObject> make_sys_module(const Profile& profile);
Ref<ModuleObject> make_gc_module(const Profile& profile);
Ref<ModuleObject> make_atexit_module();
Ref<ModuleObject> make_os_module();
Ref<ModuleObject> make_os_path_module();
// weakref and _weakrefset: their Python source (lib/) run over the native part.
Ref<ModuleObject> make_weakrefset_module();
Ref<ModuleObject> make_weakref_module(const Profile& profile);
// warnings: the native part (errors.cpp's machinery) and lib/warnings.py;
// linecache, its getline.
Ref<ModuleObject> make_warnings_module();
Ref<ModuleObject> make_linecache_module();
// Runs library module `name` (backends/vm/lib/) in `m`'s namespace.
void run_library(ModuleObject* m, std::string_view name);

// The modules CPython writes in C that its library's Python files import.
Ref<ModuleObject> make_math_module();
Ref<ModuleObject> make_random_module();  // _random
Ref<ModuleObject> make_itertools_module();
Ref<ModuleObject> make_bisect_module();  // _bisect
Ref<ModuleObject> make_heapq_module();  // _heapq
Ref<ModuleObject> make_functools_module();  // _functools
Ref<ModuleObject> make_operator_module();  // _operator
Ref<ModuleObject> make_collections_module();  // _collections

// tracemalloc, for a profile with [tracemalloc] (the runtime's g_tracemalloc).
Ref<ModuleObject> make_tracemalloc_module(const Profile& profile);

void init_sys_types();
// sys.getsizeof, sys.getallocatedblocks and sys._debugmallocstats (sizes.cpp).
Ref<> sys_getsizeof(Object* self, Args args, void* data);
Ref<> sys_getallocatedblocks(Object* self, Args args, void* data);
Ref<> sys_debugmallocstats(Object* self, Args args, void* data);

// Runs the atexit callbacks, newest first, printing their errors.
void run_atexit_callbacks();
// Drops the atexit callbacks without running them.
void clear_atexit_callbacks();

}  // namespace vm
