// The native module table (registry.hpp).
#include "registry.hpp"

#include <array>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// Sorted by name.
constexpr std::array kNativeModules = {
    NativeModuleDef{"_imp", &make_imp_module},
    NativeModuleDef{"_io", &make_io_module},
    NativeModuleDef{"_thread", &make_thread_module},
    NativeModuleDef{"_warnings", &make_native_warnings_module},
    NativeModuleDef{"_weakref", &make_native_weakref_module},
    NativeModuleDef{"marshal", &make_marshal_module},
    NativeModuleDef{"posix", &make_posix_module},
};

}  // namespace

const NativeModuleDef* find_native_module(std::string_view name) {
    for (const NativeModuleDef& def : kNativeModules)
        if (def.name == name) return &def;
    return nullptr;
}

Ref<ModuleObject> make_registered_module(std::string_view name, std::string_view origin) {
    const NativeModuleDef* def = find_native_module(name);
    if (!def)
        unsupported(fmt::format("module {} ({} in {}), which pymodel does not write", name, origin,
                                rt().profile().library ? rt().profile().library->runtime : "the runtime"));
    return def->make();
}

void keep_init_dict_copy(ModuleObject* module) {
    Ref<DictObject> copy = dict_copy(module->dict);
    rt().keep(copy.release());
}

}  // namespace vm
