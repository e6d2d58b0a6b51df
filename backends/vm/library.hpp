// Where the modeled runtime's own standard library is installed: the Lib/
// folder of the real interpreter the profile models (its [library]), whose
// importlib bootstrap and pure-Python modules pymodel runs as they are.
// Nothing of them is in pymodel: they are read at run time, as `memconform
// peer` reads each runtime's `test` package.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "profile.hpp"

namespace vm {

struct RuntimeLibrary {
    std::filesystem::path folder;  // its Lib/ (for CPython, what sys._stdlib_dir names)
    std::vector<std::string> path;  // the sys.path entries it makes, after $PYTHONPATH's
};

// The profile's library: the first of its folders that exists, or the one
// $PYMODEL_LIBRARY names. Empty `folder` when none does (the profile has no
// [library], or the runtime is not installed); `path` is what sys.path
// would hold all the same.
RuntimeLibrary find_runtime_library(const Profile& profile);

// What a program that needs the library is told when it is not installed
// (the runtime and how to install it).
std::string missing_library_message(const Profile& profile);

// sys.path as the runtime starts it for `script_folder` (python -S): that
// folder ('' for a program read from stdin), $PYTHONPATH's entries (made
// absolute and normalized where the profile says the runtime does), then
// the library's.
std::vector<std::string> startup_sys_path(const Profile& profile, const std::string& script_folder,
                                          const RuntimeLibrary& library);

}  // namespace vm
