// The modules pymodel knows (backends/CMakeLists.txt lists them): the front
// end accepts imports of these only; the VM makes or refuses them.
#pragma once

#include <optional>
#include <string_view>

namespace lang {

enum class ModuleKind {
    Native,  // written in C++ (backends/vm/modules/)
    Lib,  // pymodel's library, in Python (backends/vm/lib/)
    Absent,  // the runtime has it, pymodel does not: an import stops (Runtime::import_module)
};

std::optional<ModuleKind> known_module(std::string_view name);

}  // namespace lang
