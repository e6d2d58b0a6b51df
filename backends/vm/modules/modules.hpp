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

// The modules of the native module table (registry.hpp) that the runtime's
// importlib makes: the import system's own (_imp, _thread, _io, marshal,
// posix, _warnings, _weakref).
Ref<ModuleObject> make_imp_module();
Ref<ModuleObject> make_thread_module();
Ref<ModuleObject> make_io_module();
Ref<ModuleObject> make_marshal_module();
Ref<ModuleObject> make_posix_module();
Ref<ModuleObject> make_native_warnings_module();
Ref<ModuleObject> make_native_weakref_module();
// _socket and select: sockets over the system's (socket.cpp, select.cpp).
Ref<ModuleObject> make_socket_module();
Ref<ModuleObject> make_select_module();
// _sre: CPython's regular expression engine, under re (sre.cpp).
Ref<ModuleObject> make_sre_module();
// A mappingproxy of `mapping` (types.MappingProxyType).
Ref<> new_mappingproxy(Object* mapping);
// type.__dict__: a mappingproxy of the type's dict (of a built-in type's,
// one that answers only the names the model's type holds).
Ref<> new_type_dict_proxy(TypeObject* type);
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
