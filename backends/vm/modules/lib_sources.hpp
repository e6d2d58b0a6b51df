// The Python source of pymodel's library modules (backends/vm/lib/),
// embedded at build time, and their code compiled at build time;
// backends/CMakeLists.txt lists them.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vm::lib {

struct Module {
    std::string_view name;  // dotted
    std::string_view file;  // relative to backends/vm: lib/NAME.py or lib/NAME/__init__.py
    bool package;
    const char* source;

    // The file name its code carries (co_filename, __file__): pymodel/FILE.
    std::string filename() const { return "pymodel/" + std::string(file); }
};

// Library module `name`, or null when the build embedded no such module.
const Module* find(std::string_view name);

// Every library module, in backends/CMakeLists.txt's order.
std::span<const Module> modules();

// The code of library module `name` compiled at build time with the
// options whose lang::options_key is `options_key`, serialized
// (lang/serialize.hpp); empty when the build compiled none for those options
// (lib/precompile.cpp, which generates the definition).
std::string_view compiled(std::string_view name, std::string_view options_key);

}  // namespace vm::lib
