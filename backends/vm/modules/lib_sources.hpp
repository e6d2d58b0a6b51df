// The Python source of pymodel's library modules (backends/vm/lib/*.py),
// embedded at build time; backends/vm/CMakeLists.txt lists them.
#pragma once

#include <string_view>

namespace vm::lib {

// The source of lib/NAME.py, or null when the build embedded no such module.
const char* source(std::string_view name);

}  // namespace vm::lib
