// warnings: the native part (CPython's _warnings: the filters, the once
// registry, warn), over which the VM runs lib/warnings.py, as CPython
// does; and linecache.getline, which its formatting reads the source with.
#include <filesystem>

#include "../api.hpp"
#include "../frame.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// warn(message, category=None, stacklevel=1, source=None)
Ref<> w_warn(Object*, Args args, void*) {
    Object* message = nullptr;
    Object* category = nullptr;
    Object* stacklevel = nullptr;
    Object* source = nullptr;
    parse_args("warnings.warn", args, {"message", "category", "stacklevel", "source"}, 1,
               {&message, &category, &stacklevel, &source});
    // get_category
    TypeObject* type = types.UserWarning;
    if (is_instance_of(message, types.Warning)) type = message->type;
    else if (category && category != consts.None) {
        if (!category->type->has(TF_TYPE_SUBCLASS) || !static_cast<TypeObject*>(category)->is_subtype(types.Warning))
            raisef(types.TypeError, "category must be a Warning subclass, not '{}'", category->type->name);
        type = static_cast<TypeObject*>(category);
    }
    std::int64_t level = stacklevel ? as_index(stacklevel) : 1;
    do_warn(message, type, level, source && source != consts.None ? source : nullptr);
    return new_none();
}

Ref<> w_filters_mutated(Object*, Args args, void*) {
    check_nargs("warnings._filters_mutated", args, 0, 0);
    filters_mutated();
    return new_none();
}

// linecache.getline(filename, lineno): the line with its newline, "" when
// there is no such file or line. A file the program did not run is
// unsupported: the model keeps only the sources it compiled.
Ref<> l_getline(Object*, Args args, void*) {
    check_nargs("linecache.getline", args, 2, 3);
    if (!is_str(args[0])) return new_str("");
    const std::string* source = rt().source_of(str_value(args[0]));
    std::error_code no_file;
    if (!source && std::filesystem::exists(str_value(args[0]), no_file))
        unsupported("linecache.getline of a file the program did not run");
    std::int64_t lineno = as_index(args[1]);
    if (!source || lineno < 1) return new_str("");
    std::size_t start = 0;
    for (std::int64_t i = 1; i < lineno; ++i) {
        start = source->find('\n', start);
        if (start == std::string::npos) return new_str("");
        ++start;
    }
    if (start >= source->size()) return new_str("");
    std::size_t end = source->find('\n', start);
    std::string line = source->substr(start, end == std::string::npos ? std::string::npos : end - start);
    return new_str(line + "\n");
}

}  // namespace

Ref<ModuleObject> make_warnings_module() {
    NativeModule m("warnings");
    m.add("filters", warnings_filters());
    m.add("_onceregistry", warnings_once_registry());
    m.add("_defaultaction", warnings_default_action());
    m.add_function("warn", &w_warn);
    m.add_function("_filters_mutated", &w_filters_mutated);
    run_library(m.module(), "warnings");
    return m.take();
}

// _warnings, as the runtime's library's warnings.py imports it.
Ref<ModuleObject> make_native_warnings_module() {
    NativeModule m("_warnings");
    m.add("filters", warnings_filters());
    m.add("_onceregistry", warnings_once_registry());
    m.add("_defaultaction", warnings_default_action());
    m.add_function("warn", &w_warn);
    m.add_function("_filters_mutated", &w_filters_mutated);
    return m.take();
}

Ref<ModuleObject> make_linecache_module() {
    NativeModule m("linecache");
    m.add_function("getline", &l_getline);
    return m.take();
}

}  // namespace vm
