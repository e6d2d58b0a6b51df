// Argument parsing for functions written in C++, with the modeled runtime's
// messages (Profile::call_errors).
#include "api.hpp"

namespace vm {

namespace {

[[noreturn]] void raise_from_table(CallErrors::Found found, const std::string& message, std::string_view key,
                                   const std::string& call) {
    if (found == CallErrors::Found::Message) raisef(types.TypeError, "{}", message);
    if (found == CallErrors::Found::Accepted)
        unsupported(fmt::format("{} with {}, which the runtime accepts", key, call));
    unsupported(fmt::format("the runtime's message for {} with {} (none recorded)", key, call));
}

}  // namespace

void raise_arity_error(CallKey call_key, std::size_t nargs) {
    std::string key = call_key.joined(), message;
    CallErrors::Found found = rt().profile().call_errors().arity(key, nargs, message);
    raise_from_table(found, message, key, fmt::format("{} positional arguments", nargs));
}

void raise_keyword_error(CallKey call_key, std::string_view keyword) {
    std::string key = call_key.joined(), message;
    CallErrors::Found found = rt().profile().call_errors().keyword(key, keyword, message);
    raise_from_table(found, message, key, fmt::format("the keyword '{}'", keyword));
}

void raise_call_error(CallKey key, Args args) {
    if (args.nkw()) raise_keyword_error(key, str_value(args.kwnames->items[0]));
    raise_arity_error(key, args.nargs);
}

void parse_args(CallKey key, Args args, std::initializer_list<const char*> names, std::size_t required,
                std::initializer_list<Object**> out) {
    std::vector<const char*> n(names);
    std::vector<Object**> o(out);
    for (Object** p : o) *p = nullptr;
    if (args.nargs > n.size()) raise_arity_error(key, args.nargs);
    for (std::size_t i = 0; i < args.nargs; ++i) *o[i] = args[i];
    for (std::size_t k = 0; k < args.nkw(); ++k) {
        const std::string& name = str_value(args.kwnames->items[k]);
        std::size_t i = 0;
        while (i < n.size() && name != n[i]) ++i;
        if (i == n.size()) raise_keyword_error(key, name);
        // Not recorded: worded as CPython's PyArg_ParseTupleAndKeywords, with the bare function name.
        std::string_view function = key.name.substr(key.name.rfind('.') + 1);
        if (*o[i])
            raisef(types.TypeError, "argument for {}() given by name ('{}') and position ({})", function, name, i + 1);
        *o[i] = args[args.nargs + k];
    }
    for (std::size_t i = 0; i < required; ++i)
        if (!*o[i]) raise_arity_error(key, args.nargs);
}

}  // namespace vm
