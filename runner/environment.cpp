#include "runner/environment.hpp"

extern char** environ;

namespace memconform {

const Environment& pinned_variables() {
    static const Environment pinned = {
        {"PYTHONUNBUFFERED", "1"},
        {"PYTHONHASHSEED", "0"},
        {"LC_ALL", "C.UTF-8"},
    };
    return pinned;
}

bool is_scrubbed(std::string_view name) {
    return name.starts_with("PYTHON") || name.starts_with("PYPY") || name == "FORCE_COLOR";
}

Environment case_environment(const Environment& backend_env) {
    Environment env;
    for (char** entry = environ; *entry; ++entry) {
        std::string_view text = *entry;
        auto eq = text.find('=');
        if (eq == std::string_view::npos || is_scrubbed(text.substr(0, eq))) continue;
        env.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    for (const auto& [name, value] : pinned_variables()) env[name] = value;
    for (const auto& [name, value] : backend_env) env[name] = value;
    return env;
}

}  // namespace memconform
