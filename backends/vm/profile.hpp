// A runtime profile: everything that differs between the modeled runtimes
// and is data (backends/profiles/<name>.toml). Every key is documented in
// the TOML files.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vm {

struct Profile {
    std::string name;           // the file's stem: "cpython-3.11"
    std::string description;
    std::string manager;        // "refcount" or "tracing"
    std::string version_line;   // printed by pymodel --version

    // sys
    std::string implementation_name;
    std::array<int, 3> version_info{};
    std::string release_level = "final";
    int serial = 0;
    std::string sys_version;
    std::vector<std::string> sys_names;      // the sys attributes that exist
    int recursion_limit = 1000;
    std::vector<std::string> startup_modules;  // imported before the program's first line

    // gc and weakref
    std::vector<std::string> gc_names;       // the gc attributes that exist
    std::array<int, 3> gc_thresholds{};
    bool gc_collect_returns_count = true;    // false: None
    std::array<int, 3> gc_startup_counts{};  // gc.get_count() at the first line of a program
    std::vector<std::string> weakref_names;  // the weakref attributes that exist
    bool weakref_slotted_instances = false;  // ref() works on instances with __slots__ but no __weakref__

    // messages
    std::string finalizer_error_header;      // "{}" is the repr of __del__
    std::string callback_error_header;       // "{}" is the repr of the callback
    std::string generator_error_header;      // "{}" is the repr of the generator
    std::string atexit_error_header;         // "{}" is the repr of the atexit function

    // builtins that run bytecode on this runtime (instruction boundaries)
    std::vector<std::string> app_level_builtins;
    // builtins called with their positional arguments in a new tuple
    std::vector<std::string> varargs_builtins;         // METH_VARARGS
    std::vector<std::string> clinic_varargs_builtins;  // Argument Clinic's *args

    // interpreter exit
    bool exit_collect = true;           // collect garbage after atexit
    bool exit_finalize_modules = true;  // tear modules down (finalizers of globals run)
    bool exit_flush_files = false;      // flush every open file (PyPy's AutoFlusher)

    // Reads `dir/<name>.toml`; on error returns nullopt and sets `error`.
    static std::optional<Profile> load(const std::filesystem::path& dir, const std::string& name,
                                       std::string& error);
};

// Where profiles are looked for: $PYMODEL_PROFILES, else the source tree's
// backends/profiles (set at build time).
std::filesystem::path default_profile_dir();

}  // namespace vm
