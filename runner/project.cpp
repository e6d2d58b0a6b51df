#include "runner/project.hpp"

#include <stdexcept>

namespace memconform {

namespace fs = std::filesystem;

namespace {

// memconform is <build>/runner/memconform.
fs::path running_build_dir() {
    std::error_code error;
    auto self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self.parent_path().parent_path();
}

fs::path nearest_root() {
    for (auto dir = fs::current_path();; dir = dir.parent_path()) {
        if (fs::exists(dir / "backends.toml")) return dir;
        if (dir == dir.root_path()) break;
    }
    throw std::runtime_error("no backends.toml here or in any parent folder: run inside the project or pass --root");
}

}  // namespace

Project find_project(const std::string& given) {
    fs::path root = given.empty() ? nearest_root() : fs::absolute(given);
    if (!fs::exists(root / "backends.toml"))
        throw std::runtime_error(root.string() + " is not a memconform project: it has no backends.toml");
    root = root.lexically_normal();
    if (!root.has_filename()) root = root.parent_path();  // no trailing slash in {root}
    return {root, running_build_dir()};
}

}  // namespace memconform
