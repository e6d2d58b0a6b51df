#include "runner/temp_dir.hpp"

#include <stdlib.h>

#include <cstdlib>

#include <mutex>
#include <set>
#include <system_error>

namespace memconform {

namespace fs = std::filesystem;

namespace {

std::mutex live_mutex;
std::set<fs::path> live;

// The folder temporary folders go into: $TMPDIR (or TMP, TEMP, ...), else /tmp.
fs::path temp_root() {
    std::error_code error;
    auto root = fs::temp_directory_path(error);
    if (!error) return root;
    const char* named = std::getenv("TMPDIR");
    throw std::system_error(error, "cannot make a temporary folder in " + (named ? std::string(named) : "/tmp"));
}

}  // namespace

TempDir::TempDir(const std::string& prefix) {
    std::string pattern = (temp_root() / (prefix + "XXXXXX")).string();
    if (!mkdtemp(pattern.data()))
        throw std::system_error(errno, std::generic_category(), "cannot make the temporary folder " + pattern);
    path_ = pattern;
    std::lock_guard lock(live_mutex);
    live.insert(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    std::lock_guard lock(live_mutex);
    live.erase(path_);
}

void remove_every_temp_dir() {
    std::lock_guard lock(live_mutex);
    std::error_code ignored;
    for (const auto& path : live) fs::remove_all(path, ignored);
}

}  // namespace memconform
