// The Python source of pymodel's library modules (backends/vm/lib/),
// embedded at build time; backends/CMakeLists.txt lists them.
#pragma once

#include <string_view>

namespace vm::lib {

struct Module {
    std::string_view name;  // dotted
    std::string_view file;  // relative to backends/vm: lib/NAME.py or lib/NAME/__init__.py
    bool package;
    const char* source;
};

// Library module `name`, or null when the build embedded no such module.
const Module* find(std::string_view name);

}  // namespace vm::lib
