// The table of the modules pymodel writes in C++ that the runtime's own
// import system finds: CPython's built-in modules (sys.builtin_module_names,
// made by _imp.create_builtin) and its extension modules (a .so in
// lib-dynload, made by _imp.create_dynamic) alike. importlib finds each as
// the runtime does (BuiltinImporter, or the FileFinder of the folder that
// holds the .so) and asks `_imp` to make it: `_imp` looks its name up here.
// A module the runtime has and this table lacks stops the program as
// unsupported when it is imported, rather than raising an ImportError the
// runtime never raises (a pure-Python fallback would run instead).
//
// To add one: write `Ref<ModuleObject> make_NAME_module()` in
// modules/NAME.cpp (NativeModule builds it), declare it in
// modules/modules.hpp and add {"NAME", &make_NAME_module} to the table in
// registry.cpp. Its maker runs counted, inside the program's import: it
// must allocate what CPython's module init allocates, in its order, on
// every profile (the module object and its dict, a builtin function object
// for each function, the heap types CPython makes with their dicts, MROs
// and descriptors, the dict copy a single-phase module keeps,
// keep_init_dict_copy), so that gc.get_count() after `import NAME` is the
// runtime's; a case of cases/imports/ checks it per profile. Where it
// cannot, the maker calls rt().manager().on_uncharged(...) with the reason,
// and the counts are refused until a full collection.
#pragma once

#include <string_view>

#include "../objects.hpp"

namespace vm {

struct NativeModuleDef {
    std::string_view name;
    Ref<ModuleObject> (*make)();
};

// The module of that name pymodel writes, or null.
const NativeModuleDef* find_native_module(std::string_view name);

// Whether `name` is one of the modules pymodel builds itself whose C init
// the profile's traces record, which importlib's loader finds and `_imp`
// makes where the model runs importlib (registry.cpp).
bool traced_native_module(std::string_view name);

// Whether `module` is a traced module that `_imp` made for importlib and
// has not yet executed: importlib looks up the attributes it is about to set
// (__file__, __loader__, ...), which CPython's module lacks then too.
bool made_for_importlib(const Object* module);
// `_imp` made it for importlib (create_dynamic), which sets its __file__
// and executes it next.
void made_for_importlib_exec(const Object* module);
// `_imp` executed it (its exec_dynamic or exec_builtin).
void executed_for_importlib(const Object* module);

// Makes the registered module `name`, counted; stops the program as
// unsupported when pymodel has none (`origin`: where the runtime has it,
// for the message: "built in", or the extension's file).
Ref<ModuleObject> make_registered_module(std::string_view name, std::string_view origin = "built in");

// _PyImport_FixupExtensionObject: a single-phase module (m_size -1) keeps a
// copy of its dict for reloads, which lives as long as the runtime.
void keep_init_dict_copy(ModuleObject* module);

}  // namespace vm
