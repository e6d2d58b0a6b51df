// Argument parsing for functions written in C++, with CPython's messages.
#include "api.hpp"

namespace vm {

void check_nargs(const char* fn, Args args, std::size_t min, std::size_t max) {
    if (args.nkw()) raisef(types.TypeError, "{}() takes no keyword arguments", fn);
    if (args.nargs >= min && args.nargs <= max) return;
    if (min == max && max == 0) raisef(types.TypeError, "{}() takes no arguments ({} given)", fn, args.nargs);
    if (min == max && max == 1) raisef(types.TypeError, "{}() takes exactly one argument ({} given)", fn, args.nargs);
    if (min == max) raisef(types.TypeError, "{} expected {} arguments, got {}", fn, min, args.nargs);
    if (args.nargs < min)
        raisef(types.TypeError, "{} expected at least {} argument{}, got {}", fn, min, min == 1 ? "" : "s", args.nargs);
    raisef(types.TypeError, "{} expected at most {} argument{}, got {}", fn, max, max == 1 ? "" : "s", args.nargs);
}

void no_keywords(const char* fn, Args args) {
    if (args.nkw()) raisef(types.TypeError, "{}() takes no keyword arguments", fn);
}

void parse_args(const char* fn, Args args, std::initializer_list<const char*> names, std::size_t required,
                std::initializer_list<Object**> out) {
    std::vector<const char*> n(names);
    std::vector<Object**> o(out);
    for (Object** p : o) *p = nullptr;
    if (args.nargs > n.size())
        raisef(types.TypeError, "{}() takes at most {} argument{} ({} given)", fn, n.size(), n.size() == 1 ? "" : "s",
               args.nargs + args.nkw());
    for (std::size_t i = 0; i < args.nargs; ++i) *o[i] = args[i];
    for (std::size_t k = 0; k < args.nkw(); ++k) {
        const std::string& key = str_value(args.kwnames->items[k]);
        std::size_t i = 0;
        while (i < n.size() && key != n[i]) ++i;
        if (i == n.size()) raisef(types.TypeError, "{}() got an unexpected keyword argument '{}'", fn, key);
        if (*o[i]) raisef(types.TypeError, "argument for {}() given by name ('{}') and position ({})", fn, key, i + 1);
        *o[i] = args[args.nargs + k];
    }
    for (std::size_t i = 0; i < required; ++i)
        if (!*o[i]) raisef(types.TypeError, "{}() missing required argument '{}' (pos {})", fn, n[i], i + 1);
}

}  // namespace vm
