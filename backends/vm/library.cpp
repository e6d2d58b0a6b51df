// Finding the modeled runtime's library, and sys.path as the runtime
// starts it.
#include "library.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace vm {

namespace {

// A profile's folder with its placeholders filled: {pyenv} is pyenv's root
// ($PYENV_ROOT, else ~/.pyenv).
std::string expand_folder(const std::string& pattern) {
    std::string pyenv;
    if (const char* root = std::getenv("PYENV_ROOT"); root && *root) pyenv = root;
    else if (const char* home = std::getenv("HOME"); home && *home) pyenv = std::string(home) + "/.pyenv";
    std::string out = pattern;
    for (std::size_t at; (at = out.find("{pyenv}")) != std::string::npos;) out.replace(at, 7, pyenv);
    return out;
}

// A library path entry: {library} is the folder, {parent} its parent.
std::string expand_entry(const std::string& pattern, const std::filesystem::path& folder) {
    std::string out = pattern;
    for (auto [name, value] : {std::pair<std::string_view, std::string>{"{library}", folder.string()},
                               {"{parent}", folder.parent_path().string()}})
        for (std::size_t at; (at = out.find(name)) != std::string::npos;) out.replace(at, name.size(), value);
    return out;
}

// os.path.abspath: joined to the current folder, then normalized (no `.`,
// no `..` where it can go, no doubled or trailing separator).
std::string absolute_normalized(const std::string& entry) {
    std::error_code error;
    std::filesystem::path p = entry;
    if (p.is_relative()) p = std::filesystem::current_path(error) / p;
    std::string out = p.lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

}  // namespace

RuntimeLibrary find_runtime_library(const Profile& profile) {
    RuntimeLibrary found;
    if (!profile.library) return found;
    std::error_code error;
    std::vector<std::filesystem::path> candidates;
    if (const char* named = std::getenv("PYMODEL_LIBRARY"); named && *named) candidates.emplace_back(named);
    for (const std::string& folder : profile.library->folders) candidates.emplace_back(expand_folder(folder));
    for (const std::filesystem::path& candidate : candidates) {
        if (!std::filesystem::is_directory(candidate, error)) continue;
        found.folder = candidate;
        break;
    }
    // Where it is not installed, sys.path still names where it would be.
    std::filesystem::path folder = found.folder.empty() && !candidates.empty() ? candidates.back() : found.folder;
    for (const std::string& entry : profile.library->path) found.path.push_back(expand_entry(entry, folder));
    return found;
}

std::string missing_library_message(const Profile& profile) {
    if (!profile.library)
        return fmt::format("the standard library of {}, which this profile does not locate", profile.description);
    std::string folders;
    for (const std::string& folder : profile.library->folders)
        folders += (folders.empty() ? "" : ", ") + expand_folder(folder);
    return fmt::format(
        "the standard library of {}, which is not installed here (looked for {}; "
        "install it with `{}`, or name its folder in $PYMODEL_LIBRARY)",
        profile.description, folders, profile.library->install);
}

std::vector<std::string> startup_sys_path(const Profile& profile, const std::string& script_folder,
                                          const RuntimeLibrary& library) {
    std::vector<std::string> path{script_folder};
    if (const char* pythonpath = std::getenv("PYTHONPATH"); pythonpath && *pythonpath) {
        std::string_view rest = pythonpath;
        for (;;) {
            std::size_t colon = rest.find(':');
            std::string entry(rest.substr(0, colon));
            bool absolute = profile.library && profile.library->absolute_pythonpath;
            path.push_back(absolute ? absolute_normalized(entry) : entry);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    path.insert(path.end(), library.path.begin(), library.path.end());
    return path;
}

}  // namespace vm
