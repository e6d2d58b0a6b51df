// The native module table (registry.hpp).
#include "registry.hpp"

#include <array>
#include <cstdint>
#include <set>
#include <utility>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// Sorted by name.
constexpr std::array kNativeModules = {
    NativeModuleDef{"_imp", &make_imp_module},
    NativeModuleDef{"_io", &make_io_module},
    NativeModuleDef{"_socket", &make_socket_module},
    NativeModuleDef{"_thread", &make_thread_module},
    NativeModuleDef{"_warnings", &make_native_warnings_module},
    NativeModuleDef{"_weakref", &make_native_weakref_module},
    NativeModuleDef{"marshal", &make_marshal_module},
    NativeModuleDef{"posix", &make_posix_module},
    NativeModuleDef{"select", &make_select_module},
};

// The modules whose makers allocate what the model's objects need, not what
// CPython's init allocates: made with the counts paused, and charged with
// the init the profile's trace of the module recorded (where importlib's
// loader called `_imp`: Runtime::charge_module_init). Outside the import
// system (a profile that does not run importlib) Runtime::import_module
// makes them and replays the whole trace. Sorted by name.
constexpr std::array kTracedModules = {
    NativeModuleDef{"_bisect", &make_bisect_module},
    NativeModuleDef{"_heapq", &make_heapq_module},
    NativeModuleDef{"_random", &make_random_module},
    NativeModuleDef{"math", &make_math_module},
};

const NativeModuleDef* find_in(const auto& table, std::string_view name) {
    for (const NativeModuleDef& def : table)
        if (def.name == name) return &def;
    return nullptr;
}

// The traced modules made for importlib and not yet executed, by the
// runtime's serial (a module whose import failed in between stays listed,
// as CPython never executes it).
std::set<std::pair<std::uint64_t, const Object*>>& awaiting_exec() {
    static std::set<std::pair<std::uint64_t, const Object*>> modules;
    return modules;
}

}  // namespace

bool made_for_importlib(const Object* module) { return awaiting_exec().contains({rt().serial(), module}); }

void made_for_importlib_exec(const Object* module) { awaiting_exec().insert({rt().serial(), module}); }

void executed_for_importlib(const Object* module) { awaiting_exec().erase({rt().serial(), module}); }

const NativeModuleDef* find_native_module(std::string_view name) { return find_in(kNativeModules, name); }

bool traced_native_module(std::string_view name) { return find_in(kTracedModules, name); }

Ref<ModuleObject> make_registered_module(std::string_view name, std::string_view origin) {
    if (const NativeModuleDef* traced = find_in(kTracedModules, name)) {
        Ref<ModuleObject> m;
        {
            ManagerCountsPaused paused(rt().manager());
            m = traced->make();
        }
        awaiting_exec().insert({rt().serial(), m.get()});
        const char* step = origin == "built in" ? "create_builtin" : "create_dynamic";
        if (!rt().charge_module_init(step, std::string(name)))
            rt().manager().on_uncharged(
                fmt::format("`import {}`: the profile has no trace of what its {} allocates", name, step));
        return m;
    }
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
