// The import system, as CPython's Python/import.c and the import
// instructions of its eval loop: an import resolves the name (relative to
// the importing module's package), finds the module in sys.modules, or has
// importlib's bootstrap find and load it. That bootstrap is the modeled
// runtime's own importlib/_bootstrap.py and _bootstrap_external.py, read
// from its installed library (library.hpp) and run by the VM, so that what
// an import allocates is counted as CPython's Python code allocates it. It
// finds the modules pymodel writes in C++ through `_imp` (the native module
// table, modules/registry.cpp), those of the runtime's Lib/ and the
// program's own files through sys.path.
//
// The modules pymodel builds itself (gc, sys, os, weakref, warnings,
// pymodel's library: Runtime::import_module) keep their own way and their
// recorded import traces. A profile without a library (PyPy's model runs
// the files of sys.path itself: its imports are not counted), or whose
// library does not say `counted_imports`, finds files without the
// bootstrap, and the counts are unknown after such an import.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "library.hpp"
#include "objects.hpp"

namespace lang {
struct Diagnostic;
}

namespace vm {

class ImportSystem {
  public:
    ImportSystem();
    ~ImportSystem();
    ImportSystem(const ImportSystem&) = delete;
    ImportSystem& operator=(const ImportSystem&) = delete;

    // The profile's library (found at start-up).
    const RuntimeLibrary& library() const { return library_; }
    // importlib._bootstrap (sys.modules' _frozen_importlib), set up the first
    // time an import needs it, with the counts paused: CPython's start-up
    // made it. Stops the program as unsupported when the library is not
    // installed; null for a profile whose runtime does not import through
    // it (PyPy's).
    ModuleObject* bootstrap();
    // The builtin __import__ as start-up made it (CPython's import_func).
    Object* import_func() const { return import_func_; }
    void remember_import_func(Object* f) { import_func_ = share(f).release(); }
    // Whether the bootstrap is set up and installed (imports made while it
    // sets itself up find modules without it).
    bool bootstrap_ready() const { return ready_; }
    // The source of a module whose code the bootstrap ran, by its path, for
    // tracebacks.
    const std::string* source_of(const std::string& filename) const;
    void remember_source(const std::string& filename, std::string text);
    // An import of `name` searched sys.path's folders, through the bootstrap
    // or by replaying a recorded trace (Runtime::charge_import). A trace was
    // recorded in a fresh interpreter, which made the folders' finders
    // (sys.path_importer_cache) during it; the bootstrap makes them the
    // first time it searches. Once both ways have searched, one counts
    // finders the other made, or misses some: the counts are unknown.
    enum class PathSearch { Bootstrap, Trace };
    void searched_path(PathSearch by, StrObject* name);

  private:
    void set_up_bootstrap();

    RuntimeLibrary library_;
    bool set_up_ = false;
    bool ready_ = false;
    bool searched_by_bootstrap_ = false;
    bool searched_by_trace_ = false;
    ModuleObject* bootstrap_ = nullptr;  // counted
    Object* import_func_ = nullptr;  // counted
    std::map<std::string, std::string> sources_;
};

// PyImport_ImportModuleLevelObject: `import name` (level 0) or `from
// .name import ...` (level > 0) in a module whose globals are `globals`.
Ref<> import_module_level(StrObject* name, Object* globals, Object* fromlist, std::int64_t level);

// Compiles the library file `path` as the runtime's code named `filename`
// (a frozen module's "<frozen NAME>"), counts paused: what CPython made of
// it is the caller's to count. Stops the program as unsupported where the
// front end cannot compile it.
Ref<CodeObject> compile_library_file(const std::filesystem::path& path, const std::string& filename);

// What the front end's failure to compile `filename` means: a SyntaxError
// for a file of the program's, but the runtime compiles every file of its
// own library (one in a syntax newer than the front end's, 3.12's type
// parameters say), so there it stops the program as unsupported.
[[noreturn]] void compile_failed(const lang::Diagnostic& diagnostic, const std::string& filename);

}  // namespace vm
