#include "runner/environment.hpp"

extern char** environ;

namespace memconform {

const Environment& pinned_variables() {
    static const Environment kPinned = {
        {"PYTHONUNBUFFERED", "1"},
        {"PYTHONHASHSEED", "0"},
        {"LC_ALL", "C.UTF-8"},
    };
    return kPinned;
}

bool passes_through(std::string_view name) {
    for (std::string_view passed : {"PATH", "HOME", "JAVA_HOME", "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"})
        if (name == passed) return true;
    return false;
}

Environment case_environment(const Environment& backend_env) {
    Environment env;
    for (char** entry = environ; *entry; ++entry) {
        std::string_view text = *entry;
        auto eq = text.find('=');
        if (eq == std::string_view::npos || !passes_through(text.substr(0, eq))) continue;
        env.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    for (const auto& [name, value] : pinned_variables()) env[name] = value;
    for (const auto& [name, value] : backend_env) env[name] = value;
    return env;
}

}  // namespace memconform
